/**
 * OVHcloud Trigger: what one poll costs, per event, at 20 ms emulator latency: a poll with nothing new and a poll
 * with K = 10 new, next to one HTTP Request reading the list (or object) the event watches. The account holds the
 * ovh suite's bills, 50 orders of the last 50 days (20 not delivered), 200 tickets, 300 services.
 */
import type { IDataObject } from 'n8n-workflow';

import type { TriggerHappening } from './emulators/controls';
import { httpRequestNode } from './http-request';
import { keptTokenWorkflow, PACKAGE, triggerPoll } from './kit';
import type { BenchCase, BenchEnv, Suite } from './model';
import { ovhSignedCredential } from './ovh.bench';

const TRIGGER = `${PACKAGE}.ovhCloudTrigger`;
const SIGNED = 'ovhCloudApi';
const K = 10;
const OPEN_ORDERS = 20;
const operation = (key: string) => ({ __rl: true, mode: 'list', value: key });
const mapped = (value: IDataObject) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });

interface TriggerEvent {
	name: string;
	parameters: IDataObject;
	/** What happens between two polls, K times. */
	kind: TriggerHappening;
	/** The path (after the emulator's URL) of what the event reads, for the HTTP Request side. */
	reads: string;
	/** API requests of a poll with nothing new, and with K new. */
	requests: [nothing: number, some: number];
	/** Items the poll with K new emits (default K). */
	emits?: number;
	/** PDF downloads of the poll with K new. */
	documents?: number;
	/** Where the two sides do not do the same work (the trigger's per-object reads), said under the table. */
	note?: string;
}

/** The note of an event whose poll reads the list, then each of `reads` objects (8 at a time). */
const perObject = (reads: string) =>
	`Not the same work on both sides: the trigger reads the list, then ${reads} (8 at a time, 2 more round trips for 10); the HTTP Request side reads the list once.`;

const EVENTS: TriggerEvent[] = [
	{ name: 'New Bill (one by one)', parameters: { event: 'newBill' }, kind: 'bill', reads: '/1.0/me/bill', requests: [1, 1 + K], note: perObject(`each of the ${K} new bills`) },
	{ name: 'New Bill (batch mode)', parameters: { event: 'newBill', options: { batchMode: true } }, kind: 'bill', reads: '/1.0/me/bill', requests: [1, 1] },
	{
		name: 'New Bill with PDF',
		parameters: { event: 'newBill', downloadPdf: true },
		kind: 'bill',
		reads: '/1.0/me/bill',
		requests: [1, 1 + K],
		documents: K,
		note: perObject(`each of the ${K} new bills, then their ${K} PDFs`),
	},
	{ name: 'New Order (one by one)', parameters: { event: 'newOrder' }, kind: 'order', reads: '/1.0/me/order', requests: [1, 1 + K], note: perObject(`each of the ${K} new orders`) },
	{ name: 'New Order (batch mode)', parameters: { event: 'newOrder', options: { batchMode: true } }, kind: 'order', reads: '/1.0/me/order', requests: [1, 1] },
	{
		name: `Order Status Changed (${OPEN_ORDERS} orders not delivered)`,
		parameters: { event: 'orderStatusChanged', orderDays: 60 },
		kind: 'orderStatus',
		reads: '/1.0/me/order',
		requests: [1 + OPEN_ORDERS, 1 + OPEN_ORDERS],
		note: `Not the same work on both sides, in both polls: the trigger reads the orders of the window (batch mode), then the status of each of the ${OPEN_ORDERS} not delivered (8 at a time, 3 round trips); the HTTP Request side reads the list of orders once.`,
	},
	{ name: 'Support Ticket Created or Updated', parameters: { event: 'supportTicket' }, kind: 'ticket', reads: '/1.0/support/tickets', requests: [1, 1] },
	{ name: 'Service Expiring Soon', parameters: { event: 'serviceExpiring', withinDays: 30 }, kind: 'service', reads: '/1.0/services', requests: [1, 1] },
	{ name: 'New Notification', parameters: { event: 'newNotification' }, kind: 'notification', reads: '/v2/notification/history', requests: [1, 1] },
	{
		name: 'New Item in Any List (zone records, full objects)',
		parameters: {
			event: 'newListItem',
			resource: 'v1/domain',
			endpoint: operation('GET /domain/zone/{zoneName}/record'),
			parameters: mapped({ zoneName: 'example.eu' }),
			includeFullObjects: true,
		},
		kind: 'record',
		reads: '/1.0/domain/zone/example.eu/record',
		requests: [1, 1 + K],
		note: perObject(`the record of each of the ${K} new IDs`),
	},
	{
		name: 'Object Changed (a dedicated server, changed K times)',
		parameters: {
			event: 'objectChanged',
			resource: 'v1/dedicated',
			endpoint: operation('GET /dedicated/server/{serviceName}'),
			parameters: mapped({ serviceName: 'ns3001234.ip-203-0-113.eu' }),
		},
		kind: 'serverState',
		reads: '/1.0/dedicated/server/ns3001234.ip-203-0-113.eu',
		requests: [1, 1],
		emits: 1,
	},
];

export function ovhTriggerSuite(): Suite {
	return {
		name: 'ovh-trigger',
		async setup({ emulators }) {
			await emulators.call('ovh', 'seedAccount', { orders: 50, open: OPEN_ORDERS, tickets: 200, services: 300 });
		},
		cases(env: BenchEnv): BenchCase[] {
			const url = env.emulators.url('ovh');
			const signed = () => ovhSignedCredential(url);
			const credentials = () => ({ [SIGNED]: signed() });
			const poll = (event: TriggerEvent, change?: () => Promise<void>) =>
				triggerPoll(env, 'ovh', { type: TRIGGER, parameters: event.parameters, credentials: { [SIGNED]: 'bench' } }, credentials, change);
			const read = (event: TriggerEvent) => keptTokenWorkflow(env, 'ovh', httpRequestNode({ method: 'GET', url: `${url}${event.reads}`, credentialType: SIGNED }), credentials);
			return EVENTS.flatMap((event): BenchCase[] => [
				{
					name: `Trigger: ${event.name}, a poll with nothing new`,
					latencyMs: 20,
					items: 1,
					node: poll(event),
					http: read(event),
					expect: { node: { items: 0, errors: 0, api: event.requests[0], logins: 0, documents: 0 }, http: { api: 1, logins: 0 } },
					note:
						event === EVENTS[0]
							? 'Trigger polls: the requests of one poll; the HTTP Request side reads what the event watches once.'
							: event.requests[0] > 1
								? event.note
								: undefined,
				},
				{
					name: `Trigger: ${event.name}, a poll with ${K} new`,
					latencyMs: 20,
					items: 1,
					node: poll(event, async () => await env.emulators.call('ovh', 'happen', { kind: event.kind, count: K })),
					http: read(event),
					expect: { node: { items: event.emits ?? K, errors: 0, api: event.requests[1], logins: 0, documents: event.documents ?? 0 }, http: { api: 1, logins: 0 } },
					note: event.note,
				},
			]);
		},
	};
}
