/** Bad input is refused before any request; API errors carry OVHcloud's code, message and query ID; no secret leaks. */
import { OVH_CLIENT } from '../emulators/ovh';
import { n8nLogText } from '../harness';
import { NODE_NAME, op, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const createRecord = (values: Record<string, string | number | boolean | null>) => ({
	resource: 'v1/domain',
	endpoint: op('POST /domain/zone/{zoneName}/record'),
	parameters: params(values),
});

describe('bad input is refused before any request, naming the field', () => {
	test.each([
		[{ fieldType: 'A', target: '203.0.113.1' }, '"zoneName (path)" is required'],
		[{ zoneName: 'example.eu', target: '203.0.113.1' }, '"fieldType (body)" is required'],
		[{ zoneName: 'example.eu', fieldType: 'AA', target: 'x' }, '"fieldType (body)" must be one of A, AAAA, CAA, CNAME'],
		[{ zoneName: 'example.eu', fieldType: 'A', target: 'x', ttl: 'soon' }, '"ttl (body)" must be a number (got "soon")'],
		[{ zoneName: 'example.eu', fieldType: 'A', target: 'x', ttl: 1.5 }, '"ttl (body)" must be a whole number (got "1.5")'],
	])('%j', async (values, message) => {
		const run = await env.run(createRecord(values));
		expect(run.nodeError(NODE_NAME)?.message).toContain(message);
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('an operation that is not in the family, or an invalid raw body', async () => {
		const unknown = await env.run({ resource: 'v1/domain', endpoint: op('GET /me'), parameters: params({}) });
		expect(unknown.nodeError(NODE_NAME)?.message).toBe('"API Operation" GET /me is not an operation of /domain (v1)');
		const badJson = await env.run({ ...createRecord({ zoneName: 'example.eu' }), options: { bodyJson: '{nope' } });
		expect(badJson.nodeError(NODE_NAME)?.message).toBe('"Body (JSON)" must be valid JSON');
		const badRule = await env.run({ resource: 'authHelper', operation: 'requestConsumerKey', access: 'custom', rules: { rule: [{ method: 'GET', path: 'me' }] } });
		expect(badRule.nodeError(NODE_NAME)?.message).toBe('"Rules" rule 1: path must start with / (got "me")');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('with "Continue On Fail", only the bad item fails, paired to its input', async () => {
		const run = await env.run(
			{ resource: 'v1/dedicated', endpoint: op('GET /dedicated/server/{serviceName}'), parameters: params({ serviceName: '={{ $json.name }}' }) },
			{ input: [{ name: 'ns3001234.ip-203-0-113.eu' }, { name: '' }, { name: 'ns3005678.ip-198-51-100.eu' }], continueOnFail: true },
		);
		const items = run.items(NODE_NAME);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[1].json).toEqual({ error: '"serviceName (path)" is required' });
		expect(env.emulator.requestsOf('api')).toHaveLength(2);
	});
});

test('a call outside the consumer key\'s rules gets an error naming the route, code and query ID', async () => {
	env.emulator.addConsumer('read-me-only-example-consumer-key', [{ method: 'GET', path: '/me' }]);
	const run = await env.harness.run(env.workflow({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}) }), {
		credentials: { ovhCloudApi: env.signed({ consumerKey: 'read-me-only-example-consumer-key' }) },
	});
	const error = run.nodeError(NODE_NAME) as unknown as { message: string; description: string; httpCode: string };
	expect(error.message).toBe('This consumer key may not call GET /me/bill (NOT_GRANTED_CALL)');
	expect(error.httpCode).toBe('403');
	expect(error.description).toContain("access rules do not include this call");
	expect(error.description).toContain('OVHcloud said: This call has not been granted');
	expect(error.description).toMatch(/OVHcloud query ID: EU\.ext-3\.[0-9a-f]{24}/);
});

describe('IAM refusals name their class and the IAM actions to grant', () => {
	type Described = { message: string; description: string; httpCode: string };

	test('a service account whose policy lacks an action', async () => {
		const client = env.emulator.clients.get(OVH_CLIENT.id)!;
		client.allowedActions = ['account:apiovh:me/get'];
		try {
			const me = await env.run({ authentication: SERVICE_ACCOUNT, resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) });
			expect(me.status).toBe('success');
			const run = await env.run({ authentication: SERVICE_ACCOUNT, resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}) });
			const error = run.nodeError(NODE_NAME) as unknown as Described;
			expect(error.message).toBe('This call has not been granted (Client::Forbidden)');
			expect(error.httpCode).toBe('403');
			expect(error.description).toContain(
				'OVHcloud IAM refused the call (Client::Forbidden). IAM actions to grant in a policy for this user or service account: account:apiovh:me/bill/get',
			);
			expect(error.description).toContain('HTTP 403 on GET /me/bill');
			expect(error.description).toMatch(/OVHcloud query ID: EU\.ext-3\.[0-9a-f]{24}/);
		} finally {
			delete client.allowedActions;
		}
	});

	test('a consumer key whose account policy lacks actions, with Continue On Fail', async () => {
		env.emulator.addConsumer('iam-limited-example-consumer-key', [{ method: 'POST', path: '/*' }]).allowedActions = ['dnsZone:apiovh:get'];
		const run = await env.harness.run(
			env.workflow(
				{ resource: 'v1/domain', endpoint: op('POST /domain/zone/{zoneName}/record'), parameters: params({ zoneName: 'example.eu', fieldType: 'A', target: '203.0.113.9' }) },
				true,
			),
			{ credentials: { ovhCloudApi: env.signed({ consumerKey: 'iam-limited-example-consumer-key' }) } },
		);
		const [item] = run.json(NODE_NAME);
		expect(item.error).toBe('This call has not been granted (Client::Forbidden)');
		expect(item.description).toContain('IAM actions to grant in a policy for this user or service account: dnsZone:apiovh:record/create');
		expect(env.emulator.data.zones.get('example.eu')!.some((record) => record.target === '203.0.113.9')).toBe(false);
	});
});

test('a 404 carries OVHcloud\'s message and code; the item number is kept', async () => {
	const run = await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill/{billId}'), parameters: params({ billId: 'FR0' }) });
	const error = run.nodeError(NODE_NAME) as unknown as { message: string; description: string; context: { itemIndex: number } };
	expect(error.message).toBe('The requested object (billId = FR0) does not exist (RESOURCE_NOT_FOUND)');
	expect(error.description).toContain('HTTP 404 on GET /me/bill/FR0');
	expect(error.context.itemIndex).toBe(0);
});

test('a logged-out consumer key is refused afterwards as not valid', async () => {
	env.emulator.addConsumer('logged-out-example-consumer-key', [{ method: 'GET', path: '/*' }]);
	const credentials = { ovhCloudApi: env.signed({ consumerKey: 'logged-out-example-consumer-key' }) };
	const current = await env.harness.run(env.workflow({ resource: 'authHelper', operation: 'getCurrentCredential' }), { credentials });
	expect(current.json(NODE_NAME)).toEqual([expect.objectContaining({ status: 'validated', rules: [{ method: 'GET', path: '/*' }] })]);
	const logout = await env.harness.run(env.workflow({ resource: 'authHelper', operation: 'logOut' }), { credentials, store: current.store });
	expect(logout.json(NODE_NAME)).toEqual([{ loggedOut: true }]);
	const after = await env.harness.run(env.workflow({ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) }), { credentials, store: current.store });
	expect(after.nodeError(NODE_NAME)?.message).toBe('This credential is not valid (INVALID_CREDENTIAL)');
});

test('Request Consumer Key: presets, custom rules, redirection and allowed IPs; only the application key is sent', async () => {
	const run = await env.run({
		resource: 'authHelper',
		operation: 'requestConsumerKey',
		access: 'custom',
		rules: { rule: [{ method: 'GET', path: '/domain/zone/*' }, { method: 'POST', path: '/domain/zone/*/refresh' }] },
		consumerKeyOptions: { redirection: 'https://example.eu/done', allowedIPs: '203.0.113.0/24, 198.51.100.7/32' },
	});
	const [answer] = run.json(NODE_NAME);
	expect(answer).toEqual({ consumerKey: expect.stringMatching(/^[0-9a-f]{32}$/), validationUrl: expect.stringContaining('/auth/?credentialToken='), state: 'pendingValidation' });
	const [request] = env.emulator.requestsTo('POST', '/1.0/auth/credential');
	expect(JSON.parse(request.body.toString())).toEqual({
		accessRules: [{ method: 'GET', path: '/domain/zone/*' }, { method: 'POST', path: '/domain/zone/*/refresh' }],
		redirection: 'https://example.eu/done',
		allowedIPs: ['203.0.113.0/24', '198.51.100.7/32'],
	});
	expect(request.headers['x-ovh-consumer']).toBeUndefined();
	expect(request.headers['x-ovh-signature']).toBeUndefined();
	const created = env.emulator.consumers.get(String(answer.consumerKey));
	expect(created?.state).toBe('pendingValidation');
	const readWrite = await env.run({ resource: 'authHelper', operation: 'requestConsumerKey', access: 'readWrite' });
	expect(env.emulator.consumers.get(String(readWrite.json(NODE_NAME)[0].consumerKey))?.rules.map((rule) => rule.method)).toEqual(['GET', 'POST', 'PUT', 'DELETE']);
	// Service accounts have no consumer keys.
	const oauth = await env.run({ authentication: SERVICE_ACCOUNT, resource: 'authHelper', operation: 'requestConsumerKey' });
	expect(oauth.nodeError(NODE_NAME)?.message).toContain('needs the "Application Key (Signed Requests)" authentication');
});

test('the Auth Helper with a service account is refused before any request, saying why (not NOT_A_CONSUMER_KEY)', async () => {
	for (const operation of ['getCurrentCredential', 'logOut']) {
		const run = await env.run({ authentication: SERVICE_ACCOUNT, resource: 'authHelper', operation }, { continueOnFail: true });
		const [item] = run.json(NODE_NAME);
		expect(item.error).toMatch(/^(Get Current Credential|Log Out) needs the "Application Key \(Signed Requests\)" authentication$/);
		expect(item.description).toContain('Service accounts have no consumer key');
	}
	expect(env.emulator.requests).toHaveLength(0);
	// What a service account would have met: OVHcloud refuses the call for want of a consumer key.
	const direct = await env.run({ authentication: SERVICE_ACCOUNT, resource: 'v1/auth', endpoint: op('GET /auth/currentCredential'), parameters: params({}) });
	expect(direct.nodeError(NODE_NAME)?.message).toBe('This call needs a consumer key (NOT_A_CONSUMER_KEY)');
});

test('no application secret, consumer key, client secret or token appears in any output, error or log line', async () => {
	const signed = env.signed();
	const oauth2 = env.oauth2();
	const runs = [
		await env.run({ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) }),
		await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill/{billId}'), parameters: params({ billId: 'none' }) }),
		await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill/{billId}'), parameters: params({ billId: 'none' }) }, { continueOnFail: true }),
		await env.harness.run(env.workflow({ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) }), {
			credentials: { ovhCloudApi: env.signed({ applicationSecret: 'wrong-dummy-secret-4567' }) },
		}),
		await env.run({ authentication: SERVICE_ACCOUNT, resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) }),
		await env.run({ authentication: SERVICE_ACCOUNT, resource: 'v1/me', endpoint: op('GET /me/bill/{billId}'), parameters: params({ billId: 'x' }) }),
		await env.harness.run(env.workflow({ authentication: SERVICE_ACCOUNT, resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) }), {
			credentials: { ovhCloudOAuth2Api: env.oauth2({ clientSecret: 'wrong-dummy-client-secret-89' }) },
		}),
	];
	expect(runs[3].nodeError(NODE_NAME)?.message).toBe('Invalid signature (INVALID_SIGNATURE)');
	expect(runs[6].nodeError(NODE_NAME)?.message).toContain('refused the client ID or secret');
	const secrets = [
		String(signed.applicationSecret),
		String(signed.consumerKey),
		String(oauth2.clientSecret),
		'wrong-dummy-secret-4567',
		'wrong-dummy-client-secret-89',
		...[...env.emulator.tokens.keys()],
	];
	expect(env.emulator.tokens.size).toBeGreaterThan(0);
	const everything = runs.map((run) => run.serialized()).join('\n') + n8nLogText();
	for (const secret of secrets) expect(everything).not.toContain(secret);
});
