/** The three ways in, end to end: session keys, ItsYou.online JWTs and pasted JWTs; renewal mid-run. */
import { decodeClaims } from '../emulators/jwt';
import { OVC_USER, OVC_VIEWER } from '../emulators/openvcloud';
import { byId, CREDENTIAL_ID, NODE_NAME, openVCloudSetup } from './setup';

let env: Awaited<ReturnType<typeof openVCloudSetup>>;

beforeAll(async () => {
	env = await openVCloudSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => {
	env.emulator.reset();
	env.emulator.state.seedWorkload();
});

/** Machine: Get for `count` items (all machine 20), the way a workflow fans out over a list. */
const getMachine = { resource: 'machine', operation: 'get', machineId: byId('={{ $json.id || 20 }}') };
const items = (count: number) => Array.from({ length: count }, () => ({ id: 20 }));
const machineCalls = () => env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/get');

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
		const run = await env.run(getMachine, { input: items(30), auth: 'password' });
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
		const run = await env.run(getMachine, { input: items(10), auth: 'itsYouOnline' });
		expect(run.json(NODE_NAME)).toHaveLength(10);
		expect(env.emulator.tokenRequests).toHaveLength(2);
		expect(env.emulator.refreshRequests).toHaveLength(0);
		expect(machineCalls()).toHaveLength(11);
	});

	test('a refreshable JWT (offline_access) is refreshed with the old JWT instead of the secret', async () => {
		jumpAfter(5, env.emulator.jwtLifetimeSeconds + 1);
		const credentials = env.credentials('itsYouOnline', { scope: 'offline_access' });
		const run = await env.run(getMachine, { input: items(10), credentials: { openVCloudApi: credentials } });
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
		const run = await env.run(getMachine, { input: items(4), credentials: { openVCloudApi: credentials } });
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
