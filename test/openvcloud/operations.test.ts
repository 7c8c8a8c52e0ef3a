/**
 * Workflows a person would build: a cloud space created and waited for until deployed, a machine created
 * in it (Wait for Completion), a disk and a port forward added, the machine read back; files as binary
 * data; synchronous calls.
 */
import { chain, type NodeSpec } from '../harness';
import { byId, FAST_WAIT, NODE_NAME, useOpenVCloud, OVC_NODE } from './setup';

const env = useOpenVCloud();

const ovc = (name: string, parameters: NodeSpec['parameters']): NodeSpec => ({
	type: OVC_NODE,
	name,
	parameters,
	credentials: { openVCloudApi: 'ovc-1' },
});

test('create a cloud space, wait until deployed, create a machine, add a disk and a port forward, read it back', async () => {
	const workflow = chain(
		ovc('Create Cloud Space', {
			resource: 'cloudSpace',
			operation: 'create',
			accountId: byId(1),
			location: byId('be-g8-3'),
			name: 'staging',
			access: 'ops',
			additionalFields: { maxCPUCapacity: 16 },
			...FAST_WAIT,
		}),
		ovc('Create Machine', {
			resource: 'machine',
			operation: 'create',
			cloudspaceId: byId('={{ $json.cloudspaceId }}'),
			name: 'web-2',
			imageId: byId(1),
			disksize: 20,
			additionalFields: { sizeId: byId(2), description: 'front end' },
			...FAST_WAIT,
		}),
		ovc('Add Disk', {
			resource: 'machine',
			operation: 'addDisk',
			machineId: byId('={{ $json.machineId }}'),
			diskName: 'data',
			description: 'application data',
			size: 50,
			type: 'D',
			...FAST_WAIT,
		}),
		ovc('Forward HTTPS', {
			resource: 'portForwarding',
			operation: 'create',
			cloudspaceId: byId("={{ $('Create Cloud Space').item.json.cloudspaceId }}"),
			publicIp: "={{ $('Create Cloud Space').item.json.externalnetworkip }}",
			publicPort: 443,
			machineId: byId("={{ $('Create Machine').item.json.machineId }}"),
			localPort: 8443,
			protocol: 'tcp',
			...FAST_WAIT,
		}),
		ovc('Read Machine', { resource: 'machine', operation: 'get', machineId: byId("={{ $('Create Machine').item.json.machineId }}") }),
	);
	const run = await env.harness.run(workflow, { credentials: { openVCloudApi: env.credentials('password') } });
	expect(run.status).toBe('success');

	const [space] = run.json('Create Cloud Space');
	expect(space).toMatchObject({ cloudspaceId: expect.any(Number), name: 'staging', status: 'DEPLOYED', maxCPUCapacity: 16 });
	const [created] = run.json('Create Machine');
	expect(created).toEqual({ cloudspaceId: space.cloudspaceId, imageId: 1, machineId: expect.any(Number) });
	const [disk] = run.json('Add Disk');
	expect(disk).toEqual({ machineId: created.machineId, diskId: expect.any(Number) });
	expect(run.json('Forward HTTPS')).toEqual([
		{ cloudspaceId: space.cloudspaceId, machineId: created.machineId, result: true },
	]);
	const [machine] = run.json('Read Machine');
	expect(machine).toMatchObject({ id: created.machineId, name: 'web-2', status: 'RUNNING', sizeid: 2, memory: 2048 });
	expect((machine.disks as Array<{ name: string; sizeMax: number }>).map((entry) => [entry.name, entry.sizeMax])).toEqual([
		['bootdisk', 20],
		['data', 50],
	]);
	for (const node of ['Create Cloud Space', 'Create Machine', 'Add Disk', 'Forward HTTPS', 'Read Machine']) {
		expect(run.items(node).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	}

	// The machine was created only once the cloud space reported DEPLOYED, and the long calls ran as tasks.
	const events = env.emulator.state.events;
	expect(events.indexOf(`cloudspace ${space.cloudspaceId} DEPLOYED`)).toBeGreaterThan(-1);
	expect(events.indexOf(`cloudspace ${space.cloudspaceId} DEPLOYED`)).toBeLessThan(events.indexOf('call machines/create'));
	for (const path of ['cloudspaces/create', 'machines/create', 'machines/addDisk', 'portforwarding/create']) {
		expect(env.emulator.callsTo(path).map((call) => call.async)).toEqual([true]);
	}
	expect(env.emulator.callsTo('cloudspaces/get').length).toBeGreaterThan(0);
	const rule = [...env.emulator.state.portforwards.values()].find((entry) => entry.machineId === created.machineId);
	expect(rule).toMatchObject({ publicPort: 443, localPort: 8443, protocol: 'tcp', publicIp: space.externalnetworkip });
});

test('Wait Until Deployed off: the cloud space ID comes back once the task is done, before deployment', async () => {
	const run = await env.run({
		resource: 'cloudSpace',
		operation: 'create',
		accountId: byId(1),
		location: byId('be-g8-3'),
		name: 'quick',
		access: 'ops',
		waitForDeployment: false,
		...FAST_WAIT,
	});
	const [output] = run.json(NODE_NAME);
	expect(output).toEqual({ accountId: 1, cloudspaceId: expect.any(Number) });
	expect(env.emulator.callsTo('cloudspaces/get')).toHaveLength(0);
});

test('a cloud space that ends in another status than DEPLOYED fails the item, saying which status', async () => {
	env.emulator.cloudspaceDeployMs = 60_000; // stays VIRTUAL...
	env.emulator.afterRequests('POST', '/restmachine/cloudapi/cloudspaces/get', 1, () => {
		[...env.emulator.state.cloudspaces.values()].pop()!.status = 'DESTROYED'; // ...until it is destroyed
	});
	try {
		const run = await env.run({
			resource: 'cloudSpace',
			operation: 'create',
			accountId: byId(1),
			location: byId('be-g8-3'),
			name: 'doomed',
			access: 'ops',
			...FAST_WAIT,
		});
		expect(run.nodeError(NODE_NAME)?.message).toMatch(/^Cloud space \d+ ended in status DESTROYED instead of DEPLOYED$/);
		expect(env.emulator.callsTo('cloudspaces/get')).toHaveLength(2);
	} finally {
		env.emulator.cloudspaceDeployMs = 40;
	}
});

describe('files come back as binary data', () => {
	test('Account: Download Consumption, in the output field chosen, with the dates as Unix seconds', async () => {
		const run = await env.run({
			resource: 'account',
			operation: 'getConsumption',
			accountId: byId(1),
			start: '2024-03-01T00:00:00Z',
			end: '={{ 1711929600 }}',
			binaryPropertyName: 'report',
		});
		const [item] = run.items(NODE_NAME);
		expect(item.json).toEqual({ accountId: 1, fileName: 'account.zip', mimeType: 'application/zip', fileSize: expect.any(Number) });
		const file = item.binary!.report;
		expect(file).toMatchObject({ fileName: 'account.zip', mimeType: 'application/zip', fileExtension: 'zip' });
		const bytes = Buffer.from(file.data, 'base64');
		expect(bytes.readUInt32LE(0)).toBe(0x06054b50); // a zip archive
		expect(bytes.toString('utf8')).toContain('account 1 1709251200-1711929600');
		expect(env.emulator.callsTo('accounts/getConsumption')[0]).toMatchObject({ async: false, params: { start: 1709251200, end: 1711929600 } });
	});

	test('Cloud Space: Download OpenVPN Config', async () => {
		const run = await env.run({ resource: 'cloudSpace', operation: 'getOpenvpnConfig', cloudspaceId: byId(10) });
		const [item] = run.items(NODE_NAME);
		expect(item.binary?.data.fileName).toBe('openvpn.zip');
		expect(Buffer.from(item.binary!.data.data, 'base64').toString('utf8')).toContain('openvpn for cloud space 10');
	});

	test('a file call that fails carries the G8 message', async () => {
		const run = await env.run({ resource: 'cloudSpace', operation: 'getOpenvpnConfig', cloudspaceId: byId(999) });
		expect(run.nodeError(NODE_NAME)?.message).toBe('Cloud space with id 999 not found');
	});
});

describe('without Wait for Completion', () => {
	test('the call runs synchronously: no _async, no polling, the result at once', async () => {
		const run = await env.run({ resource: 'machine', operation: 'stop', machineId: byId(20), waitForCompletion: false });
		expect(run.json(NODE_NAME)).toEqual([{ machineId: 20, stopped: true }]);
		expect(env.emulator.callsTo('machines/stop').map((call) => call.async)).toEqual([false]);
		expect(env.emulator.callsTo('system/task/get')).toHaveLength(0);
	});

	test('a resize runs synchronously by default; false means it applies after a restart (HTTP 202)', async () => {
		const run = await env.run({ resource: 'machine', operation: 'resize', machineId: byId(20), additionalFields: { sizeId: byId(3) } });
		expect(run.json(NODE_NAME)).toEqual([{ machineId: 20, appliedLive: false }]);
		expect(env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/resize')).toHaveLength(1);
		expect(env.emulator.state.machines.get(20)?.memory).toBe(4096);
	});
});

test('lists put out one item per record, and Limit caps them', async () => {
	const all = await env.run({ resource: 'size', operation: 'list' });
	expect(all.json(NODE_NAME).map((size) => size.name)).toEqual(['S', 'M', 'L']);
	const two = await env.run({ resource: 'size', operation: 'list', returnAll: false, limit: 2 });
	expect(two.json(NODE_NAME)).toHaveLength(2);
	const networks = await env.run({ resource: 'machine', operation: 'listExternalNetworks', machineId: byId(20) });
	expect(networks.json(NODE_NAME)).toEqual([]);
	env.emulator.state.machines.get(20)!.externalNetworks = [1, 2];
	const attached = await env.run({ resource: 'machine', operation: 'listExternalNetworks', machineId: byId(20) });
	expect(attached.json(NODE_NAME)).toEqual([
		{ machineId: 20, externalNetworkId: 1 },
		{ machineId: 20, externalNetworkId: 2 },
	]);
});

test('User: Check Password says whether the login works, and never puts out the session key', async () => {
	const good = await env.run({ resource: 'user', operation: 'authenticate', username: 'ops', password: env.credentials('password').password as string }, { auth: 'jwt' });
	expect(good.json(NODE_NAME)).toEqual([{ authenticated: true }]);
	const keys = [...env.emulator.sessions.keys()];
	expect(keys).toHaveLength(1);
	expect(good.serialized()).not.toContain(keys[0]);
	const bad = await env.run({ resource: 'user', operation: 'authenticate', username: 'ops', password: 'wrong one' }, { auth: 'jwt' });
	expect(bad.nodeError(NODE_NAME)?.message).toBe('The username or password given was refused');
	// A 401 here is the method's answer, not an expired JWT: no renewal, no retry.
	expect(env.emulator.callsTo('users/authenticate')).toHaveLength(2);
});

test('Extra Parameters reach the G8 next to the fields, and cannot set a parameter the operation has a field for', async () => {
	await env.run({ resource: 'machine', operation: 'get', machineId: byId(20), options: { extraParameters: '{"includeDeleted": true}' } });
	expect(env.emulator.callsTo('machines/get')[0].raw).toEqual({ machineId: 20, includeDeleted: true });
	const clash = await env.run({ resource: 'machine', operation: 'get', machineId: byId(20), options: { extraParameters: '{"machineId": 5}' } });
	expect(clash.nodeError(NODE_NAME)?.message).toBe(`"Extra Parameters (JSON)" must not set "machineId": use the operation's own field`);
	const unset = await env.run({ resource: 'machine', operation: 'stop', machineId: byId(20), options: { extraParameters: { force: true } } });
	expect(unset.nodeError(NODE_NAME)?.message).toBe(`"Extra Parameters (JSON)" must not set "force": use the operation's own field`);
	expect(env.emulator.callsTo('machines/get')).toHaveLength(1);
	expect(env.emulator.callsTo('machines/stop')).toHaveLength(0);
});

test('the whole chain works under continueOnFail with many items, each output paired to its input', async () => {
	const workflow = chain({ ...ovc('Start', { resource: 'machine', operation: 'start', machineId: byId('={{ $json.id }}'), ...FAST_WAIT }), continueOnFail: true });
	const run = await env.harness.run(workflow, {
		input: [{ id: 20 }, { id: 404 }, { id: 20 }],
		credentials: { openVCloudApi: env.credentials('jwt') },
	});
	const items = run.items('Start');
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json).toEqual({ machineId: 20, started: true });
	expect(items[1].json.error).toBe('Machine with id 404 not found');
	expect(items[2].json).toEqual({ machineId: 20, started: true });
});
