/**
 * Download Document: bills, orders and other billing objects with their PDF as binary data, fetched from the
 * document link without any API credential, redirects followed safely, size capped, links kept out of errors.
 */
import { readSchemaSnapshot } from '../../scripts/ovh-catalog/schema-source';
import { DOCUMENT_FIELDS, MAX_DOCUMENT_BYTES, MAX_REDIRECTS, objectType } from '../../nodes/OvhCloud/documents';
import { findOperation, loadFamily } from '../../nodes/OvhCloud/catalog';
import { n8nLogText } from '../harness';
import { NODE_NAME, op, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const getBill = (billId: string, options: Record<string, boolean | string> = { downloadDocument: true }) => ({
	resource: 'v1/me',
	endpoint: op('GET /me/bill/{billId}'),
	parameters: params({ billId }),
	options,
});

const documentRequests = () => env.emulator.requestsTo('GET', '/cgi-bin/order/*');
const bytesOf = (reference: string) => env.emulator.data.account.documents.get(reference)!.body;
const CREDENTIAL_HEADERS = ['x-ovh-application', 'x-ovh-consumer', 'x-ovh-signature', 'x-ovh-timestamp', 'authorization'];

test('a bill comes out as its JSON with its PDF as binary data: the right bytes, file name and MIME type', async () => {
	const run = await env.run(getBill('FR40000002'));
	const [item] = run.items(NODE_NAME);
	expect(item.json).toEqual(env.emulator.data.bills.get('FR40000002'));
	expect(item.binary?.data).toMatchObject({ fileName: 'bill-FR40000002.pdf', mimeType: 'application/pdf', fileExtension: 'pdf' });
	const bytes = Buffer.from(item.binary!.data.data, 'base64');
	expect(bytes.equals(bytesOf('FR40000002'))).toBe(true);
	expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
	expect(item.pairedItem).toEqual({ item: 0 });
	// Fetched exactly at the link, once, with no API credential.
	const [request] = documentRequests();
	expect(documentRequests()).toHaveLength(1);
	expect(`${env.emulator.url}${request.url}`).toBe(env.emulator.data.bills.get('FR40000002')!.pdfUrl);
	for (const header of CREDENTIAL_HEADERS) expect(request.headers[header]).toBeUndefined();
});

test('with a service account, the bearer token is not sent to the document link either', async () => {
	const run = await env.run({ ...getBill('FR40000001'), authentication: SERVICE_ACCOUNT });
	expect(Buffer.from(run.items(NODE_NAME)[0].binary!.data.data, 'base64').equals(bytesOf('FR40000001'))).toBe(true);
	const [request] = documentRequests();
	for (const header of CREDENTIAL_HEADERS) expect(request.headers[header]).toBeUndefined();
	expect(env.emulator.requestsOf('api').every((api) => api.headers.authorization?.startsWith('Bearer '))).toBe(true);
});

test('a list with Return Full Objects: every bill with its own PDF, in the field asked for', async () => {
	const run = await env.run({
		resource: 'v1/me',
		endpoint: op('GET /me/bill'),
		parameters: params({ 'date.from': '2026-01-02T00:00:00Z' }),
		options: { fullObjects: true, downloadDocument: true, binaryPropertyName: 'invoice' },
	});
	const items = run.items(NODE_NAME);
	expect(items.map((item) => item.json.billId)).toEqual(['FR40000002', 'FR40000003']);
	for (const item of items) {
		expect(item.binary?.invoice.fileName).toBe(`bill-${String(item.json.billId)}.pdf`);
		expect(Buffer.from(item.binary!.invoice.data, 'base64').equals(bytesOf(String(item.json.billId)))).toBe(true);
	}
	expect(env.emulator.requestsOf('api').filter((request) => request.path === '/1.0/me/bill')).toHaveLength(1);
	expect(documentRequests()).toHaveLength(2);
});

test('an order\'s PDF; objects without a document link come out without one, with a notice', async () => {
	env.emulator.data.account.addOrder(51000001, new Date('2026-02-01T10:00:00Z'));
	const order = await env.run({ resource: 'v1/me', endpoint: op('GET /me/order/{orderId}'), parameters: params({ orderId: 51000001 }), options: { downloadDocument: true } });
	const [item] = order.items(NODE_NAME);
	expect(item.binary?.data).toMatchObject({ fileName: 'order-51000001.pdf', mimeType: 'application/pdf' });
	expect(Buffer.from(item.binary!.data.data, 'base64').equals(bytesOf('51000001'))).toBe(true);

	const ids = await env.run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}), options: { downloadDocument: true } });
	expect(ids.items(NODE_NAME).map((entry) => [entry.json, entry.binary])).toEqual([...env.emulator.data.bills.keys()].map((billId) => [{ billId }, undefined]));
	expect((ids.runData[NODE_NAME][0].hints ?? []).map((hint) => hint.message)).toEqual([
		'Download Document: 3 of 3 objects of GET /me/bill link to no document, and come out without one (this operation lists IDs: turn on Return Full Objects to get the objects and their links)',
	]);
	expect(documentRequests()).toHaveLength(1);
});

describe('redirects are followed safely, failures are clear and never show the link', () => {
	const bill = () => env.emulator.data.bills.get('FR40000003')!;
	const secretParts = () => [String(bill().pdfUrl), String(bill().password), new URL(String(bill().pdfUrl)).search];
	const expectNoLink = (text: string) => {
		for (const part of secretParts()) expect(text).not.toContain(part);
	};

	test('a redirect (relative Location) is followed, with no credential on either hop', async () => {
		const target = new URL(String(bill().pdfUrl));
		env.emulator.fault('GET', '/cgi-bin/order/facture.pdf', { status: 302, headers: { Location: `/cgi-bin/order/moved.pdf${target.search}` }, times: 1 });
		env.emulator.data.account.documents.set('moved', env.emulator.data.account.documents.get('FR40000003')!);
		const run = await env.run(getBill('FR40000003'));
		expect(Buffer.from(run.items(NODE_NAME)[0].binary!.data.data, 'base64').equals(bytesOf('FR40000003'))).toBe(true);
		expect(documentRequests().map((request) => request.path)).toEqual(['/cgi-bin/order/facture.pdf', '/cgi-bin/order/moved.pdf']);
		for (const request of documentRequests()) for (const header of CREDENTIAL_HEADERS) expect(request.headers[header]).toBeUndefined();
	});

	test(`more than ${MAX_REDIRECTS} redirects, or a redirect away from http(s), fail`, async () => {
		env.emulator.fault('GET', '/cgi-bin/order/facture.pdf', { status: 301, headers: { Location: String(bill().pdfUrl) } });
		const loop = await env.run(getBill('FR40000003'));
		expect(loop.nodeError(NODE_NAME)?.message).toBe(
			`The document of bill FR40000003 could not be downloaded: more than ${MAX_REDIRECTS} redirects (last: ${new URL(env.emulator.url).host}/cgi-bin/order/facture.pdf)`,
		);
		expect(documentRequests()).toHaveLength(MAX_REDIRECTS + 1);
		env.reset();
		env.emulator.fault('GET', '/cgi-bin/order/facture.pdf', { status: 302, headers: { Location: 'file:///etc/passwd' } });
		const away = await env.run(getBill('FR40000003'));
		expect(away.nodeError(NODE_NAME)?.message).toContain('redirected to a link that is not http(s)');
		expectNoLink(loop.serialized() + away.serialized());
	});

	test('an HTTP error names the host and path only; a login page instead of the PDF is an error', async () => {
		env.emulator.fault('GET', '/cgi-bin/order/facture.pdf', { status: 404, body: '<html>gone</html>', headers: { 'Content-Type': 'text/html' }, times: 1 });
		const gone = await env.run(getBill('FR40000003'));
		const error = gone.nodeError(NODE_NAME) as unknown as { message: string; description: string };
		expect(error.message).toBe(`The document of bill FR40000003 could not be downloaded: ${new URL(env.emulator.url).host}/cgi-bin/order/facture.pdf answered HTTP 404`);
		expect(error.description).toContain('without the API credential');

		bill().pdfUrl = String(bill().pdfUrl).replace(/passwd=\w+/, 'passwd=wrong1');
		const login = await env.run(getBill('FR40000003'));
		expect(login.nodeError(NODE_NAME)?.message).toContain('answered with a web page, not the document');
		expectNoLink(gone.serialized() + login.serialized() + n8nLogText());
		expect(login.serialized()).not.toContain('wrong1');
	});

	test(`a document larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB is refused without being read`, async () => {
		const stored = env.emulator.data.account.documents.get('FR40000001')!;
		const original = stored.body;
		stored.body = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x20);
		try {
			const run = await env.run(getBill('FR40000001'));
			expect(run.nodeError(NODE_NAME)?.message).toMatch(/^The document of bill FR40000001 could not be downloaded: it is larger than 50 MB/);
		} finally {
			stored.body = original;
		}
	});

	test('with Continue On Fail, an item whose document fails becomes an error item; the others keep theirs', async () => {
		bill().pdfUrl = String(bill().pdfUrl).replace(/passwd=\w+/, 'passwd=wrong2');
		const run = await env.run(
			{ resource: 'v1/me', endpoint: op('GET /me/bill/{billId}'), parameters: params({ billId: '={{ $json.id }}' }), options: { downloadDocument: true } },
			{ input: [{ id: 'FR40000001' }, { id: 'FR40000003' }, { id: 'FR40000002' }], continueOnFail: true },
		);
		const items = run.items(NODE_NAME);
		expect(items.map((item) => Boolean(item.binary?.data))).toEqual([true, false, true]);
		expect(String(items[1].json.error)).toContain('bill FR40000003');
	});
});

test('every model of the schema that links to a PDF has its document field, and list operations find their objects\' type', async () => {
	const linking = new Map<string, string>();
	for (const { schema } of readSchemaSnapshot()) {
		for (const [name, model] of Object.entries((schema as { models?: Record<string, { properties?: Record<string, { description?: string }> }> }).models ?? {})) {
			const properties = model.properties ?? {};
			if (properties.pdfUrl) linking.set(name, 'pdfUrl');
			else if (properties.pdf) linking.set(name, 'pdf');
			else if (/^URL to download the (contract|order)$/i.test(properties.url?.description ?? '')) linking.set(name, 'url');
		}
	}
	expect(Object.fromEntries([...linking].sort())).toEqual(Object.fromEntries(Object.entries(DOCUMENT_FIELDS).filter(([name]) => linking.has(name)).sort()));
	for (const name of Object.keys(DOCUMENT_FIELDS)) expect([name, linking.has(name)]).toEqual([name, true]);

	const me = (await loadFamily('v1/me'))!;
	expect(objectType(me, findOperation(me, 'GET /me/bill')!)).toBe('billing.Bill');
	expect(objectType(me, findOperation(me, 'GET /me/refund')!)).toBe('billing.Refund');
	expect(objectType(me, findOperation(me, 'GET /me/order/{orderId}')!)).toBe('billing.Order');
});
