/**
 * Hardening, run as workflows: every path value is one segment on its route (or the item is refused before any
 * request) and the URL signed is the URL sent; no secret comes back from a server that echoes the request;
 * transient faults are retried as the shared policy says, without multiplying the clock re-measure; no paging
 * loop runs forever against a server that ignores the pagination headers or its own cursors.
 */
import { secretForms } from '../../nodes/shared/secrets';
import { resourceMapperFields } from '../harness/editor-calls';
import { n8nLogText } from '../harness';
import { httpRequestWorkflow, NODE_NAME, op, OVH_NODE, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => {
	env.reset();
	env.emulator.paging = {};
});

const records = (zoneName: unknown) => ({
	resource: 'v1/domain',
	endpoint: op('GET /domain/zone/{zoneName}/record'),
	parameters: params({ zoneName: zoneName as string }),
});

describe('path values: one segment on their route, or refused before any request', () => {
	test.each(['..', '.', '%2e%2e', '.%2E', '  ..  '])('zoneName %j is refused naming the field, nothing is sent', async (zoneName) => {
		const run = await env.run(records(zoneName));
		expect(run.nodeError(NODE_NAME)?.message).toMatch(/^"zoneName \(path\)" must not be ".*": it would address another route$/);
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('a dot segment from an expression fails only its item (Continue On Fail); the others reach their route', async () => {
		const run = await env.run(records('={{ $json.zone }}'), {
			input: [{ zone: 'example.eu' }, { zone: '..' }, { zone: 'example.org' }, { zone: '.' }],
			continueOnFail: true,
		});
		const items = run.items(NODE_NAME);
		const errors = items.filter((item) => item.json.error).map((item) => [item.pairedItem, item.json.error]);
		expect(errors).toEqual([
			[{ item: 1 }, '"zoneName (path)" must not be "..": it would address another route'],
			[{ item: 3 }, '"zoneName (path)" must not be ".": it would address another route'],
		]);
		expect(env.emulator.requestsOf('api').map((request) => request.path)).toEqual(
			expect.arrayContaining(['/1.0/domain/zone/example.eu/record', '/1.0/domain/zone/example.org/record']),
		);
		expect(env.emulator.requestsOf('api').every((request) => request.path.startsWith('/1.0/domain/zone/example.'))).toBe(true);
		expect(env.emulator.callsTo('GET /domain/record')).toHaveLength(0);
	});

	test('a path parameter holding "/" (an IP block) is one encoded segment', async () => {
		const run = await env.run({ resource: 'v1/ip', endpoint: op('GET /ip/{ip}'), parameters: params({ ip: '127.0.0.1/29' }) });
		expect(run.json(NODE_NAME)).toEqual([{ ip: '127.0.0.1/29' }]);
		expect(env.signedApiRequests()[0].url).toBe('/1.0/ip/127.0.0.1%2F29');
		expect(env.emulator.callsTo('GET /ip/{ip}')[0].params).toEqual({ ip: '127.0.0.1/29' });
	});

	test('any other value, however odd, arrives as itself in one segment, signed over the exact target sent', async () => {
		const values = ['a b', 'é ü', 'x/y', 'a?b#c', '...', '.hidden', "~!*'()", 'a%2e%2e', '%2F', 'tab\there'];
		const run = await env.run(
			{ resource: 'v1/ip', endpoint: op('GET /ip/{ip}'), parameters: params({ ip: '={{ $json.ip }}' }) },
			{ input: values.map((ip) => ({ ip })), continueOnFail: true },
		);
		expect(run.json(NODE_NAME)).toEqual(values.map((ip) => ({ ip })));
		// The emulator recomputes each signature over the raw request target it received: all were accepted.
		const calls = env.emulator.callsTo('GET /ip/{ip}').map((call) => call.params.ip);
		expect(calls.sort()).toEqual([...values].sort());
		for (const request of env.signedApiRequests()) expect(request.url).toMatch(/^\/1\.0\/ip\/[A-Za-z0-9\-._~%]+$/);
	});

	test("through n8n's HTTP Request node, a URL with dot segments is signed as the URL actually sent", async () => {
		const workflow = httpRequestWorkflow('ovhCloudApi', `${env.emulator.url}/1.0/domain/zone/example.eu/./x/../record?fieldType=MX`);
		const run = await env.harness.run(workflow, { credentials: { ovhCloudApi: env.signed() } });
		expect(run.json('HTTP Request')).toHaveLength(1);
		// Accepted means: the signature covers exactly this target, which is what the URL parser made of the URL.
		expect(env.signedApiRequests().map((request) => request.url)).toEqual(['/1.0/domain/zone/example.eu/record?fieldType=MX']);
	});

	test('the path picker never lists with a dot segment taken from another field', async () => {
		const result = await resourceMapperFields(
			env.harness,
			{
				type: OVH_NODE,
				parameters: {
					resource: 'v1/domain',
					endpoint: { __rl: true, mode: 'list', value: 'GET /domain/zone/{zoneName}/record/{id}' },
					parameters: params({ zoneName: '..' }),
				},
				credentials: { ovhCloudApi: env.signed() },
			},
			'getOperationFields',
		);
		expect(result.fields.find((field) => field.id === 'id')?.type).toBe('number');
		expect(env.emulator.requestsOf('api').map((request) => request.path)).toEqual(['/1.0/domain/zone']);
	});
});

describe('no secret in anything n8n stores, even when a server echoes the request', () => {
	const getMe = { resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) };
	const createRecord = {
		resource: 'v1/domain',
		endpoint: op('POST /domain/zone/{zoneName}/record'),
		parameters: params({ zoneName: 'example.eu', fieldType: 'A', target: '203.0.113.7' }),
	};
	const cases: Array<[string, 'json' | 'html', number, 'GET' | 'POST', boolean]> = [];
	for (const form of ['json', 'html'] as const) {
		for (const status of [403, 500, 502]) {
			for (const method of ['GET', 'POST'] as const) {
				for (const continueOnFail of [false, true]) cases.push([`${form} ${status} ${method}${continueOnFail ? ' (Continue On Fail)' : ''}`, form, status, method, continueOnFail]);
			}
		}
	}

	test.each(cases)('%s: signed and service account', async (_name, echo, status, method, continueOnFail) => {
		const parameters = { ...(method === 'GET' ? getMe : createRecord), options: { retryTransientErrors: false } };
		const path = method === 'GET' ? '/1.0/me' : '/1.0/domain/zone/:zone/record';
		env.emulator.fault(method, path, { echo, status });
		const runs = [
			await env.run(parameters, { continueOnFail }),
			await env.run({ ...parameters, authentication: SERVICE_ACCOUNT }, { continueOnFail }),
		];
		for (const run of runs) {
			const error = continueOnFail ? run.json(NODE_NAME)[0] : (run.nodeError(NODE_NAME) as unknown as Record<string, unknown>);
			expect(String(error.message ?? error.error)).toMatch(new RegExp(`OVHcloud answered HTTP ${status}|HTTP ${status}`));
		}
		const echoed = env.emulator.requestsOf('api');
		expect(echoed.some((request) => request.headers['x-ovh-consumer'])).toBe(true);
		expect(echoed.some((request) => request.headers.authorization)).toBe(true);
		const secrets = [
			String(env.signed().applicationSecret),
			String(env.signed().consumerKey),
			String(env.oauth2().clientSecret),
			...env.emulator.tokens.keys(),
			...echoed.map((request) => String(request.headers['x-ovh-signature'] ?? '')).filter(Boolean),
		];
		const stored = runs.map((run) => run.serialized()).join('\n') + n8nLogText();
		for (const secret of secrets) for (const form of secretForms(secret)) expect(stored).not.toContain(form);
	});

	test('a message quoting the consumer key or the token in free text is scrubbed too (only the known secrets find these)', async () => {
		const consumerKey = String(env.signed().consumerKey);
		env.emulator.fault('GET', '/1.0/me', { status: 403, body: { errorCode: 'QUOTED', message: `Key ${consumerKey} refused; as URL ${encodeURIComponent(consumerKey)}` }, times: 1 });
		const signed = await env.run(getMe);
		expect(signed.nodeError(NODE_NAME)?.message).toBe('Key *** refused; as URL *** (QUOTED)');
		const first = await env.run({ ...getMe, authentication: SERVICE_ACCOUNT });
		const token = String(first.store.data('ovh-oauth-1').accessToken);
		env.emulator.fault('GET', '/1.0/me', { status: 500, body: { message: `Upstream said: token=${token} (base64 ${Buffer.from(token).toString('base64')})` }, times: 1 });
		const oauth = await env.run({ ...getMe, authentication: SERVICE_ACCOUNT }, { store: first.store, continueOnFail: true });
		expect(oauth.json(NODE_NAME)[0].error).toBe('Upstream said: token=*** (base64 ***)');
		const stored = signed.serialized() + oauth.serialized() + n8nLogText();
		for (const secret of [consumerKey, token]) for (const form of secretForms(secret)) expect(stored).not.toContain(form);
	});

	test('an echoing token endpoint: the login error names the refusal, and nothing that was sent', async () => {
		env.emulator.fault('POST', '/auth/oauth2/token', { echo: 'json', status: 401 });
		const run = await env.run({ ...getMe, authentication: SERVICE_ACCOUNT });
		expect(run.nodeError(NODE_NAME)?.message).toBe('OVHcloud token endpoint refused the client ID or secret (HTTP 401)');
		env.emulator.clearFaults();
		env.emulator.fault('POST', '/auth/oauth2/token', { echo: 'html', status: 500 });
		const html = await env.run({ ...getMe, authentication: SERVICE_ACCOUNT });
		expect(html.nodeError(NODE_NAME)?.message).toBe('OVHcloud token endpoint answered the login with HTTP 500');
		const stored = run.serialized() + html.serialized() + n8nLogText();
		for (const form of secretForms(String(env.oauth2().clientSecret))) expect(stored).not.toContain(form);
	});
});

describe('transient faults: retried by the shared policy (GET is safe to repeat), and said after the last try', () => {
	const getServer = (name = 'ns3001234.ip-203-0-113.eu') => ({
		resource: 'v1/dedicated',
		endpoint: op('GET /dedicated/server/{serviceName}'),
		parameters: params({ serviceName: name }),
	});
	const serverPath = '/1.0/dedicated/server/:name';
	const createRecord = (target = '203.0.113.8') => ({
		resource: 'v1/domain',
		endpoint: op('POST /domain/zone/{zoneName}/record'),
		parameters: params({ zoneName: 'example.org', fieldType: 'A', target }),
	});
	const recordPath = '/1.0/domain/zone/:zone/record';
	const created = (target: string) => (env.emulator.data.zones.get('example.org') ?? []).filter((record) => record.target === target);

	test('429 with Retry-After: the GET is sent again after the pause and succeeds', async () => {
		env.emulator.fault('GET', serverPath, { status: 429, headers: { 'Retry-After': '1' }, body: { message: 'Too many requests' }, times: 2 });
		const started = Date.now();
		const run = await env.run(getServer());
		expect(run.json(NODE_NAME)[0].name).toBe('ns3001234.ip-203-0-113.eu');
		expect(env.emulator.requestsTo('GET', serverPath)).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	test('429 and 503 on a POST are sent again (OVHcloud did not process it): one record is created', async () => {
		env.emulator.fault('POST', recordPath, { status: 429, headers: { 'Retry-After': '0' }, times: 1 });
		env.emulator.fault('POST', recordPath, { status: 503, headers: { 'Retry-After': '0' }, times: 1 });
		const run = await env.run(createRecord('203.0.113.81'));
		expect(run.status).toBe('success');
		expect(env.emulator.requestsTo('POST', recordPath)).toHaveLength(3);
		expect(created('203.0.113.81')).toHaveLength(1);
	});

	test.each([
		['502', { status: 502, body: '<html><body>Bad Gateway</body></html>', headers: { 'Content-Type': 'text/html' } }, 'OVHcloud answered HTTP 502'],
		['504', { status: 504, body: { message: 'Gateway timeout' } }, 'Gateway timeout'],
		['a dropped connection', { drop: true }, 'OVHcloud is unreachable (connection reset)'],
		['an answer cut short', { cut: true }, "OVHcloud's answer to POST /domain/zone/example.org/record broke off (the connection closed before the whole answer arrived)"],
	])('%s: a GET is sent again and succeeds; a POST is not (it may have been processed)', async (_name, fault, message) => {
		env.emulator.fault('GET', serverPath, { ...fault, times: 1 });
		const get = await env.run(getServer());
		expect(get.status).toBe('success');
		expect(env.emulator.requestsTo('GET', serverPath)).toHaveLength(2);
		env.emulator.fault('POST', recordPath, { ...fault, times: 1 });
		const post = await env.run(createRecord('203.0.113.82'));
		expect(post.nodeError(NODE_NAME)?.message).toBe(message);
		expect(env.emulator.requestsTo('POST', recordPath)).toHaveLength(1);
	});

	test('a fault that lasts: the error says how many tries it took, with OVHcloud\'s message', async () => {
		env.emulator.fault('GET', serverPath, { status: 503, headers: { 'Retry-After': '0' }, body: { message: 'Service in maintenance' } });
		const run = await env.run(getServer());
		expect(run.nodeError(NODE_NAME)?.message).toBe('Service in maintenance (after 5 tries)');
		expect(env.emulator.requestsTo('GET', serverPath)).toHaveLength(5);
	});

	test('Retry Transient Errors off: one try', async () => {
		env.emulator.fault('GET', serverPath, { status: 503, headers: { 'Retry-After': '0' }, body: { message: 'Service in maintenance' } });
		const run = await env.run({ ...getServer(), options: { retryTransientErrors: false } });
		expect(run.nodeError(NODE_NAME)?.message).toBe('Service in maintenance');
		expect(env.emulator.requestsTo('GET', serverPath)).toHaveLength(1);
	});

	test('an ordinary 4xx is final at once', async () => {
		const run = await env.run(getServer('unknown-server'), { continueOnFail: true });
		expect(run.json(NODE_NAME)[0].error).toContain('RESOURCE_NOT_FOUND');
		expect(env.emulator.requestsTo('GET', serverPath)).toHaveLength(1);
	});

	describe('with the clock re-measure: neither multiplies the other', () => {
		let shift = 0;
		const skew = (seconds: number) => {
			shift += seconds;
			env.emulator.clock.advance(seconds);
		};
		afterEach(() => {
			env.emulator.clock.advance(-shift);
			shift = 0;
		});
		const twenty = () => Array.from({ length: 20 }, () => ({ name: 'ns3001234.ip-203-0-113.eu' }));
		const byExpression = { ...getServer('={{ $json.name }}') };

		test('a stale offset and a 429 inside the re-measure: the 429 is retried once, the offset measured once', async () => {
			const first = await env.run(getServer());
			env.reset();
			skew(-3600);
			// The first call is refused (stale timestamp); the re-measuring call then meets one 429.
			env.emulator.afterRequests('GET', serverPath, 1, () =>
				env.emulator.fault('GET', serverPath, { status: 429, headers: { 'Retry-After': '0' }, times: 1 }),
			);
			const run = await env.run(byExpression, { input: twenty(), store: first.store });
			expect(run.json(NODE_NAME)).toHaveLength(20);
			// Item 1: refused, 429, refused (n8n re-measures), accepted; then 19 calls.
			expect(env.emulator.requestsTo('GET', serverPath)).toHaveLength(4 + 19);
			expect(env.emulator.requestsOf('time')).toHaveLength(1);
		});

		test('a wrong secret and 503s: each item is tried as the retry policy says, the clock re-measured once', async () => {
			env.emulator.fault('GET', serverPath, { status: 503, headers: { 'Retry-After': '0' }, times: 1 });
			const run = await env.harness.run(env.workflow(byExpression, true), {
				input: twenty().slice(0, 5),
				credentials: { ovhCloudApi: env.signed({ applicationSecret: 'not-the-secret' }) },
			});
			expect(run.json(NODE_NAME).map((item) => item.error)).toEqual(Array(5).fill('Invalid signature (INVALID_SIGNATURE)'));
			// First item: 503, refused, refused again and re-measured, refused; then one call per item.
			expect(env.emulator.requestsTo('GET', serverPath)).toHaveLength(4 + 4);
			expect(env.emulator.requestsOf('time')).toHaveLength(2);
		});

		test('calls in flight when the clock moves wait for the one re-measure and are sent once more', async () => {
			const first = await env.run(getServer());
			env.reset();
			env.emulator.latencyMs = 20;
			try {
				// Two calls go through; then OVHcloud's clock jumps, with up to 20 calls in flight.
				env.emulator.afterRequests('GET', serverPath, 2, () => skew(-3600));
				const run = await env.run(byExpression, { input: [...twenty(), ...twenty()], store: first.store });
				expect(run.json(NODE_NAME)).toHaveLength(40);
				expect(env.emulator.requestsOf('time')).toHaveLength(1);
				const calls = env.emulator.requestsTo('GET', serverPath).length;
				// Each item at most: refused, (re-measure: refused again,) accepted.
				expect(calls).toBeGreaterThan(40);
				expect(calls).toBeLessThanOrEqual(40 * 2 + 1);
			} finally {
				env.emulator.latencyMs = 0;
			}
		});
	});

	test('a 2xx without the documented body is an error naming the operation; a void one is fine', async () => {
		env.emulator.fault('POST', recordPath, { status: 200, body: '', times: 1 });
		const empty = await env.run(createRecord('203.0.113.83'));
		expect(empty.nodeError(NODE_NAME)?.message).toBe('OVHcloud answered POST /domain/zone/{zoneName}/record with no body');
		env.emulator.fault('GET', serverPath, { status: 200, body: '{"name":', headers: { 'Content-Type': 'application/json' }, times: 1 });
		const broken = await env.run(getServer());
		expect(broken.nodeError(NODE_NAME)?.message).toBe('OVHcloud answered GET /dedicated/server/{serviceName} with an answer that is not JSON');
		env.emulator.fault('POST', '/1.0/domain/zone/:zone/refresh', { status: 200, body: '', times: 1 });
		const refresh = await env.run({ resource: 'v1/domain', endpoint: op('POST /domain/zone/{zoneName}/refresh'), parameters: params({ zoneName: 'example.eu' }) });
		expect(refresh.json(NODE_NAME)).toEqual([{ success: true }]);
	});
});

describe('no paging loop runs forever', () => {
	beforeAll(() => {
		for (let index = env.emulator.data.bills.size + 1; index <= 1000; index++) env.emulator.data.addBill(index);
	});
	const bills = { resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}), options: { fullObjects: true, pageSize: 100 } };
	const locations = { resource: 'v2/location', endpoint: op('GET /location'), parameters: params({}) };
	const hints = (run: Awaited<ReturnType<OvhEnv['run']>>) => (run.runData[NODE_NAME][0].hints ?? []).map((hint) => hint.message);

	test('full objects from a server that ignores the page headers: the whole list once, a notice, two requests', async () => {
		env.emulator.paging = { batch: 'ignoreHeaders' };
		const run = await env.run(bills);
		expect(run.json(NODE_NAME)).toHaveLength(1000);
		expect(new Set(run.json(NODE_NAME).map((bill) => bill.billId)).size).toBe(1000);
		expect(env.emulator.requestsOf('api')).toHaveLength(2);
		expect(hints(run)).toEqual([
			'Reading the objects of GET /me/bill stopped early: the server returned a page that repeats entries already read (it ignores the paging parameters). The 1000 entries read are returned, without duplicates.',
		]);
	});

	test('full objects from a server that ignores the batch mode: its IDs, with a notice', async () => {
		env.emulator.paging = { batch: 'ignoreMode' };
		const run = await env.run({ ...bills, returnAll: false, limit: 5 });
		expect(run.json(NODE_NAME)).toEqual(['FR40000001', 'FR40000002', 'FR40000003', 'FR40000004', 'FR40000005'].map((billId) => ({ billId })));
		expect(env.emulator.requestsOf('api')).toHaveLength(1);
		expect(hints(run)).toEqual(['OVHcloud answered GET /me/bill with IDs, not objects (it ignored X-Pagination-Mode): the IDs are returned']);
	});

	test.each([
		['repeat', 2, 'the server sent a page cursor it had sent before', 4],
		['cycle', 3, 'the server sent a page cursor it had sent before', 6],
		['ignore', 2, 'the server returned a page that repeats entries already read (it ignores the page cursor)', 2],
	] as const)('v2 cursors that %s: stops after %i requests with a notice', async (quirk, requests, why, count) => {
		env.emulator.paging = { cursor: quirk };
		const run = await env.run(locations);
		expect(run.json(NODE_NAME)).toEqual(env.emulator.data.locations.slice(0, count));
		expect(env.emulator.requestsOf('api')).toHaveLength(requests);
		expect(hints(run)).toEqual([`Reading the pages of GET /v2/location stopped early: ${why}. The ${count} entries read are returned, without duplicates.`]);
	});
});
