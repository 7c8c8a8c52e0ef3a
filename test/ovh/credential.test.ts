/**
 * The two credentials: signing (the official vectors, the wire form of URLs and bodies), signed requests run
 * as workflows (the emulator recomputes every signature over the raw URL and body bytes it received, so each
 * passes only if what was signed is exactly what went on the wire), the clock offset, the Test button,
 * service-account tokens, and the demo fixture's credentials.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createHash } from 'node:crypto';

import { ovhSignature, queryString, signRequest, wireBody, wireUrl } from '../../credentials/OvhCloudApi.credentials';
import { branchUrl } from '../../nodes/OvhCloud/api';
import { encodeStrict } from '../../nodes/shared/path';
import type { ProviderFixture } from '../emulators/fixtures';
import { OVH_APP } from '../emulators/ovh';
import { startOvhFixture } from '../emulators/ovh-fixture';
import { chain, CredentialStore, Harness, testCredential } from '../harness';
import { httpRequestWorkflow, NODE_NAME, op, OVH_NODE, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

describe('signing', () => {
	// The official test vectors (python-ovh and go-ovh test suites; shared/reference/README.md).
	const AS = '9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk';
	const CK = ['5mBuy6SUQcRw2ZUxg0cG68', 'BoDKpED4KY'].join('');
	const TIMESTAMP = 1457018875;
	const BODY = '{"a":"b","c":"d"}';

	test.each([
		['GET', 'https://eu.api.ovh.com/1.0/auth', '', '$1$e9556054b6309771395efa467c22e627407461ad'],
		['POST', 'https://eu.api.ovh.com/1.0/auth', BODY, '$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1'],
		['PUT', 'https://eu.api.ovh.com/1.0/auth', BODY, '$1$8a75a9e7c8e7296c9dbeda6a2a735eb6bd58ec4b'],
		['DELETE', 'https://eu.api.ovh.com/1.0/auth', '', '$1$a1eecd00b3b02b6cf5708b84b9ff42059a950d85'],
		['GET', 'https://eu.api.ovh.com/1.0/call', '', '$1$7f2db49253edfc41891023fcd1a54cf61db05fbb'],
		['GET', 'https://eu.api.ovh.com/v1/call', '', '$1$e6e7906d385eb28adcbfbe6b66c1528a42d741ad'],
		['GET', 'https://eu.api.ovh.com/v2/call', '', '$1$bb63b132a6f84ad5433d0c534d48d3f7c3804285'],
	])('official vector: %s %s', (method, url, body, expected) => {
		expect(ovhSignature(AS, CK, method, url, body, TIMESTAMP)).toBe(expected);
		expect(ovhSignature(AS, CK, method, url, Buffer.from(body), TIMESTAMP)).toBe(expected);
	});

	test('signRequest reproduces the vectors from request options, object bodies included', () => {
		const credentials = { applicationKey: OVH_APP.key, applicationSecret: AS, consumerKey: CK, clockOffset: '' };
		const now = TIMESTAMP * 1000 + 999;
		const post = signRequest(credentials, { method: 'POST', url: 'https://eu.api.ovh.com/1.0/auth', body: { a: 'b', c: 'd' } }, now);
		expect(post.headers?.['X-Ovh-Signature']).toBe('$1$ec2fb5c7a81f64723c77d2e5b609ae6f58a84fc1');
		expect(post.headers?.['X-Ovh-Timestamp']).toBe(String(TIMESTAMP));
		expect(post.headers?.['Content-Type']).toBe('application/json');
		expect((post.body as Buffer).toString()).toBe(BODY);
		const get = signRequest(credentials, { method: 'GET', baseURL: 'https://eu.api.ovh.com/v2/', url: '/call' }, now);
		expect(get.url).toBe('https://eu.api.ovh.com/v2/call');
		expect(get.headers?.['X-Ovh-Signature']).toBe('$1$bb63b132a6f84ad5433d0c534d48d3f7c3804285');
		// A stored clock offset moves the timestamp (and so the signature).
		const skewed = signRequest({ ...credentials, clockOffset: '-3600' }, { method: 'GET', url: 'https://eu.api.ovh.com/1.0/auth' }, now);
		expect(skewed.headers?.['X-Ovh-Timestamp']).toBe(String(TIMESTAMP - 3600));
	});

	test('signing twice (n8n re-authenticates before its one retry) signs the same wire request', () => {
		const credentials = { applicationKey: 'ak', applicationSecret: 'as', consumerKey: 'ck' };
		const first = signRequest(credentials, { method: 'POST', url: 'https://h/1.0/x', qs: { a: 'b c' }, body: { é: 'ü' } }, 1_000_000);
		const second = signRequest(credentials, first, 1_000_000);
		expect(second.url).toBe(first.url);
		expect(second.body).toEqual(first.body);
		expect(second.headers).toEqual(first.headers);
		expect(Object.keys(second.headers ?? {}).filter((key) => /^x-ovh-/i.test(key))).toHaveLength(4);
	});

	test('strict encoding leaves only unreserved characters', () => {
		expect(encodeStrict("a b/c?d&e=f#g'h(i)j*k!l~m.n_o-p")).toBe('a%20b%2Fc%3Fd%26e%3Df%23g%27h%28i%29j%2Ak%21l~m.n_o-p');
		expect(encodeStrict('127.0.0.1/29')).toBe('127.0.0.1%2F29');
		expect(encodeStrict('héllo')).toBe('h%C3%A9llo');
	});

	test('query strings: keys in order, repeated keys for arrays, spaces and reserved characters encoded', () => {
		expect(queryString({ b: 'x y', a: ['1', '2'], skip: undefined, none: null, n: 3, t: true })).toBe('b=x%20y&a=1&a=2&n=3&t=true');
		expect(queryString({ q: "it's a&b=c/d?e" })).toBe('q=it%27s%20a%26b%3Dc%2Fd%3Fe');
		expect(queryString({ a: ['1', '2'] }, 'brackets')).toBe('a%5B%5D=1&a%5B%5D=2');
		expect(queryString({ filter: { k: 'v' } })).toBe('filter=%7B%22k%22%3A%22v%22%7D');
	});

	test('the signed URL is the one Node parses and sends', () => {
		expect(wireUrl({ url: 'https://eu.api.ovh.com/1.0/ip/127.0.0.1%2F29', qs: { a: 'x y' } })).toBe(
			'https://eu.api.ovh.com/1.0/ip/127.0.0.1%2F29?a=x%20y',
		);
		// Characters a caller left raw are normalised exactly as the HTTP client will.
		const raw = wireUrl({ url: 'https://EU.api.ovh.com:443/1.0/domain/zone/my zone/record?sub=a b' });
		expect(raw).toBe('https://eu.api.ovh.com/1.0/domain/zone/my%20zone/record?sub=a%20b');
		expect(new URL(raw).href).toBe(raw);
		expect(wireUrl({ baseURL: 'https://eu.api.ovh.com/1.0/', url: '/me', qs: { x: '1' } })).toBe('https://eu.api.ovh.com/1.0/me?x=1');
		expect(wireUrl({ url: 'https://eu.api.ovh.com/1.0/me?existing=1', qs: { added: '2' } })).toBe(
			'https://eu.api.ovh.com/1.0/me?existing=1&added=2',
		);
	});

	test('bodies are the exact bytes: non-ASCII JSON in UTF-8, nothing for GET, empty objects or empty strings', () => {
		const headers = {};
		const body = wireBody({ method: 'POST', url: 'x', body: { target: 'café ☕ 日本' } }, headers);
		expect(body?.toString('utf8')).toBe('{"target":"café ☕ 日本"}');
		expect(body?.length).toBe(Buffer.byteLength('{"target":"café ☕ 日本"}'));
		expect(headers).toEqual({ 'Content-Type': 'application/json' });
		expect(wireBody({ method: 'GET', url: 'x', body: { a: 1 } }, {})).toBeUndefined();
		expect(wireBody({ method: 'POST', url: 'x', body: {} }, {})).toBeUndefined();
		expect(wireBody({ method: 'POST', url: 'x', body: '' }, {})).toBeUndefined();
		expect(wireBody({ method: 'PUT', url: 'x', body: [1, 2] }, {})?.toString()).toBe('[1,2]');
		expect(() => wireBody({ method: 'POST', url: 'x', formData: {} }, {})).toThrow(/cannot be signed/);
	});

	test('an empty body is signed as the empty string', () => {
		const signed = signRequest({ applicationKey: 'a', applicationSecret: 's', consumerKey: 'c' }, { method: 'POST', url: 'https://h/1.0/x' }, 5000);
		const expected = `$1$${createHash('sha1').update('s+c+POST+https://h/1.0/x++5').digest('hex')}`;
		expect(signed.headers?.['X-Ovh-Signature']).toBe(expected);
		expect(signed.body).toBeUndefined();
	});

	test('v2 lives beside v1 on the same host', () => {
		expect(branchUrl('https://eu.api.ovh.com/1.0', 'v2')).toBe('https://eu.api.ovh.com/v2');
		expect(branchUrl('https://eu.api.ovh.com/v1/', 'v2')).toBe('https://eu.api.ovh.com/v2');
		expect(branchUrl('https://proxy.example/ovh', 'v2')).toBe('https://proxy.example/ovh/v2');
		expect(branchUrl('https://eu.api.ovh.com/v1', 'v1')).toBe('https://eu.api.ovh.com/v1');
	});
});

describe('signed requests on the wire', () => {
	
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
		expect(env.signedApiRequests()[0].url).toBe('/1.0/dedicatedCloud/pcc-203-0-113-1/globalTasks?state=doing&state=todo');
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

	test('an empty body (POST refresh) is signed as empty and the zone is refreshed', async () => {
		const run = await env.run({
			resource: 'v1/domain',
			endpoint: op('POST /domain/zone/{zoneName}/refresh'),
			parameters: params({ zoneName: 'example.eu' }),
		});
		expect(run.json(NODE_NAME)).toEqual([{ success: true }]);
		expect(env.emulator.data.refreshed).toEqual(['example.eu']);
		expect(env.signedApiRequests()[0].body).toHaveLength(0);
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
		expect([...new Set(env.signedApiRequests().map((request) => new URL(request.url, 'http://x').pathname))]).toEqual([path]);
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
		const workflow = httpRequestWorkflow('ovhCloudApi', `${env.emulator.url}/1.0/domain/zone/example.eu/record?fieldType=MX`);
		const run = await env.harness.run(workflow, { credentials: { ovhCloudApi: env.signed() } });
		expect(run.json('HTTP Request')).toHaveLength(1);
		expect(env.signedApiRequests().map((request) => request.url)).toEqual(['/1.0/domain/zone/example.eu/record?fieldType=MX']);
	});

	test('the emulator refuses a signature over another URL or another body', async () => {
		const first = await env.run({ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) });
		expect(first.status).toBe('success');
		const [good] = env.signedApiRequests();
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
});

describe('clock offset: measured once, stored, measured again only when a signature is refused', () => {
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
});

describe('signed credential test', () => {
	test('succeeds with a validated consumer key, with a real signed call', async () => {
		const result = await testCredential(env.harness, 'ovhCloudApi', env.signed());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.emulator.requestsOf('time')).toHaveLength(1);
		const [call] = env.emulator.requestsOf('api');
		expect(call.url).toBe('/1.0/auth/currentCredential');
		expect(call.headers['x-ovh-signature']).toMatch(/^\$1\$[0-9a-f]{40}$/);
	});

	test('says the application key is unknown', async () => {
		const result = await testCredential(env.harness, 'ovhCloudApi', env.signed({ applicationKey: 'unknown-example-application-key' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('INVALID_KEY');
	});

	test('says the signature (secret or consumer key) is wrong', async () => {
		const result = await testCredential(env.harness, 'ovhCloudApi', env.signed({ applicationSecret: 'wrong' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/INVALID_SIGNATURE.*application secret/);
	});

	test('says the consumer key was not validated', async () => {
		env.emulator.addConsumer('pending-example-consumer-key', [{ method: 'GET', path: '/*' }], 'pendingValidation');
		const result = await testCredential(env.harness, 'ovhCloudApi', env.signed({ consumerKey: 'pending-example-consumer-key' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/INVALID_CREDENTIAL.*never validated/);
	});

	test('says when the access rules do not allow the test call', async () => {
		env.emulator.fault('GET', '/1.0/auth/currentCredential', {
			status: 403,
			body: { errorCode: 'NOT_GRANTED_CALL', httpCode: '403 Forbidden', message: 'This call has not been granted' },
		});
		const result = await testCredential(env.harness, 'ovhCloudApi', env.signed());
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/access rules do not allow GET \/auth\/currentCredential \(NOT_GRANTED_CALL\)/);
	});

	test('an answer that is neither success nor a known refusal is not taken for success', async () => {
		env.emulator.fault('GET', '/1.0/auth/currentCredential', { status: 500, body: { message: 'Internal server error' }, times: 1 });
		expect((await testCredential(env.harness, 'ovhCloudApi', env.signed())).status).toBe('Error');
		env.emulator.fault('GET', '/1.0/auth/currentCredential', {
			status: 403,
			body: { errorCode: 'SOMETHING_NEW', httpCode: '403 Forbidden', message: 'No' },
			times: 1,
		});
		expect(await testCredential(env.harness, 'ovhCloudApi', env.signed())).toEqual({ status: 'Error', message: 'OVHcloud refused access (HTTP 403)' });
	});

	test('says when the API cannot be reached', async () => {
		const result = await testCredential(env.harness, 'ovhCloudApi', env.signed({ customUrl: 'http://127.0.0.1:9/1.0' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('unreachable');
	});
});

describe('service account (OAuth2 client credentials)', () => {
	const listZones = { authentication: SERVICE_ACCOUNT, resource: 'v1/domain', endpoint: op('GET /domain/zone/{zoneName}/record/{id}') };
	const input = () => {
		const ids = env.emulator.data.zones.get('example.eu')!.map((record) => record.id);
		return Array.from({ length: 50 }, (_, index) => ({ id: ids[index % ids.length] }));
	};
	const parameters = params({ zoneName: 'example.eu', id: '={{ $json.id }}' });

	test('the token is fetched once for 50 items; calls carry only the bearer token', async () => {
		const run = await env.run({ ...listZones, parameters }, { input: input() });
		expect(run.json(NODE_NAME)).toHaveLength(50);
		expect(env.emulator.requestsOf('token')).toHaveLength(1);
		expect(env.emulator.requestsOf('time')).toHaveLength(0);
		const calls = env.emulator.requestsOf('api');
		expect(calls).toHaveLength(50);
		for (const call of calls) {
			expect(call.headers.authorization).toMatch(/^Bearer eyJ/);
			expect(Object.keys(call.headers).filter((name) => name.startsWith('x-ovh-'))).toEqual([]);
		}
		const [tokenRequest] = env.emulator.requestsOf('token');
		expect(Object.fromEntries(new URLSearchParams(tokenRequest.body.toString()))).toMatchObject({ grant_type: 'client_credentials', scope: 'all' });
		expect(run.store.updates.map((update) => update.fields)).toEqual([['accessToken']]);
	});

	test('a 401 (expired token) fetches one new token and the call is retried once (items one at a time)', async () => {
		env.emulator.afterRequests('GET', '/1.0/*', 20, () => env.emulator.expireTokens());
		const run = await env.run({ ...listZones, parameters, options: { parallelItems: 1 } }, { input: input().slice(0, 40) });
		expect(run.json(NODE_NAME)).toHaveLength(40);
		expect(env.emulator.requestsOf('token')).toHaveLength(2);
		expect(env.emulator.requestsOf('api')).toHaveLength(41);
		expect(run.store.updates).toHaveLength(2);
	});

	test.each([0, 1, 3])('a token that expires mid-run while 30 items are in flight (latency %i ms): every item succeeds, one new token', async (latency) => {
		env.emulator.latencyMs = latency;
		env.emulator.afterRequests('GET', '/1.0/*', 75, () => env.emulator.expireTokens());
		const items = Array.from({ length: 3 }, () => input()).flat();
		const run = await env.run({ ...listZones, parameters }, { input: items });
		env.emulator.latencyMs = 0;
		expect(run.json(NODE_NAME)).toHaveLength(items.length);
		// The calls refused after the new token arrived present the old one and get the new one: no login each.
		expect(env.emulator.requestsOf('token')).toHaveLength(2);
	});

	test('a run still holding the token another run has just replaced gets that replacement, without a token request', async () => {
		const first = await env.run({ ...listZones, parameters }, { input: input().slice(0, 1) });
		const old = String(first.store.data('ovh-oauth-1').accessToken);
		env.emulator.expireTokens();
		env.reset();
		const holding = { ovhCloudOAuth2Api: { ...env.oauth2(), accessToken: old } };
		const replacing = await env.run({ ...listZones, parameters }, { input: input().slice(0, 2), credentials: holding });
		const late = await env.run({ ...listZones, parameters }, { input: input().slice(0, 2), credentials: holding });
		expect([replacing.json(NODE_NAME), late.json(NODE_NAME)].map((items) => items.length)).toEqual([2, 2]);
		expect(env.emulator.requestsOf('token')).toHaveLength(1);
	});

	test('the credential test gets a token and reads /me; a wrong secret is named as such', async () => {
		expect(await testCredential(env.harness, 'ovhCloudOAuth2Api', env.oauth2())).toEqual({ status: 'OK', message: 'Connection successful!' });
		const bad = await testCredential(env.harness, 'ovhCloudOAuth2Api', env.oauth2({ clientSecret: 'nope' }));
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain('refused the client ID or secret');
	});
});

describe('the demo fixture (npm run dev, examples, e2e)', () => {
	let fixture: ProviderFixture;
	let harness: Harness;
	let byType: Record<string, ICredentialDataDecryptedObject>;

	beforeAll(async () => {
		fixture = await startOvhFixture();
		harness = await Harness.load();
		byType = Object.fromEntries(fixture.credentials.map((credential) => [credential.type, credential.data]));
	});
	afterAll(async () => await fixture.stop());

	test('both demo credentials pass the Test button', async () => {
		expect(fixture.credentials.map((credential) => [credential.id, credential.type])).toEqual([
			['ovhEmulatorApi01', 'ovhCloudApi'],
			['ovhEmulatorOAu01', 'ovhCloudOAuth2Api'],
		]);
		for (const credential of fixture.credentials) {
			expect(await testCredential(harness, credential.type, credential.data)).toEqual({ status: 'OK', message: 'Connection successful!' });
		}
	});

	test('the demo consumer key may not call what the examples do not need', async () => {
		const run = await harness.run(
			chain({
				type: OVH_NODE,
				name: NODE_NAME,
				parameters: {
					resource: 'v1/domain',
					endpoint: op('DELETE /domain/zone/{zoneName}/record/{id}'),
					parameters: params({ zoneName: 'example.eu', id: 1000 }),
				},
				credentials: { ovhCloudApi: 'ovhEmulatorApi01' },
			}),
			{ credentials: byType },
		);
		expect((run.nodeError(NODE_NAME) as unknown as { message: string }).message).toBe(
			'This consumer key may not call DELETE /domain/zone/example.eu/record/1000 (NOT_GRANTED_CALL)',
		);
	});
});
