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
		tallies(emulator: CloutilityEmulator) {
			const api = emulator.apiRequests.length;
			// Pages of audit log (the triggers' change feed, read from 10 minutes before the newest entry seen): how many
			// depends on how many entries the last 10 minutes hold, so on timing; the other requests do not.
			const auditLog = emulator.apiRequests.filter((request) => request.path.endsWith('/auditlogs')).length;
			return {
				api,
				logins: emulator.tokenRequests.length,
				passwordGrants: emulator.passwordGrants.length,
				refreshGrants: emulator.refreshGrants.length,
				auditLog,
				beyondAuditLog: api - auditLog,
			};
		},
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
		/** `count` things happen that a Cloutility Trigger event reports (see cloutility-trigger.bench.ts). */
		happen(emulator: CloutilityEmulator, { kind, count }: { kind: CloutilityHappening; count: number }) {
			for (let index = 0; index < count; index++) cloutilityHappens(emulator, kind);
		},
	},
});

export type CloutilityHappening = 'auditError' | 'nodeCreated' | 'nodeActivated' | 'unitCreated' | 'nightlyReports';

let cloutilitySerial = 0;

/** One thing happening in the portal, the way it logs it (as test/cloutility/trigger.test.ts makes it happen). */
function cloutilityHappens(emulator: CloutilityEmulator, kind: CloutilityHappening) {
	const world = emulator.world;
	const serial = ++cloutilitySerial;
	const admin = 'backup-admin@company.example';
	const newUnit = (name: string) => {
		const consumer = { id: world.id(), bunitId: 76, name, limitHighStorage: 0, allowNoActivity: false, tagIds: [], createdDate: world.timestamp(), extra: {} };
		world.consumers.set(consumer.id, consumer);
		world.log(100, 76, `Consumption unit ${name} created`, admin, consumer.id);
		return consumer;
	};
	const withNode = (name: string) => {
		const consumer = newUnit(name);
		world.nodes.set(consumer.id, world.newNode(consumer.id, { operatingSystemId: 2, typeId: 1, domainId: 11, clientOptionSetId: 22 }));
		world.log(100, 76, `Backup node for ${name} created`, admin, consumer.id);
		return consumer;
	};
	switch (kind) {
		case 'auditError':
			world.log(400, 76, `Backup of FILESERVER01 failed (${serial})`, 'system', 409);
			break;
		case 'unitCreated':
			newUnit(`bench-unit-${serial}`);
			break;
		case 'nodeCreated':
			withNode(`bench-node-${serial}`);
			break;
		case 'nodeActivated': {
			// Created and activated between two polls: one event (activated), the audit log names the unit.
			const consumer = withNode(`bench-active-${serial}`);
			world.activate(consumer.id, `BENCH-ACTIVE-${serial}`);
			world.log(200, 76, `Backup node BENCH-ACTIVE-${serial} activated`, admin, consumer.id);
			break;
		}
		case 'nightlyReports':
			// The next night's node reports of every unit, and each business unit's status report.
			world.dailyReports(new Date(Date.now() + serial * 86_400_000).toISOString().slice(0, 10));
			break;
	}
}

/** The first of the machines the OpenvCloud suite adds. */
export const FIRST_BENCH_MACHINE = 1000;

function seedMachines(emulator: OpenVCloudEmulator, count: number) {
	const template = emulator.state.machines.get(20)!;
	for (let index = 0; index < count; index++) {
		const id = FIRST_BENCH_MACHINE + index;
		if (emulator.state.machines.has(id)) continue;
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
		/**
		 * The seeded workload and `count` machines in its cloud space 10, IDs from FIRST_BENCH_MACHINE on. Idempotent
		 * and adds only: fresh processes (cold cases) run their suite's setup again against this same emulator, and
		 * must leave what other suites seeded (the trigger cases' account 2) and the sessions the bench holds.
		 */
		seedMachines(emulator: OpenVCloudEmulator, { count }: { count: number }) {
			if (!emulator.state.cloudspaces.has(10)) emulator.state.seedWorkload();
			seedMachines(emulator, count);
		},
		/** How long tasks started with `_async` run. */
		taskDuration(emulator: OpenVCloudEmulator, { ms }: { ms: number }) {
			emulator.taskDurationMs = ms;
		},
		/**
		 * What the trigger cases watch (once): account 2 with cloud space TRIGGER_SPACE holding `machines` machines
		 * (IDs from TRIGGER_MACHINE on) and `spaces` more cloud spaces, and `disks` disks; apart from the machines
		 * the other suite adds to cloud space 10 of account 1.
		 */
		seedTriggerWorld(emulator: OpenVCloudEmulator, { machines, spaces, disks }: { machines: number; spaces: number; disks: number }) {
			const state = emulator.state;
			if (state.accounts.has(TRIGGER_ACCOUNT)) return;
			// Its templates are the workload's (cloud space 10, machine 20, disk 31), whichever suite seeds first.
			if (!state.cloudspaces.has(10)) state.seedWorkload();
			state.accounts.set(TRIGGER_ACCOUNT, { ...structuredClone(state.accounts.get(1)!), id: TRIGGER_ACCOUNT, name: 'bench-triggers' });
			const space = state.cloudspaces.get(10)!;
			for (let index = 0; index <= spaces; index++) {
				const id = TRIGGER_SPACE + index;
				state.cloudspaces.set(id, { ...structuredClone(space), id, accountId: TRIGGER_ACCOUNT, name: `bench-space-${index}` });
			}
			const template = state.machines.get(20)!;
			for (let index = 0; index < machines; index++) {
				const id = TRIGGER_MACHINE + index;
				state.machines.set(id, { ...structuredClone(template), id, cloudspaceid: TRIGGER_SPACE, name: `watched-${index}`, disks: [], snapshots: [], history: [] });
			}
			const disk = state.disks.get(31)!;
			for (let index = 0; index < disks; index++) {
				const id = TRIGGER_DISK + index;
				state.disks.set(id, { ...structuredClone(disk), id, accountId: TRIGGER_ACCOUNT, name: `bench-disk-${index}`, machineId: 0, status: 'CREATED' });
			}
		},
		/** `count` things happen that an OpenvCloud Trigger event reports (see openvcloud-trigger.bench.ts). */
		happen(emulator: OpenVCloudEmulator, { kind, count }: { kind: OpenVCloudHappening; count: number }) {
			for (let index = 0; index < count; index++) openvcloudHappens(emulator, kind);
		},
	},
});

/** The account, cloud space, machines and disks the OpenvCloud trigger cases watch. */
export const TRIGGER_ACCOUNT = 2;
export const TRIGGER_SPACE = 900;
export const TRIGGER_MACHINE = 90_000;
export const TRIGGER_DISK = 95_000;

export type OpenVCloudHappening = 'machineStatus' | 'machineCreated' | 'spaceStatus' | 'diskCreated' | 'snapshot';

let openvcloudSerial = 0;

/** One change on the G8 (as test/openvcloud/trigger.test.ts makes them), later than any before. */
function openvcloudHappens(emulator: OpenVCloudEmulator, kind: OpenVCloudHappening) {
	const state = emulator.state;
	const serial = ++openvcloudSerial;
	const now = Math.floor(Date.now() / 1000) + serial;
	const watched = [...state.machines.values()].filter((machine) => machine.cloudspaceid === TRIGGER_SPACE);
	switch (kind) {
		case 'machineStatus': {
			const machine = watched[serial % watched.length];
			machine.status = machine.status === 'RUNNING' ? 'HALTED' : 'RUNNING';
			machine.updateTime = now;
			break;
		}
		case 'machineCreated': {
			const id = TRIGGER_MACHINE + 5_000 + serial;
			// In the account's second cloud space: the cloud space the snapshot case watches keeps its machines.
			state.machines.set(id, { ...structuredClone(watched[0]), id, cloudspaceid: TRIGGER_SPACE + 1, name: `new-${serial}`, status: 'RUNNING', snapshots: [], creationTime: now, updateTime: now });
			break;
		}
		case 'spaceStatus': {
			const spaces = [...state.cloudspaces.values()].filter((space) => space.accountId === TRIGGER_ACCOUNT);
			const space = spaces[serial % spaces.length];
			space.status = space.status === 'DEPLOYED' ? 'DISABLED' : 'DEPLOYED';
			break;
		}
		case 'diskCreated': {
			const id = TRIGGER_DISK + 5_000 + serial;
			state.disks.set(id, { ...structuredClone(state.disks.get(TRIGGER_DISK)!), id, name: `new-disk-${serial}` });
			break;
		}
		case 'snapshot':
			watched[serial % watched.length].snapshots.push({ name: `nightly-${serial}`, epoch: now, diskguid: `d-${serial}` });
			break;
	}
}

const ovh = define({
	start: async () => await new OvhEmulator().start(),
	commands: {
		reset(emulator: OvhEmulator) {
			emulator.requests.length = 0;
			emulator.calls.length = 0;
			emulator.clearFaults();
		},
		/**
		 * Logins: service-account tokens, and signed requests' clock offset (`GET /auth/time`, their preAuthentication).
		 * Documents: downloads of bill and order PDFs (on the emulator's web-site side, not the API).
		 */
		tallies: (emulator: OvhEmulator) => ({
			api: emulator.requestsOf('api').length,
			logins: emulator.requestsOf('token').length + emulator.requestsOf('time').length,
			time: emulator.requestsOf('time').length,
			documents: emulator.requestsTo('GET', '/cgi-bin/order/*').length,
		}),
		expireEvery(emulator: OvhEmulator, { every, until }: { every: number; until: number }) {
			for (let at = every; at < until; at += every) emulator.afterRequests('GET', /^\/(1\.0|v1|v2)\//, at, () => emulator.expireTokens());
		},
		/** Bills until there are `count`; their IDs, in order. */
		seedBills(emulator: OvhEmulator, { count }: { count: number }): string[] {
			for (let index = emulator.data.bills.size + 1; index <= count; index++) emulator.data.addBill(index);
			return [...emulator.data.bills.keys()].slice(0, count);
		},
		/** What the trigger cases watch (once): orders of the last 50 days (`open` of them not delivered), tickets, services. */
		seedAccount(emulator: OvhEmulator, { orders, open, tickets, services }: { orders: number; open: number; tickets: number; services: number }) {
			const account = emulator.data.account;
			if (account.orders.size) return;
			const day = 86_400_000;
			for (let index = 0; index < orders; index++) account.addOrder(59_000_000 + index, new Date(Date.now() - (index + 1) * day), index < open ? 'checking' : 'delivered');
			for (let index = 0; index < tickets; index++) account.addTicket(`Ticket ${index}`, new Date(Date.now() - (index + 1) * day));
			for (let index = 0; index < services; index++) account.addService(`svc-${index}.example.eu`, '/domain', new Date(Date.now() + (index + 40) * day));
		},
		/** `count` things happen that an OVHcloud Trigger event reports (see ovh-trigger.bench.ts). */
		happen(emulator: OvhEmulator, { kind, count }: { kind: TriggerHappening; count: number }) {
			if (kind === 'notification') {
				// The notifications of the last call go: the poll's window holds this call's, as after a quiet while.
				const notifications = emulator.data.account.notifications;
				for (let index = notifications.length - 1; index >= 0; index--) if (String(notifications[index].title).startsWith('Bench ')) notifications.splice(index, 1);
			}
			for (let index = 0; index < count; index++) happen(emulator, kind);
		},
	},
});

export type TriggerHappening = 'bill' | 'order' | 'orderStatus' | 'ticket' | 'service' | 'notification' | 'record' | 'serverState';

let happened = 0;

/** One thing happening: new objects dated now (bills after the newest one, which the seeded list dates years ahead). */
function happen(emulator: OvhEmulator, kind: TriggerHappening) {
	const account = emulator.data.account;
	const serial = ++happened;
	const now = Date.now();
	switch (kind) {
		case 'bill': {
			const newest = Math.max(now, ...[...emulator.data.bills.values()].map((bill) => Date.parse(String(bill.date))));
			emulator.data.addBill(500_000 + serial, new Date(newest + 60_000));
			break;
		}
		case 'order':
			account.addOrder(70_000_000 + serial, new Date(), 'delivered');
			break;
		case 'orderStatus': {
			const open = [...account.orderStatus].filter(([, status]) => status === 'checking' || status === 'delivering');
			const [orderId, status] = open[serial % open.length];
			account.orderStatus.set(orderId, status === 'checking' ? 'delivering' : 'checking');
			break;
		}
		case 'ticket':
			account.addTicket(`Bench ${serial}`, new Date());
			break;
		case 'service':
			account.addService(`bench-${serial}.example.eu`, '/domain', new Date(now + 10 * 86_400_000));
			break;
		case 'notification':
			account.addNotification(`Bench ${serial}`, new Date());
			break;
		case 'record':
			emulator.data.zones.get('example.eu')!.push({ id: 5_000_000 + serial, zone: 'example.eu', fieldType: 'TXT', subDomain: '', target: `"b${serial}"`, ttl: 60 });
			break;
		case 'serverState':
			emulator.data.servers.get('ns3001234.ip-203-0-113.eu')!.state = `s${serial}`;
			break;
	}
}

export const controls = { ventus, cloutility, openvcloud, ovh };

export type Provider = keyof typeof controls;

export const PROVIDERS = Object.keys(controls) as Provider[];

type Commands<P extends Provider> = (typeof controls)[P]['commands'];

export type CommandName<P extends Provider> = keyof Commands<P> & string;

export type CommandArgs<P extends Provider, C extends CommandName<P>> = Commands<P>[C] extends (emulator: never, args: infer A) => unknown
	? A
	: never;

export type CommandResult<P extends Provider, C extends CommandName<P>> = Commands<P>[C] extends (...args: never[]) => infer R ? R : never;
