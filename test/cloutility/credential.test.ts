/**
 * Cloutility sign-in: the password grant once, the refresh grant (as an authenticated user) when the access
 * token expires, the password again only when a refresh is refused; Origin and Bearer on every call; runs
 * longer than a token's life; the credential test; the HTTP Request node.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CLOUTILITY_CLIENT, CLOUTILITY_USER } from '../emulators/cloutility';
import { CredentialStore, testCredential } from '../harness';
import { byId, CREDENTIAL_ID, cloutilitySetup, HTTP_REQUEST, NODE_NAME, parallel, type CloutilityEnv } from './setup';

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => {
	env.emulator.reset();
	env.emulator.refreshBearer = 'required';
	env.emulator.clients.forEach((client) => (client.allowRefresh = true));
});

const getUnit = { resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId('={{ $json.id }}') };
const units = (count: number) => Array.from({ length: count }, (_, index) => ({ id: [408, 409, 411][index % 3] }));
const form = (request: { body: Buffer }) => Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
const expireTokens = () => env.emulator.advanceClock(env.emulator.tokenLifetimeSeconds + 1);

test('the first call signs in with the password grant: a form body with the Origin header', async () => {
	const run = await env.run(getUnit, { input: units(5) });
	expect(run.json(NODE_NAME).map((unit) => unit.name)).toEqual(['JennysWS', 'FileServer01', 'BuildServer', 'JennysWS', 'FileServer01']);
	const [signIn] = env.emulator.tokenRequests;
	expect(env.emulator.tokenRequests).toHaveLength(1);
	expect(signIn.headers['content-type']).toBe('application/x-www-form-urlencoded');
	expect(signIn.headers.origin).toBe(CLOUTILITY_CLIENT.origin);
	expect(signIn.headers.authorization).toBeUndefined();
	expect(form(signIn)).toEqual({
		client_id: CLOUTILITY_CLIENT.clientId,
		grant_type: 'password',
		username: CLOUTILITY_USER.username,
		password: CLOUTILITY_USER.password,
	});
	// Every API call carries the bearer token and the registered Origin.
	expect(env.emulator.apiRequests).toHaveLength(5);
	for (const request of env.emulator.apiRequests) {
		expect(request.headers.authorization).toMatch(/^Bearer \S+$/);
		expect(request.headers.origin).toBe(CLOUTILITY_CLIENT.origin);
	}
	// The access token and the refresh token were stored back once, tied to the account they came from.
	expect(run.store.updates).toHaveLength(1);
	expect(run.store.updates[0].fields.sort()).toEqual(['accessToken', 'refreshToken', 'refreshTokenAccount']);
});

test('a later run reuses the stored token: no sign-in at all', async () => {
	const first = await env.run(getUnit, { input: units(2) });
	env.emulator.requests.length = 0;
	const second = await env.run(getUnit, { input: units(3), store: first.store });
	expect(second.json(NODE_NAME)).toHaveLength(3);
	expect(env.emulator.tokenRequests).toHaveLength(0);
});

test('a run still holding the tokens another run has just renewed gets the renewal: one refresh grant for both', async () => {
	const first = await env.run(getUnit, { input: units(1) });
	const held = first.store.data(CREDENTIAL_ID);
	expireTokens();
	env.emulator.requests.length = 0;
	const renewing = await env.run(getUnit, { input: units(2), credentials: { cloutilityApi: held } });
	const late = await env.run(getUnit, { input: units(2), credentials: { cloutilityApi: held } });
	expect([renewing.json(NODE_NAME), late.json(NODE_NAME)].map((items) => items.length)).toEqual([2, 2]);
	expect(env.emulator.refreshGrants).toHaveLength(1);
	expect(env.emulator.passwordGrants).toHaveLength(0);
});

test('an expired token is renewed with the refresh grant, once, and the call is retried', async () => {
	const first = await env.run(getUnit, { input: units(1) });
	const stored = first.store.data(CREDENTIAL_ID);
	expireTokens();
	env.emulator.requests.length = 0;
	const run = await env.run(getUnit, { input: units(4), store: first.store });
	expect(run.json(NODE_NAME)).toHaveLength(4);
	expect(env.emulator.passwordGrants).toHaveLength(0);
	expect(env.emulator.refreshGrants).toHaveLength(1);
	const [refresh] = env.emulator.refreshGrants;
	expect(form(refresh)).toEqual({ client_id: CLOUTILITY_CLIENT.clientId, grant_type: 'refresh_token', refresh_token: stored.refreshToken });
	expect(refresh.headers.origin).toBe(CLOUTILITY_CLIENT.origin);
	// "As an authenticated user", as the portal's guide sends it: with the expired access token.
	expect(refresh.headers.authorization).toBe(`Bearer ${String(stored.accessToken)}`);
	// One call was refused (401) and sent again: 5 API calls for 4 items.
	expect(env.emulator.apiRequests).toHaveLength(5);
	const renewed = run.store.data(CREDENTIAL_ID);
	expect(renewed.accessToken).not.toBe(stored.accessToken);
	expect(renewed.refreshToken).toBe(stored.refreshToken);
});

describe.each([
	['the refresh token was revoked', () => env.emulator.revokeRefreshTokens(), 'invalid_grant'],
	['refresh tokens were disabled for the client', () => (env.emulator.clients[0].allowRefresh = false), 'unauthorized_client'],
])('a refused refresh (%s) falls back to the password grant, once', (_cause, refuse, code) => {
	test('and the run goes on', async () => {
		const first = await env.run(getUnit, { input: units(1) });
		const refused = first.store.data(CREDENTIAL_ID).refreshToken;
		refuse();
		expireTokens();
		env.emulator.requests.length = 0;
		const run = await env.run(getUnit, { input: units(6), store: first.store });
		expect(run.json(NODE_NAME)).toHaveLength(6);
		expect(env.emulator.tokenRequests.map((request) => form(request).grant_type)).toEqual(['refresh_token', 'password']);
		// What the portal said to the refresh, checked directly: the documented envelope.
		const direct = await fetch(`${env.emulator.url}/v1/oauth`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: CLOUTILITY_CLIENT.origin },
			body: new URLSearchParams({ client_id: CLOUTILITY_CLIENT.clientId, grant_type: 'refresh_token', refresh_token: String(refused) }),
		});
		expect(direct.status).toBe(400);
		expect(await direct.json()).toMatchObject({ status: 400, code });
		// The refused token is not kept: the password grant's (or none) replaces it.
		expect(run.store.data(CREDENTIAL_ID).refreshToken).not.toBe(refused);
	});
});

describe('the refresh grant is made as an authenticated user', () => {
	const refreshDirectly = async (refreshToken: string, authorization?: string) => {
		const response = await fetch(`${env.emulator.url}/v1/oauth`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: CLOUTILITY_CLIENT.origin,
				...(authorization ? { Authorization: authorization } : {}),
			},
			body: new URLSearchParams({ client_id: CLOUTILITY_CLIENT.clientId, grant_type: 'refresh_token', refresh_token: refreshToken }),
		});
		return [response.status, ((await response.json()) as { code?: string }).code];
	};

	test('the emulator takes the expired access token, and refuses none or a stranger\'s', async () => {
		const first = await env.run(getUnit, { input: units(1) });
		const { accessToken, refreshToken } = first.store.data(CREDENTIAL_ID);
		expireTokens();
		expect(await refreshDirectly(String(refreshToken))).toEqual([401, 'unauthorized']);
		expect(await refreshDirectly(String(refreshToken), 'Bearer not-a-token-it-issued')).toEqual([401, 'unauthorized']);
		expect(await refreshDirectly(String(refreshToken), `Bearer ${String(accessToken)}`)).toEqual([200, undefined]);
		// Where the portal does not ask for it (as in Auwau's own example), a refresh without it works too.
		env.emulator.refreshBearer = 'optional';
		expect(await refreshDirectly(String(refreshToken))).toEqual([200, undefined]);
	});

	test('with no access token left to send, a refused refresh falls back to the password; an accepted one is used', async () => {
		const first = await env.run(getUnit, { input: units(1) });
		const stored = first.store.data(CREDENTIAL_ID);
		for (const bearer of ['required', 'optional'] as const) {
			env.emulator.refreshBearer = bearer;
			env.emulator.requests.length = 0;
			// The same refresh token, but the access token field emptied (as n8n leaves it when a token is cleared).
			const store = new CredentialStore();
			store.add({ id: CREDENTIAL_ID, name: 'cloutility', type: 'cloutilityApi', data: { ...stored, accessToken: '' } });
			const run = await env.run(getUnit, { input: units(2), store });
			expect(run.json(NODE_NAME)).toHaveLength(2);
			expect(env.emulator.refreshGrants[0].headers.authorization).toBeUndefined();
			expect([bearer, env.emulator.tokenRequests.map((request) => form(request).grant_type)]).toEqual([
				bearer,
				bearer === 'required' ? ['refresh_token', 'password'] : ['refresh_token'],
			]);
		}
	});
});

test('a client without token refreshing gets no refresh token: on expiry the password grant runs directly', async () => {
	env.emulator.clients[0].allowRefresh = false;
	const first = await env.run(getUnit, { input: units(1) });
	expect(first.store.data(CREDENTIAL_ID).refreshToken).toBe('');
	expireTokens();
	env.emulator.requests.length = 0;
	const run = await env.run(getUnit, { input: units(3), store: first.store });
	expect(run.json(NODE_NAME)).toHaveLength(3);
	expect(env.emulator.tokenRequests.map((request) => form(request).grant_type)).toEqual(['password']);
});

test('a refresh token is not sent once the credential points at another account', async () => {
	const first = await env.run(getUnit, { input: units(1) });
	const stored = first.store.data(CREDENTIAL_ID);
	// The same stored tokens, but the username was changed in the credential (to one the portal refuses).
	const store = new CredentialStore();
	store.add({ id: CREDENTIAL_ID, name: 'cloutility', type: 'cloutilityApi', data: { ...stored, username: 'someone-else@company.example' } });
	expireTokens();
	env.emulator.requests.length = 0;
	const run = await env.run(getUnit, { input: units(1), store });
	expect(env.emulator.refreshGrants).toHaveLength(0);
	expect(env.emulator.passwordGrants).toHaveLength(1);
	expect(run.nodeError(NODE_NAME)?.message).toContain('refused the username or password');
});

test('the emulator refuses API calls without the Origin, with another Origin, or without a token', async () => {
	const run = await env.run(getUnit, { input: units(1) });
	const token = String(run.store.data(CREDENTIAL_ID).accessToken);
	const call = async (headers: Record<string, string>) => {
		const response = await fetch(`${env.emulator.url}/v1/me`, { headers });
		return [response.status, ((await response.json()) as { code: string }).code];
	};
	expect(await call({ Authorization: `Bearer ${token}` })).toEqual([403, 'origin_not_allowed']);
	expect(await call({ Authorization: `Bearer ${token}`, Origin: 'https://elsewhere.example' })).toEqual([403, 'origin_not_allowed']);
	expect(await call({ Origin: CLOUTILITY_CLIENT.origin })).toEqual([401, 'unauthorized']);
	expect(await call({ Authorization: `Bearer ${token}`, Origin: CLOUTILITY_CLIENT.origin })).toEqual([200, undefined]);
	// The token endpoint wants the Origin too.
	const signIn = await fetch(`${env.emulator.url}/v1/oauth`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: CLOUTILITY_CLIENT.clientId, grant_type: 'password', username: CLOUTILITY_USER.username, password: CLOUTILITY_USER.password }),
	});
	expect(signIn.status).toBe(400);
	expect(await signIn.json()).toEqual({
		status: 400,
		code: 'invalid_request',
		message: 'The Origin header is missing',
		developerMessage: expect.any(String),
	});
});

describe('credential test (the editor\'s "Test" button)', () => {
	test('succeeds with good settings, signing in for real and calling the API', async () => {
		const result = await testCredential(env.harness, 'cloutilityApi', env.credentials());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.emulator.passwordGrants).toHaveLength(1);
		expect(env.emulator.requestsTo('GET', '/v1/me')).toHaveLength(1);
	});

	test('says the client ID or origin is wrong', async () => {
		for (const overrides of [{ clientId: 'not-a-client' }, { origin: 'https://not-registered.example' }] as ICredentialDataDecryptedObject[]) {
			const result = await testCredential(env.harness, 'cloutilityApi', env.credentials(overrides));
			expect(result.status).toBe('Error');
			expect(result.message).toContain('refused the client ID or origin');
		}
		expect(env.emulator.apiRequests).toHaveLength(0);
	});

	test('says the username or password is wrong', async () => {
		for (const overrides of [{ password: 'wrong password' }, { username: 'nobody@company.example' }] as ICredentialDataDecryptedObject[]) {
			const result = await testCredential(env.harness, 'cloutilityApi', env.credentials(overrides));
			expect(result.status).toBe('Error');
			expect(result.message).toContain('refused the username or password (the portal said: The user name or password is incorrect.)');
		}
	});

	test('checks a changed password for real even when tokens are stored', async () => {
		const run = await env.run(getUnit, { input: units(1) });
		const stored = run.store.data(CREDENTIAL_ID);
		env.emulator.requests.length = 0;
		const result = await testCredential(env.harness, 'cloutilityApi', { ...stored, password: 'changed and wrong' });
		expect(result.message).toContain('refused the username or password');
		expect(env.emulator.refreshGrants).toHaveLength(0);
	});

	test('says when the portal cannot be reached, or the base URL is not a portal', async () => {
		const unreachable = await testCredential(env.harness, 'cloutilityApi', env.credentials({ baseUrl: 'http://127.0.0.1:9' }));
		expect(unreachable.message).toContain('unreachable (connection refused)');
		const elsewhere = await testCredential(env.harness, 'cloutilityApi', env.credentials({ baseUrl: `${env.emulator.url}/somewhere` }));
		expect(elsewhere.message).toContain('check the base URL');
	});

	test('names an empty field without sending anything', async () => {
		const result = await testCredential(env.harness, 'cloutilityApi', env.credentials({ origin: '  ' }));
		expect(result.message).toContain('"Origin" is empty');
		expect(env.emulator.requests).toHaveLength(0);
	});
});

test('a base URL entered with /v1 or a trailing slash still works', async () => {
	for (const baseUrl of [`${env.emulator.url}/v1/`, `${env.emulator.url}/`]) {
		const run = await env.harness.run(env.workflow(getUnit), { input: units(1), credentials: { cloutilityApi: env.credentials({ baseUrl }) } });
		expect(run.json(NODE_NAME)[0].name).toBe('JennysWS');
	}
	expect(env.emulator.requests.every((request) => request.path.startsWith('/v1/') && !request.path.startsWith('/v1/v1'))).toBe(true);
});

test('the credential works in n8n\'s HTTP Request node as a predefined credential type', async () => {
	const workflow = env.httpRequest(`${env.emulator.url}/v1/bunits/22/defaultserver`);
	const run = await env.harness.run(workflow, { credentials: { cloutilityApi: env.credentials() } });
	expect(run.json(HTTP_REQUEST)).toEqual([{ href: expect.stringContaining('/v1/servers/3'), id: 3, name: 'TSM-STO2-01' }]);
	expect(env.emulator.passwordGrants).toHaveLength(1);
	const [call] = env.emulator.apiRequests;
	expect(call.headers.origin).toBe(CLOUTILITY_CLIENT.origin);
	expect(call.headers.authorization).toMatch(/^Bearer /);
});

describe('a run longer than several token lifetimes', () => {
	// The emulator's tokens live one second here (the portal's about five minutes).
	let short: CloutilityEnv;

	beforeAll(async () => {
		short = await cloutilitySetup({ tokenLifetimeSeconds: 1 });
	});
	afterAll(async () => await short.emulator.stop());

	test('200 items one after another at a steady pace: no item fails, one refresh per expiry', async () => {
		// Each API answer is held 10 ms, so the 200 calls take more than two seconds: two or more lifetimes pass.
		short.emulator.fault('GET', '/v1/bunits/:bunitId/consumers/:consumerId', { latencyMs: 10 });
		const ids = [408, 409, 411];
		const input = Array.from({ length: 200 }, (_, index) => ({ id: ids[index % 3], index }));
		const started = Date.now();
		const run = await short.run({ ...getUnit, ...parallel(1) }, { input });
		const seconds = (Date.now() - started) / 1000;

		const items = run.items(NODE_NAME);
		expect(items).toHaveLength(200);
		expect(items.filter((item) => item.json.error)).toEqual([]);
		expect(items.map((item) => item.json.id)).toEqual(input.map((entry) => entry.id));
		expect(items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(input.map((entry) => entry.index));

		const expiries = short.emulator.expiredTokenRejections;
		expect(seconds).toBeGreaterThan(2);
		expect(expiries).toBeGreaterThanOrEqual(2);
		expect(short.emulator.passwordGrants).toHaveLength(1);
		expect(short.emulator.refreshGrants).toHaveLength(expiries);
		// Each expiry costs one refused call that is sent again after the refresh.
		expect(short.emulator.apiRequests).toHaveLength(200 + expiries);
		expect(run.store.updates).toHaveLength(1 + expiries);
	});
});
