/**
 * The Cloutility Trigger through n8n's own polling path (n8n-core's poll context, static data kept between
 * polls) against the emulator, whose portal changes between polls. For every event: the first poll records
 * a baseline and emits nothing; one change emits exactly one item; polls without a change emit nothing; a
 * failed poll followed by a good one loses nothing; "Fetch Test Event" returns the newest item and moves
 * nothing; what one poll costs (with nothing new, and with K new); the state stays bounded.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_IDS, MAX_STATES } from '../../nodes/shared/trigger';
import type { Consumer } from '../emulators/cloutility-world';
import { CLOUTILITY_TRIGGER, cloutilitySetup, fromList, type CloutilityEnv } from './setup';

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup();
});
afterAll(async () => await env.emulator.stop());
const world = () => env.emulator.world;
const DAY = 86_400_000;
const today = (offsetDays = 0) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** The portal's nights: each change of reports is the next day's. */
let nights = 0;
const nextNight = () => today(++nights);

beforeEach(() => {
	env.emulator.reset();
	nights = 0;
});

/** What the portal does when a consumption unit is created (and its backup node, and its activation). */
function newUnit(bunitId: number, name: string, node?: 'created' | 'activated'): Consumer {
	const consumer: Consumer = { id: world().id(), bunitId, name, limitHighStorage: 0, allowNoActivity: false, tagIds: [], createdDate: world().timestamp(), extra: {} };
	world().consumers.set(consumer.id, consumer);
	world().log(100, bunitId, `Consumption unit ${name} created`, 'backup-admin@company.example', consumer.id);
	if (node) {
		world().nodes.set(consumer.id, world().newNode(consumer.id, { operatingSystemId: 2, typeId: 1, domainId: 11, clientOptionSetId: 22 }));
		world().log(100, bunitId, `Backup node for ${name} created`, 'backup-admin@company.example', consumer.id);
	}
	if (node === 'activated') activate(consumer);
	return consumer;
}

function activate(consumer: Consumer) {
	world().activate(consumer.id, consumer.name.replace(/[^A-Za-z0-9]/g, '-'));
	world().log(200, consumer.bunitId, `Backup node ${consumer.name.toUpperCase()} activated`, 'backup-admin@company.example', consumer.id);
}

function removeUnit(consumer: Consumer) {
	world().removeConsumer(consumer.id);
	world().log(300, consumer.bunitId, `Consumption unit ${consumer.name} deleted`, 'backup-admin@company.example', consumer.id);
}

const failure = (message: string) => world().log(400, 76, message, 'system', 409);

/** API requests one poll sends (sign-ins left out). */
async function cost(session: ReturnType<CloutilityEnv['trigger']>, mode: 'trigger' | 'manual' = 'trigger') {
	const before = env.emulator.apiRequests.length;
	const result = await session.poll(mode);
	if (result.error) throw result.error;
	return { items: (result.items ?? []).map((item) => item.json), requests: env.emulator.apiRequests.length - before };
}

interface EventCase {
	name: string;
	parameters: IDataObject;
	/** Makes `count` new events happen in the portal; returns what identifies them, oldest first. */
	change(count: number): Array<string | number>;
	/** What identifies an emitted item (compared with what `change` returned). */
	identify(item: IDataObject): string | number;
	/** The route whose failure fails the poll. */
	faultRoute: string;
	/** Requests of a poll with nothing new, and with `count` new. */
	requests: { quiet: number; news: (count: number) => number };
}

const unitOf = (item: IDataObject) => item.consumptionUnitId as number;

const CASES: EventCase[] = [
	{
		name: 'New Audit Log Entry (errors of a business unit and those below)',
		parameters: { event: 'auditLogEntry', bunitId: fromList('22'), types: [400] },
		change: (count) =>
			Array.from({ length: count }, (_, index) => {
				failure(`Backup of FILESERVER01 failed (${index + 1})`);
				return world().auditLogs.at(-1)!.id;
			}),
		identify: (item) => (item.entry as IDataObject).id as number,
		faultRoute: '/v1/bunits/22/auditlogs',
		requests: { quiet: 1, news: (count) => Math.ceil((count + 1) / 100) },
	},
	{
		name: 'Backup Node Created',
		parameters: { event: 'backupNodeCreated', bunitId: fromList('76'), options: { includeDescendants: false } },
		change: (count) => Array.from({ length: count }, (_, index) => newUnit(76, `laptop-${index + 1}`, 'created').id),
		identify: unitOf,
		faultRoute: '/v1/bunits/76/consumers',
		// The audit log, the units of the business unit, the node of each unit the entries name.
		requests: { quiet: 1, news: (count) => 2 + count },
	},
	{
		name: 'Backup Node Activated or Changed',
		parameters: { event: 'backupNodeActivatedOrChanged', bunitId: fromList('76'), options: { includeDescendants: false } },
		change: (count) => {
			const activated = [];
			for (let index = 0; index < count; index++) {
				const consumer = [...world().consumers.values()].find((candidate) => candidate.name.startsWith('waiting-') && !world().nodes.get(candidate.id)?.activatedDate)!;
				activate(consumer);
				activated.push(consumer.id);
			}
			return activated;
		},
		identify: unitOf,
		faultRoute: '/v1/bunits/76/auditlogs',
		requests: { quiet: 1, news: (count) => 2 + count },
	},
	{
		name: 'Consumption Unit Created or Deleted',
		parameters: { event: 'consumptionUnitCreatedOrDeleted', bunitId: fromList('76'), options: { includeDescendants: false } },
		change: (count) => Array.from({ length: count }, (_, index) => newUnit(76, `desktop-${index + 1}`).id),
		identify: (item) => (item.consumptionUnit as IDataObject).id as number,
		faultRoute: '/v1/bunits/76/auditlogs',
		// The audit log, the units of the business unit, each new unit in full.
		requests: { quiet: 1, news: (count) => 2 + count },
	},
	{
		name: 'New Node Report (one consumption unit)',
		parameters: { event: 'nodeReport', bunitId: fromList('76'), consumerId: fromList('408') },
		change: (count) =>
			Array.from({ length: count }, () => {
				world().dailyReports(nextNight());
				return world().nodeReports.filter((report) => report.consumerId === 408).at(-1)!.id;
			}),
		identify: (item) => (item.report as IDataObject).id as number,
		faultRoute: '/v1/bunits/76/consumers/408/reports',
		requests: { quiet: 1, news: () => 1 },
	},
	{
		name: 'New Status Report',
		parameters: { event: 'statusReport', bunitId: fromList('22') },
		change: (count) =>
			Array.from({ length: count }, () => {
				world().dailyReports(nextNight());
				return world().statusReports.filter((report) => report.businessUnitId === 22).at(-1)!.id;
			}),
		identify: (item) => (item.report as IDataObject).id as number,
		faultRoute: '/v1/bunits/22/reports/latest',
		// The latest report; when it is new, the list of reports (one page).
		requests: { quiet: 1, news: () => 2 },
	},
];

/** Units with a backup node not activated yet, for activations. */
function waitingNodes(count: number) {
	for (let index = 0; index < count; index++) newUnit(76, `waiting-${index + 1}`, 'created');
}

describe.each(CASES.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
	const session = () => {
		waitingNodes(3);
		return env.trigger(entry.parameters);
	};

	test('baseline emits nothing; one change emits exactly one item; no change emits nothing', async () => {
		const trigger = session();
		expect((await cost(trigger)).items).toEqual([]);
		expect((await cost(trigger)).items).toEqual([]);
		const [id] = entry.change(1);
		const emitted = (await cost(trigger)).items;
		expect(emitted.map(entry.identify)).toEqual([id]);
		expect((await cost(trigger)).items).toEqual([]);
		expect((await cost(trigger)).items).toEqual([]);
	});

	test('a failed poll keeps the state and emits nothing; the next poll catches up and loses nothing', async () => {
		const trigger = session();
		await cost(trigger);
		const first = entry.change(1);
		env.emulator.fault('GET', entry.faultRoute, { status: 500, body: { status: 500, code: 'internal_error', message: 'The portal failed' }, times: 1 });
		const stateBefore = structuredClone(trigger.staticData);
		const failed = await trigger.poll();
		expect(failed.error?.message).toBe('The portal failed');
		expect(failed.items).toBeNull();
		expect(trigger.staticData).toEqual(stateBefore);
		const second = entry.change(1);
		const caught = (await cost(trigger)).items;
		expect(caught.map(entry.identify)).toEqual([...first, ...second]);
		expect((await cost(trigger)).items).toEqual([]);
	});

	test('Fetch Test Event returns the newest item at once and moves nothing', async () => {
		const trigger = session();
		await cost(trigger);
		const [id] = entry.change(1);
		const state = structuredClone(trigger.staticData);
		const manual = await cost(trigger, 'manual');
		expect(manual.items).toHaveLength(1);
		expect(entry.identify(manual.items[0])).toBe(id);
		expect(trigger.staticData).toEqual(state);
		// The change is still new for the active trigger.
		expect((await cost(trigger)).items.map(entry.identify)).toEqual([id]);
	});

	test('what a poll costs: with nothing new, and with 3 new', async () => {
		const trigger = session();
		await cost(trigger);
		expect((await cost(trigger)).requests).toBe(entry.requests.quiet);
		const ids = entry.change(3);
		const news = await cost(trigger);
		expect(news.requests).toBe(entry.requests.news(3));
		expect(news.items.map(entry.identify)).toEqual(ids);
	});
});

test('the reads of one poll that do not depend on each other go 4 at a time: backup nodes, new units, node reports', async () => {
	const nodes = env.trigger({ event: 'backupNodeCreated', bunitId: fromList('76'), options: { includeDescendants: false } });
	const units = env.trigger({ event: 'consumptionUnitCreatedOrDeleted', bunitId: fromList('76'), options: { includeDescendants: false } });
	await nodes.emitted();
	await units.emitted();
	for (let index = 0; index < 8; index++) newUnit(76, `parallel-${index + 1}`, 'created');
	env.emulator.latencyMs = 20;
	for (const session of [nodes, units]) {
		env.emulator.peakInFlight = 0;
		expect(await session.emitted()).toHaveLength(8);
		expect(env.emulator.peakInFlight).toBe(4);
	}
	const reports = env.trigger({ event: 'nodeReport', bunitId: fromList('76') });
	await reports.emitted();
	world().dailyReports(nextNight());
	env.emulator.peakInFlight = 0;
	expect((await reports.emitted()).length).toBeGreaterThan(0);
	expect(env.emulator.peakInFlight).toBe(4);
});

describe('what the items carry', () => {
	test('an audit log entry: the event, the type by name, the entry as the portal gives it, oldest first', async () => {
		const trigger = env.trigger({ event: 'auditLogEntry', bunitId: fromList('22'), types: [400, 100] });
		await trigger.emitted();
		failure('Backup of FILESERVER01 failed: ANS1311E Server out of data storage space');
		newUnit(94, 'hr-laptop-07');
		const items = await trigger.emitted();
		expect(items).toEqual([
			{ event: 'auditLogEntry', typeName: 'error', entry: expect.objectContaining({ type: 400, businessUnitId: 76, consumerId: 409, message: 'Backup of FILESERVER01 failed: ANS1311E Server out of data storage space' }) },
			{ event: 'auditLogEntry', typeName: 'create', entry: expect.objectContaining({ type: 100, businessUnitId: 94, message: 'Consumption unit hr-laptop-07 created' }) },
		]);
	});

	test('a consumption unit only: its own entries; the types filter is sent to the portal', async () => {
		const trigger = env.trigger({ event: 'auditLogEntry', bunitId: fromList('76'), consumerId: fromList('408'), types: [400] });
		await trigger.emitted();
		failure('FileServer01 failed');
		world().log(400, 76, 'JENNYSWS missed its schedule', 'system', 408);
		expect((await trigger.emitted()).map((item) => (item.entry as IDataObject).message)).toEqual(['JENNYSWS missed its schedule']);
		// From now on, from the newest entry seen (less the overlap) only.
		expect(await trigger.emitted()).toEqual([]);
		const [request] = env.emulator.apiRequests.slice(-1);
		expect(request.path).toBe('/v1/bunits/76/consumers/408/auditlogs');
		expect(request.query.getAll('types')).toEqual(['400']);
		expect(request.query.get('startTime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
	});

	test('a backup node: created, then activated (with what changed), then changed; never its password', async () => {
		const created = env.trigger({ event: 'backupNodeCreated', bunitId: fromList('22') });
		const changes = env.trigger({ event: 'backupNodeActivatedOrChanged', bunitId: fromList('22') });
		await created.emitted();
		await changes.emitted();
		const consumer = newUnit(94, 'hr-ws-11', 'created');
		const [node] = await created.emitted();
		expect(node).toMatchObject({ event: 'backupNodeCreated', businessUnitId: 94, consumptionUnitId: consumer.id, consumptionUnitName: 'hr-ws-11', node: { consumer: expect.objectContaining({ id: consumer.id }) } });
		expect(await changes.emitted()).toEqual([]);
		activate(consumer);
		const [activation] = await changes.emitted();
		expect(activation).toMatchObject({ event: 'backupNodeActivated', consumptionUnitId: consumer.id, changed: ['tsmName', 'activatedDate'], previous: { activatedDate: null }, current: { tsmName: 'HR-WS-11' } });
		world().nodes.get(consumer.id)!.domainId = 12;
		world().log(200, 94, 'Backup node HR-WS-11 modified', 'backup-admin@company.example', consumer.id);
		const [change] = await changes.emitted();
		expect(change).toMatchObject({ event: 'backupNodeChanged', changed: ['domain'], previous: { domain: 11 }, current: { domain: 12 } });
		expect(JSON.stringify([node, activation, change])).not.toContain('tsmPassword');
		expect(await created.emitted()).toEqual([]);
	});

	test('"Only Activations" leaves other changes out', async () => {
		const trigger = env.trigger({ event: 'backupNodeActivatedOrChanged', bunitId: fromList('76'), options: { onlyActivations: true } });
		await trigger.emitted();
		world().nodes.get(408)!.contact = 'jenny@company.example';
		world().log(200, 76, 'Backup node JENNYSWS modified', 'jenny', 408);
		expect(await trigger.emitted()).toEqual([]);
	});

	test('consumption units: created (in full) and deleted (as last seen), each when chosen', async () => {
		const trigger = env.trigger({ event: 'consumptionUnitCreatedOrDeleted', bunitId: fromList('22') });
		await trigger.emitted();
		const consumer = newUnit(95, 'payroll-db-02');
		removeUnit(world().consumers.get(411)!);
		expect(await trigger.emitted()).toEqual([
			{ event: 'consumptionUnitCreated', businessUnitId: 95, consumptionUnit: expect.objectContaining({ id: consumer.id, name: 'payroll-db-02', businessUnitId: 95, dataSourceState: { id: 1, name: 'New' } }) },
			{ event: 'consumptionUnitDeleted', businessUnitId: 76, consumptionUnit: { id: 411, name: 'BuildServer', businessUnitId: 76 } },
		]);
		const deletions = env.trigger({ event: 'consumptionUnitCreatedOrDeleted', bunitId: fromList('22'), options: { changes: ['deleted'] } });
		await deletions.emitted();
		newUnit(95, 'payroll-db-03');
		removeUnit(consumer);
		expect((await deletions.emitted()).map((item) => item.event)).toEqual(['consumptionUnitDeleted']);
	});

	test('node reports of a whole business unit: read only when its status report changed; "Only Failed or With Warnings"', async () => {
		const trigger = env.trigger({ event: 'nodeReport', bunitId: fromList('76'), options: { includeDescendants: false, onlyProblems: true } });
		await trigger.emitted();
		const quiet = await cost(trigger);
		expect(quiet).toEqual({ items: [], requests: 1 });
		world().dailyReports(today(1), { 409: 'error', 411: 'warning' });
		const news = await cost(trigger);
		// The status report, the business unit's three consumption units, the reports of each.
		expect(news.requests).toBe(1 + 1 + 3);
		expect(news.items).toEqual([
			{ event: 'nodeReport', result: 'failed', report: expect.objectContaining({ consumerId: 409, status: { id: 4, name: 'Error' } }) },
			{ event: 'nodeReport', result: 'warning', report: expect.objectContaining({ consumerId: 411, warnings: [expect.objectContaining({ days: 1 })] }) },
		]);
		expect(await trigger.emitted()).toEqual([]);
	});

	test('status reports: "Only Failed or With Warnings" lets only a report that is not OK through', async () => {
		const trigger = env.trigger({ event: 'statusReport', bunitId: fromList('94'), options: { onlyProblems: true } });
		await trigger.emitted();
		world().dailyReports(today(1));
		expect(await trigger.emitted()).toEqual([]);
		world().nodes.set(410, world().newNode(410, { operatingSystemId: 1, typeId: 1, domainId: 11, clientOptionSetId: 21 }));
		world().activate(410, 'LISASWS');
		world().dailyReports(today(2), { 410: 'error' });
		expect(await trigger.emitted()).toEqual([{ event: 'statusReport', result: 'failed', report: expect.objectContaining({ businessUnitId: 94, status: { id: 4, name: 'Error' } }) }]);
	});

	test('another business unit or filter starts afresh: a new baseline, the old memory dropped', async () => {
		const trigger = env.trigger({ event: 'auditLogEntry', bunitId: fromList('22'), types: [400] });
		await trigger.emitted();
		const [before] = Object.keys(trigger.staticData);
		trigger.node.parameters.types = [400, 300];
		failure('after the change of filter');
		expect(await trigger.emitted()).toEqual([]);
		expect(Object.keys(trigger.staticData)).toHaveLength(1);
		expect(Object.keys(trigger.staticData)[0]).not.toBe(before);
	});

	test('a business unit that is not a number is refused before any request', async () => {
		const trigger = env.trigger({ event: 'auditLogEntry', bunitId: fromList('..') });
		const result = await trigger.poll();
		expect(result.error?.message).toBe('"Business Unit" must be a positive whole number (got "..")');
		expect(env.emulator.apiRequests).toHaveLength(0);
	});
});

describe('the state stays bounded', () => {
	test('audit log: 10,000 entries seen, a watermark and the IDs near it remembered', async () => {
		const trigger = env.trigger({ event: 'auditLogEntry', bunitId: fromList('22') });
		await trigger.emitted();
		const start = Date.now() - 3 * 3_600_000;
		world().seedAuditLogs(76, 409, 10_000, start);
		const seen = await trigger.emitted();
		expect(seen).toHaveLength(10_000);
		const [memory] = Object.values(trigger.staticData) as Array<{ seen: unknown[] }>;
		// Entries one a minute: only the ten or so inside the overlap before the newest are kept.
		expect(memory.seen.length).toBeLessThanOrEqual(MAX_IDS);
		expect(trigger.stateSize()).toBeLessThan(2_000);
	}, 60_000);

	test('consumption units: 10,000 created and deleted, only those that exist now remembered', async () => {
		// Deletions only: a creation would cost a read of the unit in full, which this test does not need.
		const trigger = env.trigger({ event: 'consumptionUnitCreatedOrDeleted', bunitId: fromList('95'), options: { includeDescendants: false, changes: ['deleted'] } });
		await trigger.emitted();
		let emitted = 0;
		for (let round = 0; round < 5; round++) {
			// A quarter of an hour between rounds, so each poll reads the entries of its round (and the overlap's).
			env.emulator.advanceClock(15 * 60);
			const batch = Array.from({ length: 2_000 }, (_, index) => newUnit(95, `churn-${round}-${index}`));
			emitted += (await trigger.emitted()).length;
			for (const consumer of batch) removeUnit(consumer);
			emitted += (await trigger.emitted()).length;
			// The IDs seen near the watermark (at most MAX_IDS) and one short state per unit that exists now.
			expect(trigger.stateSize()).toBeLessThan(40_000);
		}
		expect(emitted).toBe(10_000);
		const [memory] = Object.values(trigger.staticData) as Array<{ states: Record<string, string> }>;
		expect(Object.keys(memory.states)).toHaveLength(0);
		expect(MAX_STATES).toBe(50_000);
	}, 120_000);

	test('node reports and status reports: 10,000 reports seen, the newest day remembered', async () => {
		const reports = env.trigger({ event: 'nodeReport', bunitId: fromList('76'), consumerId: fromList('408') });
		const status = env.trigger({ event: 'statusReport', bunitId: fromList('22') });
		await reports.emitted();
		await status.emitted();
		for (let day = 1; day <= 10_000; day++) {
			world().nodeReports.push({ ...world().nodeReports.find((report) => report.consumerId === 408)!, id: 100_000 + day, reportDate: `${new Date(Date.now() + day * DAY).toISOString().slice(0, 10)}T00:00:00Z` });
			world().statusReports.push({ ...world().statusReports[0], id: 200_000 + day, businessUnitId: 22, reportDate: `${new Date(Date.now() + day * DAY).toISOString().slice(0, 10)}T00:00:00Z` });
		}
		expect(await reports.emitted()).toHaveLength(10_000);
		expect(await status.emitted()).toHaveLength(10_000);
		expect(reports.stateSize()).toBeLessThan(300);
		expect(status.stateSize()).toBeLessThan(300);
	}, 60_000);
});

test('the trigger is a polling trigger n8n lists as one', async () => {
	const type = env.harness.nodeTypes.getByNameAndVersion(CLOUTILITY_TRIGGER, 1).description;
	expect(type).toMatchObject({
		displayName: 'Cloutility Trigger',
		name: 'cloutilityTrigger',
		group: ['trigger'],
		polling: true,
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'cloutilityApi', required: true }],
		iconUrl: { light: expect.stringMatching(/cloutility\.svg$/), dark: expect.stringMatching(/cloutility\.dark\.svg$/) },
	});
	const events = type.properties.find((property) => property.name === 'event')!;
	expect((events.options as Array<{ value: string; description: string }>).map((option) => option.value)).toEqual([
		'backupNodeActivatedOrChanged',
		'backupNodeCreated',
		'consumptionUnitCreatedOrDeleted',
		'auditLogEntry',
		'nodeReport',
		'statusReport',
	]);
	expect((events.options as Array<{ description: string }>).every((option) => option.description.length > 10)).toBe(true);
	// "Poll Times" is added by n8n for polling nodes, once.
	expect(type.properties.filter((property) => property.name === 'pollTimes')).toHaveLength(1);
});
