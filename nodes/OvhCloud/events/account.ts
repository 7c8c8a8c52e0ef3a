/**
 * The account's events: New Bill and New Order (OVHcloud's `date.from` filter with the watermark and overlap of
 * the shared trigger memory, so that a poll lists only the recent window), Order Status Changed, Support Ticket
 * Created or Updated, Service Expiring Soon (snapshots of the watched objects) and New Notification (API v2,
 * `createdAfter` with the watermark).
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { pathSegment } from '../../shared/path';
import { diffSnapshot, OVERLAP_MS, pickNew, remember, type EventCandidate, type ObjectState, type PollOutcome, type TriggerMemory } from '../../shared/trigger';
import { binaryField, DOCUMENT_FIELDS, withDocuments } from '../documents';
import { apiRequest, type Connection } from '../transport';
import { EVENTS, type EventName } from './description';
import { collectionObjects, commaList, DAY_MS, eachInParallel, isObject, listElements, newest, PARALLEL, readOne, timeOf, v1Get } from './reading';

export interface EventPoll {
	ctx: IPollFunctions;
	session: Connection;
	/** Undefined on the first poll after activation (the baseline) and in manual mode. */
	memory: TriggerMemory | undefined;
	manual: boolean;
}

export interface TriggerEvent {
	/** The node parameters the memory depends on: changing one starts a new baseline. */
	keyParameters: string[];
	poll(poll: EventPoll): Promise<PollOutcome>;
}

const FRESH: TriggerMemory = { seen: [] };

const item = (json: IDataObject): INodeExecutionData => ({ json });

/** Look-back windows of "Fetch Test Event" for dated lists: the last month, the last year, everything. */
const SAMPLE_WINDOWS = [31 * DAY_MS, 366 * DAY_MS, undefined];

interface DatedList {
	event: EventName;
	/** `/me/bill`. */
	path: string;
	/** `billId`. */
	idName: string;
	/** The schema model of one object, for its document link. */
	model: string;
}

/**
 * New objects of a dated v1 list (`date.from`): the first poll records the watermark (now) and the IDs of the
 * window; later polls list the window from the watermark minus the overlap (1 request) and read each ID not
 * seen before (1 request each, PARALLEL at a time; their PDFs too), or, in batch mode, read the window's objects
 * in one request. The watermark
 * moves with the dates of the objects seen.
 */
function datedList(list: DatedList): TriggerEvent {
	const read = async ({ ctx, session }: EventPoll, from: number | undefined, batch: boolean, known?: Set<string>) => {
		const call = v1Get(list.path, from === undefined ? {} : { 'date.from': new Date(from).toISOString() });
		if (batch) return await collectionObjects(ctx, session, call, list.idName);
		const { body } = await apiRequest(ctx, session, call);
		const ids = (Array.isArray(body) ? body : []).filter((id) => !known?.has(String(id)));
		return await eachInParallel(ids, async (id) => await readOne(ctx, session, list.path, id, list.idName));
	};
	const candidate = (object: IDataObject): EventCandidate => ({
		id: String(object[list.idName]),
		time: timeOf(object.date),
		item: item({ event: list.event, ...object }),
	});
	const withPdf = async ({ ctx }: EventPoll, items: INodeExecutionData[]) => {
		if (!ctx.getNodeParameter('downloadPdf', false)) return items;
		const binaryProperty = binaryField(ctx, ctx.getNodeParameter('binaryPropertyName', 'data'), 'Put PDF in Field');
		return (await withDocuments(ctx, items.map((entry) => entry.json), { field: DOCUMENT_FIELDS[list.model], binaryProperty, parallel: PARALLEL })).items;
	};
	return {
		keyParameters: ['event'],
		async poll(poll) {
			const { ctx, memory, manual } = poll;
			const batch = (ctx.getNodeParameter('options', {}) as { batchMode?: boolean }).batchMode === true;
			const now = Date.now();
			if (manual) {
				for (const window of SAMPLE_WINDOWS) {
					const latest = newest(await read(poll, window === undefined ? undefined : now - window, true), 'date');
					if (latest) return { items: await withPdf(poll, [candidate(latest).item]), memory: FRESH };
				}
				return { items: [], memory: FRESH };
			}
			if (!memory) {
				// The baseline: now, or the newest date of the window if later (the objects of the window, read in batch mode).
				return { items: [], memory: remember({ seen: [], at: now }, (await read(poll, now - OVERLAP_MS, true)).map(candidate)) };
			}
			const from = (memory.at ?? now) - OVERLAP_MS;
			const objects = await read(poll, from, batch, new Set(memory.seen.map(([id]) => id)));
			const { fresh, memory: next } = pickNew(memory, objects.map(candidate));
			return { items: await withPdf(poll, fresh.map((entry) => entry.item)), memory: next };
		},
	};
}

/** Orders that no longer change status. */
const FINAL_STATUSES = new Set(['delivered', 'cancelled']);

/**
 * Order Status Changed: the orders of the last N days (1 request, batch mode) and the status of each one not
 * yet delivered or cancelled (1 request each, PARALLEL at a time); an order seen for the first time counts as a change from
 * nothing to its status.
 */
const orderStatusChanged: TriggerEvent = {
	keyParameters: ['event', 'orderDays'],
	async poll({ ctx, session, memory, manual }) {
		const days = Math.max(1, Math.min(3650, Math.trunc(Number(ctx.getNodeParameter('orderDays', 30))) || 30));
		const only = new Set(ctx.getNodeParameter('orderStatuses', []) as string[]);
		const call = v1Get('/me/order', { 'date.from': new Date(Date.now() - days * DAY_MS).toISOString() });
		const orders = (await collectionObjects(ctx, session, call, 'orderId')).sort((a, b) => (timeOf(a.date) ?? 0) - (timeOf(b.date) ?? 0));
		const statusOf = async (order: IDataObject) =>
			String((await apiRequest(ctx, session, v1Get(`/me/order/${pathSegment(order.orderId, 'orderId')}/status`))).body);
		const event = (order: IDataObject, status: string, previous: string | null) => item({ event: EVENTS.orderStatusChanged, ...order, status, previousStatus: previous });
		if (manual) {
			for (const order of orders.reverse()) {
				const status = await statusOf(order);
				if (only.size === 0 || only.has(status)) return { items: [event(order, status, null)], memory: FRESH };
			}
			return { items: [], memory: FRESH };
		}
		const before = memory?.states ?? {};
		// The status of each order not known to be final, PARALLEL at a time (in the orders' order).
		const current = await eachInParallel(orders, async (order): Promise<ObjectState> => {
			const id = String(order.orderId);
			const known = before[id];
			const status = known !== undefined && FINAL_STATUSES.has(known) ? known : await statusOf(order);
			return { id, state: status, item: event(order, status, null) };
		});
		const diff = diffSnapshot(memory ?? FRESH, current);
		if (!memory) return { items: [], memory: diff.memory };
		const changes = [...diff.created.map((order) => ({ ...order, previous: null as string | null })), ...diff.changed]
			.filter((order) => only.size === 0 || only.has(order.state))
			.sort((a, b) => (timeOf(a.item.json.date) ?? 0) - (timeOf(b.item.json.date) ?? 0));
		return { items: changes.map((order) => item({ ...order.item.json, previousStatus: order.previous })), memory: diff.memory };
	},
};

/** What a ticket's change is made of, as remembered: `updateDate|state|lastMessageFrom`. */
const TICKET_STATE = ['updateDate', 'state', 'lastMessageFrom'];
const ticketState = (ticket: IDataObject) => TICKET_STATE.map((field) => String(ticket[field] ?? '')).join('|');
const ticketPrevious = (state: string): IDataObject => Object.fromEntries(state.split('|').map((value, index) => [TICKET_STATE[index], value || null]));

/** Support Ticket Created or Updated: every ticket in batch mode (ceil(n / 1000) requests), compared with the last poll. */
const supportTicket: TriggerEvent = {
	keyParameters: ['event', 'ticketStatus'],
	async poll({ ctx, session, memory, manual }) {
		const status = String(ctx.getNodeParameter('ticketStatus', ''));
		const from = String(ctx.getNodeParameter('lastMessageFrom', ''));
		const changes = new Set(ctx.getNodeParameter('ticketChanges', ['created', 'updated']) as string[]);
		const tickets = await collectionObjects(ctx, session, v1Get('/support/tickets', status ? { status } : {}), 'ticketId');
		const matches = (ticket: IDataObject) => !from || ticket.lastMessageFrom === from;
		const event = (ticket: IDataObject, change: string, previous: IDataObject | null) => item({ event: EVENTS.supportTicket, change, ...ticket, previous });
		if (manual) {
			const latest = newest(tickets.filter(matches), 'updateDate');
			return { items: latest ? [event(latest, latest.updateDate === latest.creationDate ? 'created' : 'updated', null)] : [], memory: FRESH };
		}
		const current = tickets.map((ticket): ObjectState => ({ id: String(ticket.ticketId), state: ticketState(ticket), item: item(ticket) }));
		const diff = diffSnapshot(memory ?? FRESH, current);
		if (!memory) return { items: [], memory: diff.memory };
		const emitted = [
			...(changes.has('created') ? diff.created.map((ticket) => event(ticket.item.json, 'created', null)) : []),
			...(changes.has('updated') ? diff.changed.map((ticket) => event(ticket.item.json, 'updated', ticketPrevious(ticket.previous))) : []),
		]
			.filter((entry) => matches(entry.json))
			.sort((a, b) => (timeOf(a.json.updateDate) ?? 0) - (timeOf(b.json.updateDate) ?? 0));
		return { items: emitted, memory: diff.memory };
	},
};

/**
 * Service Expiring Soon: every service in batch mode (`GET /services`, ceil(n / 1000) requests); those whose
 * expiration date is within N days are compared with the last poll: a service entering the window, or whose
 * expiration date changed while in it, is emitted once.
 */
const serviceExpiring: TriggerEvent = {
	keyParameters: ['event', 'withinDays', 'manualRenewalOnly', 'routes'],
	async poll({ ctx, session, memory, manual }) {
		const days = Math.max(1, Math.min(3650, Math.trunc(Number(ctx.getNodeParameter('withinDays', 30))) || 30));
		const manualOnly = ctx.getNodeParameter('manualRenewalOnly', false) === true;
		const routes = commaList(ctx.getNodeParameter('routes', '')).join(',');
		const services = await collectionObjects(ctx, session, v1Get('/services', routes ? { routes } : {}), 'serviceId');
		const now = Date.now();
		const soon: ObjectState[] = [];
		for (const service of services) {
			const billing = isObject(service.billing) ? service.billing : {};
			const expiration = timeOf(billing.expirationDate);
			if (expiration === undefined || expiration < now || expiration > now + days * DAY_MS) continue;
			const renew = isObject(billing.renew) && isObject(billing.renew.current) ? billing.renew.current : {};
			if (manualOnly && renew.mode === 'automatic') continue;
			const json = { event: EVENTS.serviceExpiring, ...service, expirationDate: billing.expirationDate, daysLeft: Math.floor((expiration - now) / DAY_MS) };
			soon.push({ id: String(service.serviceId), state: String(billing.expirationDate), item: item(json) });
		}
		soon.sort((a, b) => (timeOf(a.state) ?? 0) - (timeOf(b.state) ?? 0));
		if (manual) return { items: soon.slice(0, 1).map((service) => service.item), memory: FRESH };
		const diff = diffSnapshot(memory ?? FRESH, soon);
		if (!memory) return { items: [], memory: diff.memory };
		const emitted = [...diff.created, ...diff.changed].sort((a, b) => (timeOf(a.state) ?? 0) - (timeOf(b.state) ?? 0));
		return { items: emitted.map((service) => service.item), memory: diff.memory };
	},
};

/**
 * New Notification (API v2): `GET /v2/notification/history?createdAfter=` the watermark minus the overlap,
 * page by page (1 request per page of the recent window).
 */
const newNotification: TriggerEvent = {
	keyParameters: ['event', 'priorities', 'categories'],
	async poll({ ctx, session, memory, manual }) {
		const qs: IDataObject = {};
		const priorities = ctx.getNodeParameter('priorities', []) as string[];
		const categories = commaList(ctx.getNodeParameter('categories', ''));
		if (priorities.length) qs.priority = priorities;
		if (categories.length) qs.category = categories;
		const history = async (after: number | undefined, limit = Infinity) => {
			const call = { method: 'GET' as const, branch: 'v2' as const, path: '/notification/history', qs: after === undefined ? { ...qs } : { ...qs, createdAfter: new Date(after).toISOString() } };
			return ((await listElements(ctx, session, call, true, limit)) ?? []).filter(isObject);
		};
		const candidate = (notification: IDataObject): EventCandidate => ({
			id: String(notification.id),
			time: timeOf(notification.createdAt),
			item: item({ event: EVENTS.newNotification, ...notification }),
		});
		// Newest first is OVHcloud's default order: the first page holds the latest notification.
		if (manual) return { items: (await history(undefined, 1)).slice(0, 1).map((entry) => candidate(entry).item), memory: FRESH };
		const now = Date.now();
		if (!memory) return { items: [], memory: remember({ seen: [], at: now }, (await history(now - OVERLAP_MS)).map(candidate)) };
		const { fresh, memory: next } = pickNew(memory, (await history((memory.at ?? now) - OVERLAP_MS)).map(candidate));
		return { items: fresh.map((entry) => entry.item), memory: next };
	},
};

export const ACCOUNT_EVENTS: Record<string, TriggerEvent> = {
	[EVENTS.newBill]: datedList({ event: EVENTS.newBill, path: '/me/bill', idName: 'billId', model: 'billing.Bill' }),
	[EVENTS.newOrder]: datedList({ event: EVENTS.newOrder, path: '/me/order', idName: 'orderId', model: 'billing.Order' }),
	[EVENTS.orderStatusChanged]: orderStatusChanged,
	[EVENTS.supportTicket]: supportTicket,
	[EVENTS.serviceExpiring]: serviceExpiring,
	[EVENTS.newNotification]: newNotification,
};
