/** Errors a person can act on: the G8's message, what the status means, input refused before any request. */
import { OVC_VIEWER } from '../emulators/openvcloud';
import { byId, FAST_WAIT, errorOf, NODE_NAME, useOpenVCloud } from './setup';

const env = useOpenVCloud();


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

	test('503: an upgrade is in progress (retried, then given up, saying how often it was tried)', async () => {
		env.emulator.fault('POST', '/restmachine/cloudapi/machines/get', {
			status: 503,
			headers: { 'Content-Type': 'text/html', 'Retry-After': '0' },
			body: '<html><body>Upgrade in progress</body></html>',
		});
		const error = errorOf(await env.run(getMachine()));
		expect(error).toMatchObject({ message: 'OpenvCloud is being upgraded (HTTP 503) (after 5 tries)', httpCode: '503' });
		expect(error.description).toContain('try again when it is done');
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
			'loose text that Date.parse would take for a date (2001-01-01)',
			{ resource: 'account', operation: 'getConsumption', accountId: byId(1), start: '2024-01-01', end: '?x=1' },
			'"End" must be a date or a number of seconds (got "?x=1")',
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
