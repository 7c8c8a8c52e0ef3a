/** The credential outside the node: the editor's Test button, and n8n's HTTP Request node (predefined credential). */
import { chain, CredentialStore, testCredential } from '../harness';
import { OVC_USER } from '../emulators/openvcloud';
import { openVCloudSetup } from './setup';

let env: Awaited<ReturnType<typeof openVCloudSetup>>;

beforeAll(async () => {
	env = await openVCloudSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.emulator.reset());

const whoamiCalls = () => env.emulator.requestsTo('POST', '/restmachine/system/usermanager/whoami');

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
