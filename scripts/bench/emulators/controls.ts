/**
 * What the bench may ask of the emulators (in the emulator process, see host.ts): per provider, commands that
 * reset state and counters, seed data, plan token expiry mid-run, and count the requests of the last run.
 * Counts are split the same way for every provider: `api` (calls to the API, waits' polls included),
 * `logins` (every request that obtains or renews what the credential's preAuthentication keeps: password grants,
 * refresh grants, session logins, JWT fetches; OVH: service-account tokens and the clock offset) and provider extras.
 */
import { CloutilityEmulator } from '../../../test/emulators/cloutility';
import type { Emulator } from '../../../test/emulators/kit';
import { OpenVCloudEmulator } from '../../../test/emulators/openvcloud';
import { OvhEmulator } from '../../../test/emulators/ovh';
import { VENTUS_DEFAULT_USER, VentusEmulator } from '../../../test/emulators/ventus';

export type Tallies = Record<string, number>;

/** A provider's emulator and its commands; every command takes one JSON argument and answers JSON. */
interface Control<E extends Emulator> {
	start(): Promise<E>;
	commands: {
		/**
		 * Counters, planned faults and expiries cleared. State stays: tokens the bench's credential store holds
		 * must stay valid (the warm editor cases rely on it).
		 */
		reset(emulator: E): void;
		/** Counts of the requests since the last reset. */
		tallies(emulator: E): Tallies;
		/** Tokens expire after every `every` API calls (up to `until` calls). */
		expireEvery(emulator: E, args: { every: number; until: number }): void;
	} & Record<string, (emulator: E, args: never) => unknown>;
}

const define = <E extends Emulator, C extends Control<E>['commands']>(control: { start(): Promise<E>; commands: C }) => control;

const ventus = define({
	start: async () => await new VentusEmulator().start(),
	commands: {
		reset(emulator: VentusEmulator) {
			emulator.requests.length = 0;
			emulator.clearFaults();
		},
		tallies: (emulator: VentusEmulator) => ({ api: emulator.apiRequests.length, logins: emulator.tokenRequests.length }),
		expireEvery(emulator: VentusEmulator, { every, until }: { every: number; until: number }) {
			for (let at = every; at < until; at += every) {
				emulator.afterRequests('GET', '/v1.0/*', at, () => emulator.clock.advance(emulator.tokenLifetimeSeconds + 1));
			}
		},
		/** Projects in Vienna (of the default organization) until there are `count`; their IDs. */
		seedProjects(emulator: VentusEmulator, { count }: { count: number }): string[] {
			const organization = VENTUS_DEFAULT_USER.organizations[0];
			for (let index = emulator.projects.size; index < count; index++) emulator.addProject(organization, 'vienna', `bench-${index}`);
			return [...emulator.projects.keys()].slice(0, count);
		},
		/** The projects the last call added are deleted and `count` new ones added (what a trigger's next poll sees). */
		churnProjects(emulator: VentusEmulator, { count }: { count: number }) {
			const organization = VENTUS_DEFAULT_USER.organizations[0];
			for (const project of [...emulator.projects.values()]) if (project.name.startsWith('churn-')) emulator.projects.delete(project.id);
			for (let index = 0; index < count; index++) emulator.addProject(organization, 'vienna', `churn-${index}`);
		},
	},
});

const cloutility = define({
	start: async () => await new CloutilityEmulator().start(),
	commands: {
		reset(emulator: CloutilityEmulator) {
			emulator.requests.length = 0;
			emulator.clearFaults();
		},
		tallies: (emulator: CloutilityEmulator) => ({
			api: emulator.apiRequests.length,
			logins: emulator.tokenRequests.length,
			passwordGrants: emulator.passwordGrants.length,
			refreshGrants: emulator.refreshGrants.length,
		}),
		expireEvery(emulator: CloutilityEmulator, { every, until }: { every: number; until: number }) {
			for (let at = every; at < until; at += every) {
				emulator.afterRequests('GET', '/v1/*', at, () => emulator.advanceClock(emulator.tokenLifetimeSeconds + 1));
			}
		},
		/** Exactly `count` audit log entries, all of consumption unit 408 (business unit 76). */
		seedAuditLogs(emulator: CloutilityEmulator, { count }: { count: number }) {
			emulator.world.auditLogs.length = 0;
			emulator.world.seedAuditLogs(76, 408, count);
		},
	},
});

/** The first of the machines the OpenvCloud suite adds. */
export const FIRST_BENCH_MACHINE = 1000;

function seedMachines(emulator: OpenVCloudEmulator, count: number) {
	const template = emulator.state.machines.get(20)!;
	for (let index = 0; index < count; index++) {
		const id = FIRST_BENCH_MACHINE + index;
		emulator.state.machines.set(id, { ...structuredClone(template), id, name: `bench-${index}`, ipAddress: `10.1.${index >> 8}.${index & 255}` });
	}
}

const openvcloud = define({
	start: async () => await new OpenVCloudEmulator().start(),
	commands: {
		reset(emulator: OpenVCloudEmulator) {
			emulator.requests.length = 0;
			emulator.calls.length = 0;
			emulator.state.events.length = 0;
			emulator.clearFaults();
		},
		tallies: (emulator: OpenVCloudEmulator) => ({
			api: emulator.apiRequests.length,
			logins: emulator.logins.length + emulator.tokenRequests.length + emulator.refreshRequests.length,
			polls: emulator.requestsTo('POST', '/restmachine/system/task/get').length,
		}),
		expireEvery(emulator: OpenVCloudEmulator, { every, until }: { every: number; until: number }) {
			for (let at = every; at < until; at += every) {
				emulator.afterRequests('POST', '/restmachine/cloudapi/*', at, () =>
					emulator.clock.advance(Math.max(emulator.jwtLifetimeSeconds, emulator.sessionLifetimeSeconds) + 1),
				);
			}
		},
		/** The seeded workload and `count` machines in its cloud space 10, IDs from FIRST_BENCH_MACHINE on. */
		seedMachines(emulator: OpenVCloudEmulator, { count }: { count: number }) {
			emulator.reset();
			emulator.state.seedWorkload();
			seedMachines(emulator, count);
		},
		/** How long tasks started with `_async` run. */
		taskDuration(emulator: OpenVCloudEmulator, { ms }: { ms: number }) {
			emulator.taskDurationMs = ms;
		},
	},
});

const ovh = define({
	start: async () => await new OvhEmulator().start(),
	commands: {
		reset(emulator: OvhEmulator) {
			emulator.requests.length = 0;
			emulator.calls.length = 0;
			emulator.clearFaults();
		},
		/** Logins: service-account tokens, and signed requests' clock offset (`GET /auth/time`, their preAuthentication). */
		tallies: (emulator: OvhEmulator) => ({
			api: emulator.requestsOf('api').length,
			logins: emulator.requestsOf('token').length + emulator.requestsOf('time').length,
			time: emulator.requestsOf('time').length,
		}),
		expireEvery(emulator: OvhEmulator, { every, until }: { every: number; until: number }) {
			for (let at = every; at < until; at += every) emulator.afterRequests('GET', /^\/(1\.0|v1|v2)\//, at, () => emulator.expireTokens());
		},
		/** Bills until there are `count`; their IDs, in order. */
		seedBills(emulator: OvhEmulator, { count }: { count: number }): string[] {
			for (let index = emulator.data.bills.size + 1; index <= count; index++) emulator.data.addBill(index);
			return [...emulator.data.bills.keys()].slice(0, count);
		},
	},
});

export const controls = { ventus, cloutility, openvcloud, ovh };

export type Provider = keyof typeof controls;

export const PROVIDERS = Object.keys(controls) as Provider[];

type Commands<P extends Provider> = (typeof controls)[P]['commands'];

export type CommandName<P extends Provider> = keyof Commands<P> & string;

export type CommandArgs<P extends Provider, C extends CommandName<P>> = Commands<P>[C] extends (emulator: never, args: infer A) => unknown
	? A
	: never;

export type CommandResult<P extends Provider, C extends CommandName<P>> = Commands<P>[C] extends (...args: never[]) => infer R ? R : never;
