/**
 * What the operations send and return: the request built from a row, list envelopes, paging, the tree,
 * nested bodies, updates, proxies, uploads, and a whole enrollment built with the pickers.
 */
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { findOperation } from '../../nodes/Cloutility/catalog';
import { buildRequest } from '../../nodes/Cloutility/execute';
import { flattenTree } from '../../nodes/Cloutility/tree';
import { convertField } from '../../nodes/shared/operation-fields';
import { FULL_VERSION } from '../emulators/cloutility';
import { listSearch, TRIGGER_NAME, type WorkflowJson } from '../harness';
import { bodyOf, byId, CLOUTILITY_NODE, CREDENTIAL_ID, cloutilitySetup, fromList, NODE_NAME, type CloutilityEnv } from './setup';

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.emulator.reset());

const unit = (bunitId: number, consumerId: number) => ({ bunitId: byId(bunitId), consumerId: byId(consumerId) });

describe('building requests', () => {
	test('path values are encoded, query lists repeat, refs become {id}, other fields merge under the given ones', () => {
		const create = findOperation('backupNode', 'create')!;
		const built = buildRequest(create, {
			bunitId: 22,
			consumerId: 408,
			operatingSystem: 1,
			type: 2,
			domain: 11,
			clientOptionSet: 21,
			cpuCount: 2,
			otherFields: { cpuCount: 8, tcpName: 'ws-07' },
		});
		expect(built.path).toBe('/v1/bunits/22/consumers/408/node');
		expect(built.body).toEqual({
			operatingSystem: { id: 1 },
			type: { id: 2 },
			domain: { id: 11 },
			clientOptionSet: { id: 21 },
			cpuCount: 2,
			tcpName: 'ws-07',
		});
		const audit = buildRequest(findOperation('auditLog', 'getManyForBusinessUnit')!, { bunitId: 22, types: [0, 400], includeDescendants: true });
		expect(audit.query).toEqual([
			['types', '0'],
			['types', '400'],
			['includeDescendants', 'true'],
		]);
		// The date field of the row takes a date-time as the editor's picker stores it, for its day.
		const getInvoice = findOperation('billing', 'getInvoice')!;
		const day = convertField(getInvoice.fields.find((field) => field.name === 'date')!, '2024-04-30T10:00:00') as { value: string };
		const invoice = buildRequest(getInvoice, { bunitId: 22, date: day.value });
		expect(invoice.path).toBe('/v1/bunits/22/invoices/2024-04-30');
		const password = buildRequest(findOperation('backupNode', 'setPassword')!, { bunitId: 22, consumerId: 408, tsmPassword: 'secret' });
		expect(password.sent).toEqual({ bunitId: 22, consumerId: 408 });
		expect(password.secrets).toEqual(['secret']);
	});

	test('flattenTree lists parents before children with their paths', () => {
		const tree = { id: 1, name: 'A', businessUnits: [{ id: 2, name: 'B', businessUnits: [{ id: 3, name: 'C', businessUnits: [] }] }, { id: 4, name: 'D' }] };
		expect(flattenTree(tree).map((entry) => [entry.id, entry.path, entry.depth, entry.childCount])).toEqual([
			[1, 'A', 0, 2],
			[2, 'A / B', 1, 1],
			[3, 'A / B / C', 2, 0],
			[4, 'A / D', 1, 0],
		]);
	});
});

describe('lists', () => {
	test('a list envelope becomes one item per entry, honouring Return All and Limit', async () => {
		const all = await env.run({ resource: 'consumptionUnit', operation: 'getMany', bunitId: byId(76), returnAll: true });
		expect(all.json(NODE_NAME).map((entry) => [entry.id, entry.name])).toEqual([
			[408, 'JennysWS'],
			[409, 'FileServer01'],
			[411, 'BuildServer'],
		]);
		// Entries stay as partial as the portal sends them.
		expect(Object.keys(all.json(NODE_NAME)[0]).sort()).toEqual(['createdDate', 'dataSourceState', 'href', 'id', 'name']);
		expect(all.items(NODE_NAME).every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const limited = await env.run({ resource: 'consumptionUnit', operation: 'getMany', bunitId: byId(76), limit: 2 });
		expect(limited.json(NODE_NAME)).toHaveLength(2);
	});

	test('an answer that is a bare array also becomes one item per entry', async () => {
		const run = await env.run({
			resource: 'consumption',
			operation: 'getSummaries',
			bunitId: byId(22),
			previousDate: '2024-04-01',
			returnAll: true,
		});
		expect(run.json(NODE_NAME).map((entry) => entry.name)).toEqual(['Company AB', 'Marketing Department', 'HR Department', 'Payroll']);
		expect(env.emulator.apiRequests[0].url).toBe('/v1/bunits/22/summaries?previousDate=2024-04-01');
	});

	test('Get Tree flattens the business unit tree, each unit with its path', async () => {
		const run = await env.run({ resource: 'businessUnit', operation: 'getTree', returnAll: true });
		expect(run.json(NODE_NAME).map((entry) => [entry.id, entry.path, entry.depth])).toEqual([
			[22, 'Company AB', 0],
			[76, 'Company AB / Marketing Department', 1],
			[94, 'Company AB / HR Department', 1],
			[95, 'Company AB / HR Department / Payroll', 2],
		]);
		expect(run.json(NODE_NAME)[0]).not.toHaveProperty('businessUnits');
		const below = await env.run({ resource: 'businessUnit', operation: 'getTree', returnAll: true, additionalFields: { bunitId: byId(94) } });
		expect(below.json(NODE_NAME).map((entry) => entry.path)).toEqual(['HR Department', 'HR Department / Payroll']);
		expect(env.emulator.apiRequests[1].url).toBe('/v1/bunits?bunitId=94');
		const nested = await env.run({ resource: 'businessUnit', operation: 'getTree', returnAll: true, additionalFields: { keepTree: true } });
		expect(nested.json(NODE_NAME)).toHaveLength(1);
		expect((nested.json(NODE_NAME)[0].businessUnits as unknown[]).length).toBe(2);
	});
});

describe('audit logs', () => {
	const forUnit = { resource: 'auditLog', operation: 'getManyForConsumptionUnit', ...unit(76, 408) };
	const seed = (count: number) => {
		env.emulator.world.auditLogs.length = 0;
		env.emulator.world.seedAuditLogs(76, 408, count);
	};
	const pageCalls = () => env.emulator.requestsTo('GET', '/v1/bunits/76/consumers/408/auditlogs');

	test('Return All over 1,050 entries reads 11 pages of 100 and returns 1,050 items', async () => {
		seed(1050);
		const run = await env.run({ ...forUnit, returnAll: true });
		const entries = run.json(NODE_NAME);
		expect(entries).toHaveLength(1050);
		expect(new Set(entries.map((entry) => entry.id)).size).toBe(1050);
		expect(entries[0].message).toBe('Seeded entry 1');
		expect(entries[1049].message).toBe('Seeded entry 1050');
		const calls = pageCalls();
		expect(calls).toHaveLength(11);
		expect(calls.map((call) => [call.query.get('offset'), call.query.get('limit')])).toEqual(
			Array.from({ length: 11 }, (_, index) => [String(index * 100), '100']),
		);
		// All five types are sent explicitly, as repeated parameters.
		expect(calls[0].url).toBe(
			'/v1/bunits/76/consumers/408/auditlogs?types=0&types=100&types=200&types=300&types=400&offset=0&limit=100',
		);
	});

	test('a Limit reads only the pages it needs, asking for no more than is left', async () => {
		seed(1050);
		const run = await env.run({ ...forUnit, limit: 250 });
		expect(run.json(NODE_NAME)).toHaveLength(250);
		expect(pageCalls().map((call) => call.query.get('limit'))).toEqual(['100', '100', '50']);
	});

	test('a list that ends on a page boundary costs no extra request', async () => {
		seed(300);
		const run = await env.run({ ...forUnit, returnAll: true });
		expect(run.json(NODE_NAME)).toHaveLength(300);
		expect(pageCalls()).toHaveLength(3);
	});

	test('types, time range, order and descendants are sent as the portal wants them', async () => {
		seed(20);
		const run = await env.run({
			...forUnit,
			returnAll: true,
			additionalFields: {
				types: [300, 400],
				startTime: '2024-01-01T00:05:00Z',
				endTime: '2024-01-01T00:15:00Z',
				orderDesc: true,
				includeDescendants: false,
			},
		});
		const entries = run.json(NODE_NAME);
		expect(entries.map((entry) => entry.typeName)).toEqual(['Error', 'Delete', 'Error', 'Delete']);
		expect(entries.map((entry) => entry.message)).toEqual(['Seeded entry 15', 'Seeded entry 14', 'Seeded entry 10', 'Seeded entry 9']);
		expect(pageCalls()[0].url).toBe(
			'/v1/bunits/76/consumers/408/auditlogs?types=300&types=400&startTime=2024-01-01T00%3A05%3A00Z&endTime=2024-01-01T00%3A15%3A00Z&includeDescendants=false&orderDesc=true&offset=0&limit=100',
		);
	});

	test('business unit audit logs include the units below only when asked', async () => {
		env.emulator.world.seedAuditLogs(94, 410, 3);
		env.emulator.world.seedAuditLogs(95, undefined, 2);
		const own = await env.run({ resource: 'auditLog', operation: 'getManyForBusinessUnit', bunitId: byId(94), returnAll: true });
		expect(own.json(NODE_NAME)).toHaveLength(3);
		const withBelow = await env.run({
			resource: 'auditLog',
			operation: 'getManyForBusinessUnit',
			bunitId: byId(94),
			returnAll: true,
			additionalFields: { includeDescendants: true },
		});
		expect(withBelow.json(NODE_NAME)).toHaveLength(5);
	});
});

describe('consumption units and backup nodes', () => {
	test('Create Backup Node builds the nested body from the picks', async () => {
		const run = await env.run({
			resource: 'backupNode',
			operation: 'create',
			...unit(94, 410),
			operatingSystem: byId(1),
			type: byId(2),
			domain: byId(12),
			clientOptionSet: byId(21),
			additionalFields: { contact: 'lisa@company.example', cpuCount: 4 },
		});
		const [post] = env.emulator.requestsTo('POST', '/v1/bunits/94/consumers/410/node');
		expect(bodyOf(post)).toEqual({
			operatingSystem: { id: 1 },
			type: { id: 2 },
			domain: { id: 12 },
			clientOptionSet: { id: 21 },
			contact: 'lisa@company.example',
			cpuCount: 4,
		});
		const node = run.json(NODE_NAME)[0];
		expect(node).toMatchObject({ type: { name: 'Microsoft SQL Server' }, domain: { name: 'LONGTERM' }, cpuCount: 4 });
	});

	test('the portal\'s own refusal (a node type the OS does not support) comes back with its message', async () => {
		const run = await env.run({
			resource: 'backupNode',
			operation: 'create',
			...unit(94, 410),
			operatingSystem: byId(3),
			type: byId(2),
			domain: byId(11),
			clientOptionSet: byId(21),
		});
		const error = run.nodeError(NODE_NAME) as unknown as { message: string; description: string; httpCode: string };
		expect(error.message).toBe('Node type 2 is not supported on macOS');
		expect(error.httpCode).toBe('400');
		expect(error.description).toContain('Code: invalid_request');
	});

	test('Activate sends the node name and says what the portal answered', async () => {
		env.emulator.world.nodes.set(410, env.emulator.world.newNode(410, { operatingSystemId: 2, typeId: 1, domainId: 11, clientOptionSetId: 22 }));
		const run = await env.run({ resource: 'backupNode', operation: 'activate', ...unit(94, 410), tsmName: 'lisas-ws.01' });
		expect(run.json(NODE_NAME)).toEqual([{ bunitId: 94, consumerId: 410, tsmName: 'lisas-ws.01', result: 'Node LISAS-WS.01 registered on TSM-STO2-01' }]);
		expect(env.emulator.apiRequests[0].url).toBe('/v1/bunits/94/consumers/410/node/activate?tsmName=lisas-ws.01');
		expect(env.emulator.world.nodes.get(410)?.tsmName).toBe('LISAS-WS.01');
	});

	test('filespaces offer the tsmSync choice', async () => {
		const plain = await env.run({ resource: 'backupNode', operation: 'getManyFilespaces', ...unit(76, 409), returnAll: true });
		expect(plain.json(NODE_NAME).map((filespace) => filespace.name)).toEqual(['/', '/home']);
		await env.run({ resource: 'backupNode', operation: 'getManyFilespaces', ...unit(76, 409), returnAll: true, additionalFields: { tsmSync: true } });
		expect(env.emulator.apiRequests.map((request) => request.url)).toEqual([
			'/v1/bunits/76/consumers/409/node/filespaces',
			'/v1/bunits/76/consumers/409/node/filespaces?tsmSync=true',
		]);
		expect(env.emulator.world.nodes.get(409)?.lastTsmSync).toBeDefined();
	});

	test('proxy relations are added and removed from either side', async () => {
		// From the target's side: 409 may act for 408.
		const added = await env.run({ resource: 'backupNode', operation: 'addProxyAgent', ...unit(76, 408), proxyAgentId: byId(409) });
		expect(env.emulator.apiRequests[0].url).toBe('/v1/bunits/76/consumers/408/node/proxyagents?proxyAgentId=409');
		expect((added.json(NODE_NAME)[0].proxyAgents as Array<{ tsmName: string }>).map((node) => node.tsmName)).toEqual(['FILESERVER01']);
		// From the agent's side: 408 may act for 411.
		await env.run({ resource: 'backupNode', operation: 'addProxyTarget', ...unit(76, 408), proxyTargetId: byId(411) });
		expect(env.emulator.world.proxies).toEqual([
			{ agent: 409, target: 408 },
			{ agent: 408, target: 411 },
		]);
		// Removed from the other side each time.
		const removed = await env.run({ resource: 'backupNode', operation: 'removeProxyTarget', ...unit(76, 409), targetConsumerId: byId(408) });
		expect(removed.json(NODE_NAME)).toEqual([{ bunitId: 76, consumerId: 409, targetConsumerId: 408, removed: true }]);
		await env.run({ resource: 'backupNode', operation: 'removeProxyAgent', ...unit(76, 411), proxyConsumerId: byId(408) });
		expect(env.emulator.world.proxies).toEqual([]);
		expect(env.emulator.apiRequests.slice(2).map((request) => `${request.method} ${request.url}`)).toEqual([
			'DELETE /v1/bunits/76/consumers/409/node/proxytargets/408',
			'DELETE /v1/bunits/76/consumers/411/node/proxyagents/408',
		]);
	});

	test('Update reads the current unit and sends it back with only the given fields changed', async () => {
		const run = await env.run({
			resource: 'consumptionUnit',
			operation: 'update',
			...unit(76, 408),
			additionalFields: { note: 'Replaced laptop', otherFields: '{"costCenter": "4711"}' },
		});
		const [get, put] = env.emulator.apiRequests;
		expect([get.method, put.method]).toEqual(['GET', 'PUT']);
		const body = bodyOf(put);
		expect(body).toMatchObject({ id: 408, name: 'JennysWS', limitHighStorage: 100, note: 'Replaced laptop', costCenter: '4711' });
		expect(run.json(NODE_NAME)[0]).toMatchObject({ name: 'JennysWS', note: 'Replaced laptop', costCenter: '4711' });
	});

	test('Update with nothing to change is refused before any request', async () => {
		const run = await env.run({ resource: 'consumptionUnit', operation: 'update', ...unit(76, 408) });
		expect(run.nodeError(NODE_NAME)?.message).toBe('Nothing to update: add at least one field under "Additional Fields"');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('Delete answers with what was deleted', async () => {
		const run = await env.run({
			resource: 'consumptionUnit',
			operation: 'delete',
			...unit(76, 408),
			additionalFields: { deleteAssociations: true, deletionComment: 'Laptop returned' },
		});
		expect(run.json(NODE_NAME)).toEqual([
			{ bunitId: 76, consumerId: 408, deleteAssociations: true, deletionComment: 'Laptop returned', deleted: true },
		]);
		expect(env.emulator.apiRequests[0].url).toBe('/v1/bunits/76/consumers/408?deleteAssociations=true&deletionComment=Laptop%20returned');
		expect(env.emulator.world.consumers.has(408)).toBe(false);
	});

	test('Add Tag sends the tag as the body and says it was added', async () => {
		const run = await env.run({ resource: 'tag', operation: 'addToConsumptionUnit', ...unit(76, 409), id: byId(7) });
		expect(bodyOf(env.emulator.apiRequests[0])).toEqual({ id: 7 });
		expect(run.json(NODE_NAME)).toEqual([{ bunitId: 76, consumerId: 409, added: true }]);
		expect(env.emulator.world.consumers.get(409)?.tagIds).toEqual([7]);
	});
});

describe('other answers', () => {
	test('a plain string answer is wrapped in an item', async () => {
		const run = await env.run({ resource: 'account', operation: 'getVersion' });
		expect(run.json(NODE_NAME)).toEqual([{ version: FULL_VERSION }]);
	});

	test('Create Business Unit links the time zone by ID', async () => {
		const run = await env.run({
			resource: 'businessUnit',
			operation: 'create',
			bunitId: byId(22),
			name: 'Finance',
			additionalFields: { timeZone: byId(7), registrationNumber: 'SE5566-0001' },
		});
		expect(bodyOf(env.emulator.apiRequests[0])).toEqual({ name: 'Finance', registrationNumber: 'SE5566-0001', timeZone: { id: 7 } });
		expect(run.json(NODE_NAME)[0]).toMatchObject({ name: 'Finance', timeZone: { id: 7 }, parentBusinessUnit: { id: 22 } });
	});

	test('Upload Invoice File sends the input item\'s binary data as multipart form data', async () => {
		const content = Buffer.from('%PDF-1.4 invoice for April\n', 'utf8');
		const run = await env.run(
			{ resource: 'billing', operation: 'uploadInvoiceFile', bunitId: byId(94), binaryPropertyName: 'invoice', additionalFields: { erpReference: 'ERP-77' } },
			{ input: [{ json: {}, binary: { invoice: { data: content.toString('base64'), mimeType: 'application/pdf', fileName: 'april.pdf' } } }] },
		);
		expect(run.json(NODE_NAME)[0]).toMatchObject({ fileName: 'april.pdf', size: content.length, erpReference: 'ERP-77' });
		const [upload] = env.emulator.apiRequests;
		expect(upload.url).toBe('/v1/bunits/94/invoicefiles?erpReference=ERP-77');
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.body.includes(content)).toBe(true);
		const missing = await env.run({ resource: 'billing', operation: 'uploadInvoiceFile', bunitId: byId(94), binaryPropertyName: 'nothing' });
		expect(missing.nodeError(NODE_NAME)?.message).toContain('nothing');
		expect(env.emulator.apiRequests).toHaveLength(1);
	});

	test('dates of the path are sent as YYYY-MM-DD', async () => {
		const run = await env.run({ resource: 'billing', operation: 'getInvoice', bunitId: byId(76), date: '2024-04-30T00:00:00' });
		expect(run.json(NODE_NAME)[0].invoiceDateStr).toBe('2024-04-30');
		expect(env.emulator.apiRequests[0].url).toBe('/v1/bunits/76/invoices/2024-04-30');
	});
});

describe('the help pages\' endpoints', () => {
	test('a delete request: the pending one of a consumption unit, and settings that may not be less strict than above', async () => {
		const read = await env.run({ resource: 'deleteRequest', operation: 'get', ...unit(76, 409) });
		expect(read.json(NODE_NAME)).toEqual([
			expect.objectContaining({ deleteRequestName: 'Old project shares', status: { id: 1, name: 'Pending' }, consumer: expect.objectContaining({ id: 409, name: 'FileServer01' }) }),
		]);
		const settings = (additionalFields: INodeParameters) => env.run({ resource: 'deleteRequest', operation: 'createSettings', bunitId: byId(76), additionalFields }, { continueOnFail: true });
		const refused = await settings({ offsetDays: 2, warningLimitEmails: 'backup-admin@company.example, cfo@company.example' });
		expect(refused.json(NODE_NAME)[0]).toMatchObject({ error: 'A waiting time of 2 days is shorter than the 7 days set above', httpCode: '400' });
		env.emulator.requests.length = 0;
		const allowed = await settings({ offsetDays: 2, allowLessRestrictive: true, deletionDays: '1,15', warningLimitEmails: 'backup-admin@company.example, cfo@company.example' });
		expect(allowed.json(NODE_NAME)[0]).toMatchObject({ offsetDays: 2, inherited: false, businessUnitId: 76 });
		const [request] = env.emulator.apiRequests;
		expect(request.url).toBe('/v1/bunits/76/DeleteRequestSettings?allowLessRestrictive=true');
		expect(bodyOf(request)).toEqual({ offsetDays: 2, deletionDays: [1, 15], warningLimitEmails: ['backup-admin@company.example', 'cfo@company.example'] });
	});

	test('Microsoft 365: read a tenant, then give an unassigned tenant (a JSON list of IDs) to a business unit', async () => {
		const tenant = await env.run({ resource: 'microsoft365Tenant', operation: 'get', ...unit(94, 420) });
		expect(tenant.json(NODE_NAME)).toEqual([
			expect.objectContaining({ id: 1201, name: 'hr.company.example', accounts: [{ id: 1301, name: 'karin@hr.company.example', sppId: 'a3f9d1c2-4b7e-4f0a-9c55-1301' }] }),
		]);
		const unassigned = await env.run({ resource: 'microsoft365Tenant', operation: 'getManyUnassigned', bunitId: byId(22), returnAll: true });
		expect(unassigned.json(NODE_NAME).map((entry) => entry.name)).toEqual(['payroll.company.example']);
		env.emulator.requests.length = 0;
		const assign = await env.run({ resource: 'microsoft365Tenant', operation: 'assign', bunitId: byId(22), bunitIdToLink: byId(95), tenantIds: '={{ [1202] }}' });
		expect(assign.json(NODE_NAME)).toEqual([{ bunitId: 22, bunitIdToLink: 95, assigned: true }]);
		const [request] = env.emulator.apiRequests;
		expect(request.url).toBe('/v1/bunits/22/unassignedMicrosoft365Tenants?bunitIdToLink=95');
		expect(bodyOf(request as never) as unknown).toEqual([1202]);
		const created = [...env.emulator.world.consumers.values()].filter((consumer) => consumer.bunitId === 95 && consumer.name === 'payroll.company.example');
		expect(created).toHaveLength(1);
		const account = await env.run({ resource: 'microsoft365Account', operation: 'getManyRestorePoints', ...unit(94, 421), returnAll: true });
		expect(account.json(NODE_NAME).map((point) => point.id)).toEqual([1311, 1312]);
	});

	test('an activity report subscription: create with a list of addresses, patch one field, update reading it first', async () => {
		const created = await env.run({
			resource: 'activityReportSubscription',
			operation: 'create',
			bunitId: byId(76),
			name: 'Marketing activity',
			additionalFields: { emails: 'anna@company.example, ops@company.example', enabled: true },
		});
		const [subscription] = created.json(NODE_NAME);
		expect(subscription).toMatchObject({ name: 'Marketing activity', enabled: true, emails: ['anna@company.example', 'ops@company.example'], businessUnitId: 76 });
		const id = subscription.id as number;
		env.emulator.requests.length = 0;
		await env.run({ resource: 'activityReportSubscription', operation: 'patch', bunitId: byId(76), activityReportSubscriptionId: byId(id), additionalFields: { subject: 'Marketing: last week' } });
		expect(env.emulator.apiRequests.map((request) => `${request.method} ${request.path}`)).toEqual([`PATCH /v1/bunits/76/activityreportsubscriptions/${id}`]);
		expect(bodyOf(env.emulator.apiRequests[0])).toEqual({ subject: 'Marketing: last week' });
		env.emulator.requests.length = 0;
		const updated = await env.run({ resource: 'activityReportSubscription', operation: 'update', bunitId: byId(76), activityReportSubscriptionId: byId(id), additionalFields: { enabled: false } });
		expect(env.emulator.apiRequests.map((request) => request.method)).toEqual(['GET', 'PUT']);
		expect(updated.json(NODE_NAME)[0]).toMatchObject({ id, name: 'Marketing activity', subject: 'Marketing: last week', enabled: false, emails: ['anna@company.example', 'ops@company.example'] });
		const nothing = await env.run({ resource: 'activityReportSubscription', operation: 'patch', bunitId: byId(76), activityReportSubscriptionId: byId(id) });
		expect(nothing.nodeError(NODE_NAME)?.message).toBe('Nothing to update: add at least one field under "Additional Fields"');
	});

	test('status reports: the latest rolls up the warning of a node below; the report type is checked before any request', async () => {
		const latest = await env.run({ resource: 'statusReport', operation: 'getLatest', bunitId: byId(22) });
		expect(latest.json(NODE_NAME)[0]).toMatchObject({
			businessUnitId: 22,
			reportDate: '2024-05-01T00:00:00Z',
			status: { id: 3, name: 'Warning' },
			warnings: [expect.objectContaining({ consumerId: 409, name: 'FileServer01' })],
		});
		const many = await env.run({ resource: 'statusReport', operation: 'getMany', bunitId: byId(76), returnAll: true, additionalFields: { type: 'resale' } });
		expect(many.json(NODE_NAME).map((report) => report.reportDate)).toEqual(['2024-05-01T00:00:00Z', '2024-04-30T00:00:00Z']);
		expect(env.emulator.apiRequests.at(-1)!.url).toBe('/v1/bunits/76/reports?type=resale');
		env.emulator.requests.length = 0;
		const wrong = await env.run({ resource: 'statusReport', operation: 'getMany', bunitId: byId(76), additionalFields: { type: 'monthly' } });
		expect(wrong.nodeError(NODE_NAME)?.message).toBe('"Type" must be one of combined, resale, internal (got "monthly")');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('a subscription is assigned by its ID as {"id": …}; PoINT buckets are released as a JSON list', async () => {
		await env.run({ resource: 'subscription', operation: 'assign', bunitId: byId(76), subscriptionId: byId(302) });
		expect(bodyOf(env.emulator.apiRequests[0])).toEqual({ id: 302 });
		const unassigned = await env.run({ resource: 'subscription', operation: 'getManyUnassigned', bunitId: byId(76), returnAll: true });
		expect(unassigned.json(NODE_NAME).map((entry) => entry.id)).toEqual([301]);
		env.emulator.requests.length = 0;
		const released = await env.run({ resource: 'pointBucket', operation: 'release', bunitId: byId(76), bucketIds: '3101' });
		expect(released.json(NODE_NAME)).toEqual([{ bunitId: 76, released: true }]);
		expect(env.emulator.apiRequests[0].body.toString('utf8')).toBe('[3101]');
		const wrong = await env.run({ resource: 'pointBucket', operation: 'release', bunitId: byId(76), bucketIds: '3101, x' });
		expect(wrong.nodeError(NODE_NAME)?.message).toBe('"Bucket IDs" must be numbers separated by commas (got "x")');
	});

	test('a TOTP secret is made once and never asked for again on a doubt (a GET that changes something)', async () => {
		env.emulator.users.push({ id: 503, username: 'eva@company.example', password: 'Eva-pass 1', name: 'Eva', email: 'eva@company.example', bunitId: 22 });
		env.emulator.fault('GET', '/v1/bunits/22/users/503/totp', { status: 502, body: { message: 'Bad gateway' }, times: 1 });
		const failed = await env.run({ resource: 'user', operation: 'generateTotpSecret', bunitId: byId(22), userId: byId(503) }, { continueOnFail: true });
		expect(failed.json(NODE_NAME)[0]).toMatchObject({ httpCode: '502' });
		expect(env.emulator.requestsTo('GET', '/v1/bunits/22/users/503/totp')).toHaveLength(1);
		const made = await env.run({ resource: 'user', operation: 'generateTotpSecret', bunitId: byId(22), userId: byId(503) });
		expect(made.json(NODE_NAME)[0]).toEqual({ bunitId: 22, userId: 503, secret: expect.stringMatching(/^[A-Z2-7]{20}$/) });
		env.emulator.users.splice(env.emulator.users.findIndex((user) => user.id === 503), 1);
	});
});

describe('Return All by node version', () => {
	const auditLogs = { resource: 'auditLog', operation: 'getManyForConsumptionUnit', ...unit(76, 408) };
	beforeEach(() => {
		env.emulator.world.auditLogs.length = 0;
		env.emulator.world.seedAuditLogs(76, 408, 120);
	});

	test('version 1 (saved workflows): without Return All, the first 50', async () => {
		const run = await env.run(auditLogs, { typeVersion: 1 });
		expect(run.json(NODE_NAME)).toHaveLength(50);
	});

	test('version 2: without Return All, every entry; a Limit still applies when Return All is off', async () => {
		const all = await env.run(auditLogs, { typeVersion: 2 });
		expect(all.json(NODE_NAME)).toHaveLength(120);
		const some = await env.run({ ...auditLogs, returnAll: false, limit: 30 }, { typeVersion: 2 });
		expect(some.json(NODE_NAME)).toHaveLength(30);
		const list = await env.run({ resource: 'consumptionUnit', operation: 'getMany', bunitId: byId(76) }, { typeVersion: 2 });
		expect(list.json(NODE_NAME)).toHaveLength(3);
	});
});

describe('enrolling a computer, built with the pickers', () => {
	/** A pick from a picker's list, as the editor stores it. */
	async function pick(method: string, parameters: INodeParameters, wanted: (name: string) => boolean) {
		const { results } = await listSearch(env.harness, { type: CLOUTILITY_NODE, parameters, credentials: { cloutilityApi: env.credentials() } }, method);
		const found = results.find((result) => wanted(result.name));
		if (!found) throw new Error(`${method} offered no match among ${results.map((result) => result.name).join(', ')}`);
		return fromList(String(found.value), found.name);
	}

	/** Nodes in a row after the trigger, each with its own name, as the editor exports them. */
	function pipeline(steps: Array<{ name: string; parameters: INodeParameters }>): WorkflowJson {
		const nodes: INode[] = [
			{ id: randomUUID(), name: TRIGGER_NAME, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...steps.map(({ name, parameters }, index) => ({
				id: randomUUID(),
				name,
				type: CLOUTILITY_NODE,
				typeVersion: 1,
				position: [220 * (index + 1), 0] as [number, number],
				parameters,
				credentials: { cloutilityApi: { id: CREDENTIAL_ID, name: 'Cloutility account' } },
			})),
		];
		const connections: IConnections = {};
		nodes.slice(0, -1).forEach((node, index) => {
			connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
		});
		return { name: 'Enroll a computer', nodes, connections };
	}

	test('pick a business unit, create a consumption unit and its backup node, activate it, list its filespaces', async () => {
		const base = { resource: 'backupNode', operation: 'create' };
		const bunitId = await pick('searchBusinessUnits', base, (name) => name === 'Company AB / HR Department');
		const withUnit = { ...base, bunitId };
		const operatingSystem = await pick('searchOperatingSystems', withUnit, (name) => name === 'Linux');
		const type = await pick('searchNodeTypes', { ...withUnit, operatingSystem }, (name) => name === 'File');
		const domain = await pick('searchPolicyDomains', withUnit, (name) => name.startsWith('STANDARD'));
		const clientOptionSet = await pick('searchClientOptionSets', withUnit, (name) => name === 'LINUX_DEFAULT');
		expect([bunitId.value, operatingSystem.value, type.value, domain.value, clientOptionSet.value]).toEqual(['94', '2', '1', '11', '22']);
		env.emulator.requests.length = 0;

		const unitOf = (node: string) => ({ __rl: true, mode: 'id', value: `={{ $('${node}').item.json.id }}` });
		const workflow = pipeline([
			{
				name: 'Create Consumption Unit',
				parameters: { resource: 'consumptionUnit', operation: 'create', bunitId, name: '={{ $json.hostname }}', additionalFields: { note: '={{ $json.owner }}' } },
			},
			{
				name: 'Create Backup Node',
				parameters: { ...base, bunitId, consumerId: unitOf('Create Consumption Unit'), operatingSystem, type, domain, clientOptionSet },
			},
			{
				name: 'Activate',
				parameters: {
					resource: 'backupNode',
					operation: 'activate',
					bunitId,
					consumerId: unitOf('Create Consumption Unit'),
					tsmName: "={{ $('Create Consumption Unit').item.json.name.toUpperCase() }}",
				},
			},
			{
				name: 'List Filespaces',
				parameters: {
					resource: 'backupNode',
					operation: 'getManyFilespaces',
					bunitId,
					consumerId: unitOf('Create Consumption Unit'),
					returnAll: true,
					additionalFields: { tsmSync: true },
				},
			},
		]);
		const input = [
			{ hostname: 'hr-laptop-07', owner: 'Anna (HR)' },
			{ hostname: 'hr-laptop-08', owner: 'Omar (HR)' },
		];
		const run = await env.harness.run(workflow, { input, credentials: { cloutilityApi: env.credentials() } });
		expect(run.error).toBeUndefined();

		const units = run.json('Create Consumption Unit');
		expect(units.map((unit) => [unit.name, unit.note, (unit.businessUnit as { id: number }).id])).toEqual([
			['hr-laptop-07', 'Anna (HR)', 94],
			['hr-laptop-08', 'Omar (HR)', 94],
		]);
		const nodes = run.json('Create Backup Node');
		expect(nodes.map((node) => [(node.operatingSystem as { name: string }).name, (node.clientOptionSet as { name: string }).name])).toEqual([
			['Linux', 'LINUX_DEFAULT'],
			['Linux', 'LINUX_DEFAULT'],
		]);
		expect(run.json('Activate').map((answer) => answer.tsmName)).toEqual(['HR-LAPTOP-07', 'HR-LAPTOP-08']);
		const filespaces = run.items('List Filespaces');
		expect(filespaces.map((item) => [item.json.name, (item.pairedItem as { item: number }).item])).toEqual([
			['/', 0],
			['/home', 0],
			['/', 1],
			['/home', 1],
		]);

		// What the portal now holds, and what went over the wire, in order.
		const created = [...env.emulator.world.consumers.values()].filter((consumer) => consumer.bunitId === 94 && consumer.name.startsWith('hr-laptop'));
		expect(created.map((consumer) => env.emulator.world.nodes.get(consumer.id)?.tsmName)).toEqual(['HR-LAPTOP-07', 'HR-LAPTOP-08']);
		const [first, second] = created.map((consumer) => consumer.id);
		expect(env.emulator.apiRequests.map((request) => `${request.method} ${request.url}`)).toEqual([
			'POST /v1/bunits/94/consumers',
			'POST /v1/bunits/94/consumers',
			`POST /v1/bunits/94/consumers/${first}/node`,
			`POST /v1/bunits/94/consumers/${second}/node`,
			`GET /v1/bunits/94/consumers/${first}/node/activate?tsmName=HR-LAPTOP-07`,
			`GET /v1/bunits/94/consumers/${second}/node/activate?tsmName=HR-LAPTOP-08`,
			`GET /v1/bunits/94/consumers/${first}/node/filespaces?tsmSync=true`,
			`GET /v1/bunits/94/consumers/${second}/node/filespaces?tsmSync=true`,
		]);
		expect(env.emulator.passwordGrants).toHaveLength(1);
		// The portal logged each step under the business unit.
		const logged = env.emulator.world.auditLogs.filter((entry) => entry.businessUnitId === 94).map((entry) => entry.message);
		expect(logged).toEqual(expect.arrayContaining(['Consumption unit hr-laptop-07 created', 'Backup node HR-LAPTOP-08 activated']));
	});
});
