/**
 * Workflows a person would build: a cloud space created and waited for until deployed, a machine created
 * in it (Wait for Completion), a disk and a port forward added, the machine read back; files as binary
 * data; synchronous calls; the newer API (2.5+): IPsec tunnels, a machine as default gateway, exposed
 * disks, machines found by reference ID, empty machines.
 */
import { chain, type NodeSpec } from '../harness';
import { byId, errorOf, FAST_WAIT, NODE_NAME, useOpenVCloud, OVC_NODE } from './setup';

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

describe('the newer API (2.5+)', () => {
	const ipsec = (name: string, parameters: NodeSpec['parameters']) => ovc(name, { resource: 'ipsecTunnel', ...parameters });

	test('an IPsec tunnel added (waited for), listed and removed (waited for)', async () => {
		const workflow = chain(
			ipsec('Add Tunnel', {
				operation: 'addTunnelToCloudspace',
				cloudspaceId: byId(10),
				remotePublicAddr: '198.51.100.7',
				remotePrivateNetwork: '10.8.0.0/16',
				...FAST_WAIT,
			}),
			ipsec('List Tunnels', { operation: 'listTunnels', cloudspaceId: byId("={{ $('Add Tunnel').item.json.cloudspaceId }}") }),
			ipsec('Remove Tunnel', {
				operation: 'removeTunnelFromCloudspace',
				cloudspaceId: byId(10),
				remotePublicAddr: '={{ $json.remoteAddr }}',
				remotePrivateNetwork: '={{ $json.remoteprivatenetwork }}',
				...FAST_WAIT,
			}),
		);
		const run = await env.harness.run(workflow, { credentials: { openVCloudApi: env.credentials('jwt') } });
		expect(run.status).toBe('success');
		// No key given: the G8 made one, and it is what the remote end needs.
		const [added] = run.json('Add Tunnel');
		expect(added).toEqual({ cloudspaceId: 10, psk: expect.stringMatching(/^[0-9a-f]{32}$/) });
		expect(run.json('List Tunnels')).toEqual([{ remoteAddr: '198.51.100.7', remoteprivatenetwork: '10.8.0.0/16', psk: added.psk }]);
		expect(run.json('Remove Tunnel')).toEqual([{ cloudspaceId: 10, removed: true }]);
		expect(env.emulator.state.cloudspaces.get(10)!.tunnels).toEqual([]);
		for (const path of ['ipsec/addTunnelToCloudspace', 'ipsec/removeTunnelFromCloudspace']) {
			expect(env.emulator.callsTo(path).map((call) => call.async)).toEqual([true]);
		}
		expect(env.emulator.callsTo('ipsec/listTunnels').map((call) => call.async)).toEqual([false]);
		expect(env.emulator.callsTo('system/task/get').length).toBeGreaterThanOrEqual(2);
	});

	test('a tunnel with a pre-shared key given: the key is masked in the editor and kept out of errors', async () => {
		const add = (psk: string) =>
			env.run(
				{
					resource: 'ipsecTunnel',
					operation: 'addTunnelToCloudspace',
					cloudspaceId: byId(10),
					remotePublicAddr: '198.51.100.8',
					remotePrivateNetwork: '10.9.0.0/16',
					additionalFields: { pskSecret: psk },
					...FAST_WAIT,
				},
				{ auth: 'jwt' },
			);
		expect((await add('shared-key-41aa')).json(NODE_NAME)).toEqual([{ cloudspaceId: 10, psk: 'shared-key-41aa' }]);
		env.emulator.fault('POST', '/restmachine/cloudapi/ipsec/addTunnelToCloudspace', { status: 400, echo: 'json', times: 1 });
		const failed = await add('second-key-77bc');
		const error = failed.nodeError(NODE_NAME) as unknown as { message: string; description: string; errorResponse: unknown };
		const produced = JSON.stringify([error.message, error.description, error.errorResponse]);
		expect(produced).toContain('"pskSecret\\":\\"***\\"'); // the echo was kept, the key masked
		expect(produced).not.toContain('second-key-77bc');
	});

	test('a machine made the default gateway of its cloud space (waited for), as the Terraform provider does', async () => {
		const workflow = chain(
			ovc('Read Machine', { resource: 'machine', operation: 'get', machineId: byId(20) }),
			ovc('Set Default Gateway', {
				resource: 'cloudSpace',
				operation: 'setDefaultGateway',
				cloudspaceId: byId('={{ $json.cloudspaceid }}'),
				gateway: '={{ $json.interfaces[0].ipAddress }}',
				...FAST_WAIT,
			}),
		);
		const run = await env.harness.run(workflow, { credentials: { openVCloudApi: env.credentials('password') } });
		expect(run.json('Set Default Gateway')).toEqual([{ cloudspaceId: 10, success: true }]);
		expect(env.emulator.state.cloudspaces.get(10)!.defaultGateway).toBe('192.168.103.20');
		const [call] = env.emulator.callsTo('cloudspaces/setDefaultGateway');
		expect(call).toMatchObject({ async: true, params: { cloudspaceId: 10, gateway: '192.168.103.20' } });
		expect(env.emulator.callsTo('system/task/get').length).toBeGreaterThan(0);
	});

	test('a disk exposed as a network block device (waited for), then no longer', async () => {
		const workflow = chain(
			ovc('Expose', { resource: 'disk', operation: 'expose', diskId: byId(32), cloudspaceId: byId(10), iops: 500, ...FAST_WAIT }),
			ovc('Unexpose', { resource: 'disk', operation: 'unexpose', diskId: byId(32), ...FAST_WAIT }),
		);
		const run = await env.harness.run(workflow, { credentials: { openVCloudApi: env.credentials('jwt') } });
		const [exposed] = run.json('Expose');
		expect(exposed).toEqual({
			protocol: 'nbd',
			endpoint: { address: '185.15.201.10', port: 10809, name: 'disk-32', user: 'nbd-32', psk: expect.any(String) },
		});
		expect(env.emulator.callsTo('disks/expose')[0]).toMatchObject({ async: true, params: { diskId: 32, cloudspaceId: 10, iops: 500 } });
		expect(run.json('Unexpose')).toEqual([{ diskId: 32, unexposed: true }]);
		expect(env.emulator.state.disks.get(32)!.exposed).toBeUndefined();
		// Unexposing a disk that is not exposed is the G8's error, with its message.
		const again = await env.run({ resource: 'disk', operation: 'unexpose', diskId: byId(32), ...FAST_WAIT });
		expect(again.nodeError(NODE_NAME)?.message).toBe('Disk 32 is not exposed');
	});

	test('machines found by reference ID: the ID, then the machine', async () => {
		const workflow = chain(
			ovc('Machines', { resource: 'machine', operation: 'list', additionalFields: { cloudspaceId: byId(10) } }),
			ovc('By Reference', { resource: 'machine', operation: 'getByReferenceId', referenceId: '={{ $json.referenceId }}' }),
			ovc('Machine', { resource: 'machine', operation: 'get', machineId: byId('={{ $json.machineId }}') }),
		);
		const run = await env.harness.run(workflow, { credentials: { openVCloudApi: env.credentials('jwt') } });
		const [listed] = run.json('Machines');
		expect(listed.referenceId).toBe('vm-00000014-kvm');
		expect(run.json('By Reference')).toEqual([{ referenceId: 'vm-00000014-kvm', machineId: 20 }]);
		expect(run.json('Machine')[0]).toMatchObject({ id: 20, name: 'web-1', referenceId: 'vm-00000014-kvm' });
		expect(env.emulator.callsTo('machines/getByReferenceId').map((call) => call.async)).toEqual([false]);
	});

	test('an empty machine created (waited for) with empty disks of the sizes given', async () => {
		const run = await env.run({
			resource: 'machine',
			operation: 'createEmptyMachine',
			cloudspaceId: byId(10),
			name: 'installer',
			memory: 4096,
			vcpus: 2,
			disksize: 40,
			additionalFields: { imagetype: 'Linux', datadisks: '100', description: 'installed from an ISO' },
			...FAST_WAIT,
		});
		const [created] = run.json(NODE_NAME);
		expect(created).toEqual({ cloudspaceId: 10, machineId: expect.any(Number) });
		const [call] = env.emulator.callsTo('machines/createEmptyMachine');
		expect(call).toMatchObject({
			async: true,
			params: { cloudspaceId: 10, name: 'installer', memory: 4096, vcpus: 2, disksize: 40, imagetype: 'Linux', datadisks: [100] },
		});
		expect(env.emulator.callsTo('system/task/get').length).toBeGreaterThan(0);
		const machine = env.emulator.state.machines.get(created.machineId as number)!;
		expect([machine.memory, machine.vcpus, machine.imageid]).toEqual([4096, 2, 0]);
		expect(machine.disks.map((id) => env.emulator.state.disks.get(id)!.sizeMax)).toEqual([40, 100]);
	});

	test('the newer parameters: a cloud space mode, and the address to release on an external network', async () => {
		await env.run({
			resource: 'cloudSpace',
			operation: 'create',
			accountId: byId(1),
			location: byId('be-g8-3'),
			name: 'private-one',
			access: 'ops',
			additionalFields: { mode: 'private' },
			waitForDeployment: false,
			...FAST_WAIT,
		});
		expect(env.emulator.callsTo('cloudspaces/create')[0].params).toMatchObject({ name: 'private-one', mode: 'private' });
		expect([...env.emulator.state.cloudspaces.values()].find((space) => space.name === 'private-one')?.mode).toBe('private');
		await env.run({
			resource: 'machine',
			operation: 'detachExternalNetwork',
			machineId: byId(20),
			additionalFields: { externalNetworkId: byId(1), externalnetworkip: '185.15.201.77' },
			...FAST_WAIT,
		});
		expect(env.emulator.callsTo('machines/detachExternalNetwork')[0].params).toEqual({
			machineId: 20,
			externalNetworkId: 1,
			externalnetworkip: '185.15.201.77',
			_async: true,
		});
	});

	test('an older G8 without the method: its 404 says so and points at the newer API', async () => {
		env.emulator.newerApi = false;
		const run = await env.run({ resource: 'ipsecTunnel', operation: 'listTunnels', cloudspaceId: byId(10) });
		const error = errorOf(run);
		expect(error.message).toBe('Could not find method');
		expect(error.description).toContain('newer API (2.5+)');
		expect(error.description).toContain('HTTP 404 on cloudapi/ipsec/listTunnels');
	});
});
