/**
 * The harness follows n8n's rules for credentials, shown with a fixture package (test/fixtures/probe-package)
 * and a small emulator: tokens fetched when the expirable field is empty, reused, refreshed once after a 401
 * (or a status code the call names) with one retry, stored back and counted; function and generic
 * authenticate; credential tests as the editor runs them.
 */
import path from 'node:path';
import { createHmac } from 'node:crypto';

import { Emulator, json } from '../emulators/kit';
import { Harness } from './harness';
import { testCredential } from './editor-calls';
import { pollSession } from './poll';
import { chain } from './workflow-json';

const PROBE_PACKAGE = path.join(__dirname, '..', 'fixtures', 'probe-package');

class TokenService extends Emulator {
	issued = 0;

	valid = new Set<string>();

	events: Array<{ id: number }> = [];

	constructor() {
		super('probe');
		this.route('POST', '/login', (request) => {
			if (request.json<{ secret?: string }>()?.secret !== 's3cret') return json(403, { message: 'bad secret' });
			const token = `t${++this.issued}`;
			this.valid.add(token);
			return json(200, { token });
		});
		this.route('GET', '/whoami', (request) =>
			this.valid.has(request.header('x-token') ?? '') ? json(200, { me: 'probe' }) : json(401, { message: 'no' }),
		);
		this.route('GET', '/session', (request) =>
			this.valid.has(request.header('x-token') ?? '') ? json(200, { ok: true }) : json(419, { message: 'session expired' }),
		);
		this.route('GET', '/signed', (request) => json(200, { signature: request.header('x-signature') }));
		this.route('GET', '/events', (request) =>
			this.valid.has(request.header('x-token') ?? '') ? json(200, this.events) : json(401, { message: 'no' }),
		);
	}
}

let harness: Harness;
let service: TokenService;

beforeAll(async () => {
	harness = await Harness.load(PROBE_PACKAGE);
	service = await new TokenService().start();
});
afterAll(async () => await service.stop());
beforeEach(() => {
	service.requests.length = 0;
	service.valid.clear();
});

const probe = (parameters: Record<string, unknown>) =>
	chain({
		type: 'n8n-nodes-probe.probe',
		name: 'Probe',
		parameters: parameters as never,
		credentials: { probeTokenApi: 'token-1', probeSignedApi: 'signed-1' },
	});
const credentials = () => ({
	probeTokenApi: { baseUrl: service.url, secret: 's3cret' },
	probeSignedApi: { key: 'k' },
});

test('an empty expirable field triggers preAuthentication once; the token is stored and reused', async () => {
	const run = await harness.run(probe({ url: `${service.url}/whoami` }), {
		input: [{}, {}, {}],
		credentials: credentials(),
	});
	expect(run.json('Probe')).toEqual([{ me: 'probe' }, { me: 'probe' }, { me: 'probe' }]);
	expect(service.requestsTo('POST', '/login')).toHaveLength(1);
	expect(run.store.updates.map((update) => update.fields)).toEqual([['token']]);
	expect(run.store.data('token-1').token).toBe(`t${service.issued}`);
});

test('a 401 refreshes the token once and retries the call once', async () => {
	const first = await harness.run(probe({ url: `${service.url}/whoami` }), { credentials: credentials() });
	service.valid.clear(); // the stored token is no longer accepted
	service.requests.length = 0;
	const second = await harness.run(probe({ url: `${service.url}/whoami` }), { store: first.store });
	expect(second.json('Probe')).toEqual([{ me: 'probe' }]);
	expect(service.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
		'GET /whoami',
		'POST /login',
		'GET /whoami',
	]);
	expect(second.store.updates).toHaveLength(2);
});

test('a refreshed token that is still refused fails the call: no loop', async () => {
	service.fault('GET', '/whoami', { status: 401, body: { message: 'still no' } });
	const run = await harness.run(probe({ url: `${service.url}/whoami` }), { credentials: credentials() });
	expect(run.nodeError('Probe')).toBeDefined();
	expect(service.requestsTo('GET', '/whoami')).toHaveLength(2);
	service.clearFaults();
});

test('another status code refreshes only when the call names it (preAuthenticationRetryStatusCode)', async () => {
	const first = await harness.run(probe({ url: `${service.url}/session` }), { credentials: credentials() });
	expect(first.json('Probe')).toEqual([{ ok: true }]);
	service.valid.clear();
	const without = await harness.run(probe({ url: `${service.url}/session` }), { store: first.store });
	expect((without.nodeError('Probe') as unknown as { httpCode: string }).httpCode).toBe('419');
	service.valid.clear();
	const withRetry = await harness.run(probe({ url: `${service.url}/session`, retryStatus: 419 }), { store: first.store });
	expect(withRetry.json('Probe')).toEqual([{ ok: true }]);
});

test('a function authenticate is called with the request and its result is sent', async () => {
	const url = `${service.url}/signed`;
	const run = await harness.run(probe({ credential: 'probeSignedApi', url }), { credentials: credentials() });
	expect(run.json('Probe')).toEqual([{ signature: createHmac('sha256', 'k').update(url).digest('hex') }]);
});

test('credential tests force preAuthentication and run the test request', async () => {
	const ok = await testCredential(harness, 'probeTokenApi', { baseUrl: service.url, secret: 's3cret', token: 'old' });
	expect(ok).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(service.requestsTo('POST', '/login')).toHaveLength(1);
	const bad = await testCredential(harness, 'probeTokenApi', { baseUrl: service.url, secret: 'nope', token: '' });
	expect(bad.status).toBe('Error');
});

test('items injected into the trigger reach the node, each output paired to its input', async () => {
	const run = await harness.run(probe({ url: `${service.url}/whoami` }), {
		input: [{ n: 1 }, { json: { n: 2 } }],
		credentials: credentials(),
	});
	expect(run.items("When clicking 'Execute workflow'").map((item) => item.json)).toEqual([{ n: 1 }, { n: 2 }]);
	expect(run.items('Probe').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(run.nodeOrder).toEqual(["When clicking 'Execute workflow'", 'Probe']);
});

test('poll triggers run through n8n-core: baseline, new events, static data kept, failed polls keep the state, manual mode', async () => {
	service.events = [{ id: 1 }, { id: 2 }];
	const session = pollSession(
		harness,
		{ type: 'n8n-nodes-probe.probeTrigger', parameters: { url: `${service.url}/events` }, credentials: { probeTokenApi: 'token-1' } },
		{ probeTokenApi: { baseUrl: service.url, secret: 's3cret' } },
	);
	expect(await session.emitted()).toEqual([]);
	expect(session.staticData).toEqual({ lastId: 2 });
	service.events.push({ id: 3 });
	expect(await session.emitted()).toEqual([{ id: 3 }]);
	expect(await session.emitted()).toEqual([]);
	service.fault('GET', '/events', { status: 500, body: { message: 'down' } });
	service.events.push({ id: 4 });
	const failed = await session.poll();
	expect(failed.error?.message).toBeDefined();
	expect(session.staticData).toEqual({ lastId: 3 });
	service.clearFaults();
	expect(await session.emitted('manual')).toEqual([{ id: 4 }]);
	expect(session.staticData).toEqual({ lastId: 3 });
	expect(await session.emitted()).toEqual([{ id: 4 }]);
	expect(service.requestsTo('POST', '/login')).toHaveLength(1);
});
