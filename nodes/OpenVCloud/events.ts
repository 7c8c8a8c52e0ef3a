/**
 * What the OpenvCloud Trigger watches, and how one poll finds the events. The Cloud API has no events and
 * no time filters: a poll lists what the chosen cloud space or account holds, with the cheapest calls that
 * give statuses, and compares it with what the trigger remembers: one short state per object that exists
 * now (its status, or nothing but its presence), or, for snapshots, which carry their time, a watermark and
 * the snapshots seen near it. What one poll costs (requests to the G8), with N cloud spaces in the account
 * and M machines watched:
 * - machine events: 1 (machines/list) for a cloud space; 1 + N (cloudspaces/list, then machines/list per
 *   cloud space) for an account;
 * - cloud space events: 1 (cloudspaces/list, deleted ones included, so a deleted one is still described);
 * - disk events: 1 (disks/list of the account);
 * - Snapshot Created: the machine lists above, plus 1 listSnapshots per machine (M);
 * - Include Full Details: 1 more per event emitted (the object's get), none when nothing happened.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	diffSnapshot,
	mapInParallel,
	MAX_STATES,
	pickNew,
	type EventCandidate,
	type ObjectState,
	type PollOutcome,
	type TriggerMemory,
} from '../shared/trigger';
import { apiRequest, type Connection } from './transport';

export type ScopeKind = 'cloudSpace' | 'account';

export type Scope = { kind: 'cloudSpace'; cloudspaceId: number } | { kind: 'account'; accountId: number };

type ObjectKind = 'machine' | 'cloudSpace' | 'disk' | 'snapshot';

type Change = 'created' | 'deleted' | 'statusChanged';

export interface TriggerEvent {
	value: string;
	name: string;
	description: string;
	kind: ObjectKind;
	change: Change;
	/** Where the event can be watched; the first is the default. */
	scopes: readonly ScopeKind[];
}

const BOTH: readonly ScopeKind[] = ['cloudSpace', 'account'];
const ACCOUNT: readonly ScopeKind[] = ['account'];

export const EVENTS: readonly TriggerEvent[] = [
	{
		value: 'machineStatusChanged',
		name: 'Machine Status Changed',
		description: 'A machine went from one status to another (e.g. RUNNING to HALTED); optionally only to or from chosen statuses',
		kind: 'machine',
		change: 'statusChanged',
		scopes: BOTH,
	},
	{ value: 'machineCreated', name: 'Machine Created', description: 'A new machine appeared', kind: 'machine', change: 'created', scopes: BOTH },
	{
		value: 'machineDeleted',
		name: 'Machine Deleted',
		description: 'A machine was deleted: it is no longer listed, or its status became DELETED or DESTROYED',
		kind: 'machine',
		change: 'deleted',
		scopes: BOTH,
	},
	{
		value: 'cloudSpaceStatusChanged',
		name: 'Cloud Space Status Changed',
		description: 'A cloud space went from one status to another (e.g. DEPLOYED to DISABLED); optionally only to or from chosen statuses',
		kind: 'cloudSpace',
		change: 'statusChanged',
		scopes: BOTH,
	},
	{
		value: 'cloudSpaceCreated',
		name: 'Cloud Space Created',
		description: 'A new cloud space appeared in the account',
		kind: 'cloudSpace',
		change: 'created',
		scopes: ACCOUNT,
	},
	{
		value: 'cloudSpaceDeleted',
		name: 'Cloud Space Deleted',
		description: 'A cloud space was deleted (status DELETED or DESTROYED, or no longer listed)',
		kind: 'cloudSpace',
		change: 'deleted',
		scopes: BOTH,
	},
	{ value: 'diskCreated', name: 'Disk Created', description: 'A new disk appeared in the account', kind: 'disk', change: 'created', scopes: ACCOUNT },
	{
		value: 'diskDeleted',
		name: 'Disk Deleted',
		description: 'A disk of the account was deleted (no longer listed, or status DELETED or DESTROYED)',
		kind: 'disk',
		change: 'deleted',
		scopes: ACCOUNT,
	},
	{
		value: 'snapshotCreated',
		name: 'Snapshot Created',
		description: 'A machine got a new snapshot; costs one more request per machine watched',
		kind: 'snapshot',
		change: 'created',
		scopes: BOTH,
	},
];

export interface PollSettings {
	event: TriggerEvent;
	scope: Scope;
	/** Status changes only from / to these statuses (upper case); empty: any. */
	fromStatuses: ReadonlySet<string>;
	toStatuses: ReadonlySet<string>;
	/** Fetch each emitted object with its get method (one request per event). */
	fullDetails: boolean;
}

/** Lists and gets of one poll at most this many at a time (a G8 portal is one modest server). */
const PARALLEL = 4;

/** Statuses of objects that are gone (in the recycle bin, or destroyed). */
const GONE = new Set(['DELETED', 'DESTROYED']);

/** Names kept for deleted objects are cut to this length (the memory stays small). */
const NAME_KEPT = 60;

const isRecord = (value: unknown): value is IDataObject => value !== null && typeof value === 'object' && !Array.isArray(value);

const statusOf = (record: IDataObject) => String(record.status ?? '').toUpperCase();

const numeric = (id: string) => (/^\d+$/.test(id) ? Number(id) : id);

/** A list method's records. Anything but a list fails the poll: an empty list would read as "all deleted". */
async function list(ctx: IPollFunctions, connection: Connection, method: string, params: IDataObject): Promise<IDataObject[]> {
	const result = await apiRequest(ctx, connection, `cloudapi/${method}`, params, { safe: true });
	if (!Array.isArray(result)) throw new NodeOperationError(ctx.getNode(), `OpenvCloud answered ${method} with something other than a list`);
	return result.filter(isRecord);
}

async function cloudSpaces(ctx: IPollFunctions, connection: Connection, scope: Scope): Promise<IDataObject[]> {
	const all = await list(ctx, connection, 'cloudspaces/list', { includedeleted: true });
	return all.filter((space) =>
		scope.kind === 'account' ? Number(space.accountId) === scope.accountId : Number(space.id) === scope.cloudspaceId,
	);
}

/** The machines of the cloud space, or of every cloud space of the account that is not deleted. */
async function machines(ctx: IPollFunctions, connection: Connection, scope: Scope): Promise<IDataObject[]> {
	const spaceIds =
		scope.kind === 'cloudSpace'
			? [scope.cloudspaceId]
			: (await cloudSpaces(ctx, connection, scope)).filter((space) => !GONE.has(statusOf(space))).map((space) => Number(space.id));
	const lists = await mapInParallel(spaceIds, PARALLEL, async (cloudspaceId) =>
		(await list(ctx, connection, 'machines/list', { cloudspaceId })).map((machine) => ({ ...machine, cloudspaceId: machine.cloudspaceId ?? cloudspaceId })),
	);
	return lists.flat();
}

async function objects(ctx: IPollFunctions, connection: Connection, kind: Exclude<ObjectKind, 'snapshot'>, scope: Scope): Promise<IDataObject[]> {
	if (kind === 'cloudSpace') return await cloudSpaces(ctx, connection, scope);
	if (kind === 'machine') return await machines(ctx, connection, scope);
	// Disks belong to accounts (the events offer no other scope).
	if (scope.kind !== 'account') throw new NodeOperationError(ctx.getNode(), 'Disk events watch an account: choose one');
	return await list(ctx, connection, 'disks/list', { accountId: scope.accountId });
}

/** How each kind of object is fetched in full. */
const GETS: Record<Exclude<ObjectKind, 'snapshot'>, [method: string, idParam: string]> = {
	machine: ['machines/get', 'machineId'],
	cloudSpace: ['cloudspaces/get', 'cloudspaceId'],
	disk: ['disks/get', 'diskId'],
};

/** What is remembered of an object: its status, nothing but its presence, or what its deletion will say. */
function stateOf(change: Change, record: IDataObject): string {
	if (change === 'statusChanged') return statusOf(record);
	if (change === 'created') return '';
	return [statusOf(record), String(record.cloudspaceId ?? ''), String(record.name ?? '').slice(0, NAME_KEPT)].join('\t');
}

/** The remembered state of a deleted-event object, read back. */
function remembered(state: string): { status: string; cloudspaceId?: number; name: string } {
	const [status = '', cloudspaceId = '', name = ''] = state.split('\t');
	return { status, name, ...(cloudspaceId ? { cloudspaceId: Number(cloudspaceId) } : {}) };
}

interface Found {
	record: IDataObject;
	/** The status before the change; null in a test event, where no change was seen. */
	previousStatus?: string | null;
	/** Whether the object still exists (and can be fetched in full). */
	exists: boolean;
}

const timeOf = (record: IDataObject, change: Change) => Number((change === 'created' ? record.creationTime : record.updateTime) ?? 0) || 0;

/** Oldest first: by the G8's creation or update time where it gives one, then by ID. */
function oldestFirst(found: Found[], change: Change): Found[] {
	return [...found].sort(
		(a, b) => timeOf(a.record, change) - timeOf(b.record, change) || Number(a.record.id ?? 0) - Number(b.record.id ?? 0),
	);
}

const wanted = (filter: ReadonlySet<string>, status: string) => filter.size === 0 || filter.has(status);

/** The events among the differences with the remembered states. */
function eventsOf(settings: PollSettings, diff: ReturnType<typeof diffSnapshot>): Found[] {
	const { change } = settings.event;
	const record = (object: ObjectState) => object.item.json;
	if (change === 'created') return diff.created.map((object) => ({ record: record(object), exists: true }));
	if (change === 'statusChanged') {
		return diff.changed
			.filter((object) => wanted(settings.fromStatuses, object.previous) && wanted(settings.toStatuses, object.state))
			.map((object) => ({ record: record(object), previousStatus: object.previous, exists: true }));
	}
	const wentAway = [
		...diff.created.filter((object) => GONE.has(statusOf(record(object)))).map((object) => ({ record: record(object), exists: false })),
		...diff.changed
			.filter((object) => GONE.has(remembered(object.state).status) && !GONE.has(remembered(object.previous).status))
			.map((object) => ({ record: record(object), previousStatus: remembered(object.previous).status, exists: false })),
	];
	const vanished = diff.deleted
		.map(({ id, previous }) => ({ id, ...remembered(previous) }))
		.filter((gone) => !GONE.has(gone.status))
		.map(({ id, status, ...rest }) => ({ record: { id: numeric(id), ...rest }, previousStatus: status, exists: false }));
	return [...wentAway, ...vanished];
}

/** Each found object as the item the trigger emits, fetched in full when asked (and it still exists). */
async function items(ctx: IPollFunctions, connection: Connection, settings: PollSettings, found: Found[]): Promise<INodeExecutionData[]> {
	const { kind, value } = settings.event;
	return await mapInParallel(oldestFirst(found, settings.event.change), PARALLEL, async ({ record, previousStatus, exists }) => {
		let object = record;
		if (settings.fullDetails && exists && kind !== 'snapshot') {
			const [method, idParam] = GETS[kind];
			const full = await apiRequest(ctx, connection, `cloudapi/${method}`, { [idParam]: record.id }, { safe: true });
			if (isRecord(full)) object = { ...full, ...(record.cloudspaceId === undefined ? {} : { cloudspaceId: record.cloudspaceId }) };
		}
		return { json: { event: value, ...object, ...(previousStatus === undefined ? {} : { previousStatus }) } };
	});
}

/** "Fetch Test Event": the most recent object that fits the event, shaped as its event would be. */
function latest(settings: PollSettings, listed: IDataObject[]): Found[] {
	const { change } = settings.event;
	const fitting = listed.filter((record) =>
		change === 'deleted' ? GONE.has(statusOf(record)) : change === 'statusChanged' ? wanted(settings.toStatuses, statusOf(record)) : true,
	);
	const newest = oldestFirst(
		fitting.map((record) => ({ record, exists: change !== 'deleted' })),
		change,
	).pop();
	return newest ? [{ ...newest, ...(change === 'statusChanged' ? { previousStatus: null } : {}) }] : [];
}

function tooMany(ctx: IPollFunctions, settings: PollSettings, count: number) {
	return new NodeOperationError(
		ctx.getNode(),
		`The ${settings.scope.kind === 'account' ? 'account' : 'cloud space'} holds ${count} objects to watch, more than the ${MAX_STATES} one trigger can remember`,
		{ description: 'Watch a cloud space instead of the whole account, or split the work over several triggers' },
	);
}

/** One poll of a snapshot-kind event: new snapshots of the machines watched, by their time. */
async function pollSnapshots(
	ctx: IPollFunctions,
	connection: Connection,
	settings: PollSettings,
	memory: TriggerMemory | undefined,
	manual: boolean,
): Promise<PollOutcome> {
	const watched = (await machines(ctx, connection, settings.scope)).filter((machine) => !GONE.has(statusOf(machine)));
	const lists = await mapInParallel(watched, PARALLEL, async (machine) => ({
		machine,
		snapshots: await list(ctx, connection, 'machines/listSnapshots', { machineId: machine.id }),
	}));
	const candidates = new Map<string, EventCandidate>();
	for (const { machine, snapshots } of lists) {
		for (const snapshot of snapshots) {
			const id = `${String(machine.id)}:${String(snapshot.epoch ?? '')}:${String(snapshot.name ?? '')}`;
			const epoch = Number(snapshot.epoch);
			const json = { event: settings.event.value, ...snapshot, machineId: machine.id, machineName: machine.name, cloudspaceId: machine.cloudspaceId };
			candidates.set(id, { id, time: Number.isFinite(epoch) ? epoch * 1000 : undefined, item: { json } });
		}
	}
	const all = [...candidates.values()];
	if (manual) {
		const newest = all.sort((a, b) => (a.time ?? 0) - (b.time ?? 0)).pop();
		return { items: newest ? [newest.item] : [], memory: { seen: [] } };
	}
	const { fresh, memory: next } = pickNew(memory ?? { seen: [] }, all);
	return { items: memory ? fresh.map((candidate) => candidate.item) : [], memory: next };
}

/**
 * One poll (see `runPoll`): `memory` is undefined on the first poll after activation (the baseline:
 * everything is remembered, nothing emitted, nothing fetched in full) and in manual mode.
 */
export async function pollEvents(
	ctx: IPollFunctions,
	connection: Connection,
	settings: PollSettings,
	memory: TriggerMemory | undefined,
	manual: boolean,
): Promise<PollOutcome> {
	const { kind, change } = settings.event;
	if (kind === 'snapshot') return await pollSnapshots(ctx, connection, settings, memory, manual);
	const listed = await objects(ctx, connection, kind, settings.scope);
	if (listed.length > MAX_STATES) throw tooMany(ctx, settings, listed.length);
	if (manual) return { items: await items(ctx, connection, settings, latest(settings, listed)), memory: { seen: [] } };
	const current = listed.map((record) => ({ id: String(record.id), state: stateOf(change, record), item: { json: record } }));
	const diff = diffSnapshot(memory ?? { seen: [] }, current);
	if (!memory) return { items: [], memory: diff.memory };
	return { items: await items(ctx, connection, settings, eventsOf(settings, diff)), memory: diff.memory };
}
