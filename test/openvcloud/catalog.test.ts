/**
 * The catalog: every catalogued method is reachable (for each of the 100 methods, the 90 of the 2.4.5
 * specification and the 10 newer ones, a workflow runs the operation with all its parameters against a
 * freshly seeded G8, and the test checks the path the call arrived at and the parameters the G8 read, names,
 * values and types, against the emulator's own facts table); the newer API marked as such; which methods
 * are safe to send twice; the lookup built once.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { apiType, isNewer, isWaitable, NEWER_API, OPERATIONS, operationOf, SHARED_FIELDS, type Operation } from '../../nodes/OpenVCloud/catalog';
import { parameterName, type FieldSpec } from '../../nodes/shared/operation-fields';
import { OVC_USER } from '../emulators/openvcloud';
import { CLOUDAPI_FACTS, NEWER_METHOD_FACTS, NEWER_PARAM_FACTS } from '../emulators/openvcloud/api-facts';
import { referenceIdOf } from '../emulators/openvcloud/state';
import { builtSchema, itemProblems } from '../schemas/schema-check';
import { byId, FAST_WAIT, NODE_NAME, useOpenVCloud } from './setup';

const env = useOpenVCloud();

/** What the editor holds for a field, and what the G8 should read. */
interface Sample {
	editor: unknown;
	api: unknown;
}

const same = (value: unknown): Sample => ({ editor: value, api: value });
const id = (value: number): Sample => ({ editor: byId(value), api: value });

/** Sample values by parameter name (seeded G8: account 1, cloud space 10, machine 20, disks 30-32, rule 40). */
const BY_NAME: Record<string, Sample> = {
	accountId: id(1),
	cloudspaceId: id(10),
	machineId: id(20),
	diskId: id(31),
	imageId: id(1),
	sizeId: id(2),
	externalNetworkId: id(1),
	externalnetworkId: id(1),
	location: { editor: byId('be-g8-3'), api: 'be-g8-3' },
	userId: same('alice@example.eu'),
	accesstype: same('RCX'),
	reason: same('maintenance window'),
	name: same('n8n-made'),
	description: same('made by a workflow'),
	access: same('ops'),
	start: { editor: '2024-01-01T00:00:00Z', api: 1704067200 },
	end: { editor: '2024-02-01T00:00:00Z', api: 1706745600 },
	cutype: same('CU_C'),
	script: same('/ip firewall filter print'),
	type: same('D'),
	gid: same(561),
	size: same(30),
	ssdSize: same(5),
	iops: same(1500),
	diskIds: { editor: '31, 32', api: [31, 32] },
	typeIds: { editor: 'B, D', api: ['B', 'D'] },
	id: same('D'),
	snapshotable: same(true),
	vpool: same('ssd-pool'),
	cacheratio: same(10),
	disksize: same(20),
	datadisks: { editor: '10, 20', api: [10, 20] },
	userdata: { editor: '{"users":[{"name":"ops"}]}', api: { users: [{ name: 'ops' }] } },
	memory: same(2048),
	vcpus: same(2),
	permanently: same(false),
	force: same(true),
	detach: same(true),
	includedeleted: same(true),
	recursivedelete: same(true),
	sendAccessEmails: same(true),
	privatenetwork: same('10.20.0.0/24'),
	allowedVMSizes: { editor: '1, 2', api: [1, 2] },
	diskName: same('logs'),
	epoch: same(1700000000),
	snapshotTimestamp: same(1700000000),
	snapshotname: same('before-upgrade'),
	templateName: same('golden'),
	callbackUrl: same('https://hooks.example.eu/g8'),
	link: same('https://owncloud.example.eu/remote.php/webdav'),
	username: same('webdav-user'),
	passwd: same('webdav-secret-1'),
	path: same('/exports/web-1.ovf'),
	publicIp: same('185.15.201.10'),
	publicPort: same(8443),
	localPort: same(443),
	protocol: same('tcp'),
	proto: same('tcp'),
	sourcePublicIp: same('185.15.201.10'),
	sourcePublicPort: same(8080),
	sourceProtocol: same('tcp'),
	password: same(OVC_USER.password),
	data: same('{"theme":"dark"}'),
	usernameregex: same('^o'),
	limit: same(5),
	inviteusertoken: same('invite-token-123'),
	emailaddress: same('new@example.eu'),
	maxMemoryCapacity: same(16.5),
	maxVDiskCapacity: same(500),
	maxCPUCapacity: same(8),
	maxNetworkPeerTransfer: same(100),
	maxNumPublicIP: same(2),
	// The newer API (2.5+).
	mode: same('public'),
	externalnetworkip: same('185.15.201.77'),
	gateway: same('192.168.103.20'),
	remotePublicAddr: same('198.51.100.7'),
	remotePrivateNetwork: same('10.8.0.0/16'),
	pskSecret: same('tunnel-psk-5e2b'),
	referenceId: same(referenceIdOf(20)),
	url: same('https://images.example.eu/debian-12.qcow2'),
	imagetype: same('Linux'),
	boottype: same('uefi'),
	hotresize: same(true),
};

/** Where the generic samples do not fit the seeded G8 or the method's rules. */
const OVERRIDES: Record<string, Record<string, Sample | undefined>> = {
	'accounts/deleteUser': { userId: same('ops') },
	'accounts/updateUser': { userId: same('ops') },
	'cloudspaces/create': { type: same('routeros'), name: same('staging') },
	'disks/create': { id: undefined },
	'disks/updateType': { id: same('D'), snapshotable: same('true') },
	'disks/addType': { id: same('S') },
	'disks/deleteType': { id: { editor: 'B, D', api: ['B', 'D'] } },
	'disks/delete': { diskId: id(32) },
	'disks/resize': { size: same(80) },
	'disks/restore': { diskId: id(32) },
	// The API declares this machineId as text.
	'machines/getConsoleUrl': { machineId: { editor: byId(20), api: '20' } },
	'disks/list': { type: same('D') },
	// Total limits cannot be combined with read/write ones: this run sends the total and burst limits.
	'disks/limitIO': Object.fromEntries(
		['read_bytes_sec', 'write_bytes_sec', 'read_iops_sec', 'write_iops_sec'].map((name) => [name, undefined]),
	),
	'disks/deleteDisks': { diskIds: { editor: '32', api: [32] } },
	'machines/attachDisk': { diskId: id(32) },
	'machines/start': { diskId: id(32) },
	'machines/snapshot': { name: same('nightly') },
	'machines/deleteSnapshot': { name: same('before-upgrade'), epoch: undefined },
	'machines/rollbackSnapshot': { name: same('before-upgrade'), epoch: undefined },
	'machines/clone': { snapshotTimestamp: undefined, name: same('web-1-clone') },
	'machines/create': { sizeId: undefined },
	'machines/importOVF': { sizeId: undefined },
	'machines/resize': { sizeId: undefined },
	'machines/getHistory': { size: same(1) },
	'machines/updateUser': { userId: same('ops') },
	'machines/deleteUser': { userId: same('ops') },
	'cloudspaces/updateUser': { userId: same('ops') },
	'cloudspaces/deleteUser': { userId: same('ops') },
	'users/authenticate': { username: same(OVC_USER.username) },
	'users/get': { username: same(OVC_USER.username) },
	'portforwarding/update': { id: same(40) },
	'portforwarding/delete': { id: same(40) },
	'portforwarding/deleteByPort': { publicPort: same(8080) },
	'portforwarding/list': { machineId: id(20) },
	'externalnetwork/get': { id: id(1) },
	'machines/createEmptyMachine': { userdata: same('#cloud-config\npackages: [nginx]'), name: same('empty-1') },
	'images/create': { name: same('Debian 12'), username: same('debian'), password: same('image-password-9c1') },
	'disks/expose': { diskId: id(32) },
	'disks/unexpose': { diskId: id(32) },
};

/** G8 state a method needs beforehand (restore needs something deleted, a rollback a stopped machine...). */
const PREPARE: Record<string, () => void> = {
	'cloudspaces/restore': () => (env.emulator.state.cloudspaces.get(10)!.deleted = true),
	'disks/restore': () => (env.emulator.state.disks.get(32)!.status = 'DELETED'),
	'machines/restore': () => (env.emulator.state.machines.get(20)!.status = 'DELETED'),
	'machines/rollbackSnapshot': () => (env.emulator.state.machines.get(20)!.status = 'HALTED'),
	'machines/clone': () => (env.emulator.state.machines.get(20)!.status = 'HALTED'),
	'machines/resume': () => (env.emulator.state.machines.get(20)!.status = 'PAUSED'),
	'images/delete': () => env.emulator.state.machines.clear(),
	'disks/addType': () => (env.emulator.users[0].admin = true),
	'disks/deleteTypes': () => (env.emulator.users[0].admin = true),
	'disks/deleteType': () => (env.emulator.users[0].admin = true),
	'disks/unexpose': () => (env.emulator.state.disks.get(32)!.exposed = { cloudspaceId: 10, iops: 2000 }),
	'ipsec/removeTunnelFromCloudspace': () =>
		(env.emulator.state.cloudspaces.get(10)!.tunnels = [{ remoteAddr: '198.51.100.7', remoteprivatenetwork: '10.8.0.0/16', psk: 'p' }]),
};

/** JSON with the keys in order: the G8 reads parameters by name, in any order. */
const sorted = (value: object) => JSON.stringify(Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))));

function sample(path: string, name: string): Sample | undefined {
	const overrides = OVERRIDES[path] ?? {};
	if (name in overrides) return overrides[name];
	if (/_sec(_max)?$/.test(name)) return same(250);
	return BY_NAME[name];
}

/** The editor parameter of a required field (shared by the operations that agree on it, else per operation). */
const editorName = (entry: Operation, field: FieldSpec) => parameterName(entry.spec, field, SHARED_FIELDS);

function parametersFor(entry: Operation, apiPath: string) {
	const { actor, method } = entry;
	const parameters: INodeParameters = { resource: actor.resource, operation: method.name };
	const additionalFields: IDataObject = {};
	const expected: IDataObject = {};
	for (const param of method.params) {
		const value = sample(apiPath, param.name);
		if (value === undefined) {
			if (param.required) throw new Error(`No sample for required ${apiPath} ${param.name}`);
			continue;
		}
		expected[param.name] = value.api as IDataObject[string];
		if (param.required) {
			parameters[editorName(entry, param)] = value.editor as INodeParameters[string];
		} else {
			additionalFields[param.name] = value.editor as IDataObject[string];
		}
	}
	if (Object.keys(additionalFields).length) parameters.additionalFields = additionalFields as INodeParameters;
	// Wait for Completion keeps its default (on, except for the resizes, which run synchronously).
	if (isWaitable(method)) Object.assign(parameters, { waitForDeployment: false, ...FAST_WAIT });
	return { parameters, expected };
}

test('the catalog and the emulator agree on 90 + 10 methods, 42 + 7 of them long-running', () => {
	const entries = OPERATIONS;
	const spec = entries.filter((entry) => !entry.method.newer);
	expect(spec).toHaveLength(90);
	expect(spec.filter((entry) => entry.method.longRunning)).toHaveLength(42);
	expect(spec.reduce((total, entry) => total + entry.method.params.filter((param) => !isNewer(param)).length, 0)).toBe(263);
	expect(entries).toHaveLength(100);
	expect(entries.filter((entry) => entry.method.longRunning)).toHaveLength(49);
	expect(entries.map((entry) => entry.path.replace('cloudapi/', '')).sort()).toEqual(CLOUDAPI_FACTS.map((facts) => facts.path).sort());
	expect(entries.reduce((total, entry) => total + entry.method.params.length, 0)).toBe(263 + 36);
});

test('the newer API (2.5+): 10 methods and 2 parameters, as the clients send them, marked in the editor', () => {
	const newer = OPERATIONS.filter((entry) => entry.method.newer).map((entry) => entry.path.replace('cloudapi/', ''));
	expect(newer.sort()).toEqual(NEWER_METHOD_FACTS.map((facts) => facts.path).sort());
	expect(newer.sort()).toEqual(
		[
			'cloudspaces/setDefaultGateway',
			'disks/expose',
			'disks/unexpose',
			'externalnetwork/get',
			'images/create',
			'ipsec/addTunnelToCloudspace',
			'ipsec/listTunnels',
			'ipsec/removeTunnelFromCloudspace',
			'machines/createEmptyMachine',
			'machines/getByReferenceId',
		].sort(),
	);
	const newerParams = OPERATIONS.flatMap((entry) =>
		entry.method.params.filter(isNewer).map((param) => `${entry.path.replace('cloudapi/', '')} ${param.name}`),
	);
	expect(newerParams).toEqual(Object.entries(NEWER_PARAM_FACTS).flatMap(([path, params]) => params.map(([name]) => `${path} ${name}`)));
	for (const entry of OPERATIONS) {
		for (const param of entry.method.params.filter(isNewer)) expect(param.description).toContain(`; ${NEWER_API}`);
	}
	// Waitable like the others: every long-running newer method runs as a task.
	for (const entry of OPERATIONS.filter((candidate) => candidate.method.newer && candidate.method.longRunning)) {
		expect([entry.path, isWaitable(entry.method)]).toEqual([entry.path, true]);
	}
	expect(NEWER_API).toBe('newer API (2.5+)');
});

test('every catalogued method arrives at its path with its parameters, and succeeds on a seeded G8', async () => {
	const problems: string[] = [];
	for (const entry of OPERATIONS) {
		const apiPath = entry.path.replace('cloudapi/', '');
		env.emulator.reset();
		env.emulator.state.seedWorkload();
		PREPARE[apiPath]?.();
		const { parameters, expected } = parametersFor(entry, apiPath);
		const run = await env.run(parameters, { continueOnFail: true, auth: 'jwt' });
		const calls = env.emulator.callsTo(apiPath);
		const facts = CLOUDAPI_FACTS.find((candidate) => candidate.path === apiPath)!;
		const waited = isWaitable(entry.method) && entry.method.longRunning?.waitByDefault !== false;
		if (calls.length !== 1) {
			problems.push(`${apiPath}: ${calls.length} calls arrived`);
			continue;
		}
		const [call] = calls;
		const { _async, ...received } = call.params;
		if (sorted(received) !== sorted(expected)) {
			problems.push(`${apiPath}: G8 read ${JSON.stringify(received)}, expected ${JSON.stringify(expected)}`);
		}
		const unknown = Object.keys(call.raw).filter((name) => name !== '_async' && !facts.params.some(([known]) => known === name));
		if (unknown.length) problems.push(`${apiPath}: unknown parameters ${unknown.join(', ')}`);
		if ((_async !== undefined) !== waited) problems.push(`${apiPath}: sent ${_async === undefined ? 'without' : 'with'} _async`);
		if (waited && env.emulator.callsTo('system/task/get').length === 0) problems.push(`${apiPath}: task not polled`);
		const items = run.items(NODE_NAME);
		const failed = items.find((item) => item.json.error);
		if (failed) problems.push(`${apiPath}: ${String(failed.json.error)}`);
		if (items.some((item) => (item.pairedItem as { item: number }).item !== 0)) problems.push(`${apiPath}: unpaired item`);
		// What it put out matches the output schema n8n's editor is given (test/schemas), where there is one
		// (Cloud Space: Create runs here without waiting for the deployment; test/schemas runs it with its defaults).
		const schema = builtSchema('OpenVCloud', 1, entry.actor.resource, entry.method.name);
		if (schema && !failed && apiPath !== 'cloudspaces/create') problems.push(...itemProblems(items.map((item) => item.json), schema).map((problem) => `${apiPath}: ${problem}`));
	}
	expect(problems).toEqual([]);
});

test('for every method, a required parameter left empty is refused before any request, naming the field', async () => {
	const problems: string[] = [];
	for (const entry of OPERATIONS) {
		const apiPath = entry.path.replace('cloudapi/', '');
		const required = entry.method.params.filter((param) => param.required && apiType(param) !== 'bool');
		if (required.length === 0) continue;
		const blank = required[required.length - 1];
		env.emulator.reset();
		const { parameters } = parametersFor(entry, apiPath);
		const name = editorName(entry, blank);
		parameters[name] = blank.picker ? byId('={{ "" }}') : '={{ "" }}';
		const run = await env.run(parameters, { auth: 'jwt' });
		const message = run.nodeError(NODE_NAME)?.message;
		if (message !== `"${blank.displayName}" must not be empty`) problems.push(`${apiPath} ${blank.name}: ${message}`);
		if (env.emulator.requests.length) problems.push(`${apiPath}: ${env.emulator.requests.length} requests sent`);
	}
	expect(problems).toEqual([]);
});

test('the methods that only read are marked safe to send twice; nothing that changes things, or runs as a task, is', () => {
	const safe = OPERATIONS.filter((entry) => entry.method.safe).map((entry) => entry.path.replace('cloudapi/', ''));
	expect(safe.sort()).toEqual(
		[
			'accounts/get',
			'accounts/getConsumedCloudUnits',
			'accounts/getConsumedCloudUnitsByType',
			'accounts/getConsumption',
			'accounts/list',
			'accounts/listTemplates',
			'cloudspaces/get',
			'cloudspaces/getDefenseShield',
			'cloudspaces/getOpenvpnConfig',
			'cloudspaces/list',
			'disks/get',
			'disks/list',
			'disks/listTypes',
			'externalnetwork/get',
			'externalnetwork/list',
			'images/list',
			'ipsec/listTunnels',
			'locations/getUrl',
			'locations/list',
			'machines/get',
			'machines/getConsoleUrl',
			'machines/getByReferenceId',
			'machines/getHistory',
			'machines/list',
			'machines/listExternalNetworks',
			'machines/listSnapshots',
			'portforwarding/list',
			'sizes/list',
			'users/get',
			'users/getMatchingUsernames',
			'users/isValidInviteUserToken',
		].sort(),
	);
	expect(OPERATIONS.filter((entry) => entry.method.list && !entry.method.safe)).toEqual([]);
	expect(OPERATIONS.filter((entry) => entry.method.safe && isWaitable(entry.method))).toEqual([]);
});

test('every method path is made of fixed names from the catalog; every field goes in the body', () => {
	for (const entry of OPERATIONS) {
		expect(entry.path).toMatch(/^cloudapi\/[a-z]+\/[A-Za-z]+$/);
		expect(entry.method.params.filter((param) => param.in !== 'body')).toEqual([]);
	}
});

test('the lookup is built once: the same operation every time, conversions and secrets worked out beforehand', () => {
	expect(operationOf('machine', 'get')).toBe(operationOf('machine', 'get'));
	expect(operationOf('machine', 'nothing')).toBeUndefined();
	expect(operationOf('account', 'getConsumption')!.conversions.map(([name]) => name)).toEqual(['start', 'end']);
	expect(operationOf('machine', 'getConsoleUrl')!.conversions.map(([name, convert]) => [name, convert(20)])).toEqual([['machineId', '20']]);
	expect(operationOf('machine', 'importOVF')!.secrets).toEqual(['passwd']);
	expect(operationOf('user', 'authenticate')!.secrets).toEqual(['password']);
	expect(operationOf('ipsecTunnel', 'addTunnelToCloudspace')!.secrets).toEqual(['pskSecret']);
	expect(operationOf('image', 'create')!.secrets).toEqual(['password']);
	expect(OPERATIONS.filter((entry) => entry.conversions.length > 0)).toHaveLength(2);
	expect([...operationOf('machine', 'stop')!.reserved].sort()).toEqual(['_async', 'authkey', 'force', 'machineId']);
});
