/**
 * No password, client secret, JWT or session key in any output item, error, stored run or log line, in any
 * authentication mode, on success and on failure, including renewals and the HTTP Request node.
 */
import { chain, n8nLogText, testCredential, type WorkflowRun } from '../harness';
import { OVC_USER } from '../emulators/openvcloud';
import { byId, FAST_WAIT, NODE_NAME, openVCloudSetup } from './setup';

let env: Awaited<ReturnType<typeof openVCloudSetup>>;

beforeAll(async () => {
	env = await openVCloudSetup();
	env.emulator.state.seedWorkload();
});
afterAll(async () => await env.emulator.stop());

/** A secret as it could appear: as is, URL-encoded, form-encoded. */
const forms = (secret: string) => [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];

test('no secret in any run, error, credential test result or n8n log line', async () => {
	const runs: WorkflowRun[] = [];
	const getMachine = (id: number | string) => ({ resource: 'machine', operation: 'get', machineId: byId(id) });
	const wrongPassword = 'wrong password 0f9e';
	const wrongSecret = 'wrong client secret 77ab';

	for (const auth of ['password', 'itsYouOnline', 'jwt'] as const) {
		runs.push(await env.run(getMachine(20), { auth }));
		runs.push(await env.run(getMachine(999), { auth }));
		runs.push(await env.run(getMachine(999), { auth, continueOnFail: true }));
		runs.push(await env.run({ resource: 'machine', operation: 'stop', machineId: byId(20), ...FAST_WAIT }, { auth }));
	}
	// Renewals: an expired session key (419) and an expired JWT (401), mid-run.
	for (const auth of ['password', 'itsYouOnline'] as const) {
		env.emulator.afterRequests('POST', '/restmachine/cloudapi/machines/get', 1, () => env.emulator.clock.advance(7200));
		runs.push(await env.run(getMachine('={{ $json.id }}'), { auth, input: [{ id: 20 }, { id: 20 }] }));
	}
	runs.push(await env.run(getMachine(20), { credentials: { openVCloudApi: env.credentials('password', { password: wrongPassword }) } }));
	runs.push(await env.run(getMachine(20), { credentials: { openVCloudApi: env.credentials('itsYouOnline', { clientSecret: wrongSecret }) } }));
	runs.push(await env.run(getMachine(20), { credentials: { openVCloudApi: env.credentials('jwt', { jwtToken: 'not.a.jwt' }) } }));
	// A server error page that echoes the query string, session key included.
	env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status: 500, body: 'error, querystr was: authkey=' + 'f'.repeat(32), times: 1 });
	runs.push(await env.run(getMachine(20), { auth: 'password', continueOnFail: true }));
	// The HTTP Request node, failing and succeeding.
	const http = (path: string) =>
		chain({
			type: 'n8n-nodes-base.httpRequest',
			name: 'HTTP Request',
			parameters: { method: 'POST', url: `${env.emulator.url}/restmachine/${path}`, nodeCredentialType: 'openVCloudApi' },
			credentials: { openVCloudApi: 'ovc-http' },
		});
	runs.push(await env.harness.run(http('cloudapi/accounts/list'), { credentials: { openVCloudApi: env.credentials('password') } }));
	runs.push(await env.harness.run(http('cloudapi/machines/get'), { credentials: { openVCloudApi: env.credentials('itsYouOnline') } }));
	const tests = [
		await testCredential(env.harness, 'openVCloudApi', env.credentials('password')),
		await testCredential(env.harness, 'openVCloudApi', env.credentials('password', { password: wrongPassword })),
		await testCredential(env.harness, 'openVCloudApi', env.credentials('itsYouOnline', { clientSecret: wrongSecret })),
	];

	const secrets = [
		OVC_USER.password,
		OVC_USER.clientSecret,
		wrongPassword,
		wrongSecret,
		...env.emulator.sessions.keys(),
		...env.emulator.issuedJwts.keys(),
		'f'.repeat(32),
	];
	// Everything the runs used: 3 modes, renewed keys and JWTs.
	expect(env.emulator.sessions.size).toBeGreaterThanOrEqual(5);
	expect(env.emulator.issuedJwts.size).toBeGreaterThanOrEqual(5);
	expect(runs.filter((run) => run.status === 'error').length).toBeGreaterThanOrEqual(6);
	const everything = [...runs.map((run) => run.serialized()), JSON.stringify(tests), n8nLogText()].join('\n');
	expect(everything).toContain('Machine with id 999 not found'); // the errors are in there
	for (const secret of secrets) {
		for (const form of forms(secret)) expect(everything).not.toContain(form);
	}
	// Nor do outputs carry the session key a User: Check Password login creates.
	const before = new Set(env.emulator.sessions.keys());
	const check = await env.run(
		{ resource: 'user', operation: 'authenticate', username: OVC_USER.username, password: OVC_USER.password },
		{ auth: 'jwt' },
	);
	const created = [...env.emulator.sessions.keys()].filter((key) => !before.has(key));
	expect(created).toHaveLength(1);
	expect(JSON.stringify(check.json(NODE_NAME))).not.toContain(created[0]);
	expect(check.serialized()).not.toContain(created[0]);
});
