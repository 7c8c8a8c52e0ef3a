/**
 * Items in Parallel (Options; default 50): items overlap, their tasks run and are waited for together;
 * output order, pairing and failures as one by one; rate limits absorbed; one login however many items
 * start at once, in the node and in n8n's HTTP Request node.
 */
import { PARALLEL_DEFAULT } from '../../nodes/OpenVCloud/api';
import { chain } from '../harness';
import { byId, FAST_WAIT, NODE_NAME, useOpenVCloud, type AuthKind } from './setup';

const env = useOpenVCloud();
beforeEach(() => {
	env.emulator.taskDurationMs = 150;
	env.emulator.latencyMs = 0;
	env.emulator.maxInFlight = undefined;
	env.emulator.peakInFlight = 0;
	env.emulator.rateLimited = 0;
});
afterEach(() => {
	env.emulator.taskDurationMs = 20;
	env.emulator.latencyMs = 0;
	env.emulator.maxInFlight = undefined;
	env.emulator.rateLimitRetryAfter = '0';
});

const stop = (parallelItems?: number) => ({
	resource: 'machine',
	operation: 'stop',
	machineId: byId('={{ $json.id }}'),
	...FAST_WAIT,
	...(parallelItems === undefined ? {} : { options: { parallelItems } }),
});
const getMachine = (parallelItems?: number) => ({
	resource: 'machine',
	operation: 'get',
	machineId: byId('={{ $json.id }}'),
	...(parallelItems === undefined ? {} : { options: { parallelItems } }),
});
const input = (ids: number[]) => ids.map((id) => ({ id }));
const machineRequests = () => env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/get');

/** Machines 100, 101... as copies of machine 20, so that each item reads its own machine. */
function seedMachines(count: number): number[] {
	const ids = Array.from({ length: count }, (_, index) => 100 + index);
	for (const id of ids) env.emulator.state.machines.set(id, { ...env.emulator.state.machines.get(20)!, id, name: `vm-${id}` });
	return ids;
}

test('tasks of several items run together; the output keeps the input order and pairing; one login', async () => {
	const run = await env.run(stop(3), { input: input([20, 20, 20, 20, 20, 20, 20]) });
	const items = run.items(NODE_NAME);
	expect(items.map((item) => item.json)).toEqual(Array.from({ length: 7 }, () => ({ machineId: 20, stopped: true })));
	expect(items.map((item) => item.pairedItem)).toEqual([...Array(7).keys()].map((item) => ({ item })));
	expect(env.emulator.peakTasksInFlight).toBe(3);
	expect(env.emulator.logins).toHaveLength(1);
});

test('one at a time with Items in Parallel = 1', async () => {
	await env.run(stop(1), { input: input([20, 20, 20]) });
	expect(env.emulator.peakTasksInFlight).toBe(1);
});

test('by default up to 30 at a time: the waits of several items overlap', async () => {
	const run = await env.run(stop(), { input: input(Array.from({ length: 36 }, () => 20)) });
	expect(run.json(NODE_NAME)).toHaveLength(36);
	expect(env.emulator.peakTasksInFlight).toBeGreaterThan(1);
	expect(env.emulator.peakTasksInFlight).toBeLessThanOrEqual(PARALLEL_DEFAULT);
	// Polls of different tasks alternate: one item's wait does not hold the others up.
	const polled = env.emulator.callsTo('system/task/get').map((call) => call.params.taskguid);
	const switches = polled.filter((guid, index) => index > 0 && guid !== polled[index - 1]).length;
	expect(switches).toBeGreaterThan(new Set(polled).size);
});

test('with Continue On Fail, a failing item becomes its error item in place', async () => {
	const run = await env.run(stop(4), { input: input([20, 20, 999, 20, 20]), continueOnFail: true });
	const items = run.json(NODE_NAME);
	expect(items.map((item) => item.error ?? item.stopped)).toEqual([true, true, 'Machine with id 999 not found', true, true]);
});

test('without it, the node stops at the failing item and starts no new ones', async () => {
	env.emulator.taskPlans.set('machines/stop', { fail: 'Machine is locked', nth: 2 });
	const run = await env.run(stop(2), { input: input([20, 20, 20, 20, 20, 20, 20, 20]) });
	const error = run.nodeError(NODE_NAME) as unknown as { message: string; context: { itemIndex: number } };
	expect(error.message).toBe('Machine is locked');
	expect(error.context.itemIndex).toBe(1);
	expect(env.emulator.callsTo('machines/stop').length).toBeLessThan(8);
});

test('at 20 ms latency items overlap; output, order and pairing are those of the sequential run; one request per item', async () => {
	const ids = seedMachines(40);
	env.emulator.latencyMs = 20;
	const sequential = await env.run(getMachine(1), { input: input(ids), auth: 'jwt' });
	expect(env.emulator.peakInFlight).toBe(1);
	env.emulator.requests.length = 0;
	const parallel = await env.run(getMachine(), { input: input(ids), auth: 'jwt' });
	expect(env.emulator.peakInFlight).toBeGreaterThan(1);
	expect(env.emulator.peakInFlight).toBeLessThanOrEqual(PARALLEL_DEFAULT);
	expect(parallel.items(NODE_NAME)).toEqual(sequential.items(NODE_NAME));
	expect(parallel.json(NODE_NAME).map((machine) => machine.id)).toEqual(ids);
	expect(machineRequests()).toHaveLength(ids.length);
});

test('a rate limit (429 with Retry-After) is absorbed: every item succeeds, nothing lost or sent twice to the method', async () => {
	const ids = seedMachines(30);
	env.emulator.latencyMs = 50;
	env.emulator.maxInFlight = 2;
	// A pause: the refused items all come back at the same moment, and must not all be sent at once.
	env.emulator.rateLimitRetryAfter = '0.3';
	const run = await env.run(getMachine(20), { input: input(ids), auth: 'jwt' });
	expect(run.json(NODE_NAME).map((machine) => machine.id)).toEqual(ids);
	expect(run.json(NODE_NAME).filter((item) => item.error)).toEqual([]);
	expect(env.emulator.rateLimited).toBeGreaterThan(0);
	// Each item reached the method exactly once; the refused requests were sent again, nothing more.
	const reached = env.emulator.callsTo('machines/get').map((call) => call.params.machineId);
	expect(reached.sort()).toEqual(ids);
	expect(machineRequests()).toHaveLength(ids.length + env.emulator.rateLimited);
});

test.each(['password', 'itsYouOnline'] as AuthKind[])(
	'a token that expires with items in flight (%s): one renewal for all, each refused call sent again once, no item lost',
	async (auth) => {
		const ids = seedMachines(30);
		// Calls take a while, logins do not: most refused calls come back after the renewal has finished.
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { latencyMs: 40 });
		const lifetime = auth === 'password' ? env.emulator.sessionLifetimeSeconds : env.emulator.jwtLifetimeSeconds;
		env.emulator.afterRequests('POST', '/restmachine/cloudapi/machines/get', 12, () => env.emulator.clock.advance(lifetime + 1));
		const run = await env.run(getMachine(), { input: input(ids), auth });
		expect(run.json(NODE_NAME).map((machine) => machine.id)).toEqual(ids);
		expect(env.emulator.callsTo('machines/get')).toHaveLength(30);
		const refused = machineRequests().length - 30;
		expect(refused).toBeGreaterThan(1);
		expect(env.emulator.logins.length + env.emulator.tokenRequests.length).toBe(2);
	},
);

describe('one login for 200 items started at once on an empty token', () => {
	test.each(['password', 'itsYouOnline'] as AuthKind[])("n8n's HTTP Request node (%s)", async (auth) => {
		const workflow = chain({
			type: 'n8n-nodes-base.httpRequest',
			name: 'HTTP Request',
			typeVersion: 4.2,
			parameters: { method: 'POST', url: `${env.emulator.url}/restmachine/cloudapi/accounts/list`, nodeCredentialType: 'openVCloudApi' },
			credentials: { openVCloudApi: 'ovc-http' },
		});
		const run = await env.harness.run(workflow, { input: Array.from({ length: 200 }, () => ({})), credentials: { openVCloudApi: env.credentials(auth) } });
		expect(run.json('HTTP Request')).toHaveLength(200);
		expect(env.emulator.requestsTo('POST', '/restmachine/cloudapi/accounts/list')).toHaveLength(200);
		expect(env.emulator.logins.length + env.emulator.tokenRequests.length).toBe(1);
	});

	test.each(['password', 'itsYouOnline'] as AuthKind[])('the node with Items in Parallel 20 (%s)', async (auth) => {
		const run = await env.run(getMachine(20), { input: input(Array.from({ length: 200 }, () => 20)), auth });
		expect(run.json(NODE_NAME)).toHaveLength(200);
		expect(machineRequests()).toHaveLength(200);
		expect(env.emulator.logins.length + env.emulator.tokenRequests.length).toBe(1);
	});
});
