/**
 * What a hostile or flaky world does to the node: path values that would reach another route, servers that
 * echo the request (secrets included) in their errors, transient failures and cut answers, servers that
 * ignore the paging parameters.
 */
import type { INodeParameters } from 'n8n-workflow';

import { collectOffsetPages } from '../../nodes/shared/paging';
import { secretForms } from '../../nodes/shared/secrets';
import { CLOUTILITY_USER } from '../emulators/cloutility';
import { listSearch, n8nLogText, testCredential, type WorkflowRun } from '../harness';
import { bodyOf, byId, CLOUTILITY_NODE, CREDENTIAL_ID, cloutilitySetup, fromList, NODE_NAME, type CloutilityEnv } from './setup';

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.emulator.reset());

type Locator = ReturnType<typeof byId>;
const getUnit = (consumerId: Locator, bunitId: Locator = byId(76)) => ({ resource: 'consumptionUnit', operation: 'get', bunitId, consumerId });
const TYPED_IN_NODE = 'N0de-Secret-4711';
const setPassword = { resource: 'backupNode', operation: 'setPassword', bunitId: byId(76), consumerId: byId(408), tsmPassword: TYPED_IN_NODE };
const createUnit = (name: string) => ({ resource: 'consumptionUnit', operation: 'create', bunitId: byId(76), name });
const unitsNamed = (name: string) => [...env.emulator.world.consumers.values()].filter((consumer) => consumer.name === name);
const noRetries = { options: { retryTransientErrors: false } };
const hints = (run: WorkflowRun) => (run.runData[NODE_NAME]?.[0]?.hints ?? []).map((hint) => hint.message);

describe('path values: one segment on their own route, or refused before any request naming the field', () => {
	test.each(['..', '.', '%2e%2e', '76/../13', '76?x=1', '76#x', ' '])('a business unit of %j', async (value) => {
		const run = await env.run(getUnit(byId(408), byId(`={{ ${JSON.stringify(value)} }}`)));
		expect(run.nodeError(NODE_NAME)?.message).toMatch(/^"Business Unit" must (be a number|not be empty)/);
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('IDs picked from a list are checked the same way', async () => {
		const run = await env.run(getUnit(fromList('..'), fromList('76')));
		expect(run.nodeError(NODE_NAME)?.message).toBe('"Consumption Unit" must be a number (got "..")');
		const proxy = await env.run({ resource: 'backupNode', operation: 'removeProxyTarget', bunitId: byId(76), consumerId: byId(409), targetConsumerId: byId('../408') });
		expect(proxy.nodeError(NODE_NAME)?.message).toBe('"Proxy Target" must be a number (got "../408")');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test.each([
		['?x=1', 'getInvoice'],
		['..', 'getInvoice'],
		['2024-04-30/../../13', 'getBillingData'],
		['2024-02-30', 'getBillingData'],
		['30.04.2024', 'getInvoice'],
		['2024-04-30 garbage', 'getInvoice'],
	])('a path date of %j is refused, not read loosely', async (date, operation) => {
		const run = await env.run({ resource: 'billing', operation, bunitId: byId(76), date });
		expect(run.nodeError(NODE_NAME)?.message).toBe(`"Date" must be a date written YYYY-MM-DD, e.g. 2024-05-31 (got "${date}")`);
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('a path date may be a day, the editor\'s date-time, or a date from an expression; it is sent as YYYY-MM-DD', async () => {
		for (const date of ['2024-04-30', '2024-04-30T00:00:00', '2024-04-30T23:15:00+02:00', "={{ DateTime.fromISO('2024-04-30T12:00:00', { zone: 'utc' }) }}"]) {
			const run = await env.run({ resource: 'billing', operation: 'getBillingData', bunitId: byId(76), date });
			expect(run.json(NODE_NAME)[0].invoiceDateStr).toBe('2024-04-30');
		}
		expect(new Set(env.emulator.apiRequests.map((request) => request.url))).toEqual(new Set(['/v1/bunits/76/billing/2024-04-30']));
	});

	test('a picker asks for nothing until the business unit it depends on is a numeric ID', async () => {
		const spec = { type: CLOUTILITY_NODE, parameters: { resource: 'consumptionUnit', operation: 'get', bunitId: fromList('..') }, credentials: { cloutilityApi: env.credentials() } };
		await expect(listSearch(env.harness, spec, 'searchConsumptionUnits')).rejects.toThrow('Choose the business unit first');
		expect(env.emulator.requests).toHaveLength(0);
	});
});

describe('no secret in anything n8n keeps, even when the server echoes the request', () => {
	/** Every form of every secret of this run: the password, every token issued, the refresh fingerprint, the node password. */
	const secretsOf = (runs: WorkflowRun[]) => {
		const fingerprints = runs.map((run) => run.store.data(CREDENTIAL_ID).refreshTokenAccount).filter((value): value is string => typeof value === 'string' && value !== '');
		const secrets = [CLOUTILITY_USER.password, TYPED_IN_NODE, ...env.emulator.issuedTokens(), ...fingerprints];
		return secrets.flatMap((secret) => secretForms(secret));
	};
	/**
	 * Everything n8n keeps of the runs and logged. The node's own parameters are left out: a node password typed
	 * into the node is part of the saved workflow (n8n keeps it there, and in each error's copy of the node).
	 */
	const expectNoSecret = (runs: WorkflowRun[], extra: unknown[] = []) => {
		const kept = runs.map((run) => run.serialized().replace(/"parameters":\{(?:[^{}]|\{[^{}]*\})*\}/g, '"parameters":{}'));
		const everything = [...kept, JSON.stringify(extra), n8nLogText()].join('\n');
		const found = secretsOf(runs).filter((form) => everything.includes(form));
		expect(found).toEqual([]);
	};

	test.each([
		['GET', 'json', 500, false],
		['GET', 'html', 403, true],
		['POST', 'json', 400, false],
		['POST', 'html', 500, true],
		['POST', 'json', 502, true],
	] as const)('%s answered %s with HTTP %i that quotes the request, Continue On Fail %s', async (method, echo, status, continueOnFail) => {
		const runs: WorkflowRun[] = [];
		// A first run signs in, so the tokens exist; then the echoing gateway answers every API call.
		runs.push(await env.run({ resource: 'account', operation: 'getMe' }));
		const store = runs[0].store;
		env.emulator.fault(method, /^\/v1\/bunits\//, { echo, status });
		const parameters = method === 'GET' ? getUnit(byId(408)) : setPassword;
		const run = await env.run(parameters as INodeParameters, { store, continueOnFail, ...noRetries });
		runs.push(run);
		const echoed = env.emulator.requestsTo(method, /^\/v1\/bunits\//);
		expect(echoed).toHaveLength(1);
		// The gateway did quote the secrets: the bearer token, and for POST the node password.
		expect(echoed[0].headers.authorization).toMatch(/^Bearer /);
		if (method === 'POST') expect(bodyOf(echoed[0]).tsmPassword).toBe(TYPED_IN_NODE);
		const error = continueOnFail ? run.json(NODE_NAME)[0] : run.nodeError(NODE_NAME);
		expect(error).toMatchObject({ httpCode: String(status) });
		expectNoSecret(runs);
	});

	test('a portal message that quotes the tokens as they are, without "Bearer" or a key name', async () => {
		const first = await env.run({ resource: 'account', operation: 'getMe' });
		const { accessToken, refreshToken } = first.store.data(CREDENTIAL_ID);
		env.emulator.fault('GET', /^\/v1\/bunits\//, {
			status: 400,
			body: { status: 400, code: 'bad_token', message: `Session ${String(accessToken)} (renewable with ${String(refreshToken)}) is not valid here` },
		});
		const run = await env.run(getUnit(byId(408)), { store: first.store, continueOnFail: true });
		expect(run.json(NODE_NAME)[0].error).toBe('Session *** (renewable with ***) is not valid here');
		expectNoSecret([first, run]);
	});

	test('sign-in answers that quote the password, the refresh token and the expired token', async () => {
		const first = await env.run({ resource: 'account', operation: 'getMe' });
		env.emulator.advanceClock(env.emulator.tokenLifetimeSeconds + 1);
		const removeJson = env.emulator.fault('POST', '/v1/oauth', { echo: 'json', status: 502 });
		// The refresh is echoed, then the password grant it falls back to.
		const refreshed = await env.run({ resource: 'account', operation: 'getMe' }, { store: first.store, continueOnFail: true });
		expect(env.emulator.tokenRequests.map((request) => new URLSearchParams(request.body.toString()).get('grant_type'))).toEqual([
			'password',
			'refresh_token',
			'password',
		]);
		expect(String(refreshed.json(NODE_NAME)[0].error)).toContain('Cloutility refused the sign-in (HTTP 502)');
		removeJson();
		env.emulator.fault('POST', '/v1/oauth', { echo: 'html', status: 500 });
		const fresh = await env.run({ resource: 'account', operation: 'getMe' });
		expect(fresh.nodeError(NODE_NAME)?.message).toContain('Cloutility refused the sign-in (HTTP 500)');
		const tested = await testCredential(env.harness, 'cloutilityApi', env.credentials());
		expect(tested.status).toBe('Error');
		// A portal message that repeats what it was sent.
		env.emulator.clearFaults();
		env.emulator.fault('POST', '/v1/oauth', {
			status: 400,
			body: { status: 400, code: 'invalid_grant', message: `Password "${CLOUTILITY_USER.password}" was refused for this user` },
		});
		const quoted = await env.run({ resource: 'account', operation: 'getMe' });
		expect(quoted.nodeError(NODE_NAME)?.message).toContain('Cloutility refused the username or password (the portal said: Password "***" was refused');
		// The Test button shows the credential's own message, with nothing in between to scrub it.
		const testedQuoted = await testCredential(env.harness, 'cloutilityApi', env.credentials());
		expect(testedQuoted.message).toBe('Cloutility refused the username or password (the portal said: Password "***" was refused for this user)');
		expectNoSecret([first, refreshed, fresh, quoted], [tested, testedQuoted]);
	});

	test('no password or token appears in any output, error or log line', async () => {
		const wrongPassword = 'wr0ng-Passw0rd!';
		const runs = [
			await env.run({ resource: 'account', operation: 'getMe' }),
			await env.run({ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId(999) }),
			await env.run({ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId(999) }, { continueOnFail: true }),
			await env.harness.run(env.workflow({ resource: 'account', operation: 'getMe' }), {
				credentials: { cloutilityApi: env.credentials({ password: wrongPassword }) },
			}),
		];
		// Tokens that expired mid-run and a refresh token that was refused.
		const first = await env.run({ resource: 'account', operation: 'getMe' });
		env.emulator.advanceClock(env.emulator.tokenLifetimeSeconds + 1);
		runs.push(first, await env.run({ resource: 'account', operation: 'getMe' }, { store: first.store }));
		env.emulator.revokeRefreshTokens();
		env.emulator.advanceClock(env.emulator.tokenLifetimeSeconds + 1);
		runs.push(await env.run({ resource: 'account', operation: 'getMe' }, { store: first.store }));
		const tests = [
			await testCredential(env.harness, 'cloutilityApi', env.credentials()),
			await testCredential(env.harness, 'cloutilityApi', env.credentials({ password: wrongPassword })),
			await testCredential(env.harness, 'cloutilityApi', env.credentials({ clientId: 'nope' })),
		];

		const stored = first.store.data(CREDENTIAL_ID);
		const secrets = [CLOUTILITY_USER.password, wrongPassword, ...env.emulator.issuedTokens(), String(stored.refreshTokenAccount)];
		expect(env.emulator.issuedTokens().length).toBeGreaterThanOrEqual(8);
		expect(env.emulator.refreshGrants.length).toBeGreaterThanOrEqual(2);
		expect(runs[3].nodeError(NODE_NAME)?.message).toContain('refused the username or password');
		const everything = [...runs.map((run) => run.serialized()), JSON.stringify(tests), n8nLogText()].join('\n');
		for (const secret of secrets) expect(everything).not.toContain(secret);
	});
});

describe('transient failures: retried when the portal did not process the call, or when it is safe to repeat', () => {
	const unavailable = { status: 503, headers: { 'Retry-After': '0' }, body: { status: 503, code: 'unavailable', message: 'Down for maintenance' } };
	const consumerPath = '/v1/bunits/:bunitId/consumers/:consumerId';

	test('a read answered 503 twice and 429 once succeeds on the fourth try', async () => {
		env.emulator.fault('GET', consumerPath, { ...unavailable, times: 2 });
		env.emulator.afterRequests('GET', consumerPath, 2, () =>
			env.emulator.fault('GET', consumerPath, { status: 429, headers: { 'Retry-After': '0' }, times: 1 }),
		);
		const run = await env.run(getUnit(byId(408)));
		expect(run.json(NODE_NAME)[0].name).toBe('JennysWS');
		expect(env.emulator.requestsTo('GET', consumerPath)).toHaveLength(4);
	});

	test('a create answered 503 is sent again (the portal did not process it) and made once', async () => {
		env.emulator.fault('POST', '/v1/bunits/:bunitId/consumers', { ...unavailable, times: 1 });
		const run = await env.run(createUnit('retried-503'));
		expect(run.json(NODE_NAME)[0].name).toBe('retried-503');
		expect(env.emulator.requestsTo('POST', '/v1/bunits/:bunitId/consumers')).toHaveLength(2);
		expect(unitsNamed('retried-503')).toHaveLength(1);
	});

	test('a create is never sent twice after a 502, a dropped connection or a cut answer', async () => {
		for (const fault of [{ status: 502, body: 'Bad Gateway' }, { drop: true }, { cut: true }]) {
			env.emulator.reset();
			env.emulator.fault('POST', '/v1/bunits/:bunitId/consumers', { ...fault, times: 1 });
			const run = await env.run(createUnit('not-twice'), { continueOnFail: true });
			expect(run.json(NODE_NAME)[0].error).toBeDefined();
			expect(env.emulator.requestsTo('POST', '/v1/bunits/:bunitId/consumers')).toHaveLength(1);
			// A cut answer came after the portal had created it: one, not two.
			expect(unitsNamed('not-twice').length).toBeLessThanOrEqual(1);
		}
	});

	test('a cut answer is a network failure, not "HTTP 200"', async () => {
		env.emulator.fault('POST', '/v1/bunits/:bunitId/consumers', { cut: true, times: 1 });
		const run = await env.run(createUnit('cut-off'));
		const error = run.nodeError(NODE_NAME) as unknown as { message: string; httpCode?: string };
		expect(error.message).toBe('Cloutility request failed: the connection closed before the whole answer arrived');
		expect(error.httpCode ?? undefined).toBeUndefined();
		// A read whose answer was cut is simply read again.
		env.emulator.fault('GET', consumerPath, { cut: true, times: 1 });
		const read = await env.run(getUnit(byId(409)));
		expect(read.json(NODE_NAME)[0].name).toBe('FileServer01');
		expect(env.emulator.requestsTo('GET', consumerPath)).toHaveLength(2);
	});

	test('reads are sent again after a 502, 504 or a dropped connection; activation (a GET that changes things) is not', async () => {
		for (const fault of [{ status: 502 }, { status: 504 }, { drop: true }]) {
			env.emulator.reset();
			env.emulator.fault('GET', consumerPath, { ...fault, times: 1 });
			const run = await env.run(getUnit(byId(411)));
			expect(run.json(NODE_NAME)[0].name).toBe('BuildServer');
			expect(env.emulator.requestsTo('GET', consumerPath)).toHaveLength(2);
		}
		env.emulator.reset();
		env.emulator.world.nodes.set(410, env.emulator.world.newNode(410, { operatingSystemId: 2, typeId: 1, domainId: 11, clientOptionSetId: 22 }));
		env.emulator.fault('GET', `${consumerPath}/node/activate`, { drop: true, times: 1 });
		const run = await env.run({ resource: 'backupNode', operation: 'activate', bunitId: byId(94), consumerId: byId(410), tsmName: 'ONCE' });
		expect(run.nodeError(NODE_NAME)?.message).toBe('Cloutility request failed: connection reset');
		expect(env.emulator.requestsTo('GET', `${consumerPath}/node/activate`)).toHaveLength(1);
	});

	test('an update reads again after a dropped read, but never sends its PUT twice', async () => {
		env.emulator.fault('GET', consumerPath, { drop: true, times: 1 });
		env.emulator.fault('PUT', consumerPath, { status: 504, times: 1 });
		const run = await env.run({ resource: 'consumptionUnit', operation: 'update', bunitId: byId(76), consumerId: byId(408), additionalFields: { note: 'x' } });
		expect(run.nodeError(NODE_NAME)?.message).toBe('Cloutility answered HTTP 504');
		expect(env.emulator.apiRequests.map((request) => request.method)).toEqual(['GET', 'GET', 'PUT']);
	});

	test('after the last try the error says how many tries it took; with retries off there is one try', async () => {
		env.emulator.fault('GET', consumerPath, unavailable);
		const run = await env.run(getUnit(byId(408)));
		const error = run.nodeError(NODE_NAME) as unknown as { message: string; description: string; httpCode: string };
		expect(error.message).toBe('Down for maintenance (after 5 tries)');
		expect(error.httpCode).toBe('503');
		expect(error.description).toContain('Code: unavailable');
		expect(env.emulator.requestsTo('GET', consumerPath)).toHaveLength(5);
		env.emulator.requests.length = 0;
		const once = await env.run({ ...getUnit(byId(408)), ...noRetries }, { store: run.store });
		expect(once.nodeError(NODE_NAME)?.message).toBe('Down for maintenance');
		expect(env.emulator.requestsTo('GET', consumerPath)).toHaveLength(1);
	});

	test('a Retry-After in the past or as an HTTP date is honoured too', async () => {
		env.emulator.fault('GET', consumerPath, { status: 429, headers: { 'Retry-After': new Date(Date.now() - 1000).toUTCString() }, times: 2 });
		const run = await env.run(getUnit(byId(408)));
		expect(run.json(NODE_NAME)[0].name).toBe('JennysWS');
		expect(env.emulator.requestsTo('GET', consumerPath)).toHaveLength(3);
	});
});

describe('no paging loop runs forever', () => {
	const auditLogs = { resource: 'auditLog', operation: 'getManyForConsumptionUnit', bunitId: byId(76), consumerId: byId(408), returnAll: true };
	const pageCalls = () => env.emulator.requestsTo('GET', '/v1/bunits/76/consumers/408/auditlogs');
	const seed = (count: number) => {
		env.emulator.world.auditLogs.length = 0;
		env.emulator.world.seedAuditLogs(76, 408, count);
	};

	test('a portal that ignores offset and sends no total: the repeated page ends the reading, with a notice', async () => {
		seed(250);
		env.emulator.ignorePaging = 'offset';
		env.emulator.hideTotals = true;
		const run = await env.run(auditLogs);
		const entries = run.json(NODE_NAME);
		expect(entries).toHaveLength(100);
		expect(new Set(entries.map((entry) => entry.id)).size).toBe(100);
		expect(pageCalls()).toHaveLength(2);
		expect(hints(run)).toEqual([expect.stringContaining('stopped early: the server returned a page that repeats entries already read')]);
	});

	test('a portal that ignores offset but reports the total: no duplicates either', async () => {
		seed(250);
		env.emulator.ignorePaging = 'offset';
		const run = await env.run(auditLogs);
		expect(run.json(NODE_NAME)).toHaveLength(100);
		expect(pageCalls()).toHaveLength(2);
	});

	test('a portal that ignores offset and limit: everything once', async () => {
		seed(250);
		env.emulator.ignorePaging = 'both';
		env.emulator.hideTotals = true;
		const run = await env.run(auditLogs);
		expect(run.json(NODE_NAME)).toHaveLength(250);
		expect(pageCalls()).toHaveLength(2);
		// With a Limit, no more than it.
		const limited = await env.run({ ...auditLogs, returnAll: false, limit: 120 });
		expect(limited.json(NODE_NAME)).toHaveLength(120);
	});

	test('a list that says it holds more than it sent says so', async () => {
		env.emulator.fault('GET', '/v1/bunits/76/consumers', {
			status: 200,
			body: { href: 'x', total: 5, offset: 0, first: 'x', items: [{ id: 408, name: 'JennysWS' }, { id: 409, name: 'FileServer01' }] },
		});
		const run = await env.run({ resource: 'consumptionUnit', operation: 'getMany', bunitId: byId(76), returnAll: true });
		expect(run.json(NODE_NAME)).toHaveLength(2);
		expect(hints(run)).toEqual(['The portal reported 5 entries for "Consumption Unit: Get Many" but sent 2: only those are returned.']);
	});

	test('offset paging moves by what the server returned and stops at the total', async () => {
		const data = Array.from({ length: 45 }, (_, index) => index);
		const asked: Array<[number, number]> = [];
		// A server that caps pages at 20 whatever is asked, and reports the total.
		const capped = async (offset: number, limit: number) => {
			asked.push([offset, limit]);
			return { items: data.slice(offset, offset + Math.min(limit, 20)), total: data.length };
		};
		expect((await collectOffsetPages(capped, { pageSize: 100, wanted: Infinity })).items).toEqual(data);
		expect(asked).toEqual([
			[0, 100],
			[20, 100],
			[40, 100],
		]);
		asked.length = 0;
		expect((await collectOffsetPages(capped, { pageSize: 10, wanted: 25 })).items).toEqual(data.slice(0, 25));
		expect(asked).toEqual([
			[0, 10],
			[10, 10],
			[20, 5],
		]);
		// Without a total, a page shorter than asked is the last one.
		asked.length = 0;
		const noTotal = async (offset: number, limit: number) => {
			asked.push([offset, limit]);
			return { items: data.slice(offset, offset + limit) };
		};
		expect((await collectOffsetPages(noTotal, { pageSize: 20, wanted: Infinity })).items).toEqual(data);
		expect(asked.map(([offset]) => offset)).toEqual([0, 20, 40]);
	});
});
