/**
 * Bounded concurrency that starts work in groups, provider-neutral: the item runner and the triggers' parallel
 * reads use it. At most `limit()` tasks run at once, and free slots are filled together once half of them are
 * free, not one by one as each task ends. Starting one task per ended task interleaves preparing requests with
 * reading answers, which measured (`npm run bench`, an n8n run of 1,000 Gets) about 1.6x the CPU per item of
 * starting them in groups; with half the slots as slack, the pipeline still never drains while answers come in.
 */

export interface GroupOptions {
	/** How many may run at once now (read again before each group: it may change during the run). */
	limit: () => number;
	/** When true, no new task starts; the ones running are waited for. */
	stop?: () => boolean;
	/** Task 0 runs alone until it ends or this settles (e.g. until its first request went through). */
	firstAlone?: Promise<unknown>;
}

/** Runs `task(index)` for the indexes 0 to `count - 1`, in that order of start. `task` must not reject. */
export async function runInGroups(count: number, task: (index: number) => Promise<void>, options: GroupOptions): Promise<void> {
	let next = 0;
	let active = 0;
	let wake: (() => void) | undefined;
	const start = async (index: number) => {
		active++;
		await task(index);
		active--;
		wake?.();
	};
	const until = async (done: () => boolean) => {
		while (!done()) await new Promise<void>((resolve) => (wake = resolve));
		wake = undefined;
	};
	const more = () => next < count && !options.stop?.();
	const limit = () => Math.max(1, Math.floor(options.limit()));

	if (options.firstAlone && more()) await Promise.race([start(next++), options.firstAlone]);
	while (more()) {
		while (more() && active < limit()) void start(next++);
		await until(() => !more() || active <= Math.floor(limit() / 2));
	}
	await until(() => active === 0);
}
