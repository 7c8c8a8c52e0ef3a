/** nodes/shared/trigger: what is new, what changed, and a memory that stays bounded. */
import { diffSnapshot, mapInParallel, MAX_IDS, MAX_STATES, OVERLAP_MS, pickNew, remember, TooManyObjectsError, type EventCandidate } from '../../nodes/shared/trigger';

const event = (id: string, time?: number): EventCandidate => ({ id, time, item: { json: { id } } });

test('baseline, then only new events, oldest first', () => {
	const base = remember({ seen: [] }, [event('a', 1000), event('b', 2000)]);
	const { fresh, memory } = pickNew(base, [event('d', 4000), event('c', 3000), event('b', 2000)]);
	expect(fresh.map((candidate) => candidate.id)).toEqual(['c', 'd']);
	expect(pickNew(memory, [event('d', 4000), event('c', 3000)]).fresh).toEqual([]);
	expect(memory.at).toBe(4000);
});

test('late events inside the overlap count once; older ones are past', () => {
	const base = remember({ seen: [] }, [event('a', 10 * OVERLAP_MS)]);
	const late = pickNew(base, [event('late', 10 * OVERLAP_MS - 1000), event('old', 8 * OVERLAP_MS)]);
	expect(late.fresh.map((candidate) => candidate.id)).toEqual(['late']);
	expect(pickNew(late.memory, [event('late', 10 * OVERLAP_MS - 1000)]).fresh).toEqual([]);
});

test('the memory stays bounded after 10,000 events', () => {
	let memory = remember({ seen: [] }, []);
	for (let index = 0; index < 10_000; index += 100) {
		const batch = Array.from({ length: 100 }, (_, offset) => event(`e${index + offset}`, (index + offset) * OVERLAP_MS));
		memory = pickNew(memory, batch).memory;
	}
	expect(memory.seen.length).toBeLessThanOrEqual(MAX_IDS);
	expect(JSON.stringify(memory).length).toBeLessThan(400);
	const untimed = Array.from({ length: 10_000 }, (_, index) => event(`u${index}`));
	expect(remember({ seen: [] }, untimed).seen).toHaveLength(MAX_IDS);
});

test('snapshots tell created, changed (with the previous state) and deleted objects apart', () => {
	const state = (id: string, value: string) => ({ id, state: value, item: { json: { id, status: value } } });
	const base = diffSnapshot({ seen: [] }, [state('1', 'RUNNING'), state('2', 'RUNNING')]);
	const next = diffSnapshot(base.memory, [state('1', 'HALTED'), state('3', 'DEPLOYING')]);
	expect(next.created.map((object) => object.id)).toEqual(['3']);
	expect(next.changed).toEqual([expect.objectContaining({ id: '1', state: 'HALTED', previous: 'RUNNING' })]);
	expect(next.deleted).toEqual([{ id: '2', previous: 'RUNNING' }]);
	expect(diffSnapshot(next.memory, [state('1', 'HALTED'), state('3', 'DEPLOYING')])).toMatchObject({ created: [], changed: [], deleted: [] });
});

test('a change trigger never forgets objects that exist: past its bound it asks for a narrower filter', () => {
	const many = Array.from({ length: MAX_STATES + 1 }, (_, index) => ({ id: String(index), state: 's', item: { json: {} } }));
	expect(() => diffSnapshot({ seen: [] }, many)).toThrow(TooManyObjectsError);
	const all = diffSnapshot({ seen: [] }, many.slice(1));
	expect(Object.keys(all.memory.states ?? {})).toHaveLength(MAX_STATES);
	expect(diffSnapshot(all.memory, many.slice(1)).created).toHaveLength(0);
});

test("a poll's calls run a few at a time, results in order; the first failure stops new calls", async () => {
	let inFlight = 0;
	let peak = 0;
	const started: number[] = [];
	const work = async (entry: number) => {
		started.push(entry);
		inFlight++;
		peak = Math.max(peak, inFlight);
		await new Promise((resolve) => setTimeout(resolve, 5));
		inFlight--;
		if (entry === 3) throw new Error(`entry ${entry} failed`);
		return entry * 10;
	};
	expect(await mapInParallel([0, 1, 2, 4, 5, 6, 7], 3, work)).toEqual([0, 10, 20, 40, 50, 60, 70]);
	expect(peak).toBe(3);
	started.length = 0;
	await expect(mapInParallel([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 2, work)).rejects.toThrow('entry 3 failed');
	expect(started.length).toBeLessThan(10);
	expect(await mapInParallel([], 4, work)).toEqual([]);
});

test('a failed mapInParallel ends only after the calls already started ended (nothing of a failed poll runs on), with the first error', async () => {
	let inFlight = 0;
	const ended: number[] = [];
	const work = async (entry: number) => {
		inFlight++;
		await new Promise((resolve) => setTimeout(resolve, entry === 0 ? 1 : 20));
		inFlight--;
		ended.push(entry);
		if (entry <= 1) throw new Error(`entry ${entry} failed`);
		return entry;
	};
	await expect(mapInParallel([0, 1, 2, 3, 4, 5], 4, work)).rejects.toThrow('entry 0 failed');
	expect(inFlight).toBe(0);
	expect(ended.sort()).toEqual([0, 1, 2, 3]);
});
