/**
 * What the editor gets: resources and operations from the catalog, per-method defaults, masked secrets, the
 * Options, a light description; and the pickers ("From List" of resource locators), run as the editor runs them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { OPERATIONS, SHARED_FIELDS } from '../../nodes/OpenVCloud/catalog';
import { listSearch } from '../harness';
import { byId, fromList, NODE_NAME, OVC_NODE, useOpenVCloud } from './setup';

const env = useOpenVCloud();
let description: INodeTypeDescription;

beforeAll(() => {
	description = env.harness.nodeTypes.getByNameAndVersion(OVC_NODE, 1).description;
});

/** The parameters the editor shows for an operation, with their defaults. */
const shown = (resource: string, operation: string, extra: INodeParameters = {}) =>
	NodeHelpers.getNodeParameters(description.properties, { resource, operation, ...extra }, true, false, null, description)!;

test('an n8n action node: tool-usable, subtitle, icons, codex with category and documentation', () => {
	expect(description).toMatchObject({ displayName: 'OpenvCloud', usableAsTool: true, inputs: ['main'], outputs: ['main'] });
	expect(description.subtitle).toContain('$parameter["operation"]');
	const dir = path.resolve(__dirname, '../../dist/nodes/OpenVCloud');
	for (const icon of ['openVCloud.svg', 'openVCloud.dark.svg']) expect(existsSync(path.join(dir, icon))).toBe(true);
	const codex = JSON.parse(readFileSync(path.join(dir, 'OpenVCloud.node.json'), 'utf8')) as Record<string, unknown>;
	expect(codex).toMatchObject({ node: 'n8n-nodes-eurocloud.openVCloud', categories: ['Development'] });
	expect(JSON.stringify(codex.resources)).toContain('primaryDocumentation');
});

test('one resource per actor plus Task, one operation per method, each with an action', () => {
	const resources = description.properties.find((property) => property.name === 'resource')!;
	expect((resources.options as Array<{ name: string }>).map((option) => option.name)).toEqual([
		'Account',
		'Cloud Space',
		'Disk',
		'External Network',
		'Image',
		'IPsec Tunnel',
		'Location',
		'Machine',
		'Port Forwarding',
		'Size',
		'Task',
		'User',
	]);
	const operations = description.properties.filter((property) => property.name === 'operation');
	const options = operations.flatMap((property) => property.options as Array<{ value: string; action?: string }>);
	expect(options).toHaveLength(102);
	expect(options.every((option) => option.action && option.action.length > 5)).toBe(true);
	for (const { actor, method } of OPERATIONS) {
		const property = operations.find((candidate) => candidate.displayOptions?.show?.resource?.[0] === actor.resource)!;
		expect((property.options as Array<{ value: string }>).map((option) => option.value)).toContain(method.name);
	}
});

test('required fields are parameters, optional ones under Additional Fields, with the catalog defaults', () => {
	const addDisk = shown('machine', 'addDisk');
	expect(addDisk).toMatchObject({ size: 10, type: 'B', diskName: '', additionalFields: {} });
	const create = description.properties.find(
		(property) => property.name === 'additionalFields' && property.displayOptions?.show?.resource?.[0] === 'cloudSpace' && property.displayOptions.show.operation?.[0] === 'create',
	)!;
	const optional = Object.fromEntries((create.options as INodeProperties[]).map((option) => [option.name, option.default]));
	expect(optional).toMatchObject({ maxCPUCapacity: -1, privatenetwork: '192.168.103.0/24', type: 'routeros' });
});

test('Wait for Completion: on for long-running tasks, off for resizes, absent for files and background jobs', () => {
	expect(shown('machine', 'create')).toMatchObject({ waitForCompletion: true, pollInterval: 5, waitTimeout: 1800 });
	expect(shown('machine', 'stop')).toMatchObject({ waitForCompletion: true, pollInterval: 2, waitTimeout: 600 });
	expect(shown('machine', 'delete')).toMatchObject({ waitForCompletion: true, pollInterval: 3, waitTimeout: 900 });
	expect(shown('portForwarding', 'create')).toMatchObject({ waitForCompletion: true, pollInterval: 1, waitTimeout: 120 });
	expect(shown('cloudSpace', 'create')).toMatchObject({ waitForCompletion: true, waitForDeployment: true });
	expect(shown('machine', 'resize')).toMatchObject({ waitForCompletion: false, returnTaskId: false });
	expect(shown('machine', 'resize')).not.toHaveProperty('pollInterval');
	for (const [resource, operation] of [
		['machine', 'createTemplate'],
		['machine', 'importOVF'],
		['account', 'getConsumption'],
		['cloudSpace', 'getOpenvpnConfig'],
		['machine', 'get'],
	]) {
		expect(shown(resource, operation)).not.toHaveProperty('waitForCompletion');
	}
	expect(shown('account', 'getConsumption')).toMatchObject({ binaryPropertyName: 'data' });
	expect(shown('machine', 'list')).toMatchObject({ returnAll: true });
	expect(shown('machine', 'list', { returnAll: false })).toMatchObject({ limit: 50 });
});

test('passwords and tokens typed into the node are masked', () => {
	const masked = (name: string) =>
		description.properties
			.flatMap((property) => [property, ...((property.options as INodeProperties[] | undefined) ?? [])])
			.filter((property) => property.name === name)
			.every((property) => property.typeOptions?.password === true);
	for (const name of ['password', 'passwd', 'inviteusertoken', 'pskSecret']) expect(masked(name)).toBe(true);
	expect(masked('username')).toBe(false);
});

test('the description stays light for the editor: about 1 KB per operation', () => {
	const bytes = JSON.stringify(description).length;
	expect(bytes).toBeLessThan(OPERATIONS.length * 1050);
	expect(bytes).toBeLessThan(110_000);
});

test('the newer API (2.5+) is marked in the operation list and on the newer fields', () => {
	const options = description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => (property.options as Array<{ value: string; description: string }>).map((option) => ({ ...option, resource: property.displayOptions?.show?.resource?.[0] })));
	const marked = options.filter((option) => option.description?.endsWith('; newer API (2.5+)'));
	expect(marked.map((option) => `${option.resource}.${option.value}`).sort()).toEqual(
		OPERATIONS.filter((entry) => entry.method.newer).map((entry) => `${entry.actor.resource}.${entry.method.name}`).sort(),
	);
	expect(marked).toHaveLength(10);
	const create = description.properties.find(
		(property) => property.name === 'additionalFields' && property.displayOptions?.show?.resource?.[0] === 'cloudSpace' && property.displayOptions.show.operation?.[0] === 'create',
	)!;
	const mode = (create.options as INodeProperties[]).find((option) => option.name === 'mode')!;
	expect(mode.description).toMatch(/; newer API \(2\.5\+\)$/);
});

test('saved workflows keep their parameter names: the required fields shared before the newer API still are', () => {
	const before =
		'access accesstype accountId cloudspaceId cutype data description diskId diskIds diskName disksize emailaddress end gid imageId inviteusertoken limit link localPort location machineId name passwd password path protocol publicIp publicPort reason script size sizeId snapshotable sourceProtocol sourcePublicIp sourcePublicPort start templateName type typeIds userId username usernameregex';
	for (const name of before.split(' ')) expect([name, SHARED_FIELDS.has(name)]).toEqual([name, true]);
	expect(shown('machine', 'stop')).toHaveProperty('machineId');
	expect(shown('portForwarding', 'update')).toHaveProperty('id__portForwarding_update');
});

test('Options: Extra Parameters, Items in Parallel (default 50, at most 50) and Retry Transient Errors (on)', () => {
	const options = description.properties.find((property) => property.name === 'options')!.options as INodeProperties[];
	expect(options.map((option) => [option.name, option.default])).toEqual([
		['extraParameters', '{}'],
		['parallelItems', 50],
		['retryTransientErrors', true],
	]);
	expect(options[1].typeOptions).toMatchObject({ minValue: 1, maxValue: 50 });
});

describe('pickers', () => {
	const search = async (method: string, parameters: IDataObject, filter?: string) =>
		(await listSearch(env.harness, { type: OVC_NODE, parameters, credentials: { openVCloudApi: env.credentials('password') } }, method, filter))
			.results;

	test('every picker the node names exists', () => {
		const nodeType = env.harness.nodeTypes.getByNameAndVersion(OVC_NODE, 1);
		const named = new Set<string>();
		const collect = (properties: Array<{ modes?: Array<{ typeOptions?: { searchListMethod?: string } }>; options?: unknown }>) => {
			for (const property of properties) {
				for (const mode of property.modes ?? []) if (mode.typeOptions?.searchListMethod) named.add(mode.typeOptions.searchListMethod);
				if (Array.isArray(property.options)) collect(property.options as never);
			}
		};
		collect(nodeType.description.properties as never);
		expect([...named].sort()).toEqual(Object.keys(nodeType.methods!.listSearch!).sort());
		expect(named.size).toBe(8);
	});

	test('accounts, cloud spaces, locations, sizes, images and external networks', async () => {
		expect(await search('searchAccounts', { resource: 'account', operation: 'get' })).toEqual([{ name: 'acme (1)', value: '1' }]);
		expect(await search('searchCloudSpaces', { resource: 'cloudSpace', operation: 'get' })).toEqual([{ name: 'production (be-g8-3)', value: '10' }]);
		expect(await search('searchLocations', { resource: 'cloudSpace', operation: 'create' })).toEqual([
			{ name: 'be-g8-3 (grid 561)', value: 'be-g8-3' },
		]);
		expect((await search('searchSizes', { resource: 'machine', operation: 'create' })).map((size) => size.name)).toEqual([
			'L (4096 MB, 4 vCPU)',
			'M (2048 MB, 2 vCPU)',
			'S (1024 MB, 1 vCPU)',
		]);
		expect((await search('searchImages', { resource: 'machine', operation: 'create' })).map((image) => image.value)).toEqual(['1', '2']);
		expect((await search('searchExternalNetworks', { resource: 'externalNetwork', operation: 'list' })).map((network) => network.name)).toEqual([
			'public (185.15.201.0/24)',
		]);
	});

	test('pickers narrow to what the node already names', async () => {
		env.emulator.state.cloudspaces.set(11, { ...env.emulator.state.cloudspaces.get(10)!, id: 11, name: 'other' });
		env.emulator.state.machines.set(21, { ...env.emulator.state.machines.get(20)!, id: 21, name: 'elsewhere', cloudspaceid: 11 });
		// Port forwarding: the machine picker lists the machines of the cloud space chosen above it.
		const inSpace = await search('searchMachines', { resource: 'portForwarding', operation: 'create', cloudspaceId: byId(10) });
		expect(inSpace.map((machine) => machine.value)).toEqual(['20']);
		const everywhere = await search('searchMachines', { resource: 'machine', operation: 'get' });
		expect(everywhere.map((machine) => machine.value).sort()).toEqual(['20', '21']);
		// Images of an account, once the account is picked (in Additional Fields).
		const withAccount = await search('searchImages', { resource: 'image', operation: 'list', additionalFields: { accountId: fromList(1, 'acme') } });
		expect(withAccount.map((image) => image.name)).toContain('acme golden image');
		// Sizes allowed in the chosen cloud space.
		env.emulator.state.cloudspaces.get(10)!.allowedVMSizes = [1];
		expect(await search('searchSizes', { resource: 'machine', operation: 'create', cloudspaceId: byId(10) })).toEqual([
			{ name: 'S (1024 MB, 1 vCPU)', value: '1' },
		]);
	});

	test('disks: of the chosen account, or of every account; searchable', async () => {
		const all = await search('searchDisks', { resource: 'disk', operation: 'get' });
		expect(all.map((disk) => disk.name)).toEqual(['boot (20 GB)', 'data (50 GB)', 'spare (10 GB)']);
		expect(env.emulator.callsTo('accounts/list')).toHaveLength(1);
		const searched = await search('searchDisks', { resource: 'disk', operation: 'list', accountId: byId(1) }, 'SPA');
		expect(searched).toEqual([{ name: 'spare (10 GB)', value: '32' }]);
		expect(env.emulator.callsTo('accounts/list')).toHaveLength(1);
	});

	test('a value picked from the list is sent as the ID', async () => {
		const run = await env.run({ resource: 'machine', operation: 'get', machineId: fromList(20, 'web-1 (RUNNING)') });
		expect(run.json(NODE_NAME)[0].name).toBe('web-1');
		expect(env.emulator.callsTo('machines/get')[0].params).toEqual({ machineId: 20 });
	});

	test('a long list comes a page at a time, sorted by name', async () => {
		for (let id = 100; id < 350; id++) {
			env.emulator.state.machines.set(id, { ...env.emulator.state.machines.get(20)!, id, name: `vm-${String(id).padStart(3, '0')}` });
		}
		const parameters = { type: OVC_NODE, parameters: { resource: 'machine', operation: 'get' }, credentials: { openVCloudApi: env.credentials('password') } };
		const first = await listSearch(env.harness, parameters, 'searchMachines');
		expect(first.results).toHaveLength(100);
		expect(first.results[0].name).toBe('vm-100 (RUNNING)');
		expect(first.paginationToken).toBe('100');
		const last = await listSearch(env.harness, parameters, 'searchMachines', undefined, '200');
		expect(last.results.map((machine) => machine.name).slice(-1)).toEqual(['web-1 (RUNNING)']);
		expect(last.paginationToken).toBeUndefined();
		expect((await listSearch(env.harness, parameters, 'searchMachines', 'VM-34')).results.map((machine) => machine.value)).toEqual(
			Array.from({ length: 10 }, (_, index) => String(340 + index)),
		);
	});
});
