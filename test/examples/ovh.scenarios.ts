/**
 * OVHcloud: what its example workflows are run with and must put out, and one HTTP Request check per
 * credential type. Besides the nodes' outputs, the checks look at the emulator's state (the zone was
 * refreshed after the record was added; the date range the bills were asked for).
 */
import type { IDataObject } from 'n8n-workflow';

import type { OvhEmulator } from '../emulators/ovh';
import { OVH_DEMO_UNPAID_ORDER, runningOvhEmulators } from '../emulators/ovh-fixture';
import { webhookItem, type Checks, type HttpRequestCheck, type Scenario, type TriggerScenario } from './scenario-kit';

const NEW_RECORD = { zone: 'example.eu', subDomain: 'status', fieldType: 'CNAME', target: 'status.example-monitor.net.', ttl: 600 };

/** The running emulator whose state satisfies `has` (one fixture runs per test process). */
function emulatorWith(t: Checks, what: string, has: (emulator: OvhEmulator) => boolean): OvhEmulator {
	const emulator = runningOvhEmulators().find(has);
	t.ok(emulator, what);
	return emulator!;
}

/** `YYYY-MM` of the month before the one `now` falls in, in UTC. */
function previousMonth(now: number): string {
	const date = new Date(now);
	return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** The last day of a `YYYY-MM` month. */
const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

const money = (value: unknown) => value as { value?: unknown; currencyCode?: unknown } | undefined;

/**
 * The `date.from` / `date.to` window the last `GET /me/bill` asked for, checked to be last month, and the IDs of
 * the emulator's bills dated in it.
 */
function lastMonthBills(t: Checks, emulator: OvhEmulator): { from: string; to: string; month: string; inRange: string[] } {
	const call = emulator.callsTo('GET /me/bill').at(-1)!;
	const from = call.query.get('date.from') ?? '';
	const to = call.query.get('date.to') ?? '';
	const offset = '(Z|[+-]\\d{2}:\\d{2})$';
	t.match(from, new RegExp(`^\\d{4}-\\d{2}-01T00:00:00\\.000${offset}`), 'date.from is the first instant of a month');
	t.match(to, new RegExp(`^\\d{4}-\\d{2}-\\d{2}T23:59:59\\.999${offset}`), 'date.to is the last instant of a day');
	const month = from.slice(0, 7);
	t.equal(to.slice(0, 7), month, 'date.from and date.to are in the same month');
	t.equal(Number(to.slice(8, 10)), lastDay(month), 'date.to is the last day of that month');
	// "Last month" is taken in the workflow's time zone: within 14 hours of UTC's month boundary it may differ.
	const candidates = [-14, 0, 14].map((hours) => previousMonth(Date.now() + hours * 3600_000));
	t.ok(candidates.includes(month), `${month} is the month before this one (${candidates.join(' / ')})`);
	const inRange = [...emulator.data.bills.values()]
		.filter((bill) => Date.parse(String(bill.date)) >= Date.parse(from) && Date.parse(String(bill.date)) <= Date.parse(to))
		.map((bill) => String(bill.billId))
		.sort();
	return { from, to, month, inRange };
}

export const OVH_SCENARIOS: Scenario[] = [
	{
		file: 'ovh-add-dns-record.json',
		input: [webhookItem(NEW_RECORD)],
		check(outputs, t) {
			const created = outputs('Create DNS Record');
			t.equal(created.length, 1, 'one record created');
			const { id, ...fields } = created[0];
			t.equal(Object.keys(fields).sort(), Object.keys(NEW_RECORD).sort(), 'the record\'s fields');
			for (const [field, value] of Object.entries(NEW_RECORD)) t.equal(fields[field], value, `the record's ${field} is the requested one`);
			t.ok(Number.isInteger(id) && (id as number) > 0, 'the record has a numeric id');

			t.equal(outputs('Refresh Zone'), [{ success: true }], 'the refresh succeeded');
			const emulator = emulatorWith(t, 'the record is in the emulator\'s zone', (candidate) =>
				(candidate.data.zones.get(NEW_RECORD.zone) ?? []).some((record) => record.id === id),
			);
			const calls = emulator.calls.map((call) => `${call.key} ${call.params.zoneName ?? ''}`);
			const createdAt = calls.lastIndexOf(`POST /domain/zone/{zoneName}/record ${NEW_RECORD.zone}`);
			const refreshedAt = calls.lastIndexOf(`POST /domain/zone/{zoneName}/refresh ${NEW_RECORD.zone}`);
			t.ok(createdAt >= 0 && refreshedAt > createdAt, `the zone was refreshed after the record was added (calls: ${calls.join('; ')})`);
			t.ok(emulator.data.refreshed.includes(NEW_RECORD.zone), 'the emulator refreshed the zone');

			t.equal(outputs('Get Created Record'), created, 'the workflow answers with the record as the zone holds it');
		},
	},
	{
		file: 'ovh-last-month-bills.json',
		input: [{}],
		check(outputs, t) {
			const emulator = emulatorWith(t, 'the bills were listed', (candidate) => candidate.callsTo('GET /me/bill').length > 0);
			const { from, to, month, inRange } = lastMonthBills(t, emulator);
			const bills = outputs("Last Month's Bills");
			t.equal(bills.map((bill) => bill.billId).sort(), inRange, 'exactly the bills dated in that month, one item each');
			t.ok(bills.length >= 1 && bills.length < emulator.data.bills.size, 'some bills, and not those of other months');
			if (month === previousMonth(Date.now())) {
				t.equal(bills.map((bill) => bill.billId).sort(), ['FR40000012', 'FR40000036', 'FR40000059'], 'the three demo bills of last month');
			}
			for (const bill of bills) {
				const where = `bill ${String(bill.billId)}`;
				t.ok(Date.parse(String(bill.date)) >= Date.parse(from) && Date.parse(String(bill.date)) <= Date.parse(to), `${where} is dated last month`);
				for (const amount of ['priceWithoutTax', 'tax', 'priceWithTax']) {
					t.ok(typeof money(bill[amount])?.value === 'number' && money(bill[amount])!.currencyCode === 'EUR', `${where} has ${amount} in EUR`);
				}
				const [net, tax, gross] = ['priceWithoutTax', 'tax', 'priceWithTax'].map((amount) => money(bill[amount])!.value as number);
				t.ok(Math.abs(net + tax - gross) < 0.005, `${where}: price without tax + tax = price with tax`);
				t.match(bill.pdfUrl, /^https?:\/\/.+\/cgi-bin\/order\/facture\.pdf\?reference=FR\d+&passwd=\w+$/, `${where} has its PDF link`);
			}
			const batch = emulator.requestsOf('api').filter((request) => request.path === '/1.0/me/bill').at(-1);
			t.equal(batch?.headers['x-pagination-mode'], 'CachedObjectList-Pages', 'full objects fetched in batch mode');
		},
	},
	{
		file: 'ovh-bills-to-folder.json',
		input: [{}],
		check(outputs, t) {
			const emulator = emulatorWith(t, 'the bills were listed', (candidate) => candidate.callsTo('GET /me/bill').length > 0);
			const { inRange } = lastMonthBills(t, emulator);
			const bills = outputs("Last Month's Bills with PDF");
			t.equal(bills.map((bill) => bill.billId).sort(), inRange, 'exactly the bills dated last month, one item each');
			t.ok(bills.length >= 1, 'some bills');
			const written = outputs('Write PDF to Folder');
			t.equal(written.map((bill) => bill.billId).sort(), inRange, 'one file per bill');
			for (const file of written) {
				// n8n's node (and the test harness's stand-in) adds the path it wrote to; the e2e replaces the disk write.
				if (file.fileName !== undefined) {
					t.equal(file.fileName, `/home/node/.n8n-files/ovh-bills/${String(file.date).slice(0, 7)}_bill-${String(file.billId)}.pdf`, `the file of bill ${String(file.billId)}`);
				}
			}
			const documents = emulator.requestsTo('GET', '/cgi-bin/order/facture.pdf');
			for (const billId of inRange) {
				const fetched = documents.filter((request) => request.query.get('reference') === billId);
				t.ok(fetched.length >= 1, `the PDF of ${billId} was downloaded from its link`);
				t.ok(fetched.every((request) => !request.headers['x-ovh-consumer'] && !request.headers.authorization), `no API credential went to the PDF link of ${billId}`);
			}
		},
	},
];

export const OVH_TRIGGER_SCENARIOS: TriggerScenario[] = [
	{
		file: 'ovh-new-bill-pdf-to-folder.json',
		// Paying the demo account's unpaid order issues its bill (as OVHcloud does once the payment is taken).
		change: {
			type: 'n8n-nodes-eurocloud.ovhCloud',
			name: 'Pay Order',
			parameters: {
				resource: 'v1/me',
				endpoint: { __rl: true, mode: 'list', value: 'POST /me/order/{orderId}/pay' },
				parameters: { mappingMode: 'defineBelow', value: { orderId: OVH_DEMO_UNPAID_ORDER, paymentMethod: { id: 1 } } },
			},
			credentials: { ovhCloudApi: 'ovhEmulatorApi01' },
		},
		check(events, t) {
			t.equal(events.length, 1, 'one event for the one new bill');
			const [bill] = events;
			t.equal(bill.event, 'newBill', 'event');
			t.equal(bill.orderId, OVH_DEMO_UNPAID_ORDER, 'the bill of the order just paid');
			t.match(bill.billId, /^FR\d{8}$/, 'bill ID');
			t.equal(money(bill.priceWithoutTax)?.value, 64, 'the full bill, with its amounts');
			const emulator = emulatorWith(t, 'the bill is in the emulator', (candidate) => candidate.data.bills.has(String(bill.billId)));
			const fetched = emulator.requestsTo('GET', '/cgi-bin/order/facture.pdf').filter((request) => request.query.get('reference') === bill.billId);
			t.equal(fetched.length, 1, 'its PDF was downloaded once, for the binary field the Write node saves');
			t.ok(!fetched[0].headers['x-ovh-consumer'] && !fetched[0].headers.authorization, 'without the API credential');
		},
	},
];

/** What GET /me answers for the emulator's demo account. */
function checkAccount(outputs: (node: string) => IDataObject[], t: Checks) {
	const me = outputs('HTTP Request');
	t.equal(me.length, 1, 'one account');
	t.equal(me[0].nichandle, 'xx1234-ovh', 'nichandle');
	t.equal(me[0].email, 'ops@example.eu', 'email');
	t.equal((me[0].currency as IDataObject | undefined)?.code, 'EUR', 'currency');
}

export const OVH_HTTP_REQUEST_CHECKS: HttpRequestCheck[] = [
	{
		credentialType: 'ovhCloudApi',
		request: ({ data }) => ({ method: 'GET', url: `${String(data.customUrl)}/me` }),
		check: checkAccount,
	},
	{
		credentialType: 'ovhCloudOAuth2Api',
		request: ({ data }) => ({ method: 'GET', url: `${String(data.apiUrl)}/me` }),
		check: checkAccount,
	},
];
