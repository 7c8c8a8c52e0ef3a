/**
 * Reliability of the Ventus Cloud node against a hostile or flaky server: path values stay one segment on
 * their route (or the item is refused, naming the field), no secret reaches anything n8n stores even when
 * the server quotes the request, transient faults are retried only where that is safe, and a 2xx without
 * what the API documents is an error. (Paging guards: the API has no paging; the project list is one
 * request, and the picker pages locally, see editor.test.ts.)
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { listSearch, n8nLogText, type WorkflowRun } from '../harness';
import { byId, NODE_NAME, ORG, VENTUS_NODE, ventusSetup } from './setup';

let env: Awaited<ReturnType<typeof ventusSetup>>;

beforeAll(async () => {
	env = await ventusSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const IDENTITY = '/v1.0/invoke/:app/method/*';
const PRICES = '/v1.0/invoke/gotham-bank/method/prices';
const getProject = (projectId: unknown, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'project',
	operation: 'get',
	region: 'vienna',
	projectId: byId(String(projectId)),
	...extra,
});
const create = (projectName: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'project',
	operation: 'create',
	region: 'vienna',
	projectName,
	...extra,
});
const errorOf = (run: WorkflowRun) => run.nodeError(NODE_NAME) as unknown as { message: string; description?: string; httpCode?: string } | undefined;

describe('path values: one segment on their route, or the item is refused naming the field', () => {
	test('a project ID of ".", ".." or an encoded dot segment never reaches a route, for Get, Rename and Delete', async () => {
		for (const operation of ['get', 'rename', 'delete']) {
			for (const id of ['..', '.', '%2e%2e', '%2E', ' .. ']) {
				const run = await env.run(
					{ resource: 'project', operation, region: 'vienna', projectId: byId('={{ $json.id }}'), newName: 'x' },
					{ input: [{ id }] },
				);
				expect(errorOf(run)?.message).toBe(`"Project" must not be "${id.trim()}": it would address another route`);
			}
		}
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('a project name of "." or ".." is refused, not sent as a create with an empty name', async () => {
		for (const name of ['.', '..']) {
			const run = await env.run(create('={{ $json.name }}'), { input: [{ name }] });
			expect(errorOf(run)?.message).toBe(`"Project Name" must not be "${name}": it would address another route`);
		}
		expect(env.emulator.requests).toHaveLength(0);
		expect(env.emulator.projects.size).toBe(0);
	});

	test('slashes, dots and query characters inside a value stay in its one segment', async () => {
		const run = await env.run(getProject('={{ $json.id }}'), { input: [{ id: 'a/../b?x=1#y' }], continueOnFail: true });
		expect(run.json(NODE_NAME)[0].error).toBe('Project a/../b?x=1#y not found');
		expect(env.emulator.apiRequests.map((request) => request.url)).toEqual([
			'/v1.0/invoke/gotham-vienna-identity/method/projects/a%2F..%2Fb%3Fx%3D1%23y',
		]);
		const created = await env.run(create('..hidden'));
		expect(created.json(NODE_NAME)[0].name).toBe('..hidden');
	});

	test('the region stays one of the known regions: it is part of the app name', async () => {
		for (const region of ['../bank', 'vienna/../../x', 'gotham-bank', '.']) {
			const run = await env.run(getProject('abc', { region: '={{ $json.region }}' }), { input: [{ region }] });
			expect(errorOf(run)?.message).toBe(`"Region" must be one of vienna, upper-austria, eastern-switzerland (got "${region}")`);
		}
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('an organization ID of ".." in the credential is refused naming it, in the node and in the picker', async () => {
		const credentials = env.credentials({ organizationId: '..' });
		const run = await env.run(create('p'), { credentials: { ventusCloudApi: credentials } });
		expect(errorOf(run)?.message).toBe('"Organization ID" must not be "..": it would address another route');
		const list = await env.run({ resource: 'project', operation: 'list' }, { credentials: { ventusCloudApi: credentials } });
		expect(errorOf(list)?.message).toBe('"Organization ID" must not be "..": it would address another route');
		const picker = listSearch(env.harness, { type: VENTUS_NODE, parameters: { resource: 'project', operation: 'get' }, credentials: { ventusCloudApi: credentials } }, 'searchProjects');
		await expect(picker).rejects.toThrow('"Organization ID" must not be "..": it would address another route');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('with Continue On Fail only the item with the bad value fails, and nothing is sent for it', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'ok');
		const run = await env.run(getProject('={{ $json.id }}'), { input: [{ id: project.id }, { id: '..' }, { id: project.id }], continueOnFail: true });
		expect(run.json(NODE_NAME).map((item) => item.error ?? item.name)).toEqual([
			'ok',
			'"Project" must not be "..": it would address another route',
			'ok',
		]);
		expect(env.emulator.apiRequests).toHaveLength(2);
	});
});

describe('no password or token in anything n8n stores', () => {
	/** Every secret the runs used: the password and every token the credential held. */
	const secretsOf = (runs: WorkflowRun[], extra: string[] = []) => {
		const secrets = [env.credentials().password as string, ...extra];
		for (const run of runs) {
			const stored = run.store.data('ventus-1');
			for (const token of [stored.idToken, stored.accessToken]) if (token) secrets.push(String(token));
		}
		return secrets;
	};
	const expectClean = (runs: WorkflowRun[], secrets: string[]) => {
		const everything = runs.map((run) => run.serialized()).join('\n') + n8nLogText();
		for (const secret of secrets) {
			expect(everything).not.toContain(secret);
			expect(everything).not.toContain(encodeURIComponent(secret));
			expect(everything).not.toContain(Buffer.from(secret).toString('base64'));
		}
	};

	test('no password or token appears in any output, error or log line', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'p');
		const runs = [
			await env.run(getProject(project.id)),
			await env.run(getProject('nope'), { continueOnFail: true }),
			await env.run(getProject('nope')),
			await env.harness.run(env.workflow({ resource: 'project', operation: 'list' }), {
				credentials: { ventusCloudApi: env.credentials({ password: 'wrong password 123' }) },
			}),
		];
		const secrets = secretsOf(runs, ['wrong password 123']);
		expect(secrets.length).toBeGreaterThan(4);
		expect(errorOf(runs[3])?.message).toContain('rejected the username or password');
		expectClean(runs, secrets);
	});

	test('a server that quotes the request (headers with both tokens, the body) in 4xx and 5xx, JSON and HTML, GET, POST and PUT', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'quoted');
		const calls: Array<[string, INodeParameters]> = [
			['GET', getProject(project.id)],
			['POST', create('new one')],
			['PUT', { resource: 'project', operation: 'rename', region: 'vienna', projectId: byId(project.id), newName: 'renamed' }],
		];
		const runs: WorkflowRun[] = [];
		for (const echo of ['json', 'html'] as const) {
			for (const status of [400, 500]) {
				for (const [method, parameters] of calls) {
					for (const continueOnFail of [true, false]) {
						env.emulator.clearFaults();
						env.emulator.fault(method, IDENTITY, { echo, status });
						const run = await env.run(parameters, { continueOnFail });
						runs.push(run);
						const error = continueOnFail ? run.json(NODE_NAME)[0] : (errorOf(run) as unknown as IDataObject);
						expect(error.httpCode).toBe(String(status));
						expect(String(error.error ?? error.message)).toBe(echo === 'json' ? 'Upstream request failed' : `Ventus Cloud answered HTTP ${status}`);
					}
				}
			}
		}
		// The quoted request was kept, masked: the headers are there, their tokens are not.
		const kept = runs.map((run) => run.serialized()).join('\n');
		expect(kept).toContain('Bearer ***');
		expectClean(runs, secretsOf(runs));
	});

	test('a token service that quotes the login (with the password) in its error', async () => {
		const runs: WorkflowRun[] = [];
		for (const echo of ['json', 'html'] as const) {
			for (const status of [401, 502]) {
				env.emulator.clearFaults();
				env.emulator.fault('POST', '/get-tokens', { echo, status });
				const run = await env.run({ resource: 'project', operation: 'list' }, { continueOnFail: true });
				runs.push(run);
				expect(String(run.json(NODE_NAME)[0].error)).toMatch(/^Ventus Cloud (rejected the username or password|answered the login with HTTP 502)/);
			}
		}
		expectClean(runs, [env.credentials().password as string]);
	});
});

describe('transient faults: retried where safe, never resent when it may have been processed', () => {
	test('a 429 with Retry-After is waited out and the read sent again', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'busy');
		env.emulator.fault('GET', IDENTITY, { status: 429, headers: { 'Retry-After': '0' }, body: { message: 'slow down' }, times: 2 });
		const run = await env.run(getProject(project.id));
		expect(run.json(NODE_NAME)).toEqual([{ id: project.id, name: 'busy' }]);
		expect(env.emulator.apiRequests).toHaveLength(3);
	});

	test('a create answered 429 or 503 (not processed) is sent again, and made once', async () => {
		env.emulator.fault('POST', IDENTITY, { status: 503, headers: { 'Retry-After': '0' }, times: 1 });
		env.emulator.fault('POST', IDENTITY, { status: 429, headers: { 'Retry-After': '0' }, times: 1 });
		const run = await env.run(create('once'));
		expect(run.json(NODE_NAME)[0].name).toBe('once');
		expect(env.emulator.apiRequests).toHaveLength(3);
		expect([...env.emulator.projects.values()].map((project) => project.name)).toEqual(['once']);
	});

	test('a gateway error (502, 504), a dropped connection or a cut answer: a read is sent again', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'flaky');
		for (const fault of [{ status: 502 }, { status: 504 }, { drop: true }, { cut: true }]) {
			env.emulator.clearFaults();
			env.emulator.requests.length = 0;
			env.emulator.fault('GET', IDENTITY, { ...fault, times: 1 });
			const run = await env.run(getProject(project.id));
			expect(run.json(NODE_NAME)).toEqual([{ id: project.id, name: 'flaky' }]);
			expect(env.emulator.apiRequests).toHaveLength(2);
		}
	});

	test('the same faults on a create, rename or delete are not resent: the item fails, saying what happened', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'kept');
		const expectations: Array<[object, string]> = [
			[{ status: 502 }, 'Ventus Cloud answered HTTP 502'],
			[{ status: 504 }, 'Ventus Cloud answered HTTP 504'],
			[{ drop: true }, 'Ventus Cloud request failed: connection reset'],
			[{ cut: true }, 'Ventus Cloud request failed: the connection closed before the whole answer arrived'],
		];
		const changes: Array<[string, INodeParameters]> = [
			['POST', create('maybe')],
			['PUT', { resource: 'project', operation: 'rename', region: 'vienna', projectId: byId(project.id), newName: 'maybe' }],
			['DELETE', { resource: 'project', operation: 'delete', region: 'vienna', projectId: byId(project.id) }],
		];
		for (const [method, parameters] of changes) {
			for (const [fault, message] of expectations) {
				env.emulator.clearFaults();
				env.emulator.requests.length = 0;
				env.emulator.fault(method, IDENTITY, { ...fault, times: 1 });
				const run = await env.run(parameters, { continueOnFail: true });
				expect(run.json(NODE_NAME)[0].error).toBe(message);
				expect(env.emulator.apiRequests).toHaveLength(1);
			}
		}
		// Only the cut answers came after the work was done: one project created (not two), the original
		// renamed, then deleted, each once.
		expect([...env.emulator.projects.values()].map((entry) => [entry.name, entry.id === project.id])).toEqual([['maybe', false]]);
	});

	test('after the last try, the error gives the provider\'s message and the number of tries', async () => {
		env.emulator.fault('GET', PRICES, { status: 503, headers: { 'Retry-After': '0' }, body: { message: 'Service Unavailable' } });
		const run = await env.run({ resource: 'price', operation: 'get' });
		expect(errorOf(run)?.message).toBe('Service Unavailable (after 5 tries)');
		expect(errorOf(run)?.description).toContain('unavailable for now');
		expect(env.emulator.apiRequests).toHaveLength(5);
	});

	test('with Retry Transient Errors off, a fault fails the item at once', async () => {
		env.emulator.fault('GET', PRICES, { status: 429, headers: { 'Retry-After': '0' }, body: { message: 'slow down' } });
		const run = await env.run({ resource: 'price', operation: 'get', options: { retryTransientErrors: false } });
		expect(errorOf(run)?.message).toBe('slow down');
		expect(env.emulator.apiRequests).toHaveLength(1);
	});

	test('a dropped connection is reported as a failed request, not a crash', async () => {
		env.emulator.fault('GET', PRICES, { drop: true });
		const run = await env.run({ resource: 'price', operation: 'get', options: { retryTransientErrors: false } }, { continueOnFail: true });
		expect(String(run.json(NODE_NAME)[0].error)).toMatch(/^Ventus Cloud request failed: /);
		expect(env.emulator.apiRequests).toHaveLength(1);
	});
});

describe('a 2xx without what the API documents is an error naming the operation', () => {
	test('a create answered without the new project\'s ID', async () => {
		for (const body of ['', { name: 'no id' }, 'Created']) {
			env.emulator.clearFaults();
			env.emulator.fault('POST', IDENTITY, { status: 200, body });
			const run = await env.run(create('x'));
			expect(errorOf(run)?.message).toBe('Ventus Cloud\'s answer to "Project: Create" is not what it documents: expected an object with "id"');
			expect(errorOf(run)?.description).toContain('may have been carried out');
		}
	});

	test('a read answered with nothing, or with the wrong shape', async () => {
		const cases: Array<[INodeParameters, string, string, unknown]> = [
			[getProject('x'), 'GET', IDENTITY, ''],
			[{ resource: 'project', operation: 'list' }, 'GET', IDENTITY, { not: 'a list' }],
			[{ resource: 'price', operation: 'get' }, 'GET', PRICES, 'no prices today'],
		];
		const messages: string[] = [];
		for (const [parameters, method, route, body] of cases) {
			env.emulator.clearFaults();
			env.emulator.fault(method, route, { status: 200, body });
			const run = await env.run(parameters, { continueOnFail: true });
			messages.push(String(run.json(NODE_NAME)[0].error));
		}
		expect(messages).toEqual([
			'Ventus Cloud\'s answer to "Project: Get" is not what it documents: expected an object with "id"',
			'Ventus Cloud\'s answer to "Project: List" is not what it documents: expected a list',
			'Ventus Cloud\'s answer to "Price: Get" is not what it documents: expected the price list',
		]);
	});
});
