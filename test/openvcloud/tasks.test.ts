/** Long-running calls as tasks: failures, timeouts, a transient 404, Return Task ID, Task: Get and Kill, expiry. */
import { byId, FAST_WAIT, NODE_NAME, useOpenVCloud } from './setup';

const env = useOpenVCloud();

const stop = (extra: Record<string, unknown> = {}) => ({
	resource: 'machine',
	operation: 'stop',
	machineId: byId('={{ $json.id || 20 }}'),
	...FAST_WAIT,
	...extra,
});
const taskGets = () => env.emulator.requestsTo('POST', '/restmachine/system/task/get');

test('a task is polled until done; the first check comes well before a whole interval', async () => {
	env.emulator.taskPlans.set('machines/stop', { durationMs: 60 });
	const run = await env.run(stop({ pollInterval: 1 }));
	expect(run.json(NODE_NAME)).toEqual([{ machineId: 20, stopped: true }]);
	expect(env.emulator.state.machines.get(20)?.status).toBe('HALTED');
	const [call] = env.emulator.callsTo('machines/stop');
	expect(call.async).toBe(true);
	// First check after a quarter of the interval: the 60 ms task is done by then.
	const [start] = env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/stop');
	expect(taskGets()).toHaveLength(1);
	expect(taskGets()[0].at - start.at).toBeLessThan(1000);
	expect(env.emulator.callsTo('system/task/get')[0].params.taskguid).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
});

test('a task that fails yields the G8 message, with the task and the call in the description', async () => {
	env.emulator.taskPlans.set('machines/create', { fail: 'Not enough resources available to provision the requested machine' });
	const run = await env.run({
		resource: 'machine',
		operation: 'create',
		cloudspaceId: byId(10),
		name: 'big',
		imageId: byId(1),
		disksize: 10,
		additionalFields: { memory: 262144, vcpus: 64 },
		...FAST_WAIT,
	});
	const error = run.nodeError(NODE_NAME) as unknown as { message: string; description: string };
	expect(error.message).toBe('Not enough resources available to provision the requested machine');
	expect(error.description).toMatch(/^Task [0-9a-f-]{36} \(cloudapi\/machines\/create\) failed on the G8$/);
});

test('an error the method raises inside the task is the failure message too', async () => {
	env.emulator.state.machines.get(20)!.status = 'HALTED';
	const run = await env.run({ resource: 'machine', operation: 'pause', machineId: byId(20), ...FAST_WAIT });
	expect(run.nodeError(NODE_NAME)?.message).toBe('Machine is HALTED');
});

test('a task that never finishes times out naming the task and how long it waited; other items go on', async () => {
	env.emulator.taskPlans.set('machines/stop', { never: true, nth: 2 });
	const run = await env.run(stop({ waitTimeout: 0.3 }), { input: [{ id: 20 }, { id: 20 }, { id: 20 }], continueOnFail: true });
	const items = run.items(NODE_NAME);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json).toEqual({ machineId: 20, stopped: true });
	expect(items[2].json).toEqual({ machineId: 20, stopped: true });
	const guid = [...env.emulator.tasks.values()][1].guid;
	expect(items[1].json.error).toMatch(
		new RegExp(`^Task ${guid} \\(cloudapi/machines/stop\\) did not finish within the timeout of 300 ms \\(waited \\d+ m?s, checked \\d+ times\\)$`),
	);
	expect(items[1].json.description).toBe('It may still be running on the G8: check it later with Task: Get, or raise "Timeout (Seconds)"');
});

test('without Continue On Fail the timeout stops the node at that item', async () => {
	env.emulator.taskPlans.set('machines/stop', { never: true });
	const run = await env.run(stop({ waitTimeout: 0.1 }));
	const error = run.nodeError(NODE_NAME) as unknown as { message: string; context: { itemIndex: number } };
	expect(error.message).toMatch(/did not finish within the timeout of 100 ms/);
	expect(error.context.itemIndex).toBe(0);
});

test('one 404 right after the start is tolerated (multi-node portals); a second one is an error', async () => {
	env.emulator.fault('POST', '/restmachine/system/task/get', { status: 404, body: '"Task is not found"', times: 1 });
	const tolerated = await env.run(stop());
	expect(tolerated.json(NODE_NAME)).toEqual([{ machineId: 20, stopped: true }]);
	env.emulator.fault('POST', '/restmachine/system/task/get', { status: 404, body: '"Task is not found"', times: 2 });
	const refused = await env.run(stop());
	const error = refused.nodeError(NODE_NAME) as unknown as { message: string; description: string };
	expect(error.message).toMatch(/^Task [0-9a-f-]{36} \(cloudapi\/machines\/stop\) is not known to the G8$/);
	expect(error.description).toContain('more than about 10 minutes ago');
});

describe('Return Task ID, then Task: Get and Task: Kill', () => {
	test('the call returns its task ID at once; Task: Get reports pending, then the result', async () => {
		env.emulator.taskPlans.set('machines/stop', { durationMs: 300 });
		const started = await env.run(stop({ waitForCompletion: false, returnTaskId: true }));
		const taskGuid = String(started.json(NODE_NAME)[0].taskGuid);
		expect(started.json(NODE_NAME)[0].machineId).toBe(20);
		expect(env.emulator.tasks.has(String(taskGuid))).toBe(true);
		expect(taskGets()).toHaveLength(0);

		const pending = await env.run({ resource: 'task', operation: 'get', taskGuid });
		expect(pending.json(NODE_NAME)).toEqual([{ taskGuid, status: 'pending' }]);
		const done = await env.run({ resource: 'task', operation: 'get', taskGuid, waitForCompletion: true, ...FAST_WAIT });
		expect(done.json(NODE_NAME)).toEqual([{ taskGuid, status: 'succeeded', result: true }]);
	});

	test('Task: Get reports a failed task without failing (unless waiting), with its message', async () => {
		env.emulator.taskPlans.set('machines/stop', { fail: 'Machine is locked', durationMs: 1 });
		const started = await env.run(stop({ waitForCompletion: false, returnTaskId: true }));
		const taskGuid = String(started.json(NODE_NAME)[0].taskGuid);
		const waited = await env.run({ resource: 'task', operation: 'get', taskGuid, waitForCompletion: true, ...FAST_WAIT });
		expect(waited.nodeError(NODE_NAME)?.message).toBe('Machine is locked');
		const state = await env.run({ resource: 'task', operation: 'get', taskGuid });
		expect(state.json(NODE_NAME)).toEqual([{ taskGuid, status: 'failed', error: 'Machine is locked' }]);
	});

	test('Task: Kill stops a running task; killing it again is the G8 404', async () => {
		env.emulator.taskPlans.set('machines/stop', { never: true });
		const started = await env.run(stop({ waitForCompletion: false, returnTaskId: true }));
		const taskGuid = String(started.json(NODE_NAME)[0].taskGuid);
		const killed = await env.run({ resource: 'task', operation: 'kill', taskGuid });
		expect(killed.json(NODE_NAME)).toEqual([{ taskGuid, killed: true }]);
		const state = await env.run({ resource: 'task', operation: 'get', taskGuid });
		expect(state.json(NODE_NAME)).toEqual([{ taskGuid, status: 'failed', error: 'Task was killed' }]);
		const again = await env.run({ resource: 'task', operation: 'kill', taskGuid });
		expect(again.nodeError(NODE_NAME)?.message).toBe('Task is not found or not active');
	});

	test('a result older than the G8 keeps it (10 minutes) is gone: 404 with the G8 message', async () => {
		const started = await env.run(stop({ waitForCompletion: false, returnTaskId: true }));
		const taskGuid = String(started.json(NODE_NAME)[0].taskGuid);
		const fresh = await env.run({ resource: 'task', operation: 'get', taskGuid, waitForCompletion: true, ...FAST_WAIT });
		expect(fresh.json(NODE_NAME)[0].status).toBe('succeeded');
		env.emulator.clock.advance(env.emulator.taskResultTtlSeconds);
		const expired = await env.run({ resource: 'task', operation: 'get', taskGuid });
		const error = expired.nodeError(NODE_NAME) as unknown as { message: string; httpCode: string };
		expect(error).toMatchObject({ message: 'Task is not found', httpCode: '404' });
	});

	test('an empty task ID is refused before any request', async () => {
		const run = await env.run({ resource: 'task', operation: 'get', taskGuid: '={{ "" }}' });
		expect(run.nodeError(NODE_NAME)?.message).toBe('"Task ID" must not be empty');
		expect(env.emulator.requests).toHaveLength(0);
	});
});

test('poll interval and timeout are checked before anything is sent', async () => {
	const run = await env.run(stop({ pollInterval: '={{ 0 }}' }));
	expect(run.nodeError(NODE_NAME)?.message).toBe('"Poll Interval (Seconds)" must be a number of seconds above 0 (got "0")');
	expect(env.emulator.apiRequests).toHaveLength(0);
});
