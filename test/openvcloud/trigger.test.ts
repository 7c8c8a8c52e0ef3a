/**
 * The OpenvCloud Trigger, polled through n8n-core's poll context (static data kept between polls) against
 * the emulated G8, whose world changes between polls. For every event: the baseline emits nothing, one
 * change emits exactly one item, quiet polls emit nothing, a failed poll loses nothing, "Fetch Test Event"
 * moves nothing, the memory stays bounded, and what one poll costs (with nothing new and with K new).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { listSearch, pollSession, type PollSession } from '../harness';
import type { CloudSpace, Disk, Machine } from '../emulators/openvcloud/state';
import { useOpenVCloud } from './setup';

const env = useOpenVCloud();

const TRIGGER = 'n8n-nodes-eurocloud.openVCloudTrigger';
const byId = (value: number) => ({ __rl: true, mode: 'id', value: String(value) });

const start = (parameters: IDataObject): PollSession =>
	pollSession(
		env.harness,
		{ type: TRIGGER, parameters, credentials: { openVCloudApi: 'ovc-1' } },
		{ openVCloudApi: env.credentials('jwt') },
	);

const inSpace = (event: string, extra: IDataObject = {}) => ({ event, scope: 'cloudSpace', cloudspaceId: byId(10), ...extra });
const inAccount = (event: string, extra: IDataObject = {}) => ({ event, scope: 'account', accountId: byId(1), ...extra });

const now = () => Math.floor(Date.now() / 1000);
const state = () => env.emulator.state;

function addMachine(id: number, cloudspaceid = 10, status = 'RUNNING'): Machine {
	const machine: Machine = {
		...state().machines.get(20)!,
		id,
		cloudspaceid,
		name: `vm-${id}`,
		status,
		disks: [],
		snapshots: [],
		acl: [],
		history: [],
		creationTime: now(),
		updateTime: now(),
	};
	state().machines.set(id, machine);
	return machine;
}

function addSpace(id: number, accountId = 1): CloudSpace {
	const space: CloudSpace = { ...state().cloudspaces.get(10)!, id, accountId, name: `space-${id}`, acl: [], limits: {}, allowedVMSizes: [] };
	state().cloudspaces.set(id, space);
	return space;
}

function addDisk(id: number, accountId = 1): Disk {
	const disk: Disk = { ...state().disks.get(32)!, id, accountId, name: `disk-${id}` };
	state().disks.set(id, disk);
	return disk;
}

let tick = 0;

/** A machine's or cloud space's new status, at a time later than any before (so "oldest first" has an order to keep). */
function setStatus(object: Machine | CloudSpace, status: string) {
	object.status = status;
	object.updateTime = now() + ++tick;
}

/** Requests to the G8 that one call makes (logins excluded). */
async function cost<T>(call: () => Promise<T>): Promise<{ result: T; requests: number }> {
	const before = env.emulator.apiRequests.length;
	const result = await call();
	return { result, requests: env.emulator.apiRequests.length - before };
}

interface EventCase {
	event: string;
	parameters: IDataObject;
	/** World beyond the seeded one (account 1, cloud space 10 with machine 20, disks 30-32). */
	setup?: () => void;
	/** Makes exactly one event happen; `n` makes the n-th of several (for K new). */
	change: (n: number) => void;
	/** What the emitted item holds (at least). */
	expected: IDataObject;
	/** Requests per poll with nothing new. */
	requests: number;
	/** The call the poll makes last: where a fault fails it half way. */
	lastCall: string;
	/** What "Fetch Test Event" returns after the change (null: nothing to show). */
	manual: IDataObject | null;
	/** Makes `count` objects exist from ID `from` on (for the bound on the memory), and removes them all. */
	many: (from: number, count: number) => void;
	clear: () => void;
	/** Whether Include Full Details applies (one get per event). */
	detailed: boolean;
}

/** A second cloud space (11, with machine 21) in account 1, so that the account's cost shows N = 2. */
const secondSpace = () => {
	addSpace(11);
	addMachine(21, 11);
};

/** Adds objects with IDs from `from` on, and removes every object from ID 1000 on. */
const many = (add: (id: number) => void) => (from: number, count: number) => {
	for (let id = from; id < from + count; id++) add(id);
};
const clear = (objects: () => Map<number, unknown>) => () => {
	for (const id of [...objects().keys()]) if (id >= 1000) objects().delete(id);
};
const manyMachines = (cloudspaceid = 10) => many((id) => addMachine(id, cloudspaceid));
const clearMachines = clear(() => state().machines);
const manySpaces = many((id) => addSpace(id));
const clearSpaces = clear(() => state().cloudspaces);
const manyDisks = many((id) => addDisk(id));
const clearDisks = clear(() => state().disks);
const SNAPSHOTS_FROM = now() - 100_000;

const CASES: EventCase[] = [
	{
		event: 'machineStatusChanged',
		parameters: inSpace('machineStatusChanged'),
		setup: () => [21, 22].forEach((id) => addMachine(id)),
		change: (n) => setStatus(state().machines.get(19 + n)!, 'HALTED'),
		expected: { event: 'machineStatusChanged', id: 20, name: 'web-1', cloudspaceId: 10, status: 'HALTED', previousStatus: 'RUNNING' },
		requests: 1,
		lastCall: 'machines/list',
		manual: { event: 'machineStatusChanged', id: 20, status: 'HALTED', previousStatus: null },
		many: manyMachines(),
		clear: clearMachines,
		detailed: true,
	},
	{
		event: 'machineCreated',
		parameters: inAccount('machineCreated'),
		setup: secondSpace,
		change: (n) => addMachine(300 + n, n % 2 ? 11 : 10),
		expected: { event: 'machineCreated', id: 301, name: 'vm-301', cloudspaceId: 11, status: 'RUNNING' },
		requests: 3,
		lastCall: 'machines/list',
		manual: { event: 'machineCreated', id: 301 },
		many: manyMachines(11),
		clear: clearMachines,
		detailed: true,
	},
	{
		event: 'machineDeleted',
		parameters: inAccount('machineDeleted'),
		setup: () => {
			secondSpace();
			addMachine(22);
		},
		// Moved to the recycle bin (no longer listed), deleted for good, or listed as DESTROYED.
		change: (n) => [() => setStatus(state().machines.get(20)!, 'DELETED'), () => state().machines.delete(21), () => setStatus(state().machines.get(22)!, 'DESTROYED')][n - 1](),
		expected: { event: 'machineDeleted', id: 20, name: 'web-1', cloudspaceId: 10, previousStatus: 'RUNNING' },
		requests: 3,
		lastCall: 'machines/list',
		manual: null,
		many: manyMachines(),
		clear: clearMachines,
		detailed: false,
	},
	{
		event: 'cloudSpaceStatusChanged',
		parameters: inAccount('cloudSpaceStatusChanged'),
		setup: () => [11, 12].forEach((id) => addSpace(id)),
		change: (n) => setStatus(state().cloudspaces.get([10, 11, 12][n - 1])!, 'DISABLED'),
		expected: { event: 'cloudSpaceStatusChanged', id: 10, name: 'production', status: 'DISABLED', previousStatus: 'DEPLOYED' },
		requests: 1,
		lastCall: 'cloudspaces/list',
		manual: { event: 'cloudSpaceStatusChanged', id: 10, status: 'DISABLED', previousStatus: null },
		many: manySpaces,
		clear: clearSpaces,
		detailed: true,
	},
	{
		event: 'cloudSpaceCreated',
		parameters: inAccount('cloudSpaceCreated'),
		change: (n) => addSpace(400 + n),
		expected: { event: 'cloudSpaceCreated', id: 401, name: 'space-401', accountId: 1 },
		requests: 1,
		lastCall: 'cloudspaces/list',
		manual: { event: 'cloudSpaceCreated', id: 401 },
		many: manySpaces,
		clear: clearSpaces,
		detailed: true,
	},
	{
		event: 'cloudSpaceDeleted',
		parameters: inAccount('cloudSpaceDeleted'),
		setup: () => [11, 12].forEach((id) => addSpace(id)),
		change: (n) =>
			[
				() => setStatus(Object.assign(state().cloudspaces.get(10)!, { deleted: true }), 'DELETED'),
				() => state().cloudspaces.delete(11),
				() => setStatus(state().cloudspaces.get(12)!, 'DESTROYED'),
			][n - 1](),
		expected: { event: 'cloudSpaceDeleted', id: 10, name: 'production', status: 'DELETED', previousStatus: 'DEPLOYED' },
		requests: 1,
		lastCall: 'cloudspaces/list',
		manual: { event: 'cloudSpaceDeleted', id: 10, status: 'DELETED' },
		many: manySpaces,
		clear: clearSpaces,
		detailed: false,
	},
	{
		event: 'diskCreated',
		parameters: { event: 'diskCreated', accountId: byId(1) },
		change: (n) => addDisk(500 + n),
		expected: { event: 'diskCreated', id: 501, name: 'disk-501', accountId: 1, status: 'CREATED' },
		requests: 1,
		lastCall: 'disks/list',
		manual: { event: 'diskCreated', id: 501 },
		many: manyDisks,
		clear: clearDisks,
		detailed: true,
	},
	{
		event: 'diskDeleted',
		parameters: { event: 'diskDeleted', accountId: byId(1) },
		change: (n) => (n === 1 ? (state().disks.get(32)!.status = 'DELETED') : state().disks.delete(28 + n)),
		expected: { event: 'diskDeleted', id: 32, name: 'spare', previousStatus: 'CREATED' },
		requests: 1,
		lastCall: 'disks/list',
		manual: null,
		many: manyDisks,
		clear: clearDisks,
		detailed: false,
	},
	{
		event: 'snapshotCreated',
		parameters: inSpace('snapshotCreated'),
		setup: () => addMachine(22),
		change: (n) => state().machines.get(n % 2 ? 20 : 22)!.snapshots.push({ name: `nightly-${n}`, epoch: now() + n, diskguid: `d-${n}` }),
		expected: { event: 'snapshotCreated', name: 'nightly-1', machineId: 20, machineName: 'web-1', cloudspaceId: 10, diskguid: 'd-1' },
		requests: 3,
		lastCall: 'machines/listSnapshots',
		manual: { event: 'snapshotCreated', name: 'nightly-1', machineId: 20 },
		many: (from, count) => {
			const machine = state().machines.get(22)!;
			for (let id = from; id < from + count; id++) machine.snapshots.push({ name: `s-${id}`, epoch: SNAPSHOTS_FROM + id, diskguid: 'd' });
		},
		clear: () => (state().machines.get(22)!.snapshots = []),
		detailed: false,
	},
];

describe.each(CASES.map((entry) => [entry.event, entry] as const))('%s', (_event, entry) => {
	beforeEach(() => entry.setup?.());

	test('the baseline emits nothing; one change emits exactly one item; quiet polls emit nothing', async () => {
		const session = start(entry.parameters);
		expect(await session.emitted()).toEqual([]);
		entry.change(1);
		const emitted = await session.emitted();
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject(entry.expected);
		expect(await session.emitted()).toEqual([]);
		expect(await session.emitted()).toEqual([]);
		// After a restart, the stored state is what counts: nothing is emitted twice.
		const restarted = start(entry.parameters);
		restarted.staticData = structuredClone(session.staticData);
		expect(await restarted.emitted()).toEqual([]);
	});

	test('a poll that fails half way emits nothing and keeps the state; the next one catches up', async () => {
		const session = start(entry.parameters);
		await session.emitted();
		const baseline = structuredClone(session.staticData);
		entry.change(1);
		env.emulator.fault('POST', `/restmachine/cloudapi/${entry.lastCall}`, { status: 500, body: '"Internal error"', times: 1 });
		const failed = await session.poll();
		expect(failed.error?.message).toBe('Internal error');
		expect(failed.items).toBeNull();
		expect(session.staticData).toEqual(baseline);
		const caughtUp = await session.emitted();
		expect(caughtUp).toHaveLength(1);
		expect(caughtUp[0]).toMatchObject(entry.expected);
		expect(await session.emitted()).toEqual([]);
	});

	test('"Fetch Test Event" shows the newest matching item at once and moves nothing', async () => {
		const session = start(entry.parameters);
		await session.emitted();
		const baseline = structuredClone(session.staticData);
		entry.change(1);
		const { items, error } = await session.poll('manual');
		expect(error).toBeUndefined();
		if (entry.manual === null) expect(items).toBeNull();
		else expect(items?.map((item) => item.json)).toEqual([expect.objectContaining(entry.manual)]);
		expect(session.staticData).toEqual(baseline);
		expect(await session.emitted()).toEqual([expect.objectContaining(entry.expected)]);
	});

	test('the memory stays bounded after 10,000 objects were seen (4 x 2,500 that came and went)', async () => {
		const session = start(entry.parameters);
		await session.emitted();
		let peak = 0;
		for (let batch = 0; batch < 4; batch++) {
			entry.many(1000 + batch * 2500, 2500);
			expect((await session.poll()).error).toBeUndefined();
			peak = Math.max(peak, session.stateSize());
			entry.clear();
			expect((await session.poll()).error).toBeUndefined();
		}
		// One short state per object there now (for snapshots: at most 1,000 IDs near the newest time).
		expect(peak).toBeLessThan(entry.event === 'snapshotCreated' ? 60_000 : 100_000);
		expect(session.stateSize()).toBeLessThan(entry.event === 'snapshotCreated' ? 60_000 : 1_000);
	});

	test(`one poll costs ${entry.requests} request(s) with nothing new, and as many with 3 new events`, async () => {
		const session = start(entry.parameters);
		await session.emitted();
		expect((await cost(() => session.emitted())).requests).toBe(entry.requests);
		for (const n of [1, 2, 3]) entry.change(n);
		const { result, requests } = await cost(() => session.emitted());
		expect(result).toHaveLength(3);
		expect(requests).toBe(entry.requests);
	});
});

describe('options, scopes and limits', () => {
	test('Include Full Details: one get per event emitted, none when nothing happened', async () => {
		const session = start(inSpace('machineStatusChanged', { options: { fullDetails: true } }));
		await session.emitted();
		expect((await cost(() => session.emitted())).requests).toBe(1);
		setStatus(state().machines.get(20)!, 'HALTED');
		addMachine(21);
		await session.emitted();
		setStatus(state().machines.get(21)!, 'PAUSED');
		setStatus(state().machines.get(20)!, 'RUNNING');
		const { result, requests } = await cost(() => session.emitted());
		expect(requests).toBe(1 + 2);
		// The machine as machines/get gives it (interfaces, disks...), oldest change first.
		expect(result.map((item) => [item.id, item.previousStatus, item.status])).toEqual([
			[21, 'RUNNING', 'PAUSED'],
			[20, 'HALTED', 'RUNNING'],
		]);
		expect(result[1]).toMatchObject({ event: 'machineStatusChanged', interfaces: [{ ipAddress: '192.168.103.20', type: 'bridge' }] });
	});

	test('From and To Statuses: only the changes asked for (case and spacing do not matter)', async () => {
		const session = start(inSpace('machineStatusChanged', { options: { fromStatuses: 'running', toStatuses: 'HALTED ,error' } }));
		await session.emitted();
		const machine = state().machines.get(20)!;
		setStatus(machine, 'PAUSED');
		expect(await session.emitted()).toEqual([]);
		setStatus(machine, 'HALTED');
		expect(await session.emitted()).toEqual([]); // from PAUSED, not RUNNING
		setStatus(machine, 'RUNNING');
		expect(await session.emitted()).toEqual([]);
		setStatus(machine, 'ERROR');
		expect(await session.emitted()).toEqual([expect.objectContaining({ id: 20, previousStatus: 'RUNNING', status: 'ERROR' })]);
	});

	test('an account: one request for the cloud spaces, then one per cloud space; deleted cloud spaces are not listed', async () => {
		for (const id of [11, 12, 13]) addSpace(id);
		Object.assign(addSpace(14), { deleted: true, status: 'DELETED' });
		addSpace(15, 2); // another account
		const session = start(inAccount('machineStatusChanged'));
		await session.emitted();
		const { requests } = await cost(() => session.emitted());
		expect(requests).toBe(1 + 4);
		expect(env.emulator.callsTo('machines/list').map((call) => call.params.cloudspaceId)).toEqual([10, 11, 12, 13, 10, 11, 12, 13]);
		// A cloud space deleted with its machines: each machine is reported deleted once.
		addMachine(120, 12);
		const deletions = start(inAccount('machineDeleted'));
		await deletions.emitted();
		Object.assign(state().cloudspaces.get(12)!, { deleted: true, status: 'DELETED' });
		expect(await deletions.emitted()).toEqual([expect.objectContaining({ event: 'machineDeleted', id: 120, cloudspaceId: 12, name: 'vm-120' })]);
		expect(await deletions.emitted()).toEqual([]);
	});

	test('a deletion is reported once: first listed as DELETED or DESTROYED, then gone for good', async () => {
		const spaces = start(inAccount('cloudSpaceDeleted'));
		await spaces.emitted();
		setStatus(Object.assign(state().cloudspaces.get(10)!, { deleted: true }), 'DELETED');
		expect(await spaces.emitted()).toEqual([expect.objectContaining({ id: 10, status: 'DELETED', previousStatus: 'DEPLOYED' })]);
		state().cloudspaces.delete(10);
		expect(await spaces.emitted()).toEqual([]);
		const machines = start(inSpace('machineDeleted'));
		await machines.emitted();
		setStatus(state().machines.get(20)!, 'DESTROYED');
		expect(await machines.emitted()).toEqual([expect.objectContaining({ id: 20, status: 'DESTROYED', previousStatus: 'RUNNING' })]);
		state().machines.delete(20);
		expect(await machines.emitted()).toEqual([]);
	});

	test('one cloud space: its status changes and its deletion, with one request per poll', async () => {
		addSpace(11);
		const session = start(inSpace('cloudSpaceStatusChanged'));
		const deletion = start(inSpace('cloudSpaceDeleted'));
		await session.emitted();
		await deletion.emitted();
		setStatus(state().cloudspaces.get(11)!, 'DISABLED');
		expect((await cost(() => session.emitted())).result).toEqual([]);
		setStatus(state().cloudspaces.get(10)!, 'DISABLED');
		const { result, requests } = await cost(() => session.emitted());
		expect(requests).toBe(1);
		expect(result).toEqual([expect.objectContaining({ id: 10, status: 'DISABLED', previousStatus: 'DEPLOYED' })]);
		expect(await deletion.emitted()).toEqual([]);
		state().cloudspaces.delete(10);
		expect(await deletion.emitted()).toEqual([expect.objectContaining({ event: 'cloudSpaceDeleted', id: 10, name: 'production', previousStatus: 'DISABLED' })]);
	});

	test('polls reuse the login: one session key for many polls', async () => {
		const session = pollSession(
			env.harness,
			{ type: TRIGGER, parameters: inSpace('machineCreated'), credentials: { openVCloudApi: 'ovc-1' } },
			{ openVCloudApi: env.credentials('password') },
		);
		for (let poll = 0; poll < 4; poll++) expect((await session.poll()).error).toBeUndefined();
		expect(env.emulator.logins).toHaveLength(1);
		expect(env.emulator.callsTo('machines/list').every((call) => call.auth === 'session')).toBe(true);
	});

	test('more objects than the memory holds is a clear error, not a flood of false events', async () => {
		manyMachines()(1000, 50_001);
		const { error, items } = await start(inSpace('machineCreated')).poll();
		expect(items).toBeNull();
		expect(error?.message).toBe('The cloud space holds 50002 objects to watch, more than the 50000 one trigger can remember');
	});

	test('another event or scope starts afresh: a new baseline, and the old memory is dropped', async () => {
		const session = start(inSpace('machineStatusChanged'));
		await session.emitted();
		const [oldKey] = Object.keys(session.staticData);
		session.node.parameters = inAccount('machineStatusChanged');
		setStatus(state().machines.get(20)!, 'HALTED');
		expect(await session.emitted()).toEqual([]); // the account's baseline
		expect(Object.keys(session.staticData)).toHaveLength(1);
		expect(Object.keys(session.staticData)[0]).not.toBe(oldKey);
	});

	test('a scope that is not chosen fails the poll before any request, naming the field', async () => {
		const { error } = await start({ event: 'diskCreated', accountId: { __rl: true, mode: 'list', value: '' } }).poll();
		expect(error?.message).toBe('"Account" must be chosen, or given as a numeric ID (got "")');
		expect(env.emulator.apiRequests).toHaveLength(0);
	});

	test('an answer that is not a list fails the poll: it is never read as "everything was deleted"', async () => {
		const session = start(inSpace('machineDeleted'));
		await session.emitted();
		const baseline = structuredClone(session.staticData);
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/list', { status: 200, body: { machines: [] }, times: 1 });
		const { error } = await session.poll();
		expect(error?.message).toBe('OpenvCloud answered machines/list with something other than a list');
		expect(session.staticData).toEqual(baseline);
		expect(await session.emitted()).toEqual([]);
	});
});

describe('the node', () => {
	let description: INodeTypeDescription;
	beforeAll(() => {
		description = env.harness.nodeTypes.getByNameAndVersion(TRIGGER, 1).description;
	});
	const shown = (parameters: INodeParameters) =>
		Object.keys(NodeHelpers.getNodeParameters(description.properties, parameters, true, false, null, description)!).filter(
			(name) => name !== 'pollTimes',
		);

	test('an n8n polling trigger: in the trigger group, no inputs, icons, codex, a subtitle with the event, registered', () => {
		expect(description).toMatchObject({
			displayName: 'OpenvCloud Trigger',
			name: 'openVCloudTrigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'openVCloudApi', required: true }],
		});
		// "Poll Times" is n8n's own, added when the node type loads (the node does not declare it).
		expect(description.properties.filter((property) => property.name === 'pollTimes')).toHaveLength(1);
		const node = { id: 'n', name: 'T', type: TRIGGER, typeVersion: 1, position: [0, 0] as [number, number], parameters: { event: 'diskDeleted' } };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: env.harness.nodeTypes });
		expect(workflow.expression.getSimpleParameterValue(node, description.subtitle as string, 'internal', {})).toBe('Disk Deleted');
		const dir = path.resolve(__dirname, '../../dist/nodes/OpenVCloud');
		for (const icon of ['openVCloud.svg', 'openVCloud.dark.svg']) expect(existsSync(path.join(dir, icon))).toBe(true);
		const codex = JSON.parse(readFileSync(path.join(dir, 'OpenVCloudTrigger.node.json'), 'utf8')) as Record<string, unknown>;
		expect(codex).toMatchObject({ node: 'n8n-nodes-eurocloud.openVCloudTrigger', categories: ['Development'] });
		const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		expect(manifest.n8n.nodes).toContain('dist/nodes/OpenVCloud/OpenVCloudTrigger.node.js');
		const events = description.properties.find((property) => property.name === 'event')!.options as Array<{ value: string; description?: string }>;
		expect(events.map((event) => event.value)).toEqual(CASES.map((entry) => entry.event));
		expect(events.every((event) => (event.description ?? '').length > 10)).toBe(true);
	});

	test('the fields each event needs: a cloud space or an account; disks and new cloud spaces only per account', () => {
		expect(shown({ event: 'machineStatusChanged' })).toEqual(['event', 'scope', 'cloudspaceId', 'options']);
		expect(shown({ event: 'machineStatusChanged', scope: 'account' })).toEqual(['event', 'scope', 'accountId', 'options']);
		expect(shown({ event: 'diskCreated' })).toEqual(['event', 'accountId', 'options']);
		expect(shown({ event: 'cloudSpaceCreated' })).toEqual(['event', 'accountId', 'options']);
	});

	test('the pickers: accounts and cloud spaces, as the action node offers them', async () => {
		addSpace(15, 2);
		state().accounts.set(2, { ...state().accounts.get(1)!, id: 2, name: 'other' });
		const search = async (method: string, parameters: IDataObject) =>
			(await listSearch(env.harness, { type: TRIGGER, parameters, credentials: { openVCloudApi: env.credentials('jwt') } }, method)).results;
		expect((await search('searchAccounts', { event: 'diskCreated' })).map((entry) => entry.value)).toEqual(['1', '2']);
		expect((await search('searchCloudSpaces', { event: 'machineCreated', scope: 'cloudSpace' })).map((entry) => entry.value)).toEqual(['10', '15']);
	});
});
