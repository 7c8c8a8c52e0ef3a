/**
 * OVHcloud Trigger: what one poll costs, per event, through n8n-core's poll path against the emulator (20 ms of
 * latency per request): API requests of a poll when nothing is new and when K = 10 things happened, and the
 * document downloads of New Bill with its PDF. The account holds 200 bills, 50 orders, 200 tickets, 300 services.
 */
import type { IDataObject } from 'n8n-workflow';

import { OVH_APP, OVH_CONSUMER, OvhEmulator } from '../../test/emulators/ovh';
import { Harness, pollSession, type PollSession } from '../../test/harness';
import type { Suite } from './runner';

const TRIGGER = 'n8n-nodes-eurocloud.ovhCloudTrigger';
const K = 10;
const DAY = 86_400_000;
const op = (key: string) => ({ __rl: true, mode: 'list', value: key });
const params = (value: IDataObject) => ({ mappingMode: 'defineBelow', value, matchingColumns: [], schema: [] });

export function ovhTriggerSuite(): Suite {
	let emulator: OvhEmulator;
	let harness: Harness;
	let serial = 0;

	const session = (parameters: IDataObject): PollSession =>
		pollSession(
			harness,
			{ type: TRIGGER, parameters, credentials: { ovhCloudApi: 'bench' } },
			{ ovhCloudApi: { endpoint: 'custom', customUrl: `${emulator.url}/1.0`, applicationKey: OVH_APP.key, applicationSecret: OVH_APP.secret, consumerKey: OVH_CONSUMER } },
		);
	const api = () => emulator.requestsOf('api').length;
	const documents = () => emulator.requestsTo('GET', '/cgi-bin/order/*').length;

	/** Baseline, a poll with nothing new, `happen` K times, a poll with K new; `extra` tallies taken after the baseline. */
	const measure = async (parameters: IDataObject, happen: () => void, extra: () => Record<string, number> = () => ({})) => {
		const trigger = session(parameters);
		await trigger.emitted();
		const counted = extra();
		let before = api();
		await trigger.emitted();
		const nothingNew = api() - before;
		for (let index = 0; index < K; index++) happen();
		before = api();
		const documentsBefore = documents();
		const emitted = (await trigger.emitted()).length;
		return { tallies: { ...counted, requestsNothingNew: nothingNew, [`requests${K}New`]: api() - before, emitted, documents: documents() - documentsBefore } };
	};
	const account = () => emulator.data.account;
	const openOrders = () => ({
		openOrders: [...account().orders.values()].filter(
			(order) => Date.parse(String(order.date)) > Date.now() - 30 * DAY && !['delivered', 'cancelled'].includes(account().orderStatus.get(order.orderId as number)!),
		).length,
	});
	const cases: Array<[string, IDataObject, () => void, (() => Record<string, number>)?]> = [
		['New Bill (one by one)', { event: 'newBill' }, () => emulator.data.addBill(1000 + ++serial, new Date())],
		['New Bill (batch mode)', { event: 'newBill', options: { batchMode: true } }, () => emulator.data.addBill(1000 + ++serial, new Date())],
		['New Bill with PDF (one by one)', { event: 'newBill', downloadPdf: true }, () => emulator.data.addBill(1000 + ++serial, new Date())],
		['New Order (one by one)', { event: 'newOrder' }, () => account().addOrder(60_000_000 + ++serial, new Date())],
		['New Order (batch mode)', { event: 'newOrder', options: { batchMode: true } }, () => account().addOrder(60_000_000 + ++serial, new Date())],
		[
			'Order Status Changed (30 days)',
			{ event: 'orderStatusChanged', orderDays: 30 },
			() => {
				const open = [...account().orderStatus].find(([, status]) => status === 'notPaid');
				if (open) account().orderStatus.set(open[0], 'delivered');
			},
			openOrders,
		],
		['Support Ticket Created or Updated (200 tickets)', { event: 'supportTicket' }, () => account().addTicket(`Bench ${++serial}`, new Date())],
		['Service Expiring Soon (300 services)', { event: 'serviceExpiring', withinDays: 30 }, () => account().addService(`bench-${++serial}.example.eu`, '/domain', new Date(Date.now() + 10 * DAY))],
		['New Notification', { event: 'newNotification' }, () => account().addNotification(`Bench ${++serial}`, new Date())],
		[
			'New Item in Any List (zone records, full objects)',
			{ event: 'newListItem', resource: 'v1/domain', endpoint: op('GET /domain/zone/{zoneName}/record'), parameters: params({ zoneName: 'example.eu' }), includeFullObjects: true },
			() => emulator.data.zones.get('example.eu')!.push({ id: 5_000_000 + ++serial, zone: 'example.eu', fieldType: 'TXT', subDomain: '', target: `"b${serial}"`, ttl: 60 }),
		],
		[
			'Object Changed (a dedicated server, K changes between two polls)',
			{ event: 'objectChanged', resource: 'v1/dedicated', endpoint: op('GET /dedicated/server/{serviceName}'), parameters: params({ serviceName: 'ns3001234.ip-203-0-113.eu' }) },
			() => {
				emulator.data.servers.get('ns3001234.ip-203-0-113.eu')!.state = `s${++serial}`;
			},
		],
	];

	return {
		name: 'ovh-trigger',
		async setup() {
			emulator = await new OvhEmulator().start();
			emulator.latencyMs = 20;
			harness = await Harness.load();
			for (let index = 4; index <= 200; index++) emulator.data.addBill(index);
			for (let index = 0; index < 50; index++) account().addOrder(59_000_000 + index, new Date(Date.now() - (index + 1) * DAY), index < 20 ? 'notPaid' : 'delivered');
			for (let index = 0; index < 200; index++) account().addTicket(`Ticket ${index}`, new Date(Date.now() - (index + 1) * DAY));
			for (let index = 0; index < 300; index++) account().addService(`svc-${index}.example.eu`, '/domain', new Date(Date.now() + (index + 40) * DAY));
		},
		async teardown() {
			await emulator.stop();
		},
		cases: cases.map(([name, parameters, happen, extra]) => ({
			name: `Trigger: ${name}`,
			repeat: 1,
			run: async () => await measure(parameters, happen, extra),
		})),
	};
}
