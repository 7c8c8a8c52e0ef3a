/**
 * Signed requests, run as workflows: the emulator recomputes every signature over the raw URL and body bytes it
 * received, so each of these passes only if what was signed is exactly what went on the wire.
 */
import { chain } from '../harness';
import { NODE_NAME, op, ovhSetup, params, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const signedApiRequests = () => env.emulator.requestsOf('api').filter((request) => request.headers['x-ovh-signature']);

test('a query string with spaces, reserved characters and a dotted key is accepted', async () => {
	const run = await env.run({
		resource: 'v1/ip',
		endpoint: op('GET /ip'),
		parameters: params({ description: "web & mail = it's/ok?", 'routedTo.serviceName': 'ns3001234 ip' }),
	});
	expect(run.status).toBe('success');
	const [request] = env.emulator.requestsTo('GET', '/1.0/ip');
	expect(request.url).toBe('/1.0/ip?description=web%20%26%20mail%20%3D%20it%27s%2Fok%3F&routedTo.serviceName=ns3001234%20ip');
	expect(env.emulator.callsTo('GET /ip')[0].query.get('description')).toBe("web & mail = it's/ok?");
});

test('an array query parameter is sent as repeated keys, and accepted', async () => {
	const run = await env.run({
		resource: 'v1/dedicatedCloud',
		endpoint: op('GET /dedicatedCloud/{serviceName}/globalTasks'),
		parameters: params({ serviceName: 'pcc-203-0-113-1', state: '["doing","todo"]' }),
	});
	expect(run.status).toBe('success');
	expect(env.emulator.callsTo('GET /dedicatedCloud/{serviceName}/globalTasks')[0].query.getAll('state')).toEqual(['doing', 'todo']);
	expect(signedApiRequests()[0].url).toBe('/1.0/dedicatedCloud/pcc-203-0-113-1/globalTasks?state=doing&state=todo');
});

test('a body with non-ASCII text is signed over its UTF-8 bytes', async () => {
	const target = '"café ☕ 日本 — ok"';
	const run = await env.run({
		resource: 'v1/domain',
		endpoint: op('POST /domain/zone/{zoneName}/record'),
		parameters: params({ zoneName: 'example.org', fieldType: 'TXT', subDomain: 'ünïcode', target, ttl: 60 }),
	});
	expect(run.json(NODE_NAME)).toEqual([{ id: expect.any(Number), zone: 'example.org', fieldType: 'TXT', subDomain: 'ünïcode', target, ttl: 60 }]);
	const [request] = env.emulator.requestsTo('POST', '/1.0/domain/zone/:zone/record');
	expect(request.body.toString('utf8')).toBe(JSON.stringify({ fieldType: 'TXT', subDomain: 'ünïcode', target, ttl: 60 }));
	expect(request.headers['content-type']).toBe('application/json');
});

test('a path parameter holding "/" (an IP block) is one encoded segment', async () => {
	const run = await env.run({ resource: 'v1/ip', endpoint: op('GET /ip/{ip}'), parameters: params({ ip: '127.0.0.1/29' }) });
	expect(run.json(NODE_NAME)).toEqual([{ ip: '127.0.0.1/29' }]);
	expect(signedApiRequests()[0].url).toBe('/1.0/ip/127.0.0.1%2F29');
	expect(env.emulator.callsTo('GET /ip/{ip}')[0].params).toEqual({ ip: '127.0.0.1/29' });
});

test('an empty body (POST refresh) is signed as empty and the zone is refreshed', async () => {
	const run = await env.run({
		resource: 'v1/domain',
		endpoint: op('POST /domain/zone/{zoneName}/refresh'),
		parameters: params({ zoneName: 'example.eu' }),
	});
	expect(run.json(NODE_NAME)).toEqual([{ success: true }]);
	expect(env.emulator.data.refreshed).toEqual(['example.eu']);
	expect(signedApiRequests()[0].body).toHaveLength(0);
});

test.each([
	['/1.0', 'v1/me', 'GET /me', '/1.0/me'],
	['/v1', 'v1/me', 'GET /me', '/v1/me'],
	['/1.0', 'v2/iam', 'GET /iam/policy', '/v2/iam/policy'],
	['/v1', 'v2/location', 'GET /location', '/v2/location'],
])('with the base URL ending in %s, %s %s goes to %s and is accepted', async (suffix, resource, key, path) => {
	const credentials = { ovhCloudApi: env.signed({ customUrl: `${env.emulator.url}${suffix}` }) };
	const run = await env.harness.run(env.workflow({ resource, endpoint: op(key), parameters: params({}) }), { credentials });
	expect(run.status).toBe('success');
	// (v2 /location is paged by cursor: several calls, all signed and accepted.)
	expect([...new Set(signedApiRequests().map((request) => new URL(request.url, 'http://x').pathname))]).toEqual([path]);
});

test('unauthenticated operations send the application key alone', async () => {
	const time = await env.run({ resource: 'v1/auth', endpoint: op('GET /auth/time'), parameters: params({}) });
	expect(time.json(NODE_NAME)).toEqual([{ value: env.emulator.clock.now() }]);
	const rule = await env.run({
		resource: 'v1/domain',
		endpoint: op('GET /domain/configurationRule'),
		parameters: params({ action: 'create', domain: 'example.eu' }),
	});
	expect(rule.status).toBe('success');
	for (const request of env.emulator.requests) {
		expect(request.headers['x-ovh-application']).toBe(env.signed().applicationKey);
		expect(Object.keys(request.headers).filter((name) => /^x-ovh-(consumer|timestamp|signature)$/.test(name))).toEqual([]);
	}
	// Not even the clock offset is needed for them.
	expect(time.store.updates).toHaveLength(0);
});

test("the credential signs n8n's HTTP Request node calls too (query string in the URL)", async () => {
	const workflow = chain({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		name: 'HTTP Request',
		parameters: {
			method: 'GET',
			url: `${env.emulator.url}/1.0/domain/zone/example.eu/record?fieldType=MX`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'ovhCloudApi',
		},
		credentials: { ovhCloudApi: 'ovh-1' },
	});
	const run = await env.harness.run(workflow, { credentials: { ovhCloudApi: env.signed() } });
	expect(run.json('HTTP Request')).toHaveLength(1);
	expect(signedApiRequests().map((request) => request.url)).toEqual(['/1.0/domain/zone/example.eu/record?fieldType=MX']);
});

test('the emulator refuses a signature over another URL or another body', async () => {
	const first = await env.run({ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) });
	expect(first.status).toBe('success');
	const [good] = signedApiRequests();
	const headers = Object.fromEntries(
		Object.entries(good.headers).filter(([name]) => /^x-ovh-/.test(name)),
	) as Record<string, string>;
	const replay = async (path: string, init: RequestInit = {}) => {
		const response = await fetch(`${env.emulator.url}${path}`, { ...init, headers: { ...headers, ...(init.headers ?? {}) } });
		return { status: response.status, body: (await response.json()) as { errorCode?: string } };
	};
	expect((await replay('/1.0/me')).status).toBe(200);
	expect(await replay('/1.0/me?x=1')).toEqual({ status: 400, body: expect.objectContaining({ errorCode: 'INVALID_SIGNATURE' }) });
	expect((await replay('/1.0/me', { method: 'POST', body: '{}' })).status).toBe(405);
	expect(await replay('/v1/me')).toEqual({ status: 400, body: expect.objectContaining({ errorCode: 'INVALID_SIGNATURE' }) });
});
