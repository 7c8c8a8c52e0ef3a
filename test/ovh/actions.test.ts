/**
 * The OVHcloud actions in n8n's node panel. The panel's list is built by n8n's editor from the node description
 * (editor-ui, NodeCreator `actionsParser`: for each option of each `resource` property, the `operation` property
 * shown for it gives one action per option: its `action` text, grouped under "<Resource> Actions", and picking
 * it sets `resource` and `operation`). That rule is applied here to the loaded description: the actions people
 * search for are there, each one runs its operation, and workflows saved before (Resource + Operation picker)
 * run unchanged.
 */
import type { INodeParameters, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PANEL_ACTIONS } from '../../nodes/OvhCloud/actions';
import type { CatalogFamily } from '../../nodes/OvhCloud/catalog/types';
import { resourceMapperFields } from '../harness/editor-calls';
import { NODE_NAME, op, OVH_NODE, ovhSetup, params, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const description = (): INodeTypeDescription => env.harness.nodeTypes.getByNameAndVersion(OVH_NODE, 1).description;

interface PanelEntry {
	label: string;
	displayName: string;
	values: { resource: string; operation: string };
}

/** The node panel's actions, by the editor's rule (resource options × the operation property shown for each). */
function panelActions(node: INodeTypeDescription): PanelEntry[] {
	const entries: PanelEntry[] = [];
	for (const resource of node.properties.filter((property) => property.name === 'resource')) {
		const options = (resource.options ?? []) as INodePropertyOptions[];
		for (const option of options) {
			const operations = node.properties.find(
				(property) => property.name === 'operation' && (property.displayOptions?.show?.resource?.includes(option.value) ?? options.length === 1),
			);
			for (const entry of (operations?.options ?? []) as INodePropertyOptions[]) {
				entries.push({
					label: `${option.name} Actions`,
					displayName: entry.action ?? `${option.name} ${entry.name}`,
					values: { resource: String(option.value), operation: String(entry.value) },
				});
			}
		}
	}
	return entries;
}

const resolved = (values: INodeParameters) => NodeHelpers.getNodeParameters(description().properties, values, true, false, { typeVersion: 1 }, description())!;
const shown = (values: INodeParameters, property: INodeProperties) => NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description());
const endpointProperty = () => description().properties.find((property) => property.name === 'endpoint')!;

describe('what the node panel lists', () => {
	test('at least 50 actions people come for, each with its own text, plus "any API operation" per family and the Auth Helper', () => {
		const actions = panelActions(description());
		const chosen = actions.filter((entry) => entry.values.resource !== 'authHelper' && entry.values.operation !== 'any');
		expect(chosen.length).toBeGreaterThanOrEqual(50);
		expect(chosen).toHaveLength(78);
		expect(actions.filter((entry) => entry.values.operation === 'any')).toHaveLength(Object.keys(PANEL_ACTIONS).length);
		expect(actions.filter((entry) => entry.values.resource === 'authHelper')).toHaveLength(3);
		// No action twice (one Resource property, one Operation per family).
		expect(new Set(actions.map((entry) => `${entry.label} ${entry.displayName}`)).size).toBe(actions.length);
		expect(new Set(actions.map((entry) => `${entry.values.resource} ${entry.values.operation}`)).size).toBe(actions.length);
		// Sentence case, no trailing period: as n8n writes its own actions.
		for (const entry of chosen) expect(entry.displayName).toMatch(/^[A-Z][^.]*[^. ]$/);
	});

	test.each(['DNS record', 'invoice', 'bill', 'reboot', 'SMS', 'instance', 'reinstall', 'VPS', 'order', 'ticket', 'email', 'renewal', 'IP'])(
		'searching "%s" finds OVHcloud actions, and the node itself',
		(word) => {
			const found = panelActions(description()).filter((entry) => entry.displayName.toLowerCase().includes(word.toLowerCase()));
			expect(found.length).toBeGreaterThan(0);
			// The panel's first search (all nodes) looks at node names and their codex aliases.
			const aliases = (description().codex?.alias ?? []).map((alias) => alias.toLowerCase());
			expect(aliases.some((alias) => alias.includes(word.toLowerCase()))).toBe(true);
		},
	);

	test('the groups carry readable family names', () => {
		const labels = [...new Set(panelActions(description()).map((entry) => entry.label))];
		expect(labels).toEqual(
			expect.arrayContaining([
				'Domain Actions',
				'Me (Account, Bills, Orders) Actions',
				'Dedicated Server Actions',
				'VPS Actions',
				'Public Cloud Actions',
				'IP Actions',
				'SMS Actions',
				'Email Domain Actions',
				'Support Actions',
				'Services Actions',
			]),
		);
		const dns = panelActions(description()).filter((entry) => /DNS record/i.test(entry.displayName));
		expect(dns.map((entry) => entry.displayName).sort()).toEqual([
			'Create a DNS record',
			'Delete a DNS record',
			'Get a DNS record',
			'List DNS records of a zone',
			'Update a DNS record',
		]);
	});

	test('every action is an operation of its family\'s catalog', () => {
		for (const [family, actions] of Object.entries(PANEL_ACTIONS)) {
			const catalog = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', 'nodes', 'OvhCloud', 'catalog', `${family}.json`), 'utf8')) as CatalogFamily;
			const keys = new Set(catalog.operations.map((operation) => `${operation.m} ${operation.p}`));
			for (const action of actions) expect([family, keys.has(action.key)]).toEqual([family, true]);
			expect(new Set(actions.map((action) => action.name)).size).toBe(actions.length);
		}
	});
});

describe('an action in the editor', () => {
	test('picking one sets the family and the operation; the Operation picker is hidden, the parameters are the operation\'s', async () => {
		const picked = { resource: 'v1/domain', operation: 'POST /domain/zone/{zoneName}/record' };
		const values = resolved(picked);
		expect(values).toMatchObject(picked);
		expect(values.endpoint).toBeUndefined();
		expect(shown(values, endpointProperty())).toBe(false);
		const { fields } = await resourceMapperFields(env.harness, { type: OVH_NODE, parameters: values }, 'getOperationFields');
		expect(fields.map((field) => field.id)).toEqual(['zoneName', 'fieldType', 'subDomain', 'target', 'ttl']);
	});

	test('"Any API Operation" (the default) shows the picker, as do families without actions', () => {
		expect(resolved({ resource: 'v1/domain' })).toMatchObject({ operation: 'any' });
		expect(shown({ resource: 'v1/domain', operation: 'any' }, endpointProperty())).toBe(true);
		expect(shown({ resource: 'v2/location' }, endpointProperty())).toBe(true);
		expect(resolved({ resource: 'v2/location' }).operation).toBeUndefined();
		expect(shown({ resource: 'authHelper', operation: 'logOut' }, endpointProperty())).toBe(false);
	});

	test('every action hides the picker and "any" shows it, by a display condition without a regular expression', () => {
		// n8n checks the picker's display conditions on every read of it during a run; a `regex` condition runs in a
		// fresh VM context each time (most of the node's own cost per item, see the README's benchmarks).
		expect(JSON.stringify(endpointProperty().displayOptions)).not.toContain('regex');
		for (const [resource, actions] of Object.entries(PANEL_ACTIONS)) {
			for (const { key } of actions) expect([key, shown({ resource, operation: key }, endpointProperty())]).toEqual([key, false]);
		}
	});

	test('the subtitle names the operation either way', () => {
		expect(description().subtitle).toContain('$parameter["operation"]');
		expect(description().subtitle).toContain('$parameter["endpoint"]');
	});
});

describe('running an action', () => {
	test('"Create a DNS record" runs POST /domain/zone/{zoneName}/record, with no Operation picker value', async () => {
		const run = await env.run({
			resource: 'v1/domain',
			operation: 'POST /domain/zone/{zoneName}/record',
			parameters: params({ zoneName: 'example.org', fieldType: 'TXT', subDomain: 'n8n', target: 'hello' }),
		});
		expect(run.json(NODE_NAME)).toEqual([expect.objectContaining({ zone: 'example.org', fieldType: 'TXT', subDomain: 'n8n', target: 'hello' })]);
		expect(env.emulator.calls.map((call) => call.key).filter((key) => key !== 'GET /auth/time')).toEqual(['POST /domain/zone/{zoneName}/record']);
	});

	test('the action wins over a picker value left from before; lists keep Return All / Limit', async () => {
		const run = await env.run({
			resource: 'v1/me',
			operation: 'GET /me/bill',
			endpoint: op('GET /me'),
			parameters: params({}),
			returnAll: false,
			limit: 2,
		});
		expect(run.json(NODE_NAME)).toHaveLength(2);
		expect(env.emulator.calls.map((call) => call.key).filter((key) => key !== 'GET /auth/time')).toEqual(['GET /me/bill']);
	});

	test('"Reboot a dedicated server" with Wait for Completion waits for its task', async () => {
		env.emulator.work.plan('POST /dedicated/server/{serviceName}/reboot', { durationMs: 300 });
		const run = await env.run({
			resource: 'v1/dedicated',
			operation: 'POST /dedicated/server/{serviceName}/reboot',
			parameters: params({ serviceName: 'ns3001234.ip-203-0-113.eu' }),
			options: { waitForCompletion: true, pollInterval: 0.1 },
		});
		expect(run.json(NODE_NAME)).toEqual([expect.objectContaining({ function: 'hardReboot', status: 'done' })]);
	});

	test('a workflow saved before (Resource + Operation picker, no "operation") runs unchanged', async () => {
		const saved = { resource: 'v1/domain', endpoint: op('GET /domain/zone'), parameters: params({}) };
		expect(resolved(saved)).toMatchObject({ ...saved, operation: 'any' });
		const run = await env.run(saved);
		expect(run.json(NODE_NAME)).toEqual([{ zoneName: 'example.eu' }, { zoneName: 'example.org' }]);
		const other = await env.run({ resource: 'v2/location', endpoint: op('GET /location'), parameters: params({}) });
		expect(other.json(NODE_NAME)).toHaveLength(env.emulator.data.locations.length);
	});
});
