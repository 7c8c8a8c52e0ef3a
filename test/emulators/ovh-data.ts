/**
 * Realistic data for the OVHcloud calls people automate most: the account (/me), bills, DNS zones and
 * records (with refresh), dedicated servers (with reboot and reinstall), Public Cloud instances and SMS jobs. Shapes
 * follow the schema's models (nichandle.Nichandle, billing.Bill, domain.zone.Record, dedicated.server.Dedicated,
 * dedicated.server.Task, cloud.instance.Instance, sms.Job / sms.SmsSendingReport).
 */
import type { EmulatorResponse } from './kit';
import { inDateRange, OvhAccount } from './ovh-account';

export interface OvhRecord {
	id: number;
	zone: string;
	fieldType: string;
	subDomain: string;
	target: string;
	ttl: number;
}

export interface DataRequest {
	method: string;
	/** The operation's path template. */
	template: string;
	params: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
}

/** A collection whose IDs can also be listed as full objects (batch pagination). */
export interface Collection {
	ids(request: DataRequest): Array<string | number>;
	object(request: DataRequest, id: string | number): unknown;
}

const ok = (body: unknown): EmulatorResponse => ({ status: 200, body });

export class OvhData {
	me = {
		nichandle: 'xx1234-ovh',
		email: 'ops@example.eu',
		firstname: 'Camille',
		name: 'Durand',
		organisation: 'Example SAS',
		country: 'FR',
		currency: { code: 'EUR', symbol: 'EURO' },
		ovhSubsidiary: 'FR',
		state: 'complete',
		kycValidated: true,
	};

	bills = new Map<string, Record<string, unknown>>();

	/** Orders, tickets, services, notifications and the documents bills and orders link to. */
	readonly account = new OvhAccount();

	zones = new Map<string, OvhRecord[]>();

	refreshed: string[] = [];

	servers = new Map<string, Record<string, unknown>>();

	tasks: Array<Record<string, unknown>> = [];

	instances = new Map<string, Array<Record<string, unknown>>>();

	smsJobs = new Map<string, Array<Record<string, unknown>>>();

	/** v2 /location: a list paged by cursor. */
	locations = ['eu-west-gra', 'eu-west-sbg', 'eu-west-rbx', 'eu-central-waw', 'eu-west-lim', 'ca-east-bhs', 'ap-southeast-sgp'].map(
		(name, index) => ({ name, code: name.split('-').pop()!.toUpperCase(), type: 'REGION', id: index + 1 }),
	);

	private nextId = 1000;

	constructor() {
		for (let index = 1; index <= 3; index++) this.addBill(index);
		this.addZone('example.eu', [
			{ fieldType: 'A', subDomain: 'www', target: '203.0.113.10', ttl: 3600 },
			{ fieldType: 'MX', subDomain: '', target: '10 mx1.mail.ovh.net.', ttl: 3600 },
			{ fieldType: 'TXT', subDomain: '', target: '"v=spf1 include:mx.ovh.com ~all"', ttl: 600 },
		]);
		this.addZone('example.org', []);
		this.addServer('ns3001234.ip-203-0-113.eu');
		this.addServer('ns3005678.ip-198-51-100.eu');
		this.instances.set('0123456789abcdef0123456789abcdef', [
			this.instance('web-1', 'GRA11', 'b2-7'),
			this.instance('db-1', 'SBG5', 'r2-15'),
		]);
		this.smsJobs.set('sms-ab12345-1', []);
	}

	/** A bill of `index` euros before tax (FR4000000<index>), dated `date` (by default the index-th day of 2026). */
	addBill(index: number, date = new Date(Date.UTC(2026, 0, index)), orderId = 90000000 + index): Record<string, unknown> {
		const billId = `FR${String(40000000 + index)}`;
		const password = this.account.addDocument(billId, `Invoice ${billId}`, [`Date: ${date.toISOString()}`, `Total: ${(index * 1.2).toFixed(2)} EUR`]);
		const bill = {
			billId,
			date: date.toISOString(),
			orderId,
			password,
			pdfUrl: this.account.link('facture.pdf', billId, password),
			url: this.account.link('displayOrder.cgi', billId, password),
			priceWithTax: { currencyCode: 'EUR', text: `${(index * 1.2).toFixed(2)} €`, value: Number((index * 1.2).toFixed(2)) },
			priceWithoutTax: { currencyCode: 'EUR', text: `${index.toFixed(2)} €`, value: index },
			tax: { currencyCode: 'EUR', text: `${(index * 0.2).toFixed(2)} €`, value: Number((index * 0.2).toFixed(2)) },
		};
		this.bills.set(billId, bill);
		return bill;
	}

	addZone(zone: string, records: Array<Omit<OvhRecord, 'id' | 'zone'>>) {
		this.zones.set(
			zone,
			records.map((record) => ({ id: this.nextId++, zone, ...record })),
		);
	}

	addServer(name: string) {
		this.servers.set(name, {
			name,
			serverId: this.nextId++,
			datacenter: 'gra3',
			os: 'debian12_64',
			state: 'ok',
			ip: `203.0.113.${this.servers.size + 20}`,
			reverse: `${name}.`,
			monitoring: true,
			commercialRange: 'advance-1',
			rack: 'G123A01',
		});
	}

	private instance(name: string, region: string, flavor: string) {
		return {
			id: `${this.nextId++}-aaaa-bbbb-cccc-0123456789ab`,
			name,
			region,
			flavorId: flavor,
			imageId: 'debian-12',
			status: 'ACTIVE',
			created: '2026-01-15T10:00:00Z',
			ipAddresses: [{ ip: '198.51.100.40', type: 'public', version: 4, networkId: 'ext-net' }],
			planCode: `${flavor}.consumption`,
			monthlyBilling: null,
		};
	}

	/** Collections that support batch pagination, by path template. */
	collections(): Record<string, Collection> {
		return {
			...this.account.collections(),
			'/me/bill': {
				ids: (request) => [...this.bills.values()].filter((bill) => inDateRange(String(bill.date), request.query)).map((bill) => String(bill.billId)),
				object: (_request, id) => this.bills.get(String(id)),
			},
			'/domain/zone': { ids: () => [...this.zones.keys()], object: (_request, id) => ({ name: id, hasDnsAnycast: false, dnssecSupported: true }) },
			'/domain/zone/{zoneName}/record': {
				ids: (request) =>
					(this.zones.get(request.params.zoneName) ?? [])
						.filter((record) => !request.query.get('fieldType') || record.fieldType === request.query.get('fieldType'))
						.filter((record) => !request.query.has('subDomain') || record.subDomain === request.query.get('subDomain'))
						.map((record) => record.id),
				object: (request, id) => this.zones.get(request.params.zoneName)?.find((record) => record.id === Number(id)),
			},
			'/dedicated/server': { ids: () => [...this.servers.keys()], object: (_request, id) => this.servers.get(String(id)) },
			'/sms/{serviceName}/jobs': {
				ids: (request) => (this.smsJobs.get(request.params.serviceName) ?? []).map((job) => job.id as number),
				object: (request, id) => this.smsJobs.get(request.params.serviceName)?.find((job) => job.id === Number(id)),
			},
		};
	}

	/** The answer of a call the emulator has data for; undefined lets the generic answer apply. */
	handle(request: DataRequest): EmulatorResponse | undefined {
		const { params } = request;
		const notFound = (what: string) => ({
			status: 404,
			body: { errorCode: 'RESOURCE_NOT_FOUND', httpCode: '404 Not Found', message: `The requested object (${what}) does not exist` },
		});
		const key = `${request.method} ${request.template}`;
		const collection = this.collections()[request.template];
		if (request.method === 'GET' && collection) return ok(collection.ids(request));
		switch (key) {
			case 'GET /me':
				return ok(this.me);
			case 'GET /me/bill/{billId}':
				return this.bills.has(params.billId) ? ok(this.bills.get(params.billId)) : notFound(`billId = ${params.billId}`);
			case 'GET /domain/zone/{zoneName}/record/{id}': {
				const record = this.zones.get(params.zoneName)?.find((candidate) => candidate.id === Number(params.id));
				return record ? ok(record) : notFound(`id = ${params.id}`);
			}
			case 'POST /domain/zone/{zoneName}/record': {
				const records = this.zones.get(params.zoneName);
				if (!records) return notFound(`zoneName = ${params.zoneName}`);
				const body = request.body as Partial<OvhRecord>;
				const record: OvhRecord = {
					id: this.nextId++,
					zone: params.zoneName,
					fieldType: String(body.fieldType),
					subDomain: body.subDomain ?? '',
					target: String(body.target),
					ttl: body.ttl ?? 0,
				};
				records.push(record);
				return ok(record);
			}
			case 'DELETE /domain/zone/{zoneName}/record/{id}': {
				const records = this.zones.get(params.zoneName) ?? [];
				const index = records.findIndex((candidate) => candidate.id === Number(params.id));
				if (index < 0) return notFound(`id = ${params.id}`);
				records.splice(index, 1);
				return ok(null);
			}
			case 'POST /me/order/{orderId}/pay': {
				// Paying an unpaid order takes it to checking and issues its bill, dated now (amount: the order's).
				const orderId = Number(params.orderId);
				const order = this.account.orders.get(orderId);
				if (!order) return notFound(`orderId = ${params.orderId}`);
				if (this.account.orderStatus.get(orderId) !== 'notPaid') {
					return { status: 400, body: { errorCode: 'INVALID_ORDER_STATE', httpCode: '400 Bad Request', message: 'This order has already been paid' } };
				}
				this.account.orderStatus.set(orderId, 'checking');
				const amount = Number((order.priceWithoutTax as { value: number }).value);
				let index = Math.round(amount);
				while (this.bills.has(`FR${String(40000000 + index)}`)) index += 1000;
				this.addBill(index, new Date(), orderId);
				return ok(null);
			}
			case 'POST /domain/zone/{zoneName}/refresh':
				if (!this.zones.has(params.zoneName)) return notFound(`zoneName = ${params.zoneName}`);
				this.refreshed.push(params.zoneName);
				return ok(null);
			case 'GET /dedicated/server/{serviceName}':
				return this.servers.has(params.serviceName) ? ok(this.servers.get(params.serviceName)) : notFound(`serviceName = ${params.serviceName}`);
			case 'POST /dedicated/server/{serviceName}/reboot':
			case 'POST /dedicated/server/{serviceName}/reinstall': {
				if (!this.servers.has(params.serviceName)) return notFound(`serviceName = ${params.serviceName}`);
				const reinstall = request.template.endsWith('/reinstall');
				const task = {
					taskId: this.nextId++,
					function: reinstall ? 'reinstallServer' : 'hardReboot',
					status: 'init',
					comment: reinstall ? 'Reinstall asked' : 'Reboot asked',
					startDate: new Date().toISOString(),
					doneDate: null,
					lastUpdate: new Date().toISOString(),
				};
				this.tasks.push({ ...task, serviceName: params.serviceName });
				return ok(task);
			}
			case 'GET /cloud/project/{serviceName}/instance': {
				const list = this.instances.get(params.serviceName);
				if (!list) return notFound(`serviceName = ${params.serviceName}`);
				const region = request.query.get('region');
				return ok(list.filter((instance) => !region || instance.region === region));
			}
			case 'POST /sms/{serviceName}/jobs': {
				const jobs = this.smsJobs.get(params.serviceName);
				if (!jobs) return notFound(`serviceName = ${params.serviceName}`);
				const body = request.body as { receivers?: string[]; message?: string; sender?: string };
				const receivers = body.receivers ?? [];
				const ids = receivers.map((receiver) => {
					const id = this.nextId++;
					jobs.push({ id, receiver, message: body.message, sender: body.sender ?? 'Example', creationDatetime: new Date().toISOString(), credits: 1 });
					return id;
				});
				return ok({ ids, validReceivers: receivers, invalidReceivers: [], totalCreditsRemoved: ids.length, tag: null });
			}
			case 'GET /sms/{serviceName}/jobs/{id}': {
				const job = this.smsJobs.get(params.serviceName)?.find((candidate) => candidate.id === Number(params.id));
				return job ? ok(job) : notFound(`id = ${params.id}`);
			}
			default:
				return this.account.handle(request);
		}
	}
}
