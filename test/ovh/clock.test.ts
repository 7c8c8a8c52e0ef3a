/**
 * Clock drift: the offset to OVHcloud's clock is measured once (GET /auth/time), stored with the credential,
 * reused, and measured again only when the API refuses a signature; ordinary 400s cost nothing extra.
 */
import { CredentialStore } from '../harness';
import { NODE_NAME, op, ovhSetup, params, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

/** Moves the emulator's clock; put back after each test. */
let clockShift = 0;
const skew = (seconds: number) => {
	clockShift += seconds;
	env.emulator.clock.advance(seconds);
};
afterEach(() => {
	env.emulator.clock.advance(-clockShift);
	clockShift = 0;
});

const getServer = { resource: 'v1/dedicated', endpoint: op('GET /dedicated/server/{serviceName}'), parameters: params({ serviceName: '={{ $json.name }}' }) };
const fifty = () => Array.from({ length: 50 }, (_, index) => ({ name: index % 2 ? 'ns3001234.ip-203-0-113.eu' : 'ns3005678.ip-198-51-100.eu' }));

test.each([3600, -3600])('with the API clock %i s off, 50 items succeed and the offset is measured once', async (seconds) => {
	skew(seconds);
	const run = await env.run(getServer, { input: fifty() });
	expect(run.json(NODE_NAME)).toHaveLength(50);
	expect(run.json(NODE_NAME)[0].name).toBe('ns3005678.ip-198-51-100.eu');
	expect(env.emulator.requestsOf('time')).toHaveLength(1);
	expect(env.emulator.requestsOf('api')).toHaveLength(50);
	expect(run.store.updates.map((update) => update.fields)).toEqual([['clockOffset']]);
	expect(Math.abs(Number(run.store.data('ovh-1').clockOffset) - seconds)).toBeLessThanOrEqual(1);
	for (const request of env.emulator.requestsOf('api')) {
		expect(Math.abs(Number(request.headers['x-ovh-timestamp']) - env.emulator.clock.now())).toBeLessThanOrEqual(2);
	}
});

test('a later run reuses the stored offset: no GET /auth/time at all', async () => {
	skew(3600);
	const first = await env.run(getServer, { input: fifty().slice(0, 2) });
	env.reset();
	const second = await env.run(getServer, { input: fifty().slice(0, 3), store: first.store });
	expect(second.json(NODE_NAME)).toHaveLength(3);
	expect(env.emulator.requestsOf('time')).toHaveLength(0);
	expect(env.emulator.requestsOf('api')).toHaveLength(3);
});

test('without a stored offset and in sync, the local clock is used as measured (offset 0)', async () => {
	const run = await env.run(getServer, { input: fifty().slice(0, 1) });
	expect(run.status).toBe('success');
	expect(run.store.data('ovh-1').clockOffset).toBe('0');
});

test('when the API clock moves after the offset was stored, the refused call re-measures it once and the run goes on', async () => {
	const first = await env.run(getServer, { input: fifty().slice(0, 1) });
	expect(first.store.data('ovh-1').clockOffset).toBe('0');
	env.reset();
	skew(-3600);
	const run = await env.run(getServer, { input: fifty().slice(0, 20), store: first.store });
	expect(run.json(NODE_NAME)).toHaveLength(20);
	expect(env.emulator.requestsOf('time')).toHaveLength(1);
	// The first item: refused, refused again (n8n re-measures on that second 400), then accepted; then 19 calls.
	expect(env.emulator.requestsOf('api')).toHaveLength(22);
	expect(Math.abs(Number(run.store.data('ovh-1').clockOffset) + 3600)).toBeLessThanOrEqual(1);
});

test('an ordinary 400 costs no re-measure and no retry', async () => {
	const first = await env.run(getServer, { input: fifty().slice(0, 1) });
	env.reset();
	env.emulator.fault('GET', '/1.0/dedicated/server/:name', {
		status: 400,
		body: { errorCode: 'INVALID_ARGUMENT', httpCode: '400 Bad Request', message: 'Invalid server name' },
		headers: { 'X-Ovh-QueryID': 'EU.ext-1.test' },
	});
	const run = await env.run(getServer, { input: fifty().slice(0, 5), store: first.store, continueOnFail: true });
	expect(run.json(NODE_NAME).map((item) => item.error)).toEqual(Array(5).fill('Invalid server name (INVALID_ARGUMENT)'));
	expect(env.emulator.requestsOf('api')).toHaveLength(5);
	expect(env.emulator.requestsOf('time')).toHaveLength(0);
});

test('a wrong application secret costs one re-measure per run, then fails each item at once', async () => {
	const store = new CredentialStore();
	const run = await env.harness.run(env.workflow(getServer, true), {
		input: fifty().slice(0, 5),
		credentials: { ovhCloudApi: env.signed({ applicationSecret: 'not-the-secret' }) },
		store,
	});
	const items = run.json(NODE_NAME);
	expect(items).toHaveLength(5);
	expect(items[0].error).toBe('Invalid signature (INVALID_SIGNATURE)');
	expect(String(items[0].description)).toContain('application secret');
	expect(String(items[0].description)).toMatch(/OVHcloud query ID: EU\.ext-3\.[0-9a-f]+/);
	// First item: 3 attempts (the last after a fresh offset); every other item: 1.
	expect(env.emulator.requestsOf('api')).toHaveLength(3 + 4);
	expect(env.emulator.requestsOf('time')).toHaveLength(2);
});
