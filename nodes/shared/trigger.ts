/**
 * Polling triggers, provider-neutral: what a trigger remembers between polls and how it decides what is
 * new or changed. n8n's conventions:
 * - the first poll after activation records a baseline and emits nothing;
 * - later polls emit only what is new or changed since the previous poll, one item per event, oldest first;
 * - "Fetch Test Event" (manual mode) returns the most recent matching items at once and moves nothing;
 * - a poll that fails throws before anything is stored, so the next poll starts from the same state and
 *   loses nothing in between;
 * - the memory lives in the node's workflow static data, bounded whatever the account holds: a watermark
 *   (newest event time seen) plus the IDs seen near it, or, for change events, one short state per object
 *   that exists now (never every ID ever seen).
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { createHash } from 'node:crypto';
import { runInGroups } from './groups';

/** One event candidate: an object with a stable ID and, when the API says, when it happened (ms). */
/**
 * A trigger's subtitle on the canvas: the chosen Event's name, from the Event property's options (one expression
 * n8n evaluates in the editor; the names are embedded, as a subtitle cannot call code).
 */
export function eventSubtitle(options: ReadonlyArray<{ name: string; value: unknown }>): string {
	return `={{ ${JSON.stringify(Object.fromEntries(options.map(({ value, name }) => [String(value), name])))}[$parameter["event"]] }}`;
}

export interface EventCandidate {
	id: string;
	time?: number;
	item: INodeExecutionData;
}

/** What one trigger configuration remembers. */
export interface TriggerMemory extends IDataObject {
	/** Newest event time seen (ms since 1970), for events with times. */
	at?: number;
	/** Events already emitted (or seen at the baseline) near the watermark, as [ID, time or null], newest last; bounded. */
	seen: Array<[string, number | null]>;
	/** For change events: a short state per object that exists now (e.g. its status), by ID; bounded. */
	states?: Record<string, string>;
}

/** At most this many IDs are remembered. */
export const MAX_IDS = 1000;

/**
 * At most this many objects are watched for changes. Their states are what exists now, not history; past this
 * many, the trigger asks for a narrower filter instead of forgetting some (which would report them as new).
 */
export const MAX_STATES = 50_000;

/** Thrown when a change trigger would watch more objects than it can remember. */
export class TooManyObjectsError extends Error {
	constructor(count: number) {
		super(`There are ${count} objects to watch, more than the ${MAX_STATES} a trigger remembers: narrow the trigger's filters`);
	}
}

/** Events this much older than the watermark still count when their ID was not seen (clock skew, late writes). */
export const OVERLAP_MS = 10 * 60_000;

const emptyMemory = (): TriggerMemory => ({ seen: [] });

/**
 * The events among `candidates` not seen before, oldest first, and the memory after them. An event is new
 * when its ID is not remembered and it is not older than the watermark minus the overlap.
 */
export function pickNew(memory: TriggerMemory, candidates: EventCandidate[]): { fresh: EventCandidate[]; memory: TriggerMemory } {
	const seen = new Set(memory.seen.map(([id]) => id));
	const floor = memory.at === undefined ? undefined : memory.at - OVERLAP_MS;
	const ordered = oldestFirst(candidates);
	const fresh: EventCandidate[] = [];
	for (const candidate of ordered) {
		if (seen.has(candidate.id)) continue;
		if (floor !== undefined && candidate.time !== undefined && candidate.time < floor) continue;
		seen.add(candidate.id);
		fresh.push(candidate);
	}
	return { fresh, memory: remember(memory, ordered) };
}

/** The memory after having seen these candidates (all of them, new or not). */
export function remember(memory: TriggerMemory, candidates: EventCandidate[]): TriggerMemory {
	const times = candidates.map((candidate) => candidate.time).filter((time): time is number => time !== undefined);
	const at = times.length ? Math.max(memory.at ?? -Infinity, ...times) : memory.at;
	const floor = at === undefined ? undefined : at - OVERLAP_MS;
	const entries = new Map<string, number | null>();
	for (const [id, time] of memory.seen) entries.set(id, time);
	for (const candidate of oldestFirst(candidates)) {
		entries.delete(candidate.id);
		entries.set(candidate.id, candidate.time ?? null);
	}
	const seen = [...entries].filter(([, time]) => floor === undefined || time === null || time >= floor);
	const next: TriggerMemory = { ...memory, seen: seen.slice(-MAX_IDS) };
	if (at !== undefined) next.at = at;
	return next;
}

function oldestFirst(candidates: EventCandidate[]): EventCandidate[] {
	return candidates
		.map((candidate, index) => ({ candidate, index }))
		.sort((a, b) => (a.candidate.time ?? 0) - (b.candidate.time ?? 0) || a.index - b.index)
		.map(({ candidate }) => candidate);
}

/** One object as it is now, for change events: its ID and a short text of what is watched (e.g. its status). */
export interface ObjectState {
	id: string;
	state: string;
	item: INodeExecutionData;
}

export interface SnapshotDiff {
	created: ObjectState[];
	changed: Array<ObjectState & { previous: string }>;
	/** IDs that were there before and are gone, with their last state. */
	deleted: Array<{ id: string; previous: string }>;
	memory: TriggerMemory;
}

/**
 * Compares the objects that exist now with the remembered states. `complete` says whether `current` is the
 * whole set (then missing objects count as deleted); the memory keeps the current states, bounded.
 */
export function diffSnapshot(memory: TriggerMemory, current: ObjectState[], complete = true): SnapshotDiff {
	const before = memory.states ?? {};
	if (current.length > MAX_STATES) throw new TooManyObjectsError(current.length);
	const created: ObjectState[] = [];
	const changed: SnapshotDiff['changed'] = [];
	const states: Record<string, string> = complete ? {} : { ...before };
	for (const object of current) {
		const previous = before[object.id];
		if (previous === undefined) created.push(object);
		else if (previous !== object.state) changed.push({ ...object, previous });
		states[object.id] = object.state;
	}
	const deleted = complete
		? Object.entries(before)
				.filter(([id]) => !(id in states))
				.map(([id, previous]) => ({ id, previous }))
		: [];
	const kept = Object.entries(states);
	if (kept.length > MAX_STATES) throw new TooManyObjectsError(kept.length);
	return { created, changed, deleted, memory: { ...memory, states } };
}

/** A short fingerprint of a value (for states of whole objects). */
export function shortHash(value: unknown): string {
	return createHash('sha1').update(JSON.stringify(value) ?? '').digest('base64').slice(0, 12);
}

/** The key under which one trigger configuration keeps its memory: a new event or filter starts afresh. */
export function memoryKey(parts: unknown[]): string {
	return `m_${shortHash(parts)}`;
}

/**
 * Calls `work` for every entry, at most `limit` at a time (a poll's list calls, one per cloud space or per
 * machine), and returns the results in the entries' order. The first failure fails the whole (no new call
 * starts after it), so a poll either sees everything or stores nothing; it is thrown once the calls already
 * started have ended, so nothing of a failed poll is still running after it (and its requests count in it).
 * Calls start in groups (groups.ts).
 */
export async function mapInParallel<T, R>(entries: readonly T[], limit: number, work: (entry: T) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(entries.length);
	let failure: { error: unknown } | undefined;
	const settle = async (index: number) => {
		try {
			results[index] = await work(entries[index]);
		} catch (error) {
			failure ??= { error };
		}
	};
	await runInGroups(entries.length, settle, { limit: () => limit, stop: () => !!failure });
	if (failure) throw failure.error;
	return results;
}

export interface PollOutcome {
	/** The events of this poll (in manual mode: the most recent matching items). */
	items: INodeExecutionData[];
	/** The memory after this poll (ignored in manual mode). */
	memory: TriggerMemory;
}

/**
 * Runs one poll with n8n's conventions. `poll` gets the remembered memory (undefined on the first poll after
 * activation, and in manual mode) and says what to emit and what to remember. The memory is stored only after
 * `poll` succeeded; only the current configuration's memory is kept.
 */
export async function runPoll(
	ctx: IPollFunctions,
	key: string,
	poll: (memory: TriggerMemory | undefined, manual: boolean) => Promise<PollOutcome>,
): Promise<INodeExecutionData[][] | null> {
	const manual = ctx.getMode() === 'manual';
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = staticData[key] as TriggerMemory | undefined;
	if (manual) {
		const { items } = await poll(undefined, true);
		return items.length ? [items] : null;
	}
	const outcome = await poll(stored ? { ...emptyMemory(), ...stored } : undefined, false);
	for (const other of Object.keys(staticData)) if (other !== key) delete staticData[other];
	staticData[key] = outcome.memory;
	if (!stored) return null;
	return outcome.items.length ? [outcome.items] : null;
}
