/** The pickers ("From List" of resource locators), run as the editor runs them. */
import type { IDataObject } from 'n8n-workflow';

import { listSearch } from '../harness';
import { byId, fromList, NODE_NAME, openVCloudSetup, OVC_NODE } from './setup';

let env: Awaited<ReturnType<typeof openVCloudSetup>>;

beforeAll(async () => {
	env = await openVCloudSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => {
	env.emulator.reset();
	env.emulator.state.seedWorkload();
});

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
