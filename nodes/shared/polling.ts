/**
 * Waiting for something that finishes later (a task, a deployment), provider-neutral: a check is repeated
 * until it reports done, the time is up or (when given) the number of checks is used up. The first checks
 * come sooner than the interval (a quarter of it, then half) so short jobs are not kept waiting a whole
 * interval; then checks are one interval apart. Waits use n8n's `sleep`; a cancelled execution stops the
 * waiting at the next check.
 */
import { sleep } from 'n8n-workflow';

export interface PollSchedule {
	/** Time between checks once ramped up, in milliseconds. */
	intervalMs: number;
	/** How long to keep checking, in milliseconds. */
	timeoutMs: number;
	/** Most checks to make, whatever the time (default: no bound but the time). */
	maxChecks?: number;
	/** Stops the waiting (e.g. the execution's cancel signal). */
	signal?: AbortSignal;
}

export type PollStep<T> = { done: true; value: T } | { done: false };

export interface PollResult<T> {
	value: T;
	checks: number;
	waitedMs: number;
}

/** Thrown when the time (or the number of checks) is up before the check reported done. */
export class PollTimeoutError extends Error {
	constructor(
		readonly waitedMs: number,
		readonly checks: number,
	) {
		super(`Still not done after ${checks} checks in ${waitedMs} ms`);
	}
}

/** Thrown when the signal says the execution was cancelled. */
export class PollCancelledError extends Error {
	constructor() {
		super('The execution was cancelled while waiting');
	}
}

/** The pause before check number `check` (0-based). */
export function pollDelay(intervalMs: number, check: number): number {
	const factor = check === 0 ? 0.25 : check === 1 ? 0.5 : 1;
	return Math.max(1, Math.round(intervalMs * factor));
}

export async function pollUntil<T>(
	check: (checkNumber: number) => Promise<PollStep<T>>,
	schedule: PollSchedule,
): Promise<PollResult<T>> {
	const started = Date.now();
	for (let checks = 0; ; ) {
		const elapsed = Date.now() - started;
		const remaining = schedule.timeoutMs - elapsed;
		await sleep(Math.max(0, Math.min(pollDelay(schedule.intervalMs, checks), remaining)));
		if (schedule.signal?.aborted) throw new PollCancelledError();
		const step = await check(checks);
		checks++;
		if (step.done) return { value: step.value, checks, waitedMs: Date.now() - started };
		const waitedMs = Date.now() - started;
		if (waitedMs >= schedule.timeoutMs || checks >= (schedule.maxChecks ?? Infinity)) throw new PollTimeoutError(waitedMs, checks);
	}
}
