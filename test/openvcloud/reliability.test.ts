/**
 * Reliability: no secret in anything n8n stores (servers that echo the request included); transient faults
 * retried by the shared policy, and only where repeating is safe; answers that break off or come back empty;
 * no input in a URL path.
 */
import type { INodeParameters } from 'n8n-workflow';

import { secretForms } from '../../nodes/shared/secrets';
import { chain, n8nLogText, testCredential, type WorkflowRun } from '../harness';
import { OVC_USER } from '../emulators/openvcloud';
import { byId, FAST_WAIT, errorOf, NODE_NAME, useOpenVCloud, type AuthKind } from './setup';

const env = useOpenVCloud();

const getMachine = (id: number | string = 20) => ({ resource: 'machine', operation: 'get', machineId: byId(id) });
/** Machine: Stop as one synchronous call: it changes something, so it is not safe to send twice. */
const stopNow = { resource: 'machine', operation: 'stop', machineId: byId(20), waitForCompletion: false };
const calls = (path: string) => env.emulator.requestsTo('POST', `/restmachine/${path}`);

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

describe('a server that echoes the whole request in its error', () => {
	const webdavPassword = 'webdav secret 9f31aa';
	const checkedPassword = 'checked password 51c2e0';
	const FIELD_SECRETS = [webdavPassword, checkedPassword];
	/** A run as n8n stores it, without the workflow's own node parameters (where the node's secret fields are). */
	const withoutWorkflow = (run: WorkflowRun) =>
		JSON.stringify(JSON.parse(run.serialized()), (key, value: unknown) =>
			key === 'nodeExecutionStack' || (key === 'node' && value && typeof value === 'object' && 'parameters' in value) ? undefined : value,
		);
	/** Calls with a body (one of them with secret fields of its own) and one without. */
	const CALLS: Array<[string, string, INodeParameters]> = [
		['machines/get', 'a body', getMachine()],
		['accounts/list', 'no body', { resource: 'account', operation: 'list' }],
		[
			'users/authenticate',
			'a password field',
			{ resource: 'user', operation: 'authenticate', username: OVC_USER.username, password: checkedPassword },
		],
		[
			'machines/exportOVF',
			'a WebDAV password field',
			{
				resource: 'machine',
				operation: 'exportOVF',
				link: 'https://owncloud.example.eu/remote.php/webdav',
				username: 'webdav-user',
				passwd: webdavPassword,
				path: '/exports/web-1.ovf',
				machineId: byId(20),
			},
		],
	];

	test('a server page that echoes the query string does not leak the session key', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', {
			status: 500,
			headers: { 'Content-Type': 'text/plain' },
			body: 'Internal error\nquerystr was:authkey=0123456789abcdef0123456789abcdef&x=1',
		});
		const run = await env.run(getMachine(), { auth: 'password' });
		const key = [...env.emulator.sessions.keys()][0];
		expect(errorOf(run).message).toBe('Internal error\nquerystr was:authkey=***&x=1');
		expect(run.serialized()).not.toContain('0123456789abcdef0123456789abcdef');
		expect(run.serialized()).not.toContain(key);
	});

	test("a G8 message that quotes a secret without naming it: the session key, a field's own password", async () => {
		const first = await env.run(getMachine(), { auth: 'password' });
		const key = String(first.store.data('ovc-1').token);
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status: 500, body: `"Session ${key} is not valid on this node"`, times: 1 });
		const second = await env.run(getMachine(), { store: first.store });
		expect(errorOf(second).message).toBe('Session *** is not valid on this node');
		expect(second.serialized()).not.toContain(key);
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/exportOVF', { status: 400, body: `"WebDAV refused webdav-user / ${webdavPassword}"`, times: 1 });
		const [, , exportOVF] = CALLS[3];
		const failed = await env.run(exportOVF, { auth: 'jwt', continueOnFail: true });
		expect(failed.json(NODE_NAME)[0].error).toBe('WebDAV refused webdav-user / ***');
		for (const form of secretForms(webdavPassword)) expect(withoutWorkflow(failed)).not.toContain(form);
	});

	test.each(['password', 'itsYouOnline', 'jwt'] as AuthKind[])(
		'%s: 4xx and 5xx, JSON and HTML, with and without Continue On Fail: no secret in any form',
		async (auth) => {
			const runs: WorkflowRun[] = [];
			for (const [path, , parameters] of CALLS) {
				for (const echo of ['json', 'html'] as const) {
					for (const status of [400, 500]) {
						for (const continueOnFail of [false, true]) {
							env.emulator.fault('POST', `/restmachine/cloudapi/${path}`, { echo, status, times: 1 });
							runs.push(await env.run(parameters, { auth, continueOnFail }));
						}
					}
				}
			}
			expect(runs).toHaveLength(CALLS.length * 8);
			const failed = runs.filter((run) => run.status === 'error' || run.json(NODE_NAME).some((item) => item.error));
			expect(failed).toHaveLength(runs.length);
			// The echoes did carry the secrets: the session key in the URL, the JWT in a header, the fields in the body.
			const echoed = env.emulator.requests.map((request) => `${request.url} ${JSON.stringify(request.headers)} ${request.body.toString('utf8')}`).join('\n');
			expect(echoed).toContain(auth === 'password' ? [...env.emulator.sessions.keys()][0] : [...env.emulator.issuedJwts.keys()].pop());
			expect(echoed).toContain(webdavPassword);
			// With a session key, the echo answers the credential's own login instead (its form holds the credential's password).
			expect(echoed).toContain(auth === 'password' ? 'password=ops+password+7d1e9c' : checkedPassword);
			const everything = [...runs.map((run) => run.serialized()), n8nLogText()].join('\n');
			expect(everything).toContain('Upstream request failed'); // the JSON echoes were kept, scrubbed
			const credentialSecrets = [OVC_USER.password, OVC_USER.clientSecret, ...env.emulator.sessions.keys(), ...env.emulator.issuedJwts.keys()];
			for (const secret of credentialSecrets) {
				for (const form of secretForms(secret)) expect(everything).not.toContain(form);
			}
			// The node's own secret fields are in the workflow (its parameters), never in what the call produced.
			const produced = [...runs.map(withoutWorkflow), n8nLogText()].join('\n');
			for (const secret of FIELD_SECRETS) {
				for (const form of secretForms(secret)) expect(produced).not.toContain(form);
			}
		},
	);
});

describe('retries: 429 and 503 always, 502/504 and dropped connections only where sending again is safe', () => {
	test('429 is retried after the pause the G8 asks for, then succeeds', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status: 429, body: '"Too many requests"', headers: { 'Retry-After': '0' }, times: 2 });
		const run = await env.run(getMachine());
		expect(run.json(NODE_NAME)[0].id).toBe(20);
		expect(env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/get')).toHaveLength(3);
	});

	test('429 waits as long as Retry-After says', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status: 429, headers: { 'Retry-After': '1' }, times: 1 });
		await env.run(getMachine());
		const [refused, retried] = env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/get');
		expect(retried.at - refused.at).toBeGreaterThanOrEqual(950);
	});

	test('429 that persists gives up after four retries, saying so', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status: 429, headers: { 'Retry-After': '0' } });
		const error = errorOf(await env.run(getMachine()));
		expect(error).toMatchObject({ message: 'OpenvCloud is rate limiting the requests (HTTP 429) (after 5 tries)', httpCode: '429' });
		expect(error.description).toContain('retried after a pause and still refused');
		expect(env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/get')).toHaveLength(5);
	});

	test('a call that changes something is sent again after 429 and 503 (the G8 did not process it)', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/stop', { status: 503, headers: { 'Retry-After': '0' }, times: 1 });
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/stop', { status: 429, headers: { 'Retry-After': '0' }, times: 1 });
		const run = await env.run(stopNow);
		expect(run.json(NODE_NAME)).toEqual([{ machineId: 20, stopped: true }]);
		expect(calls('cloudapi/machines/stop')).toHaveLength(3);
		expect(env.emulator.callsTo('machines/stop')).toHaveLength(1);
	});

	test('502 and 504: a read is sent again; a call that changes something is not', async () => {
		for (const status of [502, 504]) {
			env.emulator.reset();
			env.emulator.state.seedWorkload();
			env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status, headers: { 'Retry-After': '0' }, times: 2 });
			expect((await env.run(getMachine())).json(NODE_NAME)[0].id).toBe(20);
			expect(calls('cloudapi/machines/get')).toHaveLength(3);
			env.emulator.fault('POST', '/restmachine/cloudapi/machines/stop', { status, headers: { 'Retry-After': '0' }, times: 1 });
			const error = errorOf(await env.run(stopNow));
			expect(error).toMatchObject({ message: `OpenvCloud failed (HTTP ${status})`, httpCode: String(status) });
			expect(calls('cloudapi/machines/stop')).toHaveLength(1);
		}
	});

	test('a dropped connection: a read is sent again; a call that changes something, or starts a task, is not', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { drop: true, times: 1 });
		expect((await env.run(getMachine())).json(NODE_NAME)[0].id).toBe(20);
		expect(calls('cloudapi/machines/get')).toHaveLength(2);

		env.emulator.fault('POST', '/restmachine/cloudapi/machines/stop', { drop: true, times: 2 });
		const run = await env.run(stopNow, { input: [{}, {}], continueOnFail: true });
		expect(run.json(NODE_NAME).map((item) => item.error)).toEqual([
			'OpenvCloud is unreachable (connection reset)',
			'OpenvCloud is unreachable (connection reset)',
		]);
		expect(calls('cloudapi/machines/stop')).toHaveLength(2);
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/stop', { drop: true, times: 1 });
		const task = await env.run({ ...stopNow, waitForCompletion: true, ...FAST_WAIT });
		expect(task.nodeError(NODE_NAME)?.message).toBe('OpenvCloud is unreachable (connection reset)');
		expect(calls('cloudapi/machines/stop')).toHaveLength(3);
		expect(env.emulator.callsTo('machines/stop')).toHaveLength(0);
	});

	test('a dropped connection is a readable failure, and Continue On Fail keeps going', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/stop', { drop: true, times: 1 });
		const run = await env.run(stopNow, { input: [{}, {}], continueOnFail: true });
		const [failed, ok] = run.json(NODE_NAME);
		expect(String(failed.error)).toMatch(/^OpenvCloud (is unreachable \(connection reset\)|request failed: )/);
		expect(ok.machineId).toBe(20);
	});

	test('an answer that breaks off is a network failure, not "HTTP 200": a read is sent again, a change is not', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { cut: true, times: 1 });
		expect((await env.run(getMachine())).json(NODE_NAME)[0].id).toBe(20);
		expect(calls('cloudapi/machines/get')).toHaveLength(2);
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/stop', { cut: true, times: 1 });
		const error = errorOf(await env.run(stopNow));
		expect(error.message).toBe('OpenvCloud is unreachable (the connection closed before the whole answer arrived)');
		expect(error.httpCode ?? null).toBeNull(); // not "200"
		expect(calls('cloudapi/machines/stop')).toHaveLength(1);
	});

	test('a task poll answered by an empty 400 (a proxy hiccup) is sent once more; a second one in a row is final', async () => {
		const stop = { ...stopNow, waitForCompletion: true, ...FAST_WAIT };
		env.emulator.fault('POST', '/restmachine/system/task/get', { status: 400, times: 1 });
		expect((await env.run(stop)).json(NODE_NAME)).toEqual([{ machineId: 20, stopped: true }]);
		env.emulator.reset();
		env.emulator.state.seedWorkload();
		env.emulator.fault('POST', '/restmachine/system/task/get', { status: 400, times: 2 });
		const error = errorOf(await env.run(stop));
		expect(error).toMatchObject({ message: 'OpenvCloud refused a parameter (HTTP 400) (after 2 tries)', httpCode: '400' });
		expect(calls('system/task/get')).toHaveLength(2);
		// A 400 with a message is the G8's answer, not a hiccup: final at once.
		env.emulator.reset();
		env.emulator.state.seedWorkload();
		env.emulator.fault('POST', '/restmachine/system/task/get', { status: 400, body: '"Param with name:taskguid is missing."', times: 1 });
		expect(errorOf(await env.run(stop)).message).toBe('Param with name:taskguid is missing.');
		expect(calls('system/task/get')).toHaveLength(1);
	});

	test('Options → Retry Transient Errors off: nothing is sent twice', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status: 429, headers: { 'Retry-After': '0' }, times: 1 });
		const error = errorOf(await env.run({ ...getMachine(), options: { retryTransientErrors: false } }));
		expect(error).toMatchObject({ message: 'OpenvCloud is rate limiting the requests (HTTP 429)', httpCode: '429' });
		expect(calls('cloudapi/machines/get')).toHaveLength(1);
	});
});

describe('answers that are not what every Cloud API method sends', () => {
	test('a 2xx with an empty body is an error naming the method, not an empty success', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/create', { status: 200, times: 1 });
		const create = {
			resource: 'machine',
			operation: 'create',
			cloudspaceId: byId(10),
			name: 'x',
			imageId: byId(1),
			disksize: 10,
			waitForCompletion: false,
		};
		const error = errorOf(await env.run(create));
		expect(error.message).toBe('OpenvCloud answered cloudapi/machines/create with an empty body');
		expect(error.description).toContain('HTTP 200 on cloudapi/machines/create');
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/create', { status: 200, times: 1 });
		const task = errorOf(await env.run({ ...create, waitForCompletion: true, ...FAST_WAIT }));
		expect(task.message).toBe('OpenvCloud answered cloudapi/machines/create with an empty body');
		expect(calls('system/task/get')).toHaveLength(0);
	});

	test('a 2xx HTML page (a proxy login page) is an error, not a result', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', {
			status: 200,
			headers: { 'Content-Type': 'text/html' },
			body: '<html><body>Please log in</body></html>',
			times: 1,
		});
		expect(errorOf(await env.run(getMachine())).message).toBe('OpenvCloud answered cloudapi/machines/get with an HTML page instead of a JSON result');
	});
});

describe('no input reaches a URL path', () => {
	test('every call goes to its fixed method path; IDs, task IDs and extra parameters travel in the body', async () => {
		const taskGuid = '../../cloudapi/machines/delete';
		const run = await env.run({ resource: 'task', operation: 'get', taskGuid }, { auth: 'jwt' });
		expect(errorOf(run)).toMatchObject({ message: 'Task is not found', httpCode: '404' });
		await env.run({ ...getMachine(), options: { extraParameters: '{"../x": "/../y"}' } }, { auth: 'jwt' });
		expect(env.emulator.requests.map((request) => request.path)).toEqual([
			'/restmachine/system/task/get',
			'/restmachine/cloudapi/machines/get',
		]);
		expect(env.emulator.callsTo('system/task/get')[0].params).toEqual({ taskguid: taskGuid });
		expect(env.emulator.callsTo('machines/get')[0].raw).toEqual({ machineId: 20, '../x': '/../y' });
		expect(env.emulator.callsTo('machines/delete')).toHaveLength(0);
	});
});
