/**
 * The OVHcloud emulator with demo data for the examples (DNS zones, bills around last month), and the two
 * credentials that point at it: signed requests with a consumer key limited to what the examples and the
 * HTTP Request checks call, and a service account.
 */
import type { ProviderFixture } from './fixtures';
import { OVH_APP, OVH_CLIENT, OvhEmulator, type OvhAccessRule } from './ovh';

/** A validated consumer key of the emulator only (fixed, so credentials saved by `npm run dev` keep working). */
export const OVH_DEMO_CONSUMER_KEY = ['dEm0', 'Ex4mples', 'C0nsumerKey', 'F0rN8nOvh'].join('');

/**
 * What the demo consumer key may call: read the account, bills, orders, tickets, services, notifications and
 * zones; pay an order; add records; refresh a zone.
 */
export const OVH_DEMO_RULES: OvhAccessRule[] = [
	{ method: 'GET', path: '/me' },
	{ method: 'GET', path: '/me/bill' },
	{ method: 'GET', path: '/me/bill/*' },
	{ method: 'GET', path: '/me/order' },
	{ method: 'GET', path: '/me/order/*' },
	{ method: 'POST', path: '/me/order/*/pay' },
	{ method: 'GET', path: '/support/tickets' },
	{ method: 'GET', path: '/support/tickets/*' },
	{ method: 'GET', path: '/services' },
	{ method: 'GET', path: '/services/*' },
	{ method: 'GET', path: '/v2/notification/history' },
	{ method: 'GET', path: '/v2/notification/history/*' },
	{ method: 'GET', path: '/domain/zone' },
	{ method: 'GET', path: '/domain/zone/*' },
	{ method: 'POST', path: '/domain/zone/*/record' },
	{ method: 'POST', path: '/domain/zone/*/refresh' },
];

/** The demo account's order that is not paid yet (64 euros before tax): paying it issues its bill. */
export const OVH_DEMO_UNPAID_ORDER = 51_000_064;

const running = new Set<OvhEmulator>();

/** The emulators this fixture started and has not stopped: the example scenarios check their state. */
export function runningOvhEmulators(): OvhEmulator[] {
	return [...running];
}

/** Noon UTC on a day of the month `monthsAgo` months before `now`'s month: inside that month in every time zone. */
function dayOfMonth(now: Date, monthsAgo: number, day: number): Date {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, day, 12));
}

export async function startOvhFixture(port = 0): Promise<ProviderFixture> {
	const emulator = await new OvhEmulator().start(port);
	emulator.addConsumer(OVH_DEMO_CONSUMER_KEY, OVH_DEMO_RULES);
	// Bills dated around the month before this one (the built-in ones are from January 2026): three last
	// month, one the month before, one this month. The amount before tax in euros is the number in the ID.
	const now = new Date();
	emulator.data.bills.clear();
	emulator.data.addBill(7, dayOfMonth(now, 2, 20));
	emulator.data.addBill(12, dayOfMonth(now, 1, 5));
	emulator.data.addBill(36, dayOfMonth(now, 1, 14));
	emulator.data.addBill(59, dayOfMonth(now, 1, 25));
	emulator.data.addBill(48, dayOfMonth(now, 0, 1));
	// What the OVHcloud Trigger's events watch: orders (one unpaid), a support ticket, services, notifications.
	const day = 86_400_000;
	emulator.data.account.addOrder(51_000_048, dayOfMonth(now, 0, 1), 'delivered', 48);
	emulator.data.account.addOrder(OVH_DEMO_UNPAID_ORDER, new Date(now.getTime() - day), 'notPaid', 64);
	emulator.data.account.addTicket('Reverse DNS for 203.0.113.20', new Date(now.getTime() - 2 * day));
	emulator.data.account.addService('example.eu', '/domain', new Date(now.getTime() + 20 * day));
	emulator.data.account.addService('example.org', '/domain', new Date(now.getTime() + 200 * day), 'automatic');
	emulator.data.account.addNotification('Your invoice is available', dayOfMonth(now, 0, 1), { categories: ['billing'] });
	running.add(emulator);
	return {
		provider: 'ovh',
		url: emulator.url,
		credentials: [
			{
				id: 'ovhEmulatorApi01',
				name: 'OVHcloud (emulator)',
				type: 'ovhCloudApi',
				data: {
					endpoint: 'custom',
					customUrl: `${emulator.url}/1.0`,
					applicationKey: OVH_APP.key,
					applicationSecret: OVH_APP.secret,
					consumerKey: OVH_DEMO_CONSUMER_KEY,
				},
			},
			{
				id: 'ovhEmulatorOAu01',
				name: 'OVHcloud service account (emulator)',
				type: 'ovhCloudOAuth2Api',
				data: {
					region: 'custom',
					tokenUrl: `${emulator.url}/auth/oauth2/token`,
					apiUrl: `${emulator.url}/1.0`,
					clientId: OVH_CLIENT.id,
					clientSecret: OVH_CLIENT.secret,
					scope: 'all',
				},
			},
		],
		stop: async () => {
			running.delete(emulator);
			await emulator.stop();
		},
	};
}
