/** nodes/shared/groups: tasks start in input order, at most `limit` at once, and in groups once half the slots are free. */
import { runInGroups } from '../../nodes/shared/groups';

const flush = async () => await new Promise((resolve) => setImmediate(resolve));

/** Tasks that end when the test says so. */
function tasks() {
	const started: number[] = [];
	const finish = new Map<number, () => void>();
	const task = async (index: number) => {
		started.push(index);
		await new Promise<void>((resolve) => finish.set(index, resolve));
	};
	const end = async (...indexes: number[]) => {
		for (const index of indexes) {
			const resolve = finish.get(index);
			if (!resolve) throw new Error(`task ${index} is not running`);
			finish.delete(index);
			resolve();
			await flush();
		}
	};
	const running = () => [...finish.keys()];
	return { started, task, end, running };
}

test('eight at most; after the first eight, new tasks start four at a time, when four have ended', async () => {
	const { started, task, end } = tasks();
	const done = runInGroups(20, task, { limit: () => 8 });
	await flush();
	expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	await end(7, 0, 5);
	expect(started).toHaveLength(8);
	await end(2);
	expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
	await end(1, 3, 4, 6, 8, 9, 10, 11);
	expect(started).toHaveLength(20);
	await end(12, 13, 14, 15, 16, 17, 18, 19);
	await done;
});

test('a limit cut during the run (a rate limit) holds new starts until the running ones fit under it', async () => {
	const { started, task, end, running } = tasks();
	let limit = 6;
	const done = runInGroups(12, task, { limit: () => limit });
	await flush();
	expect(started).toHaveLength(6);
	limit = 2;
	await end(0, 1, 2, 3);
	// Two still running, as many as the cut limit allows, so nothing new yet.
	expect(running()).toEqual([4, 5]);
	await end(4);
	expect(running()).toEqual([5, 6]);
	limit = 6;
	await end(5);
	expect(running()).toEqual([6, 7, 8, 9, 10, 11]);
	await end(6, 7, 8, 9, 10, 11);
	await done;
});

test('stop: no new task starts, and the running ones are waited for', async () => {
	const { started, task, end } = tasks();
	let stopped = false;
	let finished = false;
	const done = runInGroups(10, task, { limit: () => 4, stop: () => stopped }).then(() => (finished = true));
	await flush();
	stopped = true;
	await end(0, 1, 2);
	expect(finished).toBe(false);
	await end(3);
	await done;
	expect(started).toEqual([0, 1, 2, 3]);
});

test('firstAlone: task 0 runs alone until the signal, then the others join it', async () => {
	const { started, task, end } = tasks();
	let signal: () => void = () => undefined;
	const firstAlone = new Promise<void>((resolve) => (signal = resolve));
	const done = runInGroups(5, task, { limit: () => 10, firstAlone });
	await flush();
	expect(started).toEqual([0]);
	signal();
	await flush();
	expect(started).toEqual([0, 1, 2, 3, 4]);
	await end(4, 3, 2, 1, 0);
	await done;
});
