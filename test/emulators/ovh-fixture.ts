/**
 * The OVHcloud emulator with demo data for the examples (DNS zones, bills around last month), and the two
 * credentials that point at it: signed requests with a consumer key limited to what the examples and the
 * HTTP Request checks call, and a service account.
 */
import type { ProviderFixture } from './fixtures';
import { OVH_APP, OVH_CLIENT, OvhEmulator, type OvhAccessRule } from './ovh';

/** A validated consumer key of the emulator only (fixed, so credentials saved by `npm run dev` keep working). */
export const OVH_DEMO_CONSUMER_KEY = ['dEm0', 'Ex4mples', 'C0nsumerKey', 'F0rN8nOvh'].join('');

/** What the demo consumer key may call: read the account, bills and zones; add records; refresh a zone. */
export const OVH_DEMO_RULES: OvhAccessRule[] = [
	{ method: 'GET', path: '/me' },
	{ method: 'GET', path: '/me/bill' },
	{ method: 'GET', path: '/me/bill/*' },
	{ method: 'GET', path: '/domain/zone' },
	{ method: 'GET', path: '/domain/zone/*' },
	{ method: 'POST', path: '/domain/zone/*/record' },
	{ method: 'POST', path: '/domain/zone/*/refresh' },
];

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
