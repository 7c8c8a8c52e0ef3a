/**
 * Enrolling a computer, as an administrator builds it in the editor: the business unit, operating system,
 * node type, policy domain and client option set are picked from the pickers' lists; the workflow creates the
 * consumption unit, its backup node, activates it and lists its filespaces.
 */
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { listSearch, TRIGGER_NAME, type WorkflowJson } from '../harness';
import { CLOUTILITY_NODE, CREDENTIAL_ID, cloutilitySetup, fromList, type CloutilityEnv } from './setup';

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.emulator.reset());

/** A pick from a picker's list, as the editor stores it. */
async function pick(method: string, parameters: INodeParameters, wanted: (name: string) => boolean) {
	const { results } = await listSearch(env.harness, { type: CLOUTILITY_NODE, parameters, credentials: { cloutilityApi: env.credentials() } }, method);
	const found = results.find((result) => wanted(result.name));
	if (!found) throw new Error(`${method} offered no match among ${results.map((result) => result.name).join(', ')}`);
	return fromList(String(found.value), found.name);
}

/** Nodes in a row after the trigger, each with its own name, as the editor exports them. */
function pipeline(steps: Array<{ name: string; parameters: INodeParameters }>): WorkflowJson {
	const nodes: INode[] = [
		{ id: randomUUID(), name: TRIGGER_NAME, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...steps.map(({ name, parameters }, index) => ({
			id: randomUUID(),
			name,
			type: CLOUTILITY_NODE,
			typeVersion: 1,
			position: [220 * (index + 1), 0] as [number, number],
			parameters,
			credentials: { cloutilityApi: { id: CREDENTIAL_ID, name: 'Cloutility account' } },
		})),
	];
	const connections: IConnections = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	});
	return { name: 'Enroll a computer', nodes, connections };
}

test('pick a business unit, create a consumption unit and its backup node, activate it, list its filespaces', async () => {
	const base = { resource: 'backupNode', operation: 'create' };
	const bunitId = await pick('searchBusinessUnits', base, (name) => name === 'Company AB / HR Department');
	const withUnit = { ...base, bunitId };
	const operatingSystem = await pick('searchOperatingSystems', withUnit, (name) => name === 'Linux');
	const type = await pick('searchNodeTypes', { ...withUnit, operatingSystem }, (name) => name === 'File');
	const domain = await pick('searchPolicyDomains', withUnit, (name) => name.startsWith('STANDARD'));
	const clientOptionSet = await pick('searchClientOptionSets', withUnit, (name) => name === 'LINUX_DEFAULT');
	expect([bunitId.value, operatingSystem.value, type.value, domain.value, clientOptionSet.value]).toEqual(['94', '2', '1', '11', '22']);
	env.emulator.requests.length = 0;

	const unitOf = (node: string) => ({ __rl: true, mode: 'id', value: `={{ $('${node}').item.json.id }}` });
	const workflow = pipeline([
		{
			name: 'Create Consumption Unit',
			parameters: { resource: 'consumptionUnit', operation: 'create', bunitId, name: '={{ $json.hostname }}', additionalFields: { note: '={{ $json.owner }}' } },
		},
		{
			name: 'Create Backup Node',
			parameters: { ...base, bunitId, consumerId: unitOf('Create Consumption Unit'), operatingSystem, type, domain, clientOptionSet },
		},
		{
			name: 'Activate',
			parameters: {
				resource: 'backupNode',
				operation: 'activate',
				bunitId,
				consumerId: unitOf('Create Consumption Unit'),
				tsmName: "={{ $('Create Consumption Unit').item.json.name.toUpperCase() }}",
			},
		},
		{
			name: 'List Filespaces',
			parameters: {
				resource: 'backupNode',
				operation: 'getManyFilespaces',
				bunitId,
				consumerId: unitOf('Create Consumption Unit'),
				returnAll: true,
				additionalFields: { tsmSync: true },
			},
		},
	]);
	const input = [
		{ hostname: 'hr-laptop-07', owner: 'Anna (HR)' },
		{ hostname: 'hr-laptop-08', owner: 'Omar (HR)' },
	];
	const run = await env.harness.run(workflow, { input, credentials: { cloutilityApi: env.credentials() } });
	expect(run.error).toBeUndefined();

	const units = run.json('Create Consumption Unit');
	expect(units.map((unit) => [unit.name, unit.note, (unit.businessUnit as { id: number }).id])).toEqual([
		['hr-laptop-07', 'Anna (HR)', 94],
		['hr-laptop-08', 'Omar (HR)', 94],
	]);
	const nodes = run.json('Create Backup Node');
	expect(nodes.map((node) => [(node.operatingSystem as { name: string }).name, (node.clientOptionSet as { name: string }).name])).toEqual([
		['Linux', 'LINUX_DEFAULT'],
		['Linux', 'LINUX_DEFAULT'],
	]);
	expect(run.json('Activate').map((answer) => answer.tsmName)).toEqual(['HR-LAPTOP-07', 'HR-LAPTOP-08']);
	const filespaces = run.items('List Filespaces');
	expect(filespaces.map((item) => [item.json.name, (item.pairedItem as { item: number }).item])).toEqual([
		['/', 0],
		['/home', 0],
		['/', 1],
		['/home', 1],
	]);

	// What the portal now holds, and what went over the wire, in order.
	const created = [...env.emulator.world.consumers.values()].filter((consumer) => consumer.bunitId === 94 && consumer.name.startsWith('hr-laptop'));
	expect(created.map((consumer) => env.emulator.world.nodes.get(consumer.id)?.tsmName)).toEqual(['HR-LAPTOP-07', 'HR-LAPTOP-08']);
	const [first, second] = created.map((consumer) => consumer.id);
	expect(env.emulator.apiRequests.map((request) => `${request.method} ${request.url}`)).toEqual([
		'POST /v1/bunits/94/consumers',
		'POST /v1/bunits/94/consumers',
		`POST /v1/bunits/94/consumers/${first}/node`,
		`POST /v1/bunits/94/consumers/${second}/node`,
		`GET /v1/bunits/94/consumers/${first}/node/activate?tsmName=HR-LAPTOP-07`,
		`GET /v1/bunits/94/consumers/${second}/node/activate?tsmName=HR-LAPTOP-08`,
		`GET /v1/bunits/94/consumers/${first}/node/filespaces?tsmSync=true`,
		`GET /v1/bunits/94/consumers/${second}/node/filespaces?tsmSync=true`,
	]);
	expect(env.emulator.passwordGrants).toHaveLength(1);
	// The portal logged each step under the business unit.
	const logged = env.emulator.world.auditLogs.filter((entry) => entry.businessUnitId === 94).map((entry) => entry.message);
	expect(logged).toEqual(expect.arrayContaining(['Consumption unit hr-laptop-07 created', 'Backup node HR-LAPTOP-08 activated']));
});

describe('pickers', () => {
	const credentials = () => ({ cloutilityApi: env.credentials() });

	test('business units: the tree flattened, each shown with its path, searchable', async () => {
		const spec = { type: CLOUTILITY_NODE, parameters: { resource: 'consumptionUnit', operation: 'getMany' }, credentials: credentials() };
		const all = await listSearch(env.harness, spec, 'searchBusinessUnits');
		expect(all.results).toEqual([
			{ name: 'Company AB', value: '22' },
			{ name: 'Company AB / Marketing Department', value: '76' },
			{ name: 'Company AB / HR Department', value: '94' },
			{ name: 'Company AB / HR Department / Payroll', value: '95' },
		]);
		const searched = await listSearch(env.harness, spec, 'searchBusinessUnits', 'hr');
		expect(searched.results.map((result) => result.value)).toEqual(['94', '95']);
	});

	test('consumption units of the chosen business unit; a clear message until one is chosen', async () => {
		const parameters = { resource: 'consumptionUnit', operation: 'get', bunitId: fromList('76') };
		const found = await listSearch(env.harness, { type: CLOUTILITY_NODE, parameters, credentials: credentials() }, 'searchConsumptionUnits', 'server');
		expect(found.results).toEqual([
			{ name: 'BuildServer (411)', value: '411' },
			{ name: 'FileServer01 (409)', value: '409' },
		]);
		await expect(
			listSearch(env.harness, { type: CLOUTILITY_NODE, parameters: { resource: 'consumptionUnit', operation: 'get' }, credentials: credentials() }, 'searchConsumptionUnits'),
		).rejects.toThrow('Choose the business unit first');
	});

	test('time zones, node types for the chosen OS, and tags', async () => {
		const spec = (parameters: INodeParameters) => ({ type: CLOUTILITY_NODE, parameters, credentials: credentials() });
		const zones = await listSearch(env.harness, spec({ resource: 'catalog', operation: 'getTimeZone' }), 'searchTimeZones', 'stockholm');
		expect(zones.results).toEqual([{ name: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', value: '4' }]);
		const allTypes = await listSearch(env.harness, spec({ resource: 'catalog', operation: 'getNodeType' }), 'searchNodeTypes');
		expect(allTypes.results).toHaveLength(4);
		const windowsTypes = await listSearch(
			env.harness,
			spec({ resource: 'backupNode', operation: 'update', bunitId: fromList('76'), additionalFields: { operatingSystem: fromList('1') } }),
			'searchNodeTypes',
		);
		expect(windowsTypes.results.map((result) => result.name)).toEqual(['File', 'Microsoft SQL Server']);
		const tags = await listSearch(env.harness, spec({ resource: 'tag', operation: 'addToConsumptionUnit', bunitId: fromList('76') }), 'searchTags');
		expect(tags.results.map((result) => result.name)).toEqual(['campaign-data', 'laptop', 'production']);
	});
});
