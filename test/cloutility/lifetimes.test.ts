/**
 * A run longer than several access token lifetimes (the emulator's tokens live one second here, the portal's
 * about five minutes): every item succeeds, and the token endpoint sees one password grant plus one refresh
 * per expiry, never a password grant per item.
 */
import { byId, cloutilitySetup, NODE_NAME, type CloutilityEnv } from './setup';

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup({ tokenLifetimeSeconds: 1 });
});
afterAll(async () => await env.emulator.stop());

test('200 items at a steady pace across several token lifetimes: no item fails, one refresh per expiry', async () => {
	// Each API answer is held 10 ms, so the 200 calls take more than two seconds: two or more lifetimes pass.
	env.emulator.fault('GET', '/v1/bunits/:bunitId/consumers/:consumerId', { latencyMs: 10 });
	const ids = [408, 409, 411];
	const input = Array.from({ length: 200 }, (_, index) => ({ id: ids[index % 3], index }));
	const started = Date.now();
	const run = await env.run(
		{ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId('={{ $json.id }}') },
		{ input },
	);
	const seconds = (Date.now() - started) / 1000;

	const items = run.items(NODE_NAME);
	expect(items).toHaveLength(200);
	expect(items.filter((item) => item.json.error)).toEqual([]);
	expect(items.map((item) => item.json.id)).toEqual(input.map((entry) => entry.id));
	expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(input.map((entry) => entry.index));

	const expiries = env.emulator.expiredTokenRejections;
	expect(seconds).toBeGreaterThan(2);
	expect(expiries).toBeGreaterThanOrEqual(2);
	expect(env.emulator.passwordGrants).toHaveLength(1);
	expect(env.emulator.refreshGrants).toHaveLength(expiries);
	// Each expiry costs one refused call that is sent again after the refresh.
	expect(env.emulator.apiRequests).toHaveLength(200 + expiries);
	expect(run.store.updates).toHaveLength(1 + expiries);
});
