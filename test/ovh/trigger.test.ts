/**
 * The OVHcloud Trigger through n8n-core's poll path (PollContext, TriggersAndPollers, static data kept between
 * polls), against the emulator whose world changes between polls. For every event: the baseline emits
 * nothing; one change emits exactly one item; polls without change emit nothing; a failed poll keeps the state
 * and the next one catches up; "Fetch Test Event" returns the newest item without moving the state. Then what
 * one poll costs, state bounds, both credentials, and each event's own rules.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_IDS, MAX_STATES } from '../../nodes/shared/trigger';
import { listSearch, pollSession, type PollSession } from '../harness';
import { resourceMapperFields } from '../harness/editor-calls';
import { op, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

const TRIGGER = 'n8n-nodes-eurocloud.ovhCloudTrigger';
const MINUTE = 60_000;
const DAY = 86_400_000;

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const account = () => env.emulator.data.account;

function trigger(parameters: IDataObject): PollSession {
	return pollSession(
		env.harness,
		{ type: TRIGGER, parameters, credentials: { ovhCloudApi: 'ovh-1', ovhCloudOAuth2Api: 'ovh-oauth-1' } },
		{ ovhCloudApi: env.signed(), ovhCloudOAuth2Api: env.oauth2() },
	);
}

/** The API requests (not clock or token requests, not document downloads) one poll makes. */
async function cost(session: PollSession, mode: 'trigger' | 'manual' = 'trigger'): Promise<{ items: IDataObject[]; requests: number }> {
	const before = env.emulator.requestsOf('api').length;
	const items = await session.emitted(mode);
	return { items, requests: env.emulator.requestsOf('api').length - before };
}

let sequence = 0;
const next = () => ++sequence;

interface EventCase {
	name: string;
	parameters: () => IDataObject;
	/** Before the baseline: what the event needs to exist. */
	setup?: () => void;
	/** Makes one event happen now; returns what the emitted item must contain. */
	happen: () => Record<string, unknown>;
	/** The API path a fault is put on to make a poll fail. */
	faultPath: string;
}

let watchedOrder = 0;
let watchedTicket = 0;
const ORDER_FLOW = ['checking', 'delivering', 'documentsRequested', 'checking', 'delivering'];

const CASES: EventCase[] = [
	{
		name: 'New Bill',
		parameters: () => ({ event: 'newBill' }),
		happen: () => {
			const bill = env.emulator.data.addBill(500 + next(), new Date());
			return { event: 'newBill', billId: bill.billId, pdfUrl: bill.pdfUrl };
		},
		faultPath: '/1.0/me/bill',
	},
	{
		name: 'New Order',
		parameters: () => ({ event: 'newOrder' }),
		happen: () => {
			const order = account().addOrder(52_000_000 + next(), new Date());
			return { event: 'newOrder', orderId: order.orderId, date: order.date };
		},
		faultPath: '/1.0/me/order',
	},
	{
		name: 'Order Status Changed',
		parameters: () => ({ event: 'orderStatusChanged' }),
		setup: () => {
			watchedOrder = 53_000_000 + next();
			account().addOrder(watchedOrder, new Date(Date.now() - 2 * DAY), 'notPaid');
		},
		happen: () => {
			const previousStatus = account().orderStatus.get(watchedOrder)!;
			const status = ORDER_FLOW[ORDER_FLOW.indexOf(previousStatus) + 1] ?? 'checking';
			account().orderStatus.set(watchedOrder, status);
			return { event: 'orderStatusChanged', orderId: watchedOrder, status, previousStatus };
		},
		faultPath: '/1.0/me/order',
	},
	{
		name: 'Support Ticket Created or Updated',
		parameters: () => ({ event: 'supportTicket' }),
		setup: () => {
			watchedTicket = account().addTicket('Disk errors on ns3001234', new Date(Date.now() - DAY)).ticketId as number;
		},
		happen: () => {
			const at = new Date(Date.now() + next() * 1000);
			account().updateTicket(watchedTicket, at, { lastMessageFrom: next() % 2 ? 'support' : 'customer' });
			const ticket = account().tickets.get(watchedTicket)!;
			return { event: 'supportTicket', change: 'updated', ticketId: watchedTicket, updateDate: at.toISOString(), lastMessageFrom: ticket.lastMessageFrom };
		},
		faultPath: '/1.0/support/tickets',
	},
	{
		name: 'Service Expiring Soon',
		parameters: () => ({ event: 'serviceExpiring', withinDays: 30 }),
		happen: () => {
			const service = account().addService(`shop-${next()}.example.eu`, '/domain', new Date(Date.now() + 10 * DAY + MINUTE));
			return { event: 'serviceExpiring', serviceId: service.serviceId, daysLeft: 10 };
		},
		faultPath: '/1.0/services',
	},
	{
		name: 'New Notification',
		parameters: () => ({ event: 'newNotification' }),
		happen: () => {
			const notification = account().addNotification(`Your invoice ${next()} is available`, new Date());
			return { event: 'newNotification', id: notification.id, title: notification.title };
		},
		faultPath: '/v2/notification/history',
	},
	{
		name: 'New Item in Any List',
		parameters: () => ({
			event: 'newListItem',
			resource: 'v1/domain',
			endpoint: op('GET /domain/zone/{zoneName}/record'),
			parameters: params({ zoneName: 'example.org' }),
			includeFullObjects: true,
		}),
		happen: () => {
			const record = { id: 900_000 + next(), zone: 'example.org', fieldType: 'A', subDomain: `host${sequence}`, target: '203.0.113.7', ttl: 300 };
			env.emulator.data.zones.get('example.org')!.push(record);
			return { event: 'newListItem', ...record };
		},
		faultPath: '/1.0/domain/zone/example.org/record',
	},
	{
		name: 'Object Changed',
		parameters: () => ({
			event: 'objectChanged',
			resource: 'v1/dedicated',
			endpoint: op('GET /dedicated/server/{serviceName}'),
			parameters: params({ serviceName: 'ns3005678.ip-198-51-100.eu' }),
		}),
		happen: () => {
			const server = env.emulator.data.servers.get('ns3005678.ip-198-51-100.eu')!;
			const previous = server.state;
			server.state = `state-${next()}`;
			return {
				event: 'objectChanged',
				operation: 'GET /dedicated/server/{serviceName}',
				path: '/dedicated/server/ns3005678.ip-198-51-100.eu',
				changes: [{ field: 'state', previous, current: server.state }],
				previous: { state: previous },
				current: { state: server.state },
			};
		},
		faultPath: '/1.0/dedicated/server/ns3005678.ip-198-51-100.eu',
	},
];

describe.each(CASES.map((event) => [event.name, event] as const))('%s', (_name, event) => {
	test('baseline emits nothing; one change, one item; no change, nothing; a failed poll loses nothing; Fetch Test Event moves nothing', async () => {
		event.setup?.();
		const session = trigger(event.parameters());
		expect(await session.emitted()).toEqual([]);
		expect(await session.emitted()).toEqual([]);

		const first = event.happen();
		const emitted = await session.emitted();
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject(first);
		expect(await session.emitted()).toEqual([]);
		expect(await session.emitted()).toEqual([]);

		const stored = structuredClone(session.staticData);
		const remove = env.emulator.fault('GET', event.faultPath, { status: 500, body: { errorCode: 'INTERNAL', message: 'Internal server error' } });
		const during = event.happen();
		const failed = await session.poll();
		expect(failed.error?.message).toContain('Internal server error');
		expect(failed.items).toBeNull();
		expect(session.staticData).toEqual(stored);
		remove();

		const manual = await session.emitted('manual');
		expect(manual).toHaveLength(1);
		expect(manual[0].event).toBe(first.event);
		expect(session.staticData).toEqual(stored);

		const caughtUp = await session.emitted();
		expect(caughtUp).toHaveLength(1);
		expect(caughtUp[0]).toMatchObject(during);
		expect(await session.emitted()).toEqual([]);
	});
});

test.each(CASES.map((event) => [event.name, event] as const))('%s with a service account: bearer calls only, one change, one item', async (_name, event) => {
	event.setup?.();
	const session = trigger({ ...event.parameters(), authentication: SERVICE_ACCOUNT });
	expect(await session.emitted()).toEqual([]);
	const expected = event.happen();
	const emitted = await session.emitted();
	expect(emitted).toHaveLength(1);
	expect(emitted[0]).toMatchObject(expected);
	const api = env.emulator.requestsOf('api');
	expect(api.length).toBeGreaterThan(0);
	expect(api.every((request) => request.headers.authorization?.startsWith('Bearer ') && !request.headers['x-ovh-signature'])).toBe(true);
});

describe('what one poll costs (API requests)', () => {
	test.each([
		['one by one', false, 1, 1 + 3],
		['batch mode', true, 1, 1],
	])('New Bill, %s: nothing new, and 3 new', async (_mode, batchMode, none, three) => {
		const session = trigger({ event: 'newBill', options: { batchMode } });
		await session.emitted();
		expect(await cost(session)).toEqual({ items: [], requests: none });
		for (let index = 0; index < 3; index++) env.emulator.data.addBill(700 + next(), new Date());
		const { items, requests } = await cost(session);
		expect([items.length, requests]).toEqual([3, three]);
		expect(await cost(session)).toEqual({ items: [], requests: none });
	});

	test('New Order: 1 request, 1 + K with K new; Order Status Changed: 1 + the orders of the window not delivered or cancelled', async () => {
		const orders = trigger({ event: 'newOrder' });
		await orders.emitted();
		expect((await cost(orders)).requests).toBe(1);
		account().addOrder(54_000_000 + next(), new Date());
		account().addOrder(54_000_000 + next(), new Date());
		expect(await cost(orders)).toMatchObject({ requests: 3 });

		const statuses = trigger({ event: 'orderStatusChanged', orderDays: 30 });
		await statuses.emitted();
		const open = [...account().orders.values()].filter(
			(order) => Date.parse(String(order.date)) > Date.now() - 30 * DAY && !['delivered', 'cancelled'].includes(account().orderStatus.get(order.orderId as number)!),
		);
		expect((await cost(statuses)).requests).toBe(1 + open.length);
		const delivered = open[0].orderId as number;
		account().orderStatus.set(delivered, 'delivered');
		expect(await cost(statuses)).toEqual({ items: [expect.objectContaining({ orderId: delivered, status: 'delivered' })], requests: 1 + open.length });
		// A delivered order is final: its status is not asked for again.
		expect((await cost(statuses)).requests).toBe(open.length);
	});

	test.each([
		['Support Ticket Created or Updated', { event: 'supportTicket' }],
		['Service Expiring Soon', { event: 'serviceExpiring' }],
		['New Notification', { event: 'newNotification' }],
		['Object Changed', { event: 'objectChanged', resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) }],
		['New Item in Any List (IDs only)', { event: 'newListItem', resource: 'v1/domain', endpoint: op('GET /domain/zone'), parameters: params({}) }],
	])('%s: 1 request per poll', async (_name, parameters) => {
		const session = trigger(parameters);
		await session.emitted();
		expect(await cost(session)).toEqual({ items: [], requests: 1 });
	});

	test('New Item in Any List with Include Full Objects: 1 + K', async () => {
		const session = trigger({ event: 'newListItem', resource: 'v1/domain', endpoint: op('GET /domain/zone/{zoneName}/record'), parameters: params({ zoneName: 'example.eu' }), includeFullObjects: true });
		await session.emitted();
		expect((await cost(session)).requests).toBe(1);
		const records = env.emulator.data.zones.get('example.eu')!;
		for (let index = 0; index < 2; index++) records.push({ id: 910_000 + next(), zone: 'example.eu', fieldType: 'TXT', subDomain: '', target: `"k${sequence}"`, ttl: 60 });
		const { items, requests } = await cost(session);
		expect(items.map((item) => item.target)).toEqual(records.slice(-2).map((record) => record.target));
		expect(requests).toBe(3);
	});
});

describe('the reads of one poll that do not depend on each other run concurrently, in order, nothing lost', () => {
	const LATENCY = 20;
	/** One poll at `LATENCY` ms per request: what it emitted, its API requests, and the most requests in flight at once. */
	async function timed(session: PollSession): Promise<{ items: IDataObject[]; requests: number; peak: number }> {
		env.emulator.latencyMs = LATENCY;
		env.emulator.peakInFlight = 0;
		try {
			const { items, requests } = await cost(session);
			return { items, requests, peak: env.emulator.peakInFlight };
		} finally {
			env.emulator.latencyMs = 0;
		}
	}

	test('New Bill one by one: the 10 new bills are read 8 at a time, emitted oldest first; a failed read fails the poll and the next one emits them all', async () => {
		const session = trigger({ event: 'newBill' });
		await session.emitted();
		const start = Date.now();
		// Added newest first: the emitted order is the bills' dates, not the list's order.
		const bills = Array.from({ length: 10 }, (_unused, index) => env.emulator.data.addBill(1_000 + next(), new Date(start + (10 - index) * 1000)));
		const failing = env.emulator.fault('GET', `/1.0/me/bill/${String(bills[6].billId)}`, { status: 403, body: { message: 'This call has not been granted' }, times: 1 });
		expect((await session.poll()).error).toBeDefined();
		failing();
		const { items, requests, peak } = await timed(session);
		expect(items.map((bill) => bill.billId)).toEqual(bills.map((bill) => bill.billId).reverse());
		expect(requests).toBe(1 + 10);
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(8);
		expect(await session.emitted()).toEqual([]);
	});

	test('New Bill with PDF (batch mode): the PDFs are downloaded 8 at a time, each beside its bill', async () => {
		const session = trigger({ event: 'newBill', downloadPdf: true, options: { batchMode: true } });
		await session.emitted();
		const start = Date.now();
		const bills = Array.from({ length: 10 }, (_unused, index) => env.emulator.data.addBill(1_100 + next(), new Date(start + (index + 1) * 1000)));
		env.emulator.latencyMs = LATENCY;
		env.emulator.peakInFlight = 0;
		try {
			// Batch mode reads the bills in 1 request: the requests in flight together can only be the downloads.
			const { items } = await session.poll();
			expect(items!.map((item) => [item.json.billId, item.binary?.data.fileName])).toEqual(bills.map((bill) => [bill.billId, `bill-${String(bill.billId)}.pdf`]));
			expect(env.emulator.requestsTo('GET', '/cgi-bin/order/facture.pdf')).toHaveLength(10);
			expect(env.emulator.peakInFlight).toBeGreaterThan(1);
			expect(env.emulator.peakInFlight).toBeLessThanOrEqual(8);
		} finally {
			env.emulator.latencyMs = 0;
		}
	});

	test('Order Status Changed: the statuses of the orders not delivered are read 8 at a time; changes come oldest order first', async () => {
		const start = Date.now();
		const orders = Array.from({ length: 12 }, (_unused, index) => account().addOrder(56_000_000 + next(), new Date(start - (index + 1) * 60 * MINUTE), 'checking').orderId as number);
		const session = trigger({ event: 'orderStatusChanged', orderDays: 1 });
		await session.emitted();
		for (const orderId of [orders[2], orders[9], orders[5]]) account().orderStatus.set(orderId, 'delivering');
		// Other tests' orders of the last day that are not delivered count too.
		const open = [...account().orders.values()].filter(
			(order) => Date.parse(String(order.date)) > Date.now() - DAY && !['delivered', 'cancelled'].includes(account().orderStatus.get(order.orderId as number)!),
		);
		expect(open.length).toBeGreaterThanOrEqual(12);
		const { items, requests, peak } = await timed(session);
		expect(items.map((order) => order.orderId)).toEqual([orders[9], orders[5], orders[2]]);
		expect(requests).toBe(1 + open.length);
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(8);
		for (const orderId of orders) account().orderStatus.set(orderId, 'delivered');
	});

	test('New Item in Any List with Include Full Objects: the new IDs\' objects are read 8 at a time, emitted in ID order', async () => {
		const session = trigger({ event: 'newListItem', resource: 'v1/domain', endpoint: op('GET /domain/zone/{zoneName}/record'), parameters: params({ zoneName: 'example.eu' }), includeFullObjects: true });
		await session.emitted();
		const records = env.emulator.data.zones.get('example.eu')!;
		const added = Array.from({ length: 10 }, (_unused, index) => ({ id: 930_000 + 10 * next() + index, zone: 'example.eu', fieldType: 'TXT', subDomain: '', target: `"c${index}"`, ttl: 60 }));
		records.push(...[...added].reverse());
		const { items, requests, peak } = await timed(session);
		expect(items.map((item) => item.id)).toEqual(added.map((record) => record.id));
		expect(items.every((item) => typeof item.target === 'string')).toBe(true);
		expect(requests).toBe(1 + 10);
		expect(peak).toBeGreaterThan(1);
		expect(peak).toBeLessThanOrEqual(8);
	});
});

describe('state stays bounded whatever the account holds', () => {
	test(`New Bill: 10,000 bills seen over 10 polls (batch mode); at most ${MAX_IDS} IDs near the watermark are kept`, async () => {
		const session = trigger({ event: 'newBill', options: { batchMode: true } });
		await session.emitted();
		const start = Date.now();
		let emitted = 0;
		for (let round = 0; round < 10; round++) {
			for (let index = 0; index < 1000; index++) env.emulator.data.addBill(100_000 + round * 1000 + index, new Date(start + (round * 1000 + index + 1) * MINUTE));
			emitted += (await session.emitted()).length;
		}
		expect(emitted).toBe(10_000);
		expect(await session.emitted()).toEqual([]);
		expect(session.stateSize()).toBeLessThan(2_000);
		for (let index = 0; index < 10_000; index++) env.emulator.data.bills.delete(`FR${40_000_000 + 100_000 + index}`);
	}, 120_000);

	test(`New Item in Any List: up to ${MAX_STATES.toLocaleString('en')} IDs, one short entry each; past that, the poll asks for a narrower filter and keeps its state`, async () => {
		const records = Array.from({ length: MAX_STATES - 1 }, (_unused, index) => ({ id: 1_000_000 + index, zone: 'big.example', fieldType: 'A', subDomain: `h${index}`, target: '203.0.113.9', ttl: 60 }));
		env.emulator.data.zones.set('big.example', records);
		const session = trigger({ event: 'newListItem', resource: 'v1/domain', endpoint: op('GET /domain/zone/{zoneName}/record'), parameters: params({ zoneName: 'big.example' }) });
		await session.emitted();
		records.push({ id: 2_000_000, zone: 'big.example', fieldType: 'A', subDomain: 'new', target: '203.0.113.10', ttl: 60 });
		expect(await session.emitted()).toEqual([{ event: 'newListItem', id: 2_000_000 }]);
		expect(session.stateSize()).toBeLessThan(MAX_STATES * 16);
		const stored = structuredClone(session.staticData);
		records.push({ id: 2_000_001, zone: 'big.example', fieldType: 'A', subDomain: 'one-too-many', target: '203.0.113.11', ttl: 60 });
		const refused = await session.poll();
		expect(refused.error?.message).toContain('narrow the trigger\'s filters');
		expect(session.staticData).toEqual(stored);
		records.pop();
		expect(await session.emitted()).toEqual([]);
		env.emulator.data.zones.delete('big.example');
	}, 60_000);

	test(`Support tickets: 10,000 tickets seen; the state holds one short line per ticket, at most ${MAX_STATES.toLocaleString('en')}`, async () => {
		const at = new Date(Date.now() - DAY);
		const ids = Array.from({ length: 10_000 }, (_unused, index) => account().addTicket(`Ticket ${index}`, at).ticketId as number);
		const session = trigger({ event: 'supportTicket' });
		await session.emitted();
		account().updateTicket(ids[1234], new Date());
		expect((await session.emitted()).map((ticket) => [ticket.ticketId, ticket.change, (ticket.previous as IDataObject).lastMessageFrom])).toEqual([[ids[1234], 'updated', 'customer']]);
		expect(session.stateSize()).toBeLessThan(MAX_STATES * 60);
		for (const id of ids) account().tickets.delete(id);
	}, 60_000);
});

describe('each event\'s own rules', () => {
	test('New Bill with Download PDF: the PDF as binary data, fetched without the API credential; in Fetch Test Event too', async () => {
		const session = trigger({ event: 'newBill', downloadPdf: true, binaryPropertyName: 'invoice' });
		await session.emitted();
		const bill = env.emulator.data.addBill(800 + next(), new Date());
		const { items } = await session.poll();
		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({ event: 'newBill', billId: bill.billId });
		expect(items![0].binary?.invoice).toMatchObject({ fileName: `bill-${String(bill.billId)}.pdf`, mimeType: 'application/pdf' });
		expect(Buffer.from(items![0].binary!.invoice.data, 'base64').equals(account().documents.get(String(bill.billId))!.body)).toBe(true);
		const documents = env.emulator.requestsTo('GET', '/cgi-bin/order/facture.pdf');
		expect(documents).toHaveLength(1);
		expect(documents[0].headers['x-ovh-consumer'] ?? documents[0].headers.authorization).toBeUndefined();
		const sample = await session.poll('manual');
		expect(sample.items![0].binary?.invoice.fileName).toMatch(/^bill-FR\d+\.pdf$/);
	});

	test('a PDF that cannot be downloaded fails the poll: the bill comes with the next good poll', async () => {
		const session = trigger({ event: 'newBill', downloadPdf: true });
		await session.emitted();
		const bill = env.emulator.data.addBill(850 + next(), new Date());
		const remove = env.emulator.fault('GET', '/cgi-bin/order/facture.pdf', { status: 404, body: 'gone' });
		const failed = await session.poll();
		expect(failed.error?.message).toContain(`bill ${String(bill.billId)} could not be downloaded`);
		remove();
		expect((await session.emitted()).map((item) => item.billId)).toEqual([bill.billId]);
	});

	test('a bill dated a little before the last one seen (within the overlap) still comes, once', async () => {
		const session = trigger({ event: 'newBill' });
		await session.emitted();
		const now = Date.now();
		env.emulator.data.addBill(870 + next(), new Date(now + 2 * MINUTE));
		expect(await session.emitted()).toHaveLength(1);
		const late = env.emulator.data.addBill(870 + next(), new Date(now - 3 * MINUTE));
		expect((await session.emitted()).map((item) => item.billId)).toEqual([late.billId]);
		expect(await session.emitted()).toEqual([]);
		const listCall = env.emulator.callsTo('GET /me/bill').at(-1)!;
		expect(Date.parse(listCall.query.get('date.from')!)).toBe(now + 2 * MINUTE - 10 * MINUTE);
	});

	test('Order Status Changed: Only These Statuses, and a new order counts from no status', async () => {
		const session = trigger({ event: 'orderStatusChanged', orderStatuses: ['delivered'] });
		const orderId = 55_000_000 + next();
		account().addOrder(orderId, new Date(Date.now() - DAY), 'notPaid');
		await session.emitted();
		account().orderStatus.set(orderId, 'checking');
		expect(await session.emitted()).toEqual([]);
		account().orderStatus.set(orderId, 'delivered');
		expect(await session.emitted()).toEqual([expect.objectContaining({ orderId, status: 'delivered', previousStatus: 'checking' })]);
		const quick = 55_000_000 + next();
		account().addOrder(quick, new Date(), 'delivered');
		expect(await session.emitted()).toEqual([expect.objectContaining({ orderId: quick, status: 'delivered', previousStatus: null })]);
	});

	test('Support tickets: only replies from support; created tickets when asked', async () => {
		const session = trigger({ event: 'supportTicket', lastMessageFrom: 'support', ticketChanges: ['created', 'updated'] });
		await session.emitted();
		const mine = account().addTicket('Please reboot', new Date());
		expect(await session.emitted()).toEqual([]);
		account().updateTicket(mine.ticketId as number, new Date(Date.now() + 1000), { lastMessageFrom: 'support', state: 'open' });
		expect(await session.emitted()).toEqual([expect.objectContaining({ change: 'updated', ticketId: mine.ticketId, lastMessageFrom: 'support' })]);
		const created = trigger({ event: 'supportTicket', ticketChanges: ['created'] });
		await created.emitted();
		account().updateTicket(mine.ticketId as number, new Date(Date.now() + 2000), { state: 'closed' });
		const opened = account().addTicket('New one', new Date());
		expect((await created.emitted()).map((ticket) => [ticket.change, ticket.ticketId])).toEqual([['created', opened.ticketId]]);
	});

	test('Service Expiring Soon: the window, automatic renewals left out on demand, a renewal that stays in the window comes again', async () => {
		const session = trigger({ event: 'serviceExpiring', withinDays: 7, manualRenewalOnly: true, routes: '/domain' });
		await session.emitted();
		const soon = account().addService('soon.example.eu', '/domain', new Date(Date.now() + 3 * DAY + MINUTE));
		account().addService('auto.example.eu', '/domain', new Date(Date.now() + 3 * DAY), 'automatic');
		account().addService('late.example.eu', '/domain', new Date(Date.now() + 20 * DAY));
		account().addService('vps-1.example.eu', '/vps', new Date(Date.now() + 2 * DAY));
		expect((await session.emitted()).map((service) => [(service.resource as IDataObject).name, service.daysLeft])).toEqual([['soon.example.eu', 3]]);
		expect(env.emulator.callsTo('GET /services').at(-1)!.query.get('routes')).toBe('/domain');
		account().renewService(soon.serviceId as number, new Date(Date.now() + 5 * DAY));
		expect((await session.emitted()).map((service) => service.serviceId)).toEqual([soon.serviceId]);
		account().renewService(soon.serviceId as number, new Date(Date.now() + 365 * DAY));
		expect(await session.emitted()).toEqual([]);
	});

	test('New Notification with a service account: filters sent as repeated keys, createdAfter from the watermark', async () => {
		const session = trigger({ event: 'newNotification', authentication: SERVICE_ACCOUNT, priorities: ['HIGH', 'MEDIUM'], categories: 'incident, billing' });
		await session.emitted();
		account().addNotification('Low billing news', new Date(), { priority: 'LOW' });
		account().addNotification('Incident on GRA', new Date(), { priority: 'HIGH', categories: ['incident'] });
		expect((await session.emitted()).map((notification) => notification.title)).toEqual(['Incident on GRA']);
		const call = env.emulator.callsTo('GET /notification/history').at(-1)!;
		expect(call.query.getAll('priority')).toEqual(['HIGH', 'MEDIUM']);
		expect(call.query.getAll('category')).toEqual(['incident', 'billing']);
		expect(call.query.get('createdAfter')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(env.emulator.requestsOf('api').every((request) => request.headers.authorization?.startsWith('Bearer '))).toBe(true);
		expect(env.emulator.requestsOf('api').some((request) => request.headers['x-ovh-signature'])).toBe(false);
	});

	test('Object Changed: only the watched fields count; the whole object otherwise, with each changed field', async () => {
		const server = env.emulator.data.servers.get('ns3001234.ip-203-0-113.eu')!;
		const base = { event: 'objectChanged', resource: 'v1/dedicated', endpoint: op('GET /dedicated/server/{serviceName}'), parameters: params({ serviceName: 'ns3001234.ip-203-0-113.eu' }) };
		const watching = trigger({ ...base, watchFields: 'state, os' });
		const everything = trigger(base);
		await watching.emitted();
		await everything.emitted();
		server.monitoring = false;
		expect(await watching.emitted()).toEqual([]);
		expect((await everything.emitted())[0]).toMatchObject({ changes: [{ field: 'monitoring', previous: true, current: false }], object: { name: 'ns3001234.ip-203-0-113.eu', monitoring: false } });
		server.os = 'ubuntu2404_64';
		expect((await watching.emitted())[0]).toMatchObject({ changes: [{ field: 'os', previous: 'debian12_64', current: 'ubuntu2404_64' }], previous: { os: 'debian12_64' }, current: { os: 'ubuntu2404_64' } });
	});

	test('the catalog events refuse an operation of the wrong kind, before any request', async () => {
		const list = await trigger({ event: 'objectChanged', resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}) }).poll();
		expect(list.error?.message).toBe('"Operation" GET /me/bill does not return one object');
		const object = await trigger({ event: 'newListItem', resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) }).poll();
		expect(object.error?.message).toBe('"Operation" GET /me does not return a list');
		const missing = await trigger({ event: 'objectChanged', resource: 'v1/dedicated', endpoint: op('GET /dedicated/server/{serviceName}'), parameters: params({}) }).poll();
		expect(missing.error?.message).toBe('"serviceName (path)" is required');
		expect(env.emulator.requestsOf('api')).toHaveLength(0);
	});

	test('a changed filter starts a new baseline, and only the current configuration\'s memory is kept', async () => {
		const session = trigger({ event: 'serviceExpiring', withinDays: 30 });
		await session.emitted();
		const keys = Object.keys(session.staticData);
		session.node.parameters.withinDays = 60;
		account().addService('later.example.eu', '/domain', new Date(Date.now() + 45 * DAY));
		expect(await session.emitted()).toEqual([]);
		expect(Object.keys(session.staticData)).toHaveLength(1);
		expect(Object.keys(session.staticData)).not.toEqual(keys);
	});

	test('the trigger\'s pickers offer only lists, or only objects', async () => {
		const lists = await listSearch(env.harness, { type: TRIGGER, parameters: { event: 'newListItem', resource: 'v1/me' } }, 'searchListOperations', 'bill');
		expect(lists.results.map((entry) => entry.value)).toContain('GET /me/bill');
		expect(lists.results.every((entry) => String(entry.value).startsWith('GET ') && !String(entry.value).endsWith('{billId}'))).toBe(true);
		const objects = await listSearch(env.harness, { type: TRIGGER, parameters: { event: 'objectChanged', resource: 'v1/me' } }, 'searchObjectOperations', 'bill');
		expect(objects.results.map((entry) => entry.value)).toContain('GET /me/bill/{billId}');
		expect(objects.results.map((entry) => entry.value)).not.toContain('GET /me/bill');
	});
});

describe('the trigger node', () => {
	test('a polling trigger in the trigger group, with both credentials, an event per option with a description, and the action node\'s parameters picker', async () => {
		const { description } = env.harness.nodeTypes.getByNameAndVersion(TRIGGER, 1);
		expect(description).toMatchObject({ name: 'ovhCloudTrigger', displayName: 'OVHcloud Trigger', polling: true, group: ['trigger'], inputs: [], outputs: ['main'] });
		expect(description.credentials?.map((credential) => credential.name)).toEqual(['ovhCloudApi', 'ovhCloudOAuth2Api']);
		const events = description.properties.find((property) => property.name === 'event')!.options as Array<{ value: string; description?: string }>;
		expect(events.map((event) => event.value).sort()).toEqual(
			['newBill', 'newListItem', 'newNotification', 'newOrder', 'objectChanged', 'orderStatusChanged', 'serviceExpiring', 'supportTicket'],
		);
		expect(events.every((event) => event.description)).toBe(true);
		// n8n adds Poll Times itself; the node does not declare it.
		expect(description.properties.filter((property) => property.name === 'pollTimes')).toHaveLength(1);
		expect(JSON.stringify(description).length).toBeLessThan(40_000);
		const { fields } = await resourceMapperFields(
			env.harness,
			{ type: TRIGGER, parameters: { event: 'objectChanged', resource: 'v1/dedicated', endpoint: op('GET /dedicated/server/{serviceName}') }, credentials: { ovhCloudApi: env.signed() } },
			'getOperationFields',
		);
		expect(fields.find((field) => field.id === 'serviceName')?.options?.map((option) => option.value)).toEqual([...env.emulator.data.servers.keys()]);
	});
});
