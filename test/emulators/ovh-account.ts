/**
 * The OVHcloud emulator's account beyond bills: orders and their statuses, support tickets, services with their
 * expiration dates, API v2 notifications, and the documents (PDFs) that bills and orders link to. Shapes follow
 * the schema's models (billing.Order, support.Ticket, services.expanded.Service, notification.history.Notification).
 *
 * Documents are served on the emulator's "web site" side (`/cgi-bin/order/<file>?reference=…&passwd=…`), as
 * OVHcloud serves bill PDFs from www.ovh.com: the password in the link is the only key, no API credential is
 * asked for; a wrong password gets the site's login page (HTML, 200), an unknown reference a 404 page. The
 * links name `https://www.ovh.com` until the emulator starts, then the emulator itself (`relink`).
 */
import { randomUUID } from 'node:crypto';

import type { EmulatorRequest, EmulatorResponse } from './kit';

/** The request an account route answers (the same shape as OvhData's). */
export interface AccountRequest {
	method: string;
	template: string;
	params: Record<string, string>;
	query: URLSearchParams;
}

export interface AccountCollection {
	ids(request: AccountRequest): Array<string | number>;
	object(request: AccountRequest, id: string | number): unknown;
}

/** The `date.from` (>=) and `date.to` (<=) filters of a list, compared as instants (any ISO 8601 offset). */
export function inDateRange(date: string, query: URLSearchParams): boolean {
	const at = Date.parse(date);
	const from = query.get('date.from');
	const to = query.get('date.to');
	return (!from || at >= Date.parse(from)) && (!to || at <= Date.parse(to));
}

const DAY = 86_400_000;

const price = (value: number) => ({ currencyCode: 'EUR', text: `${value.toFixed(2)} €`, value: Number(value.toFixed(2)) });

/** A small, well-formed PDF whose text names the document: the bytes a test compares. */
export function pdfDocument(title: string, lines: string[]): Buffer {
	const text = [title, ...lines].map((line, index) => `BT /F1 12 Tf 72 ${760 - index * 18} Td (${line.replace(/[()\\]/g, '\\$&')}) Tj ET`).join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
		`<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let body = '%PDF-1.4\n';
	const offsets: number[] = [];
	objects.forEach((object, index) => {
		offsets.push(Buffer.byteLength(body));
		body += `${index + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = Buffer.byteLength(body);
	body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
	body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info << /Title (${title}) >> >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(body, 'latin1');
}

interface StoredDocument {
	password: string;
	body: Buffer;
}

const html = (status: number, text: string): EmulatorResponse => ({
	status,
	headers: { 'Content-Type': 'text/html; charset=utf-8' },
	body: `<!doctype html><html><body><p>${text}</p></body></html>`,
});

export class OvhAccount {
	/** Where document links point: OVHcloud's web site, then the emulator once it listens. */
	documentBase = 'https://www.ovh.com';

	/** Documents by reference (a bill ID, an order ID). */
	readonly documents = new Map<string, StoredDocument>();

	readonly orders = new Map<number, Record<string, unknown>>();

	readonly orderStatus = new Map<number, string>();

	readonly tickets = new Map<number, Record<string, unknown>>();

	readonly services = new Map<number, Record<string, unknown>>();

	/** API v2 notifications, oldest first. */
	readonly notifications: Array<Record<string, unknown>> = [];

	private nextTicket = 3_000_001;

	private nextService = 7_000_001;

	/** A document link (the site's own form: reference and password in the query string). */
	link(file: string, reference: string, password: string): string {
		return `${this.documentBase}/cgi-bin/order/${file}?reference=${encodeURIComponent(reference)}&passwd=${encodeURIComponent(password)}`;
	}

	/** Stores the PDF of a reference; returns its password. */
	addDocument(reference: string, title: string, lines: string[]): string {
		const password = `pw${Buffer.from(reference).toString('hex').slice(-6)}`;
		this.documents.set(reference, { password, body: pdfDocument(title, lines) });
		return password;
	}

	/** Points every link held (bills passed in, orders) at `base`. */
	relink(base: string, objects: Iterable<Record<string, unknown>>) {
		const old = this.documentBase;
		this.documentBase = base;
		for (const object of [...objects, ...this.orders.values()]) {
			for (const field of ['pdfUrl', 'url']) {
				if (typeof object[field] === 'string') object[field] = (object[field] as string).replace(old, base);
			}
		}
	}

	/** `GET /cgi-bin/order/<file>`: the document of `reference` if `passwd` is its password. */
	serveDocument(request: EmulatorRequest): EmulatorResponse {
		const reference = request.query.get('reference') ?? '';
		const document = this.documents.get(reference);
		if (!document) return html(404, 'This document does not exist');
		if (request.query.get('passwd') !== document.password) return html(200, 'Please log in to your customer account');
		if (!request.params.file.endsWith('.pdf')) return html(200, `Document ${reference}`);
		return { status: 200, headers: { 'Content-Type': 'application/pdf' }, body: document.body };
	}

	/** An order of `amount` euros, dated `date`, in `status`. */
	addOrder(orderId: number, date: Date, status = 'notPaid', amount = 10): Record<string, unknown> {
		const reference = String(orderId);
		const password = this.addDocument(reference, `Order ${orderId}`, [`Date: ${date.toISOString()}`, `Total: ${(amount * 1.2).toFixed(2)} EUR`]);
		const order = {
			orderId,
			date: date.toISOString(),
			expirationDate: new Date(date.getTime() + 15 * DAY).toISOString(),
			retractionDate: null,
			password,
			pdfUrl: this.link('bon-de-commande.pdf', reference, password),
			url: this.link('displayOrder.cgi', reference, password),
			priceWithoutTax: price(amount),
			tax: price(amount * 0.2),
			priceWithTax: price(amount * 1.2),
		};
		this.orders.set(orderId, order);
		this.orderStatus.set(orderId, status);
		return order;
	}

	/** A support ticket opened at `at` (its last message from the customer). */
	addTicket(subject: string, at: Date, fields: Record<string, unknown> = {}): Record<string, unknown> {
		const ticketId = this.nextTicket++;
		const ticket = {
			ticketId,
			ticketNumber: 8_000_000 + ticketId,
			subject,
			state: 'open',
			lastMessageFrom: 'customer',
			creationDate: at.toISOString(),
			updateDate: at.toISOString(),
			product: 'dedicated',
			category: 'assistance',
			type: 'genericRequest',
			serviceName: 'ns3001234.ip-203-0-113.eu',
			accountId: 'xx1234-ovh',
			canBeClosed: true,
			score: null,
			...fields,
		};
		this.tickets.set(ticketId, ticket);
		return ticket;
	}

	/** A message on a ticket at `at` (from support by default), or another change. */
	updateTicket(ticketId: number, at: Date, changes: Record<string, unknown> = { lastMessageFrom: 'support' }) {
		const ticket = this.tickets.get(ticketId);
		if (!ticket) throw new Error(`no ticket ${ticketId}`);
		Object.assign(ticket, changes, { updateDate: at.toISOString() });
	}

	/** A service (`route` like `/domain`) that expires at `expiration`. */
	addService(name: string, route: string, expiration: Date, renewMode: 'automatic' | 'manual' = 'manual'): Record<string, unknown> {
		const serviceId = this.nextService++;
		const service = {
			serviceId,
			parentServiceId: null,
			tags: [],
			resource: { name, displayName: name, state: 'active', product: { name: route.slice(1).replace(/\//g, '-'), description: route } },
			route: { path: `${route}/{serviceName}`, url: `${route}/${name}`, vars: [{ key: 'serviceName', value: name }] },
			customer: { contacts: [{ customerCode: 'xx1234-ovh', type: 'administrator' }] },
			billing: {
				expirationDate: expiration.toISOString(),
				nextBillingDate: expiration.toISOString(),
				renew: { current: { mode: renewMode, nextDate: expiration.toISOString(), period: 'P1Y' } },
				lifecycle: { current: { state: 'active', creationDate: '2025-01-10T09:00:00Z', pendingActions: [], terminationDate: null } },
				plan: { code: `${route.slice(1)}-plan`, invoiceName: name },
			},
		};
		this.services.set(serviceId, service);
		return service;
	}

	/** Moves a service's expiration (a renewal). */
	renewService(serviceId: number, expiration: Date) {
		const billing = this.services.get(serviceId)?.billing as Record<string, unknown> & { renew: { current: Record<string, unknown> } };
		billing.expirationDate = expiration.toISOString();
		billing.nextBillingDate = expiration.toISOString();
		billing.renew.current.nextDate = expiration.toISOString();
	}

	/** A notification sent at `at`. */
	addNotification(title: string, at: Date, fields: Record<string, unknown> = {}): Record<string, unknown> {
		const notification = {
			id: randomUUID(),
			createdAt: at.toISOString(),
			title,
			categories: ['billing'],
			priority: 'MEDIUM',
			text: `${title}.`,
			html: `<p>${title}.</p>`,
			attachments: [],
			contacts: [{ id: randomUUID(), type: 'EMAIL', to: 'ops@example.eu', status: 'DELIVERED', sentAt: at.toISOString(), error: null }],
			...fields,
		};
		this.notifications.push(notification);
		return notification;
	}

	/**
	 * `GET /v2/notification/history`: `createdAfter` (>) and `createdBefore` (<), `category` and `priority` (any
	 * of, repeated keys), `titleContains`, sorted by `sortCreatedAt` (DESC by default).
	 */
	notificationHistory(query: URLSearchParams): Array<Record<string, unknown>> {
		const after = query.get('createdAfter');
		const before = query.get('createdBefore');
		const categories = query.getAll('category');
		const priorities = query.getAll('priority');
		const title = query.get('titleContains')?.toLowerCase();
		const at = (notification: Record<string, unknown>) => Date.parse(String(notification.createdAt));
		const matching = this.notifications.filter(
			(notification) =>
				(!after || at(notification) > Date.parse(after)) &&
				(!before || at(notification) < Date.parse(before)) &&
				(categories.length === 0 || (notification.categories as string[]).some((category) => categories.includes(category))) &&
				(priorities.length === 0 || priorities.includes(String(notification.priority))) &&
				(!title || String(notification.title).toLowerCase().includes(title)),
		);
		const ascending = query.get('sortCreatedAt') === 'ASC';
		return matching.sort((a, b) => (ascending ? at(a) - at(b) : at(b) - at(a)));
	}

	/** Collections that support batch pagination, by path template. */
	collections(): Record<string, AccountCollection> {
		return {
			'/me/order': {
				ids: (request) => [...this.orders.values()].filter((order) => inDateRange(String(order.date), request.query)).map((order) => order.orderId as number),
				object: (_request, id) => this.orders.get(Number(id)),
			},
			'/support/tickets': {
				ids: (request) =>
					[...this.tickets.values()]
						.filter((ticket) => !request.query.get('status') || ticket.state === request.query.get('status'))
						.map((ticket) => ticket.ticketId as number),
				object: (_request, id) => this.tickets.get(Number(id)),
			},
			'/services': {
				ids: (request) => {
					const routes = (request.query.get('routes') ?? '').split(',').map((route) => route.trim()).filter(Boolean);
					return [...this.services.values()]
						.filter((service) => routes.length === 0 || routes.some((route) => String((service.route as { path: string }).path).startsWith(`${route}/`)))
						.filter((service) => !request.query.get('resourceName') || (service.resource as { name: string }).name === request.query.get('resourceName'))
						.map((service) => service.serviceId as number);
				},
				object: (_request, id) => this.services.get(Number(id)),
			},
		};
	}

	/** The answer of an account call the emulator has data for; undefined for the others. */
	handle(request: AccountRequest): EmulatorResponse | undefined {
		if (request.method !== 'GET') return undefined;
		const { params } = request;
		const found = (value: unknown, what: string): EmulatorResponse =>
			value === undefined
				? { status: 404, body: { errorCode: 'RESOURCE_NOT_FOUND', httpCode: '404 Not Found', message: `The requested object (${what}) does not exist` } }
				: { status: 200, body: value };
		switch (request.template) {
			case '/me/order/{orderId}':
				return found(this.orders.get(Number(params.orderId)), `orderId = ${params.orderId}`);
			case '/me/order/{orderId}/status':
				return found(this.orderStatus.get(Number(params.orderId)), `orderId = ${params.orderId}`);
			case '/support/tickets/{ticketId}':
				return found(this.tickets.get(Number(params.ticketId)), `ticketId = ${params.ticketId}`);
			case '/services/{serviceId}':
				return found(this.services.get(Number(params.serviceId)), `serviceId = ${params.serviceId}`);
			default:
				return undefined;
		}
	}
}
