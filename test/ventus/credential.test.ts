/**
 * The Ventus Cloud API credential: tokens obtained once, reused, renewed once when they expire, stored back;
 * the token call in its documented form (GET with a JSON body) or POST, remembered; the Test button; the
 * credential in n8n's HTTP Request node.
 */
import { decodeClaims } from '../emulators/jwt';
import { CredentialStore, testCredential } from '../harness';
import { byId, NODE_NAME, ORG, ventusSetup } from './setup';

let env: Awaited<ReturnType<typeof ventusSetup>>;

beforeAll(async () => {
	env = await ventusSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const getProjects = (count: number) => {
	const ids = Array.from({ length: count }, (_, index) => env.emulator.addProject(ORG, 'vienna', `p${index}`).id);
	return {
		ids,
		parameters: { resource: 'project', operation: 'get', region: 'vienna', projectId: byId('={{ $json.id }}') },
		input: ids.map((id) => ({ id })),
	};
};

test('50 items of Project: Get cost exactly one token request and 50 API requests', async () => {
	const { ids, parameters, input } = getProjects(50);
	const run = await env.run(parameters, { input });
	expect(run.json(NODE_NAME).map((project) => project.id)).toEqual(ids);
	expect(env.emulator.tokenRequests).toHaveLength(1);
	expect(env.emulator.apiRequests).toHaveLength(50);
	// The tokens were stored back into the credential once, and both headers went with every call.
	expect(run.store.updates).toHaveLength(1);
	expect(run.store.updates[0].fields.sort()).toEqual(['accessToken', 'idToken']);
	for (const request of env.emulator.apiRequests) {
		expect(request.headers.authorization).toMatch(/^Bearer ey/);
		expect(request.headers.access).toMatch(/^Bearer ey/);
	}
	const stored = run.store.data('ventus-1');
	expect(decodeClaims(String(stored.idToken)).typ).toBe('ID');
	expect(decodeClaims(String(stored.accessToken)).typ).toBe('Bearer');
});

test('a later run reuses the stored tokens: no token request at all', async () => {
	const { parameters, input } = getProjects(3);
	const first = await env.run(parameters, { input });
	env.emulator.requests.length = 0;
	const second = await env.run(parameters, { input, store: first.store });
	expect(second.json(NODE_NAME)).toHaveLength(3);
	expect(env.emulator.tokenRequests).toHaveLength(0);
	expect(env.emulator.apiRequests).toHaveLength(3);
});

test('tokens that expire mid-run cost one re-authentication and lose no item (one item at a time)', async () => {
	const { ids, parameters: getProject, input } = getProjects(40);
	// One item at a time, so exactly one call meets the expired tokens (parallel.test.ts has the parallel case).
	const parameters = { ...getProject, options: { parallelItems: 1 } };
	// Right after the 20th API call the emulator's clock jumps past the tokens' lifetime.
	env.emulator.afterRequests('GET', '/v1.0/*', 20, () =>
		env.emulator.clock.advance(env.emulator.tokenLifetimeSeconds + 1),
	);
	const run = await env.run(parameters, { input });
	expect(run.json(NODE_NAME).map((project) => project.id)).toEqual(ids);
	expect(run.items(NODE_NAME).map((item) => (item.pairedItem as { item: number }).item)).toEqual(
		ids.map((_, index) => index),
	);
	expect(env.emulator.tokenRequests).toHaveLength(2);
	// One call was refused (401) and retried with the new tokens: 41 API calls for 40 items.
	expect(env.emulator.apiRequests).toHaveLength(41);
	expect(env.emulator.apiRequests.filter((request) => request.headers.authorization).length).toBe(41);
	expect(run.store.updates).toHaveLength(2);
});

test('the emulator refuses calls missing either token, or with the tokens swapped', async () => {
	const run = await env.run({ resource: 'project', operation: 'list' });
	expect(run.status).toBe('success');
	const stored = run.store.data('ventus-1');
	const call = async (headers: Record<string, string>) =>
		(await fetch(`${env.emulator.url}/v1.0/invoke/gotham-enterprises/method/orgs/${ORG}/projects`, { headers })).status;
	expect(await call({ Authorization: `Bearer ${stored.idToken}` })).toBe(401);
	expect(await call({ Access: `Bearer ${stored.accessToken}` })).toBe(401);
	expect(await call({ Authorization: `Bearer ${stored.accessToken}`, Access: `Bearer ${stored.idToken}` })).toBe(401);
	expect(await call({ Authorization: `Bearer ${stored.idToken}`, Access: `Bearer ${stored.accessToken}` })).toBe(200);
});

describe('credential test (the editor\'s "Test" button)', () => {
	test('succeeds with good credentials, authenticating for real', async () => {
		const result = await testCredential(env.harness, 'ventusCloudApi', env.credentials());
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(env.emulator.tokenRequests).toHaveLength(1);
		expect(env.emulator.apiRequests).toHaveLength(1);
	});

	test('authenticates afresh even when tokens are stored', async () => {
		const store = new CredentialStore();
		await testCredential(env.harness, 'ventusCloudApi', { ...env.credentials(), idToken: 'stale', accessToken: 'stale' }, store);
		expect(env.emulator.tokenRequests).toHaveLength(1);
	});

	test('says the username or password is wrong', async () => {
		const result = await testCredential(env.harness, 'ventusCloudApi', env.credentials({ password: 'wrong' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('rejected the username or password');
		expect(env.emulator.apiRequests).toHaveLength(0);
	});

	test('says the organization ID is unknown, or not the user\'s', async () => {
		const unknown = await testCredential(env.harness, 'ventusCloudApi', env.credentials({ organizationId: 'no-such-org' }));
		expect(unknown).toEqual({ status: 'Error', message: 'No organization with this ID' });
		env.emulator.organizations.add('someone-elses');
		const foreign = await testCredential(env.harness, 'ventusCloudApi', env.credentials({ organizationId: 'someone-elses' }));
		expect(foreign).toEqual({ status: 'Error', message: 'This user has no access to the organization ID given' });
	});

	test('says when the auth service cannot be reached', async () => {
		const result = await testCredential(env.harness, 'ventusCloudApi', env.credentials({ authUrl: 'http://127.0.0.1:9' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('unreachable');
	});
});

test('the credential works in n8n\'s HTTP Request node as a predefined credential type', async () => {
	env.emulator.addProject(ORG, 'vienna', 'via-http-request');
	const workflow = env.listThroughHttpRequest();
	const run = await env.harness.run(workflow, { credentials: { ventusCloudApi: env.credentials() } });
	expect(run.json('HTTP Request')).toEqual([{ id: expect.any(String), name: 'via-http-request', region: 'Vienna' }]);
	expect(env.emulator.tokenRequests).toHaveLength(1);
});

describe('the token call: the documented JSON body, as a POST through n8n\'s own HTTP client', () => {
	const listProjects = { resource: 'project', operation: 'list' };
	const methods = () => env.emulator.tokenRequests.map((request) => request.method);

	test('one POST carrying the JSON body; the tokens it returns are used', async () => {
		const run = await env.run(listProjects);
		expect(run.status).toBe('success');
		expect(methods()).toEqual(['POST']);
		const [token] = env.emulator.tokenRequests;
		expect(token.headers['content-type']).toBe('application/json');
		expect(JSON.parse(token.body.toString('utf8'))).toEqual({ username: env.credentials().username, password: env.credentials().password });
	});

	test.each([405, 404] as const)('a service that takes only the documented GET (%i to POST): a clear error, no API request, no secret', async (status) => {
		env.emulator.tokenMethods = ['GET'];
		env.emulator.tokenRefusal = status;
		const run = await env.run(listProjects);
		const message = run.nodeError(NODE_NAME)?.message ?? '';
		expect(message).toBe(
			`Ventus Cloud: the token service does not take POST, and its documented form (a GET carrying the username and password as a JSON body) is one n8n's HTTP client cannot send (HTTP ${status})`,
		);
		expect(methods()).toEqual(['POST']);
		expect(env.emulator.apiRequests).toHaveLength(0);
		expect(JSON.stringify(run.run)).not.toContain(env.credentials().password);
	});

	test('any other refusal is the answer, said in plain words', async () => {
		const run = await env.run(listProjects, { credentials: { ventusCloudApi: env.credentials({ password: 'not it' }) } });
		expect(run.nodeError(NODE_NAME)?.message).toBe('Ventus Cloud rejected the username or password (HTTP 401)');
		expect(methods()).toEqual(['POST']);
	});

	test('a token answer cut short is a failed connection; an Auth URL that is not http(s) is refused before any request', async () => {
		env.emulator.fault('POST', '/get-tokens', { cut: true });
		const cut = await env.run(listProjects);
		expect(cut.nodeError(NODE_NAME)?.message).toMatch(/^Ventus Cloud is unreachable \(/);
		env.emulator.clearFaults();
		env.emulator.requests.length = 0;
		const ftp = await env.run(listProjects, { credentials: { ventusCloudApi: env.credentials({ authUrl: 'ftp://127.0.0.1:9' }) } });
		expect(ftp.nodeError(NODE_NAME)?.message).toBe('Ventus Cloud: the Auth URL must start with https:// (or http://)');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('the Test button works', async () => {
		expect(await testCredential(env.harness, 'ventusCloudApi', env.credentials())).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});

test('the Test button asks for an organization ID of ".." as an unknown one, not for another route', async () => {
	const result = await testCredential(env.harness, 'ventusCloudApi', env.credentials({ organizationId: '..' }));
	expect(result).toEqual({ status: 'Error', message: 'No organization with this ID' });
	expect(env.emulator.apiRequests.map((request) => request.url)).toEqual(['/v1.0/invoke/gotham-enterprises/method/orgs/invalid-organization-id/projects']);
});
