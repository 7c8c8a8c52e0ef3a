/** Errors a person can act on: the G8's message, what the status means, input refused before any request. */
import { OVC_VIEWER } from '../emulators/openvcloud';
import { byId, FAST_WAIT, NODE_NAME, openVCloudSetup } from './setup';

let env: Awaited<ReturnType<typeof openVCloudSetup>>;

beforeAll(async () => {
	env = await openVCloudSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => {
	env.emulator.reset();
	env.emulator.state.seedWorkload();
});

interface ErrorShape {
	message: string;
	description: string;
	httpCode?: string;
}
const errorOf = (run: Awaited<ReturnType<typeof env.run>>) => run.nodeError(NODE_NAME) as unknown as ErrorShape;

const getMachine = (id: number | string = 20) => ({ resource: 'machine', operation: 'get', machineId: byId(id) });
const createSpace = (name: string, location = 'be-g8-3') => ({
	resource: 'cloudSpace',
	operation: 'create',
	accountId: byId(1),
	location: byId(location),
	name,
	access: 'ops',
	waitForCompletion: false,
});

describe('status codes', () => {
	test('400: the G8 names the wrong parameter', async () => {
		const error = errorOf(await env.run(createSpace('x', 'mars-1')));
		expect(error).toMatchObject({ message: 'Location mars-1 does not exist', httpCode: '400' });
		expect(error.description).toBe('A parameter is missing or has the wrong type. HTTP 400 on cloudapi/cloudspaces/create');
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status: 400, body: '"Param with name:machineId is missing."' });
		expect(errorOf(await env.run(getMachine())).message).toBe('Param with name:machineId is missing.');
	});

	test('403: permission, with what to check', async () => {
		const viewer = env.credentials('password', { username: OVC_VIEWER.username, password: OVC_VIEWER.password });
		const error = errorOf(await env.run({ resource: 'account', operation: 'get', accountId: byId(1) }, { credentials: { openVCloudApi: viewer } }));
		expect(error).toMatchObject({ message: 'Forbidden', httpCode: '403' });
		expect(error.description).toContain('lacks the access rights');
	});

	test('404 and 409 carry the G8 message', async () => {
		expect(errorOf(await env.run(getMachine(999)))).toMatchObject({ message: 'Machine with id 999 not found', httpCode: '404' });
		const conflict = errorOf(await env.run(createSpace('production')));
		expect(conflict).toMatchObject({ message: 'Cloud space with name production already exists', httpCode: '409' });
		expect(conflict.description).toContain('one with this name exists');
	});

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

	test('429 that persists gives up after three retries, saying so', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { status: 429, headers: { 'Retry-After': '0' } });
		const error = errorOf(await env.run(getMachine()));
		expect(error).toMatchObject({ message: 'OpenvCloud is rate limiting the requests (HTTP 429)', httpCode: '429' });
		expect(error.description).toContain('retried after a pause and still refused');
		expect(env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/get')).toHaveLength(4);
	});

	test('503: an upgrade is in progress', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', {
			status: 503,
			headers: { 'Content-Type': 'text/html' },
			body: '<html><body>Upgrade in progress</body></html>',
		});
		const error = errorOf(await env.run(getMachine()));
		expect(error).toMatchObject({ message: 'OpenvCloud is being upgraded (HTTP 503)', httpCode: '503' });
		expect(error.description).toContain('try again when it is done');
	});

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

	test('a dropped connection is a readable failure, and Continue On Fail keeps going', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', { drop: true, times: 1 });
		const run = await env.run(getMachine(), { input: [{}, {}], continueOnFail: true });
		const [failed, ok] = run.json(NODE_NAME);
		expect(String(failed.error)).toMatch(/^OpenvCloud (is unreachable \(connection reset\)|request failed: )/);
		expect(ok.id).toBe(20);
	});
});

describe('bad input is refused before any request is sent, naming the field', () => {
	const cases: Array<[string, Record<string, unknown>, string]> = [
		['an empty required picker', getMachine('={{ $json.nothing }}'), '"Machine" must not be empty'],
		['a machine ID that is not a number', getMachine('web-1'), '"Machine" must be a number (got "web-1")'],
		[
			'a port that is not a number',
			{ resource: 'portForwarding', operation: 'create', cloudspaceId: byId(10), publicIp: '185.15.201.10', publicPort: '={{ "https" }}', machineId: byId(20), localPort: 443, protocol: 'tcp' },
			'"Public Port" must be a number (got "https")',
		],
		[
			'a protocol the API does not know',
			{ resource: 'portForwarding', operation: 'create', cloudspaceId: byId(10), publicIp: '185.15.201.10', publicPort: 443, machineId: byId(20), localPort: 443, protocol: '={{ "icmp" }}' },
			'"Protocol" must be one of tcp, udp (got "icmp")',
		],
		[
			'a date that is not one',
			{ resource: 'account', operation: 'getConsumption', accountId: byId(1), start: 'last tuesday', end: '2024-01-02' },
			'"Start" must be a date or a number of seconds (got "last tuesday")',
		],
		[
			'user data that is not JSON',
			{ resource: 'machine', operation: 'create', cloudspaceId: byId(10), name: 'x', imageId: byId(1), disksize: 10, additionalFields: { userdata: '{broken', sizeId: byId(1) }, ...FAST_WAIT },
			'"User Data" must be valid JSON',
		],
		[
			'a list of sizes with a word in it',
			{ resource: 'cloudSpace', operation: 'update', cloudspaceId: byId(10), additionalFields: { allowedVMSizes: '1, big' } },
			'"Allowed Sizes" must be numbers separated by commas (got "big")',
		],
		[
			'a blank name',
			{ resource: 'machine', operation: 'snapshot', machineId: byId(20), name: '={{ "  " }}', ...FAST_WAIT },
			'"Snapshot Name" must not be empty',
		],
		[
			'extra parameters that are not an object',
			{ ...getMachine(), options: { extraParameters: '[1, 2]' } },
			'"Extra Parameters (JSON)" must be a JSON object',
		],
	];

	test.each(cases)('%s', async (_what, parameters, message) => {
		const run = await env.run(parameters as never, { auth: 'jwt' });
		expect(run.nodeError(NODE_NAME)?.message).toBe(message);
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('with Continue On Fail only the bad item fails; nothing is sent for it', async () => {
		const run = await env.run(getMachine('={{ $json.id }}'), { input: [{ id: 20 }, { id: 'twenty' }, { id: 20 }], continueOnFail: true, auth: 'jwt' });
		const items = run.json(NODE_NAME);
		expect(items.map((item) => item.id ?? item.error)).toEqual([20, '"Machine" must be a number (got "twenty")', 20]);
		expect(env.emulator.requestsTo('POST', '/restmachine/cloudapi/machines/get')).toHaveLength(2);
	});
});
