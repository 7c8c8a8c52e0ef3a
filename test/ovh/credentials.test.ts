/** The editor's "Test" button for both credentials, and service-account tokens in workflows. */
import { testCredential } from '../harness';
import { NODE_NAME, op, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

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

	test('a 401 (expired token) fetches one new token and the call is retried once', async () => {
		env.emulator.afterRequests('GET', '/1.0/*', 20, () => env.emulator.expireTokens());
		const run = await env.run({ ...listZones, parameters }, { input: input().slice(0, 40) });
		expect(run.json(NODE_NAME)).toHaveLength(40);
		expect(env.emulator.requestsOf('token')).toHaveLength(2);
		expect(env.emulator.requestsOf('api')).toHaveLength(41);
		expect(run.store.updates).toHaveLength(2);
	});

	test('the credential test gets a token and reads /me; a wrong secret is named as such', async () => {
		expect(await testCredential(env.harness, 'ovhCloudOAuth2Api', env.oauth2())).toEqual({ status: 'OK', message: 'Connection successful!' });
		const bad = await testCredential(env.harness, 'ovhCloudOAuth2Api', env.oauth2({ clientSecret: 'nope' }));
		expect(bad.status).toBe('Error');
		expect(bad.message).toContain('refused the client ID or secret');
	});
});
