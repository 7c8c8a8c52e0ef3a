/** Options → Items in Parallel: several items' tasks run and are waited for together; order, pairing and failures as one by one. */
import { byId, FAST_WAIT, NODE_NAME, openVCloudSetup } from './setup';

let env: Awaited<ReturnType<typeof openVCloudSetup>>;

beforeAll(async () => {
	env = await openVCloudSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => {
	env.emulator.reset();
	env.emulator.state.seedWorkload();
	env.emulator.taskDurationMs = 150;
});
afterEach(() => {
	env.emulator.taskDurationMs = 20;
});

const stop = (parallelItems: number) => ({
	resource: 'machine',
	operation: 'stop',
	machineId: byId('={{ $json.id }}'),
	...FAST_WAIT,
	options: { parallelItems },
});
const input = (ids: number[]) => ids.map((id) => ({ id }));

test('tasks of several items run together; the output keeps the input order and pairing; one login', async () => {
	const run = await env.run(stop(3), { input: input([20, 20, 20, 20, 20, 20, 20]) });
	const items = run.items(NODE_NAME);
	expect(items.map((item) => item.json)).toEqual(Array.from({ length: 7 }, () => ({ machineId: 20, stopped: true })));
	expect(items.map((item) => item.pairedItem)).toEqual([...Array(7).keys()].map((item) => ({ item })));
	expect(env.emulator.peakTasksInFlight).toBe(3);
	expect(env.emulator.logins).toHaveLength(1);
});

test('one at a time by default', async () => {
	await env.run(stop(1), { input: input([20, 20, 20]) });
	expect(env.emulator.peakTasksInFlight).toBe(1);
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
