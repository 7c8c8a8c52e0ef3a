/** nodes/shared/trigger: what is new, what changed, and a memory that stays bounded. */
import { diffSnapshot, MAX_IDS, MAX_STATES, OVERLAP_MS, pickNew, remember, TooManyObjectsError, type EventCandidate } from '../../nodes/shared/trigger';

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
