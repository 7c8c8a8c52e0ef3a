/** The calls people automate most, run as workflows against the emulator's data; lists and full objects. */
import { NODE_NAME, op, ovhSetup, params, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

test('GET /me returns the account as one item', async () => {
	const run = await env.run({ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) });
	expect(run.json(NODE_NAME)).toEqual([env.emulator.data.me]);
	expect(run.items(NODE_NAME)[0].pairedItem).toEqual({ item: 0 });
	expect(run.runData[NODE_NAME][0].hints ?? []).toEqual([]);
});

test('Return Full Objects on an operation that does not list IDs is ignored, with a notice', async () => {
	const run = await env.run({ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}), options: { fullObjects: true } }, { input: [{}, {}, {}] });
	expect(run.json(NODE_NAME)).toEqual([env.emulator.data.me, env.emulator.data.me, env.emulator.data.me]);
	expect((run.runData[NODE_NAME][0].hints ?? []).map((hint) => hint.message)).toEqual([
		'Return Full Objects applies to GET operations that list IDs; GET /me returns nichandle.Nichandle, so it was ignored',
	]);
	expect(env.emulator.requestsOf('api')[0].headers['x-pagination-mode']).toBeUndefined();
});

test('a list of IDs becomes one item per ID, keyed by the placeholder it stands for', async () => {
	const bills = await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}) });
	expect(bills.json(NODE_NAME)).toEqual([...env.emulator.data.bills.keys()].map((billId) => ({ billId })));
	const zones = await env.run({ resource: 'v1/domain', endpoint: op('GET /domain/zone'), parameters: params({}) });
	expect(zones.json(NODE_NAME)).toEqual([{ zoneName: 'example.eu' }, { zoneName: 'example.org' }]);
});

test('date.from and date.to filter the bills, both ends included, whatever the offset', async () => {
	const parameters = params({ 'date.from': '2026-01-02T00:00:00+01:00', 'date.to': '2026-01-03T00:00:00.000Z' });
	const ids = await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters });
	expect(ids.json(NODE_NAME)).toEqual([{ billId: 'FR40000002' }, { billId: 'FR40000003' }]);
	const full = await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters, options: { fullObjects: true } });
	expect(full.json(NODE_NAME).map((bill) => bill.date)).toEqual(['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z']);
	expect(env.emulator.requestsOf('api').at(-1)!.url).toBe('/1.0/me/bill?date.from=2026-01-02T00%3A00%3A00%2B01%3A00&date.to=2026-01-03T00%3A00%3A00.000Z');
});

test('query filters and Limit apply to a record list', async () => {
	const mx = await env.run({
		resource: 'v1/domain',
		endpoint: op('GET /domain/zone/{zoneName}/record'),
		parameters: params({ zoneName: 'example.eu', fieldType: 'MX' }),
	});
	const mxId = env.emulator.data.zones.get('example.eu')!.find((record) => record.fieldType === 'MX')!.id;
	expect(mx.json(NODE_NAME)).toEqual([{ id: mxId }]);
	const limited = await env.run({
		resource: 'v1/domain',
		endpoint: op('GET /domain/zone/{zoneName}/record'),
		parameters: params({ zoneName: 'example.eu' }),
		returnAll: false,
		limit: 2,
	});
	expect(limited.json(NODE_NAME)).toHaveLength(2);
});

test('create a DNS record, then refresh the zone, chained by expressions', async () => {
	const run = await env.harness.run(
		{
			...env.workflow({}),
			nodes: [
				env.workflow({}).nodes[0],
				{
					...env.workflow({}).nodes[1],
					name: 'Create',
					parameters: {
						resource: 'v1/domain',
						endpoint: op('POST /domain/zone/{zoneName}/record'),
						parameters: params({ zoneName: '={{ $json.zone }}', fieldType: 'A', subDomain: 'api', target: '203.0.113.99', ttl: 300 }),
					},
				},
				{
					...env.workflow({}).nodes[1],
					id: 'refresh',
					name: 'Refresh',
					position: [440, 0],
					parameters: {
						resource: 'v1/domain',
						endpoint: op('POST /domain/zone/{zoneName}/refresh'),
						parameters: params({ zoneName: '={{ $json.zone }}' }),
					},
				},
			],
			connections: {
				"When clicking 'Execute workflow'": { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
				Create: { main: [[{ node: 'Refresh', type: 'main', index: 0 }]] },
			},
		},
		{ input: [{ zone: 'example.org' }], credentials: { ovhCloudApi: env.signed() } },
	);
	expect(run.json('Create')).toEqual([{ id: expect.any(Number), zone: 'example.org', fieldType: 'A', subDomain: 'api', target: '203.0.113.99', ttl: 300 }]);
	expect(run.json('Refresh')).toEqual([{ success: true }]);
	expect(env.emulator.data.refreshed).toContain('example.org');
});

test('reboot a dedicated server: the task comes back', async () => {
	const run = await env.run({
		resource: 'v1/dedicated',
		endpoint: op('POST /dedicated/server/{serviceName}/reboot'),
		parameters: params({ serviceName: 'ns3001234.ip-203-0-113.eu' }),
	});
	expect(run.json(NODE_NAME)).toEqual([expect.objectContaining({ function: 'hardReboot', status: 'init', taskId: expect.any(Number) })]);
	expect(env.emulator.data.tasks).toHaveLength(1);
});

test('Public Cloud instances of a project, filtered by region: one item per instance', async () => {
	const run = await env.run({
		resource: 'v1/cloud',
		endpoint: op('GET /cloud/project/{serviceName}/instance'),
		parameters: params({ serviceName: '0123456789abcdef0123456789abcdef', region: 'GRA11' }),
	});
	expect(run.json(NODE_NAME).map((instance) => [instance.name, instance.region])).toEqual([['web-1', 'GRA11']]);
});

test('send SMS jobs, then list them as full objects', async () => {
	const sent = await env.run({
		resource: 'v1/sms',
		endpoint: op('POST /sms/{serviceName}/jobs'),
		parameters: params({ serviceName: 'sms-ab12345-1', message: 'Deploy done ✅', receivers: '+33600000001, +33600000002', noStopClause: true }),
	});
	expect(sent.json(NODE_NAME)).toEqual([expect.objectContaining({ ids: [expect.any(Number), expect.any(Number)], totalCreditsRemoved: 2 })]);
	const [request] = env.emulator.requestsTo('POST', '/1.0/sms/:service/jobs');
	expect(JSON.parse(request.body.toString())).toEqual({ message: 'Deploy done ✅', noStopClause: true, receivers: ['+33600000001', '+33600000002'] });
	const jobs = await env.run({
		resource: 'v1/sms',
		endpoint: op('GET /sms/{serviceName}/jobs'),
		parameters: params({ serviceName: 'sms-ab12345-1' }),
		options: { fullObjects: true },
	});
	expect(jobs.json(NODE_NAME).map((job) => job.receiver)).toEqual(['+33600000001', '+33600000002']);
});

describe('Return Full Objects', () => {
	beforeAll(() => {
		for (let index = env.emulator.data.bills.size + 1; index <= 1000; index++) env.emulator.data.addBill(index);
	});

	test('1,000 bills in at most 1 + ceil(1000 / page size) requests, one item per bill', async () => {
		const run = await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}), options: { fullObjects: true, pageSize: 100 } });
		const items = run.json(NODE_NAME);
		expect(items).toHaveLength(1000);
		expect(items[999]).toEqual(env.emulator.data.bills.get('FR40001000'));
		expect(env.emulator.requests.length).toBeLessThanOrEqual(1 + Math.ceil(1000 / 100));
		const pages = env.emulator.requestsOf('api');
		expect(pages).toHaveLength(10);
		expect(pages.map((request) => request.headers['x-pagination-number'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
		expect(pages.every((request) => request.headers['x-pagination-mode'] === 'CachedObjectList-Pages' && request.headers['x-pagination-size'] === '100')).toBe(true);
	});

	test('with the default page size (1,000), the same 1,000 bills take one request', async () => {
		const run = await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}), options: { fullObjects: true } });
		expect(run.json(NODE_NAME)).toHaveLength(1000);
		expect(env.emulator.requestsOf('api').map((request) => request.headers['x-pagination-size'])).toEqual(['1000']);
	});

	test('the naive path (list the IDs, then get each) makes 1,001 requests for the same items', async () => {
		const list = await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}) });
		const ids = list.json(NODE_NAME);
		const run = await env.run(
			{ resource: 'v1/me', endpoint: op('GET /me/bill/{billId}'), parameters: params({ billId: '={{ $json.billId }}' }) },
			{ input: ids, store: list.store },
		);
		expect(run.json(NODE_NAME)).toHaveLength(1000);
		expect(env.emulator.requestsOf('api')).toHaveLength(1001);
	});

	test('Limit stops paging early', async () => {
		const run = await env.run({
			resource: 'v1/me',
			endpoint: op('GET /me/bill'),
			parameters: params({}),
			returnAll: false,
			limit: 250,
			options: { fullObjects: true, pageSize: 100 },
		});
		expect(run.json(NODE_NAME)).toHaveLength(250);
		expect(env.emulator.requestsOf('api')).toHaveLength(3);
	});
});

test('a deprecated operation runs, and says so with its replacement', async () => {
	const run = await env.run({
		resource: 'v1/cloud',
		endpoint: op('GET /cloud/project/{serviceName}/database/cassandra/{clusterId}/ipRestriction'),
		parameters: params({ serviceName: 'p1', clusterId: 'c1' }),
	});
	expect(run.status).toBe('success');
	const hints = run.runData[NODE_NAME][0].hints ?? [];
	expect(hints.map((hint) => hint.message)).toEqual([
		'GET /cloud/project/{serviceName}/database/cassandra/{clusterId}/ipRestriction is deprecated (removal date 2023-03-15); use /1.0/cloud/project/{serviceName}/database/cassandra',
	]);
});

test('any other catalog operation is answered generically once method, path and required parameters check out', async () => {
	const run = await env.run({ resource: 'v1/vps', endpoint: op('GET /vps/{serviceName}'), parameters: params({ serviceName: 'vps-1a2b3c4d.vps.ovh.net' }) });
	expect(run.json(NODE_NAME)).toEqual([{ serviceName: 'vps-1a2b3c4d.vps.ovh.net' }]);
	const body = await env.run({
		resource: 'v1/me',
		endpoint: op('POST /me/contact'),
		parameters: params({}),
		options: { bodyJson: '{"email":"a@example.eu","firstName":"A"}' },
	});
	expect(body.status).toBe('success');
	expect(JSON.parse(env.emulator.requestsTo('POST', '/1.0/me/contact')[0].body.toString())).toEqual({ email: 'a@example.eu', firstName: 'A' });
});

test('the raw JSON body is merged over the body fields', async () => {
	await env.run({
		resource: 'v1/domain',
		endpoint: op('POST /domain/zone/{zoneName}/record'),
		parameters: params({ zoneName: 'example.eu', fieldType: 'A', target: '203.0.113.1' }),
		options: { bodyJson: { target: '203.0.113.2', ttl: 120 } as never },
	});
	const [request] = env.emulator.requestsTo('POST', '/1.0/domain/zone/:zone/record');
	expect(JSON.parse(request.body.toString())).toEqual({ fieldType: 'A', target: '203.0.113.2', ttl: 120 });
});

test('a v2 list follows X-Pagination-Cursor-Next for Return All, and stops at Limit', async () => {
	const all = await env.run({ resource: 'v2/location', endpoint: op('GET /location'), parameters: params({}) });
	expect(all.json(NODE_NAME).map((location) => location.name)).toEqual(env.emulator.data.locations.map((location) => location.name));
	const pages = env.emulator.requestsOf('api');
	expect(pages).toHaveLength(4);
	expect(pages[0].headers['x-pagination-cursor']).toBeUndefined();
	expect(pages.slice(1).every((request) => typeof request.headers['x-pagination-cursor'] === 'string')).toBe(true);
	env.reset();
	const limited = await env.run({ resource: 'v2/location', endpoint: op('GET /location'), parameters: params({}), returnAll: false, limit: 3, options: { pageSize: 3 } });
	expect(limited.json(NODE_NAME)).toHaveLength(3);
	expect(env.emulator.requestsOf('api')).toHaveLength(1);
	expect(env.emulator.requestsOf('api')[0].headers['x-pagination-size']).toBe('3');
});
