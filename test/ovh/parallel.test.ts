/**
 * Items in parallel: logins shared by concurrent requests (the node's and n8n's HTTP Request node's), items
 * that really overlap against a slow API with output order and pairing as in a sequential run, and a rate
 * limit (429 with Retry-After) absorbed without losing or repeating a request.
 */
import { PARALLEL_DEFAULT } from '../../nodes/OvhCloud/api';
import { httpRequestWorkflow, NODE_NAME, op, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
	for (let index = env.emulator.data.bills.size + 1; index <= 200; index++) env.emulator.data.addBill(index);
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());
afterEach(() => {
	env.emulator.latencyMs = 0;
	env.emulator.maxInFlight = undefined;
	env.emulator.rateLimited = 0;
	env.emulator.peakInFlight = 0;
});

const billIds = (count: number) => [...env.emulator.data.bills.keys()].slice(0, count);
const getBill = (options: Record<string, number | boolean> = {}) => ({
	resource: 'v1/me',
	endpoint: op('GET /me/bill/{billId}'),
	parameters: params({ billId: '={{ $json.billId }}' }),
	options,
});
const billPath = '/1.0/me/bill/:billId';

describe('one login for many concurrent requests', () => {
	const input = () => billIds(200).map((billId) => ({ billId }));

	test("200 items through n8n's HTTP Request node on an empty token: 1 token request (service account)", async () => {
		const run = await env.harness.run(httpRequestWorkflow(SERVICE_ACCOUNT, `${env.emulator.url}/1.0/me`), {
			input: input(),
			credentials: { ovhCloudOAuth2Api: env.oauth2() },
		});
		expect(run.json('HTTP Request')).toHaveLength(200);
		expect(env.emulator.requestsOf('token')).toHaveLength(1);
		expect(env.emulator.requestsOf('api')).toHaveLength(200);
	});

	test("200 items through n8n's HTTP Request node with no clock offset: 1 GET /auth/time (signed)", async () => {
		const run = await env.harness.run(httpRequestWorkflow('ovhCloudApi', `${env.emulator.url}/1.0/me`), {
			input: input(),
			credentials: { ovhCloudApi: env.signed() },
		});
		expect(run.json('HTTP Request')).toHaveLength(200);
		expect(env.emulator.requestsOf('time')).toHaveLength(1);
		expect(env.emulator.requestsOf('api')).toHaveLength(200);
	});

	test.each([
		['the service account', SERVICE_ACCOUNT, 'token'],
		['the signed credential', 'ovhCloudApi', 'time'],
	] as const)('200 items through the node with Items in Parallel 20, %s: 1 login', async (_name, authentication, login) => {
		env.emulator.latencyMs = 5;
		const run = await env.run({ ...getBill({ parallelItems: 20 }), authentication }, { input: input() });
		expect(run.json(NODE_NAME).map((bill) => bill.billId)).toEqual(billIds(200));
		expect(env.emulator.requestsOf(login)).toHaveLength(1);
		expect(env.emulator.requestsOf('api')).toHaveLength(200);
		expect(env.emulator.peakInFlight).toBeGreaterThan(1);
	});
});

describe('items overlap, and come out as in a sequential run', () => {
	test('with 20 ms latency: up to 30 in flight by default, the same items, order and pairing as one at a time', async () => {
		env.emulator.latencyMs = 20;
		const input = billIds(60).map((billId) => ({ billId }));
		const sequential = await env.run(getBill({ parallelItems: 1 }), { input });
		expect(env.emulator.peakInFlight).toBe(1);
		env.emulator.peakInFlight = 0;
		const parallel = await env.run(getBill(), { input });
		expect(env.emulator.peakInFlight).toBeGreaterThan(1);
		expect(env.emulator.peakInFlight).toBeLessThanOrEqual(PARALLEL_DEFAULT);
		expect(parallel.items(NODE_NAME)).toEqual(sequential.items(NODE_NAME));
		expect(parallel.items(NODE_NAME).map((item) => item.pairedItem)).toEqual(input.map((_item, index) => ({ item: index })));
	});

	test('with Continue On Fail, a failing item keeps its place among the others', async () => {
		env.emulator.latencyMs = 10;
		const ids = billIds(30);
		const input = ids.map((billId, index) => ({ billId: index % 7 === 3 ? 'FR0' : billId }));
		const run = await env.run(getBill(), { input, continueOnFail: true });
		const items = run.items(NODE_NAME);
		expect(items.map((item) => item.pairedItem)).toEqual(input.map((_item, index) => ({ item: index })));
		items.forEach((item, index) => {
			if (index % 7 === 3) expect(item.json.error).toBe('The requested object (billId = FR0) does not exist (RESOURCE_NOT_FOUND)');
			else expect(item.json.billId).toBe(ids[index]);
		});
	});
});

describe('a rate limit is absorbed', () => {
	test('429 with Retry-After above 4 in flight: every item succeeds, each answered once, the limit was hit', async () => {
		env.emulator.latencyMs = 10;
		env.emulator.maxInFlight = 4;
		env.emulator.rateLimitRetryAfter = '0';
		const ids = billIds(80);
		const run = await env.run(getBill(), { input: ids.map((billId) => ({ billId })), continueOnFail: true });
		const items = run.json(NODE_NAME);
		expect(items.filter((item) => item.error)).toEqual([]);
		expect(items.map((item) => item.billId)).toEqual(ids);
		expect(env.emulator.rateLimited).toBeGreaterThan(0);
		// Every bill was answered exactly once; the only other requests are the refused ones.
		const answered = env.emulator.callsTo('GET /me/bill/{billId}').map((call) => call.params.billId);
		expect(answered.sort()).toEqual([...ids].sort());
		expect(env.emulator.requestsTo('GET', billPath)).toHaveLength(80 + env.emulator.rateLimited);
	});
});
