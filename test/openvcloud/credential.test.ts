/**
 * The credential: the three ways in end to end (session keys, ItsYou.online JWTs, pasted JWTs), renewal
 * mid-run, JWTs that name no user, the editor's Test button, and n8n's HTTP Request node (predefined
 * credential type).
 */
import { chain, CredentialStore, testCredential } from '../harness';
import { decodeClaims } from '../emulators/jwt';
import { OVC_ORG_KEY, OVC_USER, OVC_VIEWER } from '../emulators/openvcloud';
import { byId, CREDENTIAL_ID, NODE_NAME, useOpenVCloud } from './setup';

const env = useOpenVCloud();

/** Machine: Get for `count` items (all machine 20), the way a workflow fans out over a list. */
const getMachine = { resource: 'machine', operation: 'get', machineId: byId('={{ $json.id || 20 }}') };
const items = (count: number) => Array.from({ length: count }, () => ({ id: 20 }));
const machineCalls = () => env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/get');
const whoamiCalls = () => env.emulator.requestsTo('POST', '/restmachine/system/usermanager/whoami');

/**
 * The same, one item at a time: exactly one call meets a token that expired mid-run, so the renewals can be
 * counted (parallel.test.ts covers expiry with many items in flight).
 */
const oneByOne = { ...getMachine, options: { parallelItems: 1 } };

/** After the `count`-th machine call, the emulator's clock jumps by `seconds`. */
const jumpAfter = (count: number, seconds: number) =>
	env.emulator.afterRequests('POST', '/restmachine/cloudapi/machines/get', count, () => env.emulator.clock.advance(seconds));

describe('username and password (session key)', () => {
	test('one login for 30 items; the key goes as authkey in the query string, never as a header', async () => {
		const run = await env.run(getMachine, { input: items(30), auth: 'password' });
		expect(run.json(NODE_NAME)).toHaveLength(30);
		expect(env.emulator.logins).toHaveLength(1);
		const login = env.emulator.logins[0];
		expect(login.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(new URLSearchParams(login.body.toString('utf8')).get('username')).toBe(OVC_USER.username);
		expect(machineCalls()).toHaveLength(30);
		const keys = new Set(machineCalls().map((request) => request.query.get('authkey')));
		expect(keys.size).toBe(1);
		expect(env.emulator.sessions.has([...keys][0]!)).toBe(true);
		expect(machineCalls().every((request) => !request.headers.authorization)).toBe(true);
		expect(run.store.updates.map((update) => update.fields.sort())).toEqual([['obtainedFor', 'token']]);
	});

	test('a later run reuses the stored session key: no login', async () => {
		const first = await env.run(getMachine, { auth: 'password' });
		env.emulator.requests.length = 0;
		const second = await env.run(getMachine, { store: first.store });
		expect(second.json(NODE_NAME)).toHaveLength(1);
		expect(env.emulator.logins).toHaveLength(0);
	});

	test('a session key that expires mid-run: 419, one re-login, the call retried, no item lost', async () => {
		jumpAfter(12, env.emulator.sessionLifetimeSeconds + 1);
		const run = await env.run(oneByOne, { input: items(30), auth: 'password' });
		const output = run.items(NODE_NAME);
		expect(output).toHaveLength(30);
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([...Array(30).keys()]);
		expect(output.every((item) => item.json.id === 20)).toBe(true);
		expect(env.emulator.logins).toHaveLength(2);
		// 30 items, one call answered 419 and sent again with the new key.
		expect(machineCalls()).toHaveLength(31);
		const keys = machineCalls().map((request) => request.query.get('authkey'));
		expect(new Set(keys).size).toBe(2);
		expect(keys[12]).toBe(keys[11]);
		expect(keys[13]).not.toBe(keys[12]);
		expect(run.store.updates).toHaveLength(2);
	});

	test('a wrong password fails the node with a message that names it, and repeats nothing sent', async () => {
		const run = await env.run(getMachine, { auth: 'password', credentials: { openVCloudApi: env.credentials('password', { password: 'not it at all' }) } });
		expect(run.nodeError(NODE_NAME)?.message).toBe('OpenvCloud rejected the username or password (HTTP 401)');
		expect(machineCalls()).toHaveLength(0);
	});
});

describe('ItsYou.online API key', () => {
	test('one JWT for 20 items, sent as "Authorization: bearer"; fetched with the client credentials grant', async () => {
		const run = await env.run(getMachine, { input: items(20), auth: 'itsYouOnline' });
		expect(run.json(NODE_NAME)).toHaveLength(20);
		expect(env.emulator.tokenRequests).toHaveLength(1);
		const form = new URLSearchParams(env.emulator.tokenRequests[0].body.toString('utf8'));
		expect(Object.fromEntries(form)).toEqual({
			grant_type: 'client_credentials',
			client_id: OVC_USER.clientId,
			client_secret: OVC_USER.clientSecret,
			response_type: 'id_token',
		});
		const stored = String(run.store.data(CREDENTIAL_ID).token);
		expect(decodeClaims(stored).username).toBe(OVC_USER.username);
		expect(machineCalls().every((request) => request.headers.authorization === `bearer ${stored}`)).toBe(true);
		expect(machineCalls().every((request) => !request.query.has('authkey'))).toBe(true);
	});

	test('validity and scope are passed on when set', async () => {
		const credentials = env.credentials('itsYouOnline', { validity: 120, scope: 'offline_access' });
		const run = await env.run(getMachine, { credentials: { openVCloudApi: credentials } });
		const form = new URLSearchParams(env.emulator.tokenRequests[0].body.toString('utf8'));
		expect(form.get('validity')).toBe('120');
		expect(form.get('scope')).toBe('offline_access');
		const claims = decodeClaims(String(run.store.data(CREDENTIAL_ID).token));
		expect(Number(claims.exp) - Number(claims.iat)).toBe(120);
	});

	test('a JWT that expires mid-run is fetched again (401 with an HTML page, then one retry)', async () => {
		jumpAfter(5, env.emulator.jwtLifetimeSeconds + 1);
		const run = await env.run(oneByOne, { input: items(10), auth: 'itsYouOnline' });
		expect(run.json(NODE_NAME)).toHaveLength(10);
		expect(env.emulator.tokenRequests).toHaveLength(2);
		expect(env.emulator.refreshRequests).toHaveLength(0);
		expect(machineCalls()).toHaveLength(11);
	});

	test('a refreshable JWT (offline_access) is refreshed with the old JWT instead of the secret', async () => {
		jumpAfter(5, env.emulator.jwtLifetimeSeconds + 1);
		const credentials = env.credentials('itsYouOnline', { scope: 'offline_access' });
		const run = await env.run(oneByOne, { input: items(10), credentials: { openVCloudApi: credentials } });
		expect(run.json(NODE_NAME)).toHaveLength(10);
		expect(env.emulator.tokenRequests).toHaveLength(1);
		expect(env.emulator.refreshRequests).toHaveLength(1);
		const first = env.emulator.tokenRequests[0];
		const refresh = env.emulator.refreshRequests[0];
		const firstJwt = machineCalls()[0].headers.authorization!.replace('bearer ', '');
		expect(refresh.headers.authorization).toBe(`bearer ${firstJwt}`);
		expect(refresh.at).toBeGreaterThan(first.at);
		expect(machineCalls()[10].headers.authorization).not.toBe(`bearer ${firstJwt}`);
	});

	test('a refused refresh falls back to fetching a new JWT with the secret', async () => {
		jumpAfter(2, env.emulator.jwtLifetimeSeconds + 1);
		env.emulator.fault('GET', '/v1/oauth/jwt/refresh', { status: 401, body: 'refresh token revoked' });
		const credentials = env.credentials('itsYouOnline', { scope: 'offline_access' });
		const run = await env.run(oneByOne, { input: items(4), credentials: { openVCloudApi: credentials } });
		expect(run.json(NODE_NAME)).toHaveLength(4);
		expect(env.emulator.refreshRequests).toHaveLength(1);
		expect(env.emulator.tokenRequests).toHaveLength(2);
	});

	test('a wrong client secret names the client ID or secret', async () => {
		const credentials = env.credentials('itsYouOnline', { clientSecret: 'wrong secret value' });
		const run = await env.run(getMachine, { credentials: { openVCloudApi: credentials } });
		expect(run.nodeError(NODE_NAME)?.message).toBe('ItsYou.online rejected the client ID or secret (HTTP 401)');
		expect(machineCalls()).toHaveLength(0);
	});
});

describe('pasted JWT', () => {
	test('is sent as is; nothing is fetched or stored', async () => {
		const jwt = env.emulator.issueJwt(OVC_USER);
		const run = await env.run(getMachine, { input: items(3), credentials: { openVCloudApi: env.credentials('jwt', { jwtToken: jwt }) } });
		expect(run.json(NODE_NAME)).toHaveLength(3);
		expect(machineCalls().every((request) => request.headers.authorization === `bearer ${jwt}`)).toBe(true);
		expect(env.emulator.tokenRequests).toHaveLength(0);
		expect(run.store.updates).toHaveLength(0);
	});

	test('an expired one is refused before anything is sent, saying when it expired', async () => {
		env.emulator.clock.advance(-3600); // issued an hour ago, valid for a minute
		const old = env.emulator.issueJwt(OVC_USER, 60);
		env.emulator.clock.advance(3600);
		const expiry = new Date(Number(decodeClaims(old).exp) * 1000).toISOString();
		const run = await env.run(getMachine, { credentials: { openVCloudApi: env.credentials('jwt', { jwtToken: old }) } });
		expect(run.nodeError(NODE_NAME)?.message).toBe(`The JWT in the OpenvCloud credential expired at ${expiry}; paste a new one`);
		expect(env.emulator.apiRequests).toHaveLength(0);
	});

	test('one the G8 refuses (not signed by ItsYou.online) is a 401 naming the credential', async () => {
		const forged = `${env.emulator.issueJwt(OVC_USER).slice(0, -6)}AAAAAA`;
		const run = await env.run(getMachine, { credentials: { openVCloudApi: env.credentials('jwt', { jwtToken: forged }) } });
		const error = run.nodeError(NODE_NAME) as unknown as { message: string; description: string; httpCode: string };
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('OpenvCloud did not accept the credential (HTTP 401)');
		expect(error.description).toBe(
			'The JWT has expired or is not valid for this G8, or the login failed: check the OpenvCloud credential. HTTP 401 on cloudapi/machines/get',
		);
	});
});

describe("a JWT that names no user (an organization's API key), which the G8 answers with HTTP 500", () => {
	const NO_USER = /names no user \(it has no "username" claim\): it belongs to an organization's API key, which the G8 does not accept \(it answers HTTP 500\)\. Use an API key or a JWT of a user\.$/;

	test('the G8 does answer 500 to such a JWT', async () => {
		const response = await fetch(`${env.emulator.url}/restmachine/cloudapi/machines/get`, {
			method: 'POST',
			headers: { authorization: `bearer ${env.emulator.issueOrganizationJwt()}`, 'content-type': 'application/json' },
			body: JSON.stringify({ machineId: 20 }),
		});
		expect(response.status).toBe(500);
	});

	test('pasted: refused before anything is sent, saying why', async () => {
		const run = await env.run(getMachine, { credentials: { openVCloudApi: env.credentials('jwt', { jwtToken: env.emulator.issueOrganizationJwt() }) } });
		const message = run.nodeError(NODE_NAME)?.message;
		expect(message).toMatch(/^The JWT in the OpenvCloud credential names no user/);
		expect(message).toMatch(NO_USER);
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('fetched with an organization API key: refused after the fetch, nothing sent to the G8, nothing stored', async () => {
		const organization = env.credentials('itsYouOnline', { clientId: OVC_ORG_KEY.clientId, clientSecret: OVC_ORG_KEY.clientSecret });
		const run = await env.run(getMachine, { input: items(5), credentials: { openVCloudApi: organization } });
		const message = run.nodeError(NODE_NAME)?.message;
		expect(message).toMatch(/^The JWT ItsYou.online issued for this client ID names no user/);
		expect(message).toMatch(NO_USER);
		expect(env.emulator.tokenRequests).toHaveLength(1);
		expect(env.emulator.apiRequests).toHaveLength(0);
		expect(run.store.updates).toHaveLength(0);
		const tested = await testCredential(env.harness, 'openVCloudApi', organization);
		expect(tested.status).toBe('Error');
		expect(tested.message).toMatch(NO_USER);
		expect(whoamiCalls()).toHaveLength(0);
	});
});

test('a token stored for other settings is not sent: after the 401 one for the new settings is fetched', async () => {
	const first = await env.run(getMachine, { auth: 'password' });
	const stored = first.store.data(CREDENTIAL_ID);
	env.emulator.requests.length = 0;
	// The credential now logs in as another user; n8n kept the hidden token of the first one.
	const edited = env.credentials('password', {
		username: OVC_VIEWER.username,
		password: OVC_VIEWER.password,
		token: stored.token,
		obtainedFor: stored.obtainedFor,
	});
	const second = await env.run({ resource: 'account', operation: 'list' }, { credentials: { openVCloudApi: edited } });
	expect(second.json(NODE_NAME)).toEqual([]); // the viewer has no account
	const calls = env.emulator.requestsTo('POST', '/restmachine/cloudapi/accounts/list');
	expect(calls.map((request) => request.query.has('authkey'))).toEqual([false, true]);
	expect(calls.map((request) => request.query.get('authkey'))).not.toContain(stored.token);
	expect(env.emulator.sessions.get(calls[1].query.get('authkey')!)?.username).toBe(OVC_VIEWER.username);
});

describe('Test button', () => {
	test.each(['password', 'itsYouOnline', 'jwt'] as const)('succeeds for %s, asking the G8 who is calling', async (kind) => {
		const result = await testCredential(env.harness, 'openVCloudApi', env.credentials(kind));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(whoamiCalls()).toHaveLength(1);
	});

	test('logs in afresh even when a session key is stored', async () => {
		const store = new CredentialStore();
		await testCredential(env.harness, 'openVCloudApi', { ...env.credentials('password'), token: 'stale', obtainedFor: 'x' }, store);
		expect(env.emulator.logins).toHaveLength(1);
		expect(whoamiCalls()[0].query.get('authkey')).not.toBe('stale');
	});

	test('names a wrong password, a wrong client secret and an expired pasted JWT', async () => {
		const password = await testCredential(env.harness, 'openVCloudApi', env.credentials('password', { password: 'nope nope nope' }));
		expect(password).toEqual({ status: 'Error', message: 'OpenvCloud rejected the username or password (HTTP 401)' });
		const secret = await testCredential(env.harness, 'openVCloudApi', env.credentials('itsYouOnline', { clientSecret: 'nope nope' }));
		expect(secret).toEqual({ status: 'Error', message: 'ItsYou.online rejected the client ID or secret (HTTP 401)' });
		env.emulator.clock.advance(-7200);
		const old = env.emulator.issueJwt(OVC_USER, 60);
		env.emulator.clock.advance(7200);
		const expired = await testCredential(env.harness, 'openVCloudApi', env.credentials('jwt', { jwtToken: old }));
		expect(expired.status).toBe('Error');
		expect(expired.message).toMatch(/^The JWT in the OpenvCloud credential expired at /);
		expect(whoamiCalls()).toHaveLength(0);
	});

	test('fails when the G8 answers as for an anonymous visitor (guest)', async () => {
		const result = await testCredential(env.harness, 'openVCloudApi', env.credentials('jwt', { jwtToken: '' }));
		expect(result).toEqual({
			status: 'Error',
			message: 'The G8 treats these calls as an anonymous visitor (guest): it did not accept the credential',
		});
		expect(whoamiCalls()).toHaveLength(1);
		expect(whoamiCalls()[0].headers.authorization).toBeUndefined();
	});

	test('accepts a base URL given with a trailing /restmachine/', async () => {
		const result = await testCredential(env.harness, 'openVCloudApi', env.credentials('password', { baseUrl: `${env.emulator.url}/restmachine/` }));
		expect(result.status).toBe('OK');
		expect(whoamiCalls()[0].path).toBe('/restmachine/system/usermanager/whoami');
	});
});

describe("n8n's HTTP Request node with the credential (predefined credential type)", () => {
	const httpRequest = (path: string) =>
		chain({
			type: 'n8n-nodes-base.httpRequest',
			name: 'HTTP Request',
			typeVersion: 4.2,
			parameters: { method: 'POST', url: `${env.emulator.url}/restmachine/${path}`, nodeCredentialType: 'openVCloudApi' },
			credentials: { openVCloudApi: 'ovc-http' },
		});

	test.each(['password', 'itsYouOnline', 'jwt'] as const)('authenticates a call the node does not cover (%s)', async (kind) => {
		const run = await env.harness.run(httpRequest('system/usermanager/whoami'), { credentials: { openVCloudApi: env.credentials(kind) } });
		expect(run.json('HTTP Request')).toEqual([{ name: kind === 'password' ? 'ops' : 'ops@itsyouonline', admin: false }]);
	});

	test('renews an expired session key there too', async () => {
		const first = await env.harness.run(httpRequest('cloudapi/accounts/list'), { credentials: { openVCloudApi: env.credentials('password') } });
		expect(first.json('HTTP Request')).toEqual([{ id: 1, name: 'acme', status: 'CONFIRMED' }]);
		env.emulator.clock.advance(env.emulator.sessionLifetimeSeconds + 1);
		const second = await env.harness.run(httpRequest('cloudapi/accounts/list'), { store: first.store });
		expect(second.json('HTTP Request')).toHaveLength(1);
		expect(env.emulator.logins).toHaveLength(2);
	});
});
