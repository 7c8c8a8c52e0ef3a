/**
 * Items in parallel: they overlap, come out in input order with their pairing, share one sign-in (also in
 * n8n's HTTP Request node), absorb a rate limit without losing or repeating a request, and updates of the
 * same resource stay correct.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PARALLEL_DEFAULT } from '../../nodes/Cloutility/api';
import { byId, cloutilitySetup, HTTP_REQUEST, NODE_NAME, parallel, type CloutilityEnv } from './setup';

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.emulator.reset());

const IDS = [408, 409, 411];
const getUnits = (extra: INodeParameters = {}) => ({ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId('={{ $json.id }}'), ...extra });
const units = (count: number) => Array.from({ length: count }, (_, index) => ({ id: IDS[index % 3], index }));
const pairing = (items: Array<{ pairedItem?: unknown }>) => items.map((item) => (item.pairedItem as { item: number }).item);
const createUnits = (extra: INodeParameters = {}) => ({ resource: 'consumptionUnit', operation: 'create', bunitId: byId(94), name: '={{ $json.name }}', ...extra });
const named = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => ({ name: `${prefix}-${String(index).padStart(3, '0')}` }));

describe('one sign-in, however many requests start at once', () => {
	test('200 items through n8n\'s HTTP Request node on an empty token: one password grant', async () => {
		env.emulator.latencyMs = 20;
		const workflow = env.httpRequest(`=${env.emulator.url}/v1/bunits/76/consumers/{{ $json.id }}`);
		const run = await env.harness.run(workflow, { input: units(200), credentials: { cloutilityApi: env.credentials() } });
		expect(run.json(HTTP_REQUEST).map((unit) => unit.id)).toEqual(units(200).map((unit) => unit.id));
		expect(env.emulator.passwordGrants).toHaveLength(1);
		expect(env.emulator.apiRequests).toHaveLength(200);
		// The requests did overlap (each one waited for the one sign-in, then went on its own).
		expect(env.emulator.peakInFlight).toBeGreaterThan(1);
	});

	test('200 items through the node with Items in Parallel 20: one password grant', async () => {
		env.emulator.latencyMs = 5;
		const run = await env.run(getUnits(parallel(20)), { input: units(200) });
		expect(run.json(NODE_NAME)).toHaveLength(200);
		expect(env.emulator.passwordGrants).toHaveLength(1);
		expect(env.emulator.apiRequests).toHaveLength(200);
	});

	test('a token that expires while 20 items are in flight is refreshed once for all of them that wait together', async () => {
		env.emulator.latencyMs = 20;
		env.emulator.afterRequests('GET', '/v1/bunits/:bunitId/consumers/:consumerId', 50, () => env.emulator.advanceClock(env.emulator.tokenLifetimeSeconds + 1));
		const run = await env.run(getUnits(parallel(20)), { input: units(120) });
		const items = run.items(NODE_NAME);
		expect(items.filter((item) => item.json.error)).toEqual([]);
		expect(items.map((item) => item.json.id)).toEqual(units(120).map((unit) => unit.id));
		expect(env.emulator.passwordGrants).toHaveLength(1);
		const expired = env.emulator.expiredTokenRejections;
		expect(expired).toBeGreaterThan(1);
		expect(env.emulator.refreshGrants.length).toBeGreaterThanOrEqual(1);
		expect(env.emulator.refreshGrants.length).toBeLessThan(expired);
		// Each refused call was sent once more, nothing else.
		expect(env.emulator.apiRequests).toHaveLength(120 + expired);
	});
});

describe('items overlap, and come out as if run one after another', () => {
	test('with 20 ms latency: several in flight, the same output, order and pairing as one at a time', async () => {
		env.emulator.latencyMs = 20;
		const input = units(60);
		const sequential = await env.run(getUnits(parallel(1)), { input });
		expect(env.emulator.peakInFlight).toBe(1);

		env.emulator.peakInFlight = 0;
		const concurrent = await env.run(getUnits(), { input });
		expect(env.emulator.peakInFlight).toBeGreaterThan(1);
		expect(env.emulator.peakInFlight).toBeLessThanOrEqual(PARALLEL_DEFAULT);

		expect(concurrent.json(NODE_NAME)).toEqual(sequential.json(NODE_NAME));
		expect(pairing(concurrent.items(NODE_NAME))).toEqual(pairing(sequential.items(NODE_NAME)));
		expect(pairing(concurrent.items(NODE_NAME))).toEqual(input.map((entry) => entry.index));
	});

	test('a list per item keeps each item\'s entries together, in input order', async () => {
		env.emulator.latencyMs = 10;
		const parameters = { resource: 'backupNode', operation: 'getManyFilespaces', bunitId: byId(76), consumerId: byId('={{ $json.id }}'), returnAll: true };
		const input = [{ id: 409 }, { id: 408 }, { id: 409 }, { id: 411 }];
		const concurrent = await env.run(parameters, { input });
		const sequential = await env.run({ ...parameters, ...parallel(1) }, { input });
		expect(concurrent.json(NODE_NAME)).toEqual(sequential.json(NODE_NAME));
		expect(pairing(concurrent.items(NODE_NAME))).toEqual(pairing(sequential.items(NODE_NAME)));
		expect(new Set(pairing(concurrent.items(NODE_NAME)))).toEqual(new Set([0, 1, 2, 3]));
	});

	test('Continue On Fail: each failing item is an error item in its place, the others go on', async () => {
		env.emulator.latencyMs = 10;
		const input = [408, 999, 409, 13, 411, 998].map((id, index) => ({ id, index }));
		const run = await env.run(getUnits(), { input, continueOnFail: true });
		const items = run.items(NODE_NAME);
		expect(pairing(items)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(items.map((item) => item.json.id ?? item.json.httpCode)).toEqual([408, '404', 409, '404', 411, '404']);
	});

	test('without Continue On Fail, the node fails naming the first failed item and starts nothing after it', async () => {
		env.emulator.latencyMs = 10;
		const input = [408, 409, 999, ...Array.from({ length: 57 }, () => 411)].map((id) => ({ id }));
		const run = await env.run(getUnits(parallel(4)), { input });
		const error = run.nodeError(NODE_NAME) as unknown as { message: string; context: { itemIndex: number } };
		expect(error.message).toBe('Consumption unit 999 of business unit 76 was not found');
		expect(error.context.itemIndex).toBe(2);
		expect(env.emulator.apiRequests.length).toBeLessThan(20);
	});

	test('Items in Parallel 1 restores the strict order of side effects', async () => {
		env.emulator.latencyMs = 5;
		const input = named(12, 'in-order');
		await env.run(createUnits(parallel(1)), { input });
		const created = [...env.emulator.world.consumers.values()].filter((consumer) => consumer.name.startsWith('in-order-'));
		expect(created.map((consumer) => consumer.name)).toEqual(input.map((entry) => entry.name));
		expect(env.emulator.peakInFlight).toBe(1);
	});
});

describe('a rate limit is absorbed', () => {
	test('429 with Retry-After beyond 4 in flight: every item succeeds, no request is lost or made twice', async () => {
		env.emulator.latencyMs = 10;
		env.emulator.maxInFlight = 4;
		env.emulator.rateLimitRetryAfter = '1';
		const input = named(40, 'limited');
		const run = await env.run(createUnits(), { input });
		const items = run.items(NODE_NAME);
		expect(items.filter((item) => item.json.error)).toEqual([]);
		expect(items.map((item) => item.json.name)).toEqual(input.map((entry) => entry.name));
		expect(env.emulator.rateLimited).toBeGreaterThan(0);
		// Each unit exists once; each was asked for once plus once per 429 it got.
		for (const { name } of input) {
			expect([name, [...env.emulator.world.consumers.values()].filter((consumer) => consumer.name === name).length]).toEqual([name, 1]);
		}
		const posts = env.emulator.requestsTo('POST', '/v1/bunits/94/consumers');
		expect(posts).toHaveLength(40 + env.emulator.rateLimited);
		const perName = new Map<string, number>();
		for (const post of posts) {
			const name = String((JSON.parse(post.body.toString()) as IDataObject).name);
			perName.set(name, (perName.get(name) ?? 0) + 1);
		}
		expect([...perName.keys()].sort()).toEqual(input.map((entry) => entry.name));
	});
});

describe('updates (read, then PUT) stay correct per item', () => {
	test('two items updating the same consumption unit at once: the second reads what the first wrote', async () => {
		env.emulator.latencyMs = 20;
		const run = await env.run(
			{
				resource: 'consumptionUnit',
				operation: 'update',
				bunitId: byId(76),
				consumerId: byId('={{ $json.id }}'),
				additionalFields: { otherFields: '={{ JSON.stringify($json.change) }}' },
			},
			{
				input: [
					// The first item runs alone; the next three at the same time, two of them on unit 408.
					{ id: 411, change: { note: 'build agent' } },
					{ id: 408, change: { note: 'new laptop' } },
					{ id: 408, change: { externalReference: 'CMDB-7' } },
					{ id: 409, change: { externalReference: 'CMDB-8' } },
				],
			},
		);
		const jenny = env.emulator.world.consumers.get(408)!;
		expect([jenny.note, jenny.externalReference]).toEqual(['new laptop', 'CMDB-7']);
		expect(env.emulator.world.consumers.get(409)!.externalReference).toBe('CMDB-8');
		expect(env.emulator.world.consumers.get(411)!.note).toBe('build agent');
		expect(run.json(NODE_NAME).map((unit) => [unit.id, unit.note, unit.externalReference])).toEqual([
			[411, 'build agent', undefined],
			[408, 'new laptop', undefined],
			[408, 'new laptop', 'CMDB-7'],
			[409, undefined, 'CMDB-8'],
		]);
		// Different units were updated at the same time.
		expect(env.emulator.peakInFlight).toBeGreaterThan(1);
		expect(env.emulator.apiRequests.map((request) => request.method).filter((method) => method === 'PUT')).toHaveLength(4);
	});
});
