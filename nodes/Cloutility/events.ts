/**
 * What the Cloutility Trigger watches, and what one poll costs.
 *
 * The audit log is the change feed: it is read with `startTime` at the watermark (the newest entry seen)
 * minus an overlap, oldest first, page by page, so a poll with nothing new costs one request. The audit
 * log events emit its entries; the backup node and consumption unit events look further only when it
 * shows new create, modify or delete entries: they list the consumption units of the scope and read the
 * backup nodes the entries name, and compare them with what the trigger remembers (their states, bounded).
 * Node reports are daily: for one consumption unit they are read since the day before the newest seen;
 * for a whole business unit the latest status report (which rolls them up) is asked first, and the node
 * reports are read only when it changed. Status reports: the latest, one request.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { collectOffsetPages } from '../shared/paging';
import { pathSegment } from '../shared/path';
import { diffSnapshot, mapInParallel, OVERLAP_MS, pickNew, remember, type EventCandidate, type PollOutcome, type TriggerMemory } from '../shared/trigger';
import { PAGE_SIZE } from './api';
import { listItems, apiRequest, type Context, type Connection } from './transport';
import { flattenTree } from './tree';

export type TriggerEvent =
	| 'auditLogEntry'
	| 'backupNodeCreated'
	| 'backupNodeActivatedOrChanged'
	| 'consumptionUnitCreatedOrDeleted'
	| 'nodeReport'
	| 'statusReport';

/** Audit log entry types as the portal numbers them, and the names the trigger's items carry. */
export const AUDIT_TYPES: Record<number, string> = { 0: 'info', 100: 'create', 200: 'modify', 300: 'delete', 400: 'error' };

export interface Watch {
	event: TriggerEvent;
	bunitId: string;
	/** A consumption unit (audit log and node reports), or the whole business unit. */
	consumerId?: string;
	/** Whether the business units below count too. */
	descendants: boolean;
	/** Audit log entry types (numbers); empty means all. */
	types: number[];
	/** Node and status reports: only failed ones or ones with warnings. */
	onlyProblems: boolean;
	/** Backup nodes: only activations, not other changes. */
	onlyActivations: boolean;
	/** Consumption units: which of created and deleted. */
	changes: Array<'created' | 'deleted'>;
}

const DAY_MS = 86_400_000;

/** Reads of one poll that do not depend on each other (units' lists, nodes, reports) go this many at a time. */
const PARALLEL = 4;

/** Backup node fields whose change is a "changed" event (the password is never kept or put out). */
const WATCHED = ['tsmName', 'activatedDate', 'operatingSystem', 'type', 'domain', 'clientOptionSet', 'contact', 'cpuCount', 'locked', 'decommissioned'] as const;

const time = (value: unknown) => {
	const parsed = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isNaN(parsed) ? undefined : parsed;
};
const objects = (list: unknown[]) => list.filter((entry): entry is IDataObject => !!entry && typeof entry === 'object' && !Array.isArray(entry));
const item = (json: IDataObject): INodeExecutionData => ({ json });

/** Consumption units, the most recently created first (the higher ID first when created at the same time). */
const newestFirst = (a: IDataObject, b: IDataObject) => String(b.createdDate).localeCompare(String(a.createdDate)) || Number(b.id) - Number(a.id);

/** A nested object's ID, or a plain value (how the portal links resources: `{ "id": 1, "name": … }`). */
const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as IDataObject).id : value);

/** The consumption unit an audit log entry is about, when it says (`consumerId`, or a `consumer` object). */
export function entryConsumer(entry: IDataObject): string | undefined {
	const id = entry.consumerId ?? idOf(entry.consumer) ?? idOf(entry.consumptionUnit);
	return id === undefined || id === null || id === '' ? undefined : String(id);
}

/** Whether a report (node or status) failed or has warnings: its status, or its list of warnings. */
export function reportResult(report: IDataObject): 'failed' | 'warning' | 'ok' {
	const status = report.status && typeof report.status === 'object' ? String((report.status as IDataObject).name ?? '') : String(report.status ?? '');
	if (/error|fail|missed/i.test(status)) return 'failed';
	if (/warning/i.test(status) || (Array.isArray(report.warnings) && report.warnings.length > 0)) return 'warning';
	return 'ok';
}

class Poller {
	constructor(
		private readonly ctx: Context,
		private readonly portal: Connection,
		private readonly watch: Watch,
	) {}

	private async get(path: string, query: Array<[string, string]> = []): Promise<unknown> {
		return await apiRequest(this.ctx, this.portal, { method: 'GET', path, query });
	}

	/** A list read page by page with offset/limit (progress-guarded), at most `wanted` entries. */
	private async pages(path: string, query: Array<[string, string]>, wanted = Infinity): Promise<IDataObject[]> {
		const list = await collectOffsetPages(
			async (offset, limit) => {
				const page = await this.get(path, [...query, ['offset', String(offset)], ['limit', String(limit)]]);
				const total = (page as IDataObject | undefined)?.total;
				return { items: objects(listItems(page)), total: typeof total === 'number' ? total : undefined };
			},
			{ pageSize: PAGE_SIZE, wanted, key: (entry) => String(entry.id) },
		);
		return list.items;
	}

	/** A read that may find nothing: undefined when the portal answers 404 (other failures fail the poll). */
	private async find(path: string): Promise<IDataObject | undefined> {
		const outcome = await this.get(path).then(
			(value) => ({ value }),
			(error: unknown) => ({ error }),
		);
		if (!('error' in outcome)) return outcome.value && typeof outcome.value === 'object' ? (outcome.value as IDataObject) : undefined;
		if (outcome.error instanceof NodeApiError && outcome.error.httpCode === '404') return undefined;
		throw outcome.error;
	}

	private get unit() {
		return pathSegment(this.watch.bunitId, 'Business Unit');
	}

	private consumerPath(bunitId: unknown, consumerId: unknown) {
		return `/v1/bunits/${pathSegment(String(bunitId), 'Business Unit')}/consumers/${pathSegment(String(consumerId), 'Consumption Unit')}`;
	}

	// ------------------------------------------------------------ the audit log

	/**
	 * Audit log entries of the watched types from `since` on, oldest first, all pages; or with `newest`, the
	 * newest ones first, at most that many.
	 */
	private async auditEntries(types: number[], since: number | undefined, newest?: number): Promise<IDataObject[]> {
		const { watch } = this;
		const path = watch.consumerId && watch.event === 'auditLogEntry' ? `${this.consumerPath(watch.bunitId, watch.consumerId)}/auditlogs` : `/v1/bunits/${this.unit}/auditlogs`;
		const query: Array<[string, string]> = (types.length ? types : Object.keys(AUDIT_TYPES).map(Number)).map((type) => ['types', String(type)]);
		if (!(watch.consumerId && watch.event === 'auditLogEntry') && watch.descendants) query.push(['includeDescendants', 'true']);
		if (since !== undefined) query.push(['startTime', new Date(since).toISOString()]);
		query.push(['orderDesc', newest === undefined ? 'false' : 'true']);
		return await this.pages(path, query, newest);
	}

	private entryCandidate(entry: IDataObject): EventCandidate {
		const typeName = AUDIT_TYPES[Number(entry.type)] ?? String(entry.typeName ?? entry.type ?? '').toLowerCase();
		return { id: String(entry.id), time: time(entry.createdDate), item: item({ event: 'auditLogEntry', typeName, entry }) };
	}

	/**
	 * The audit log as a feed: on the first poll, the newest entries (those within the overlap of the newest
	 * are remembered, so none of them comes again); later, what came since the watermark.
	 */
	private async feed(memory: TriggerMemory | undefined, types: number[]): Promise<{ fresh: EventCandidate[]; memory: TriggerMemory }> {
		if (!memory) {
			// Newest first, until an entry is older than the overlap before the newest (one page, mostly).
			const newest: IDataObject[] = [];
			for (let offset = 0; offset < 10 * PAGE_SIZE; offset += PAGE_SIZE) {
				const page = await this.auditEntries(types, undefined, offset + PAGE_SIZE);
				newest.splice(0, newest.length, ...page);
				const first = time(page[0]?.createdDate);
				const last = time(page.at(-1)?.createdDate);
				if (page.length < offset + PAGE_SIZE || first === undefined || last === undefined || last < first - OVERLAP_MS) break;
			}
			return { fresh: [], memory: remember({ seen: [] }, newest.map((entry) => this.entryCandidate(entry))) };
		}
		const since = memory.at === undefined ? undefined : memory.at - OVERLAP_MS;
		const entries = await this.auditEntries(types, since);
		return pickNew(memory, entries.map((entry) => this.entryCandidate(entry)));
	}

	// ------------------------------------------------------------ consumption units and backup nodes

	/** The business units watched: the chosen one, and those below it when asked. */
	private async units(): Promise<string[]> {
		if (!this.watch.descendants) return [this.watch.bunitId];
		return flattenTree(await this.get('/v1/bunits', [['bunitId', this.watch.bunitId]])).map((unit) => String(unit.id));
	}

	/** Every consumption unit of the watched business units, each with its business unit's ID. */
	private async consumers(): Promise<IDataObject[]> {
		const lists = await mapInParallel(await this.units(), PARALLEL, async (unit) =>
			objects(listItems(await this.get(`/v1/bunits/${pathSegment(unit, 'Business Unit')}/consumers`))).map((consumer) => ({ ...consumer, businessUnitId: Number(unit) })),
		);
		return lists.flat();
	}

	/** A consumption unit's backup node (without its password), or undefined when it has none. */
	private async node(consumer: IDataObject): Promise<IDataObject | undefined> {
		const node = await this.find(`${this.consumerPath(consumer.businessUnitId, consumer.id)}/node`);
		if (!node) return undefined;
		const safe = { ...node };
		delete safe.tsmPassword;
		return safe;
	}

	/** What the trigger remembers of a backup node: the watched fields, compact (`-`: no node). */
	private static nodeState(node: IDataObject | undefined): string {
		if (!node) return '-';
		return JSON.stringify(WATCHED.map((field) => idOf(node[field]) ?? null));
	}

	private static nodeFields(state: string | undefined): IDataObject | undefined {
		if (!state || state === '-') return undefined;
		const values = JSON.parse(state) as unknown[];
		return Object.fromEntries(WATCHED.map((field, index) => [field, values[index] as IDataObject[string]]));
	}

	/** The states of these consumption units' backup nodes (one request each, PARALLEL at a time). */
	private async nodeStates(consumers: IDataObject[]) {
		return await mapInParallel(consumers, PARALLEL, async (consumer) => {
			const node = await this.node(consumer);
			const json: IDataObject = { businessUnitId: consumer.businessUnitId, consumptionUnitId: consumer.id, consumptionUnitName: consumer.name, node };
			return { id: String(consumer.id), state: Poller.nodeState(node), item: item(json) };
		});
	}

	private async nodeEvents(memory: TriggerMemory | undefined, manual: boolean): Promise<PollOutcome> {
		const created = this.watch.event === 'backupNodeCreated';
		if (manual) {
			// The newest consumption units first: the first node found (created, or activated) is the example.
			const newest = (await this.consumers()).sort(newestFirst);
			for (const consumer of newest.slice(0, 10)) {
				const [state] = await this.nodeStates([consumer]);
				const fields = Poller.nodeFields(state.state);
				if (!fields || (!created && !fields.activatedDate)) continue;
				const event = created ? 'backupNodeCreated' : 'backupNodeActivated';
				return { items: [item({ event, ...state.item.json, ...(created ? {} : { previous: { ...fields, activatedDate: null }, current: fields, changed: ['activatedDate'] }) })], memory: { seen: [] } };
			}
			return { items: [], memory: { seen: [] } };
		}
		const feed = await this.feed(memory, [100, 200, 300]);
		if (memory && feed.fresh.length === 0) return { items: [], memory: feed.memory };
		const consumers = await this.consumers();
		if (!memory) {
			// The baseline: every backup node as it is now.
			return { items: [], memory: diffSnapshot(feed.memory, await this.nodeStates(consumers)).memory };
		}
		const named = new Set(feed.fresh.map((candidate) => entryConsumer(candidate.item.json.entry as IDataObject)));
		const known = memory.states ?? {};
		// The entries name what they touched; an entry that names nothing makes every node worth a look.
		const targets = named.has(undefined) ? consumers : consumers.filter((consumer) => named.has(String(consumer.id)) || !(String(consumer.id) in known));
		const diff = diffSnapshot(feed.memory, await this.nodeStates(targets), false);
		const listed = new Set(consumers.map((consumer) => String(consumer.id)));
		const states = Object.fromEntries(Object.entries(diff.memory.states ?? {}).filter(([id]) => listed.has(id)));
		const items: INodeExecutionData[] = [];
		const changes: Array<{ state: string; previous?: string; item: INodeExecutionData }> = [...diff.created, ...diff.changed];
		for (const object of changes) {
			const previous = Poller.nodeFields(object.previous);
			const current = Poller.nodeFields(object.state);
			if (!current) continue;
			if (created) {
				if (!previous) items.push(item({ event: 'backupNodeCreated', ...object.item.json }));
				continue;
			}
			// A node created since the last poll is no change, unless it was activated too.
			const activated = !previous?.activatedDate && !!current.activatedDate;
			if ((!previous && !activated) || (this.watch.onlyActivations && !activated)) continue;
			const before = previous ?? Object.fromEntries(WATCHED.map((field) => [field, null]));
			const changed = WATCHED.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(current[field]));
			items.push(item({ event: activated ? 'backupNodeActivated' : 'backupNodeChanged', ...object.item.json, previous: previous ?? null, current, changed }));
		}
		return { items, memory: { ...diff.memory, states } };
	}

	private async consumptionUnitEvents(memory: TriggerMemory | undefined, manual: boolean): Promise<PollOutcome> {
		const wanted = new Set(this.watch.changes.length ? this.watch.changes : ['created', 'deleted']);
		const full = async (consumer: IDataObject) =>
			item({
				event: 'consumptionUnitCreated',
				businessUnitId: consumer.businessUnitId,
				consumptionUnit: { ...((await this.get(this.consumerPath(consumer.businessUnitId, consumer.id))) as IDataObject), businessUnitId: consumer.businessUnitId },
			});
		if (manual) {
			const [newest] = (await this.consumers()).sort(newestFirst);
			return { items: newest ? [await full(newest)] : [], memory: { seen: [] } };
		}
		const feed = await this.feed(memory, [100, 300]);
		if (memory && feed.fresh.length === 0) return { items: [], memory: feed.memory };
		const consumers = await this.consumers();
		const current = consumers.map((consumer) => ({ id: String(consumer.id), state: JSON.stringify([consumer.name ?? '', consumer.businessUnitId]), item: item(consumer) }));
		const diff = diffSnapshot(feed.memory, current);
		if (!memory) return { items: [], memory: diff.memory };
		const items: INodeExecutionData[] = [];
		if (wanted.has('created')) items.push(...(await mapInParallel(diff.created, PARALLEL, async (object) => await full(object.item.json))));
		if (wanted.has('deleted')) {
			for (const gone of diff.deleted) {
				const [name, businessUnitId] = JSON.parse(gone.previous) as [string, number];
				items.push(item({ event: 'consumptionUnitDeleted', businessUnitId, consumptionUnit: { id: Number(gone.id), name, businessUnitId } }));
			}
		}
		return { items, memory: diff.memory };
	}

	// ------------------------------------------------------------ reports

	private reportCandidate(report: IDataObject, event: 'nodeReport' | 'statusReport'): EventCandidate {
		return { id: String(report.id), time: time(report.reportDate), item: item({ event, result: reportResult(report), report }) };
	}

	private matches(candidate: EventCandidate) {
		return !this.watch.onlyProblems || candidate.item.json.result !== 'ok';
	}

	/** Node reports of consumption units from a day on (with their status and warnings). */
	private async nodeReports(consumers: IDataObject[], since: number | undefined): Promise<EventCandidate[]> {
		const query: Array<[string, string]> = [
			['status', 'true'],
			['warnings', 'true'],
		];
		if (since !== undefined) query.unshift(['startDate', new Date(since).toISOString().slice(0, 10)]);
		const lists = await mapInParallel(consumers, PARALLEL, async (consumer) =>
			objects(listItems(await this.get(`${this.consumerPath(consumer.businessUnitId, consumer.id)}/reports`, query))),
		);
		return lists.flat().map((report) => this.reportCandidate(report, 'nodeReport'));
	}

	private async latestStatusReport(): Promise<IDataObject | undefined> {
		return await this.find(`/v1/bunits/${this.unit}/reports/latest`);
	}

	private async nodeReportEvents(memory: TriggerMemory | undefined, manual: boolean): Promise<PollOutcome> {
		const { watch } = this;
		const chosen = watch.consumerId ? [{ id: watch.consumerId, businessUnitId: watch.bunitId }] : undefined;
		if (manual) {
			// The latest report of each consumption unit; the newest of them that matches is the example.
			const latest: EventCandidate[] = [];
			for (const consumer of chosen ?? (await this.consumers())) {
				const report = await this.find(`${this.consumerPath(consumer.businessUnitId, consumer.id)}/reports/latest`);
				if (report) latest.push(this.reportCandidate(report, 'nodeReport'));
			}
			const newest = latest.filter((candidate) => this.matches(candidate)).sort((a, b) => (b.time ?? 0) - (a.time ?? 0))[0];
			return { items: newest ? [newest.item] : [], memory: { seen: [] } };
		}
		// A whole business unit: its latest status report says whether there is anything new to read.
		let doorbell: string | undefined;
		if (!chosen) {
			const latest = await this.latestStatusReport();
			doorbell = latest ? `${String(latest.id)}@${String(latest.updateTime ?? latest.reportDate ?? '')}` : '-';
			if (memory && memory.doorbell === doorbell) return { items: [], memory };
		}
		// From the day before the newest report seen (reports are daily; a day may be added to later).
		const since = memory?.at === undefined ? Date.now() - 2 * DAY_MS : memory.at - DAY_MS;
		const candidates = await this.nodeReports(chosen ?? (await this.consumers()), since);
		const next = memory ? pickNew(memory, candidates) : { fresh: [], memory: remember({ seen: [] }, candidates) };
		return { items: next.fresh.filter((candidate) => this.matches(candidate)).map((candidate) => candidate.item), memory: { ...next.memory, doorbell } };
	}

	/**
	 * Status reports: the latest one says whether there is anything new; only then is the list read (page by
	 * page), so reports that came while polls failed come too.
	 */
	private async statusReportEvents(memory: TriggerMemory | undefined, manual: boolean): Promise<PollOutcome> {
		const latest = await this.latestStatusReport();
		const candidate = latest ? [this.reportCandidate(latest, 'statusReport')] : [];
		if (manual) return { items: candidate.filter((entry) => this.matches(entry)).map((entry) => entry.item), memory: { seen: [] } };
		if (!memory) return { items: [], memory: remember({ seen: [] }, candidate) };
		if (!latest || memory.seen.some(([id]) => id === String(latest.id))) return { items: [], memory };
		const reports = await this.pages(`/v1/bunits/${this.unit}/reports`, []);
		const next = pickNew(memory, reports.map((report) => this.reportCandidate(report, 'statusReport')));
		return { items: next.fresh.filter((entry) => this.matches(entry)).map((entry) => entry.item), memory: next.memory };
	}

	async poll(memory: TriggerMemory | undefined, manual: boolean): Promise<PollOutcome> {
		switch (this.watch.event) {
			case 'auditLogEntry': {
				if (manual) {
					const [newest] = await this.auditEntries(this.watch.types, undefined, 1);
					return { items: newest ? [this.entryCandidate(newest).item] : [], memory: { seen: [] } };
				}
				const feed = await this.feed(memory, this.watch.types);
				return { items: feed.fresh.map((candidate) => candidate.item), memory: feed.memory };
			}
			case 'backupNodeCreated':
			case 'backupNodeActivatedOrChanged':
				return await this.nodeEvents(memory, manual);
			case 'consumptionUnitCreatedOrDeleted':
				return await this.consumptionUnitEvents(memory, manual);
			case 'nodeReport':
				return await this.nodeReportEvents(memory, manual);
			case 'statusReport':
				return await this.statusReportEvents(memory, manual);
		}
	}
}

/** One poll of a watch: what to emit and what to remember (see runPoll in nodes/shared/trigger.ts). */
export async function pollWatch(ctx: Context, portal: Connection, watch: Watch, memory: TriggerMemory | undefined, manual: boolean): Promise<PollOutcome> {
	return await new Poller(ctx, portal, watch).poll(memory, manual);
}
