/**
 * Wait for Completion, run as workflows against the emulator, whose tasks, orders and v2 resources finish as
 * real time passes (test/emulators/ovh-work.ts): a dedicated server reinstall and a DNS zone import waited to
 * the end, an existing task waited for on its own route, an order until delivered, v2 resources until READY or
 * gone; a task in error, cancelled or waiting for the customer fails the item with OVHcloud's comment; a
 * timeout names the task and hands its ID to Continue On Fail; and what waiting costs in requests.
 */
import type { INodeParameters } from 'n8n-workflow';

import { NODE_NAME, op, ovhSetup, params, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const SERVER = 'ns3001234.ip-203-0-113.eu';
const REINSTALL = 'POST /dedicated/server/{serviceName}/reinstall';
const TASK_ROUTE = /^\/1\.0\/dedicated\/server\/ns3001234\.ip-203-0-113\.eu\/task\/\d+$/;

/** Fast schedules for tests: checks after 50 ms, 150 ms, then every 200 ms. */
const waiting = (extra: INodeParameters = {}): INodeParameters => ({ waitForCompletion: true, pollInterval: 0.2, waitTimeout: 5, ...extra });

const reinstall = (options: INodeParameters = waiting()) => ({
	resource: 'v1/dedicated',
	endpoint: op(REINSTALL),
	parameters: params({ serviceName: SERVER, operatingSystem: 'debian12_64' }),
	options,
});

const reads = (pattern: RegExp) => env.emulator.requestsOf('api').filter((request) => request.method === 'GET' && pattern.test(request.url));

describe('tasks', () => {
	test('a dedicated server reinstall is waited for to the end: the output is the final task', async () => {
		env.emulator.work.plan(REINSTALL, { durationMs: 600 });
		const started = Date.now();
		const run = await env.run(reinstall());
		expect(Date.now() - started).toBeGreaterThanOrEqual(600);
		const [task] = run.json(NODE_NAME);
		expect(task).toMatchObject({ function: 'reinstallServer', status: 'done', taskId: expect.any(Number), comment: 'Reinstall asked' });
		expect(run.json(NODE_NAME)).toHaveLength(1);
		expect(env.emulator.callsTo(REINSTALL)).toHaveLength(1);
		// Read on the family's task route, nearest to the operation: GET /dedicated/server/{serviceName}/task/{taskId}.
		const checks = reads(TASK_ROUTE);
		expect(checks.length).toBeGreaterThanOrEqual(3);
		expect(checks.every((request) => request.url.endsWith(`/task/${String(task.taskId)}`))).toBe(true);
	});

	test('without Wait for Completion the task comes back as started, with one request', async () => {
		env.emulator.work.plan(REINSTALL, { durationMs: 600 });
		const run = await env.run(reinstall({}));
		expect(run.json(NODE_NAME)).toEqual([expect.objectContaining({ function: 'reinstallServer', status: 'init' })]);
		expect(env.emulator.requestsOf('api')).toHaveLength(1);
	});

	test('a DNS zone import task is waited for on the zone\'s task route', async () => {
		const IMPORT = 'POST /domain/zone/{zoneName}/import';
		env.emulator.work.plan(IMPORT, { durationMs: 300 });
		const run = await env.run({
			resource: 'v1/domain',
			endpoint: op(IMPORT),
			parameters: params({ zoneName: 'example.eu', zoneFile: '$TTL 3600\n@ IN A 203.0.113.10\n' }),
			options: waiting(),
		});
		const [task] = run.json(NODE_NAME);
		expect(task).toMatchObject({ id: expect.any(Number), status: 'done' });
		const checks = reads(/^\/1\.0\/domain\/zone\/example\.eu\/task\/\d+$/);
		expect(checks.length).toBeGreaterThanOrEqual(2);
		expect(checks.every((request) => request.url.endsWith(`/task/${String(task.id)}`))).toBe(true);
	});

	test('a zone refresh starts no task (OVHcloud answers nothing): Wait for Completion is ignored, with a notice', async () => {
		const run = await env.run({
			resource: 'v1/domain',
			endpoint: op('POST /domain/zone/{zoneName}/refresh'),
			parameters: params({ zoneName: 'example.eu' }),
			options: waiting(),
		});
		expect(run.json(NODE_NAME)).toEqual([{ success: true }]);
		expect((run.runData[NODE_NAME][0].hints ?? []).map((hint) => hint.message)).toEqual([
			'Wait for Completion applies to operations that start a task, an order or a v2 resource change; POST /domain/zone/{zoneName}/refresh returns void, so it was ignored',
		]);
		expect(env.emulator.requestsOf('api')).toHaveLength(1);
	});

	test('a task that exists already is waited for on its own route (e.g. one a timeout handed over)', async () => {
		env.emulator.work.plan(REINSTALL, { durationMs: 400 });
		const first = await env.run(reinstall({}));
		const { taskId } = first.json(NODE_NAME)[0];
		env.emulator.requests.length = 0;
		const run = await env.run({
			resource: 'v1/dedicated',
			endpoint: op('GET /dedicated/server/{serviceName}/task/{taskId}'),
			parameters: params({ serviceName: SERVER, taskId: taskId as number }),
			options: waiting(),
		});
		expect(run.json(NODE_NAME)).toEqual([expect.objectContaining({ taskId, status: 'done' })]);
		expect(reads(TASK_ROUTE).length).toBeGreaterThanOrEqual(2);
	});

	test('the task is read by the ID in the answer, not by a path value of the same name', async () => {
		// DELETE /domain/{serviceName}/nameServer/{id} starts a task read on /domain/{serviceName}/task/{id}.
		const DELETE = 'DELETE /domain/{serviceName}/nameServer/{id}';
		env.emulator.work.plan(DELETE, { durationMs: 200 });
		const run = await env.run({
			resource: 'v1/domain',
			endpoint: op(DELETE),
			parameters: params({ serviceName: 'example.eu', id: 42 }),
			options: waiting(),
		});
		const [task] = run.json(NODE_NAME);
		expect(task).toMatchObject({ id: expect.any(Number), status: 'done' });
		expect(task.id).not.toBe(42);
		const checks = reads(/^\/1\.0\/domain\/example\.eu\/task\/\d+$/);
		expect(checks.length).toBeGreaterThanOrEqual(1);
		expect(checks.every((request) => request.url.endsWith(`/task/${String(task.id)}`))).toBe(true);
	});

	test('a task that is done when answered costs no further request', async () => {
		const run = await env.run({
			resource: 'v1/ip',
			endpoint: op('POST /ip/{ip}/move'),
			parameters: params({ ip: '203.0.113.0/29', to: 'ns3005678.ip-198-51-100.eu' }),
			options: waiting(),
		});
		expect(run.json(NODE_NAME)).toEqual([expect.objectContaining({ taskId: expect.any(Number), status: 'done' })]);
		expect(env.emulator.requestsOf('api')).toHaveLength(1);
	});

	test('a task in error fails the item with its comment; Continue On Fail hands over the task ID and state', async () => {
		env.emulator.work.plan(REINSTALL, { durationMs: 200, outcome: 'error', comment: 'Disk 2 is not reachable: installation aborted' });
		const failed = await env.run(reinstall());
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/^Task \d+ ended in error: Disk 2 is not reachable: installation aborted$/);
		env.reset();
		env.emulator.work.plan(REINSTALL, { durationMs: 200, outcome: 'error', comment: 'Disk 2 is not reachable: installation aborted' });
		const run = await env.run(reinstall(), { continueOnFail: true });
		const [item] = run.json(NODE_NAME);
		expect(item).toMatchObject({
			error: expect.stringMatching(/^Task \d+ ended in error: Disk 2/),
			taskId: expect.any(Number),
			status: 'error',
			route: expect.stringMatching(/^GET \/dedicated\/server\/ns3001234\.ip-203-0-113\.eu\/task\/\d+$/),
		});
		expect(String(item.description)).toContain(`Started by ${REINSTALL}`);
	});

	test('a cancelled task, and one waiting for the customer, fail the item saying so', async () => {
		env.emulator.work.plan(REINSTALL, { durationMs: 100, outcome: 'cancelled', comment: 'Cancelled by the customer' });
		const cancelled = await env.run(reinstall(), { continueOnFail: true });
		expect(cancelled.json(NODE_NAME)[0].error).toMatch(/^Task \d+ was cancelled \(cancelled\): Cancelled by the customer$/);
		env.reset();
		const RESTART = 'POST /vps/{serviceName}/reboot';
		env.emulator.work.plan(RESTART, { durationMs: 100, outcome: 'needsCustomer' });
		const vps = await env.run(
			{ resource: 'v1/vps', endpoint: op(RESTART), parameters: params({ serviceName: 'vps-1a2b3c4d.vps.ovh.net' }), options: waiting() },
			{ continueOnFail: true },
		);
		expect(vps.json(NODE_NAME)[0]).toMatchObject({ error: expect.stringMatching(/^Task \d+ waits for the customer \(waitingAck\)$/), id: expect.any(Number) });
		expect(env.emulator.requestsOf('api').every((request) => /^\/1\.0\/vps\/vps-1a2b3c4d\.vps\.ovh\.net\/(reboot|tasks\/\d+)$/.test(request.url))).toBe(true);
	});

	test('a timeout is a clear error naming the task, and Continue On Fail hands over its ID to check later', async () => {
		env.emulator.work.plan(REINSTALL, { durationMs: 60_000 });
		const failed = await env.run(reinstall(waiting({ waitTimeout: 0.5 })));
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toMatch(/^Not done after \d+ s \(\d+ checks\): task \d+ is still (todo|init). It goes on at OVHcloud$/);
		expect(String(failed.error?.description)).toMatch(
			/^Started by POST \/dedicated\/server\/\{serviceName\}\/reinstall\. Read it later with GET \/dedicated\/server\/\{serviceName\}\/task\/\{taskId\} \(taskId \d+\)/,
		);
		env.reset();
		env.emulator.work.plan(REINSTALL, { durationMs: 60_000 });
		const run = await env.run(reinstall(waiting({ waitTimeout: 0.5 })), { continueOnFail: true });
		const [item] = run.json(NODE_NAME);
		expect(item).toMatchObject({ taskId: expect.any(Number), status: 'todo', timedOut: true });
		// Bounded: about timeout / interval checks (0.5 s at 0.2 s: checks at 50, 150, 350, 550 ms).
		expect(reads(TASK_ROUTE).length).toBeLessThanOrEqual(5);
	});

	test('a bad Poll Interval is refused before anything is sent', async () => {
		const run = await env.run(reinstall(waiting({ pollInterval: 0 })));
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('"Poll Interval (Seconds)" must be a number of seconds above 0 (got "0")');
		expect(env.emulator.requestsOf('api')).toHaveLength(0);
	});
});

describe('orders and v2 resources', () => {
	test('a checkout waits until the order is delivered (GET /me/order/{orderId}/status)', async () => {
		const CHECKOUT = 'POST /order/cart/{cartId}/checkout';
		env.emulator.work.plan(CHECKOUT, { durationMs: 300 });
		const run = await env.run({
			resource: 'v1/order',
			endpoint: op(CHECKOUT),
			parameters: params({ cartId: 'cart-0a1b2c', autoPayWithPreferredPaymentMethod: true }),
			options: waiting(),
		});
		const [order] = run.json(NODE_NAME);
		expect(order).toMatchObject({ orderId: expect.any(Number), status: 'delivered' });
		const checks = reads(/^\/1\.0\/me\/order\/\d+\/status$/);
		expect(checks.length).toBeGreaterThanOrEqual(2);
		expect(checks[0].url).toBe(`/1.0/me/order/${String(order.orderId)}/status`);
	});

	test('an order that asks for documents fails the item at once', async () => {
		const CHECKOUT = 'POST /order/cart/{cartId}/checkout';
		env.emulator.work.plan(CHECKOUT, { durationMs: 0, outcome: 'needsCustomer' });
		const run = await env.run(
			{ resource: 'v1/order', endpoint: op(CHECKOUT), parameters: params({ cartId: 'cart-0a1b2c' }), options: waiting() },
			{ continueOnFail: true },
		);
		expect(run.json(NODE_NAME)[0]).toMatchObject({ error: expect.stringMatching(/^Order \d+ waits for the customer \(documentsRequested\)$/), orderId: expect.any(Number) });
		expect(reads(/\/status$/)).toHaveLength(1);
	});

	test('a v2 resource change waits until READY, on the resource\'s own route', async () => {
		const UPDATE = 'PUT /vrackServices/resource/{vrackServicesId}';
		env.emulator.work.plan(UPDATE, { durationMs: 300 });
		const run = await env.run({
			resource: 'v2/vrackServices',
			endpoint: op(UPDATE),
			parameters: params({ vrackServicesId: 'vrs-a1b-2c3-d4e', checksum: 'abc', targetSpec: '{"subnets":[]}' }),
			options: waiting(),
		});
		expect(run.json(NODE_NAME)).toEqual([expect.objectContaining({ resourceStatus: 'READY', currentTasks: [] })]);
		const checks = reads(/^\/v2\/vrackServices\/resource\/vrs-a1b-2c3-d4e$/);
		expect(checks.length).toBeGreaterThanOrEqual(2);
	});

	test('a v2 resource in ERROR fails the item with its task\'s error; a deleted one is done when it is gone', async () => {
		const CREATE = 'POST /managedCMS/resource/{serviceId}/website';
		env.emulator.work.plan(CREATE, { durationMs: 100, outcome: 'error', comment: 'Quota of websites reached' });
		const created = await env.run(
			{
				resource: 'v2/managedCMS',
				endpoint: op(CREATE),
				parameters: params({ serviceId: '6a1f0c9e-0000-4000-8000-000000000001', targetSpec: '{"name":"blog"}' }),
				options: waiting(),
			},
			{ continueOnFail: true },
		);
		expect(created.json(NODE_NAME)[0]).toMatchObject({ error: expect.stringMatching(/^Resource [\w-]+ ended in ERROR: Quota of websites reached$/), id: expect.any(String) });
		env.reset();
		const DELETE = 'DELETE /managedCMS/resource/{serviceId}/website/{websiteId}';
		env.emulator.work.plan(DELETE, { durationMs: 500 });
		const deleted = await env.run({
			resource: 'v2/managedCMS',
			endpoint: op(DELETE),
			parameters: params({ serviceId: '6a1f0c9e-0000-4000-8000-000000000001', websiteId: 'c0ffee00-0000-4000-8000-000000000002' }),
			options: waiting(),
		});
		expect(deleted.json(NODE_NAME)).toEqual([expect.objectContaining({ resourceStatus: 'DELETING' })]);
		const checks = reads(/\/website\/c0ffee00-0000-4000-8000-000000000002$/);
		expect(checks.length).toBeGreaterThanOrEqual(2);
	});
});

describe('what waiting costs', () => {
	test('requests per waited task: the operation, then checks after 1/4 and 3/4 of the interval, then one per interval', async () => {
		// A task of 6 intervals (60 s at the default 10 s, scaled down to 1.2 s at 0.2 s): checks at 0.25, 0.75,
		// 1.75, ... 6.75 intervals, so 8 checks and 9 requests in all (7 checks when the checks themselves take
		// long enough to reach 6 intervals one check earlier).
		env.emulator.work.plan(REINSTALL, { durationMs: 1200 });
		const run = await env.run(reinstall());
		expect(run.json(NODE_NAME)[0].status).toBe('done');
		const checks = reads(TASK_ROUTE).length;
		expect(checks).toBeGreaterThanOrEqual(7);
		expect(checks).toBeLessThanOrEqual(8);
		expect(env.emulator.requestsOf('api')).toHaveLength(1 + checks);
	});

	test('items wait in parallel: six reinstalls are all started within the first one\'s duration', async () => {
		const durationMs = 1500;
		env.emulator.work.plan(REINSTALL, { durationMs });
		const run = await env.run(
			{ ...reinstall(), parameters: params({ serviceName: '={{ $json.server }}', operatingSystem: 'debian12_64' }) },
			{ input: Array.from({ length: 6 }, (_, index) => ({ server: index % 2 ? 'ns3005678.ip-198-51-100.eu' : SERVER })) },
		);
		// One after another, each reinstall would start only after the one before had finished.
		const starts = env.emulator.requestsTo('POST', '/1.0/dedicated/server/:name/reinstall').map((request) => request.at);
		expect(starts).toHaveLength(6);
		expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(durationMs);
		expect(run.json(NODE_NAME).map((task) => task.status)).toEqual(Array(6).fill('done'));
		expect(run.items(NODE_NAME).map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4, 5].map((item) => ({ item })));
		expect(new Set(run.json(NODE_NAME).map((task) => task.taskId)).size).toBe(6);
	});
});
