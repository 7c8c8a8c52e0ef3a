/**
 * Items in parallel and logins: items overlap (default 50 in flight), the output keeps the input order and
 * pairing, a rate limit is absorbed without losing or repeating a request, and however many requests start
 * at once on an empty or expired token, one login serves them (in this node and in n8n's HTTP Request node).
 */
import type { INodeParameters } from 'n8n-workflow';

import { PARALLEL_DEFAULT } from '../../nodes/VentusCloud/api';
import { byId, countByPath, NODE_NAME, ORG, ventusSetup } from './setup';

let env: Awaited<ReturnType<typeof ventusSetup>>;

beforeAll(async () => {
	env = await ventusSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const projects = (count: number) => Array.from({ length: count }, (_, index) => env.emulator.addProject(ORG, 'vienna', `p${index}`).id);
const getEach = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'project',
	operation: 'get',
	region: 'vienna',
	projectId: byId('={{ $json.id }}'),
	options,
});
const pairing = (run: Awaited<ReturnType<typeof env.run>>) => run.items(NODE_NAME).map((item) => item.pairedItem);

test('200 items through n8n\'s HTTP Request node on an empty token: one login', async () => {
	env.emulator.addProject(ORG, 'vienna', 'only');
	const workflow = env.listThroughHttpRequest();
	const input = Array.from({ length: 200 }, (_, index) => ({ index }));
	const run = await env.harness.run(workflow, { input, credentials: { ventusCloudApi: env.credentials() } });
	expect(run.json('HTTP Request')).toHaveLength(200);
	expect(env.emulator.tokenRequests).toHaveLength(1);
	expect(env.emulator.apiRequests).toHaveLength(200);
});

test('200 items through the node with Items in Parallel 20: one login, one request per item, order and pairing kept', async () => {
	const ids = projects(200);
	const run = await env.run(getEach({ parallelItems: 20 }), { input: ids.map((id) => ({ id })) });
	expect(run.json(NODE_NAME).map((project) => project.id)).toEqual(ids);
	expect(pairing(run)).toEqual(ids.map((_, item) => ({ item })));
	expect(env.emulator.tokenRequests).toHaveLength(1);
	expect(env.emulator.apiRequests).toHaveLength(200);
	expect([...countByPath(env.emulator.apiRequests).values()].every((count) => count === 1)).toBe(true);
});

test('with 20 ms latency, items overlap by default; output and pairing equal the one-at-a-time run', async () => {
	const ids = projects(60);
	const input = ids.map((id) => ({ id }));
	env.emulator.latencyMs = 20;
	const sequential = await env.run(getEach({ parallelItems: 1 }), { input });
	expect(env.emulator.peakInFlight).toBe(1);
	env.emulator.peakInFlight = 0;
	const parallel = await env.run(getEach(), { input });
	expect(env.emulator.peakInFlight).toBeGreaterThan(1);
	expect(env.emulator.peakInFlight).toBeLessThanOrEqual(PARALLEL_DEFAULT);
	expect(parallel.json(NODE_NAME)).toEqual(sequential.json(NODE_NAME));
	expect(pairing(parallel)).toEqual(pairing(sequential));
});

test('a rate limit (429 with Retry-After) is absorbed: every item succeeds, every project is created once', async () => {
	env.emulator.latencyMs = 20;
	env.emulator.maxInFlight = 4;
	const names = Array.from({ length: 40 }, (_, index) => `rate-${index}`);
	const run = await env.run(
		{ resource: 'project', operation: 'create', region: 'vienna', projectName: '={{ $json.name }}' },
		{ input: names.map((name) => ({ name })) },
	);
	expect(run.json(NODE_NAME).map((project) => project.name)).toEqual(names);
	expect(env.emulator.rateLimited).toBeGreaterThan(0);
	const creates = env.emulator.requestsTo('POST', '/v1.0/*');
	// Every create was sent once, plus once more per 429 (which the server did not process).
	expect(creates).toHaveLength(names.length + env.emulator.rateLimited);
	expect(new Set(countByPath(creates).keys()).size).toBe(names.length);
	expect([...env.emulator.projects.values()].map((project) => project.name).sort()).toEqual([...names].sort());
});

test('tokens that expire mid-run with items in parallel: one re-login, no item lost, no call repeated more than once', async () => {
	const ids = projects(40);
	env.emulator.afterRequests('GET', '/v1.0/*', 20, () => env.emulator.clock.advance(env.emulator.tokenLifetimeSeconds + 1));
	const run = await env.run(getEach(), { input: ids.map((id) => ({ id })) });
	expect(run.json(NODE_NAME).map((project) => project.id)).toEqual(ids);
	expect(env.emulator.tokenRequests).toHaveLength(2);
	// The calls in flight when the tokens expired were refused (401) and sent once more with the new tokens.
	expect(env.emulator.apiRequests.length).toBeGreaterThan(40);
	expect(env.emulator.apiRequests.length).toBeLessThanOrEqual(ids.length + PARALLEL_DEFAULT);
	expect(Math.max(...countByPath(env.emulator.apiRequests).values())).toBeLessThanOrEqual(2);
});

test('without Continue On Fail, the node fails naming the first failed item and starts no new items after it', async () => {
	const ids = projects(40);
	ids[3] = 'missing';
	const run = await env.run(getEach({ parallelItems: 4 }), { input: ids.map((id) => ({ id })) });
	const error = run.nodeError(NODE_NAME) as unknown as { message: string; context: { itemIndex: number } };
	expect(error.message).toBe('Project missing not found');
	expect(error.context.itemIndex).toBe(3);
	expect(env.emulator.apiRequests.length).toBeLessThan(40);
});
