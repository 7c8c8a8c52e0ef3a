/** The pure parts of nodes/shared/polling: the check schedule, timeouts, the bound on checks, cancellation; and Retry-After. */
import { PollCancelledError, pollDelay, PollTimeoutError, pollUntil } from '../../nodes/shared/polling';
import { retryDelayMs } from '../../nodes/shared/retry';

test('checks come after a quarter, a half, then whole intervals', () => {
	expect([0, 1, 2, 3, 10].map((check) => pollDelay(4000, check))).toEqual([1000, 2000, 4000, 4000, 4000]);
	expect(pollDelay(2, 0)).toBe(1);
});

test('polls until the check reports done, counting checks', async () => {
	let calls = 0;
	const result = await pollUntil(async () => (++calls === 3 ? { done: true, value: 'ok' } : { done: false }), {
		intervalMs: 4,
		timeoutMs: 30_000,
	});
	expect(result).toMatchObject({ value: 'ok', checks: 3 });
});

test('gives up after the timeout with how long it waited and how often it checked', async () => {
	const error = await pollUntil(async () => ({ done: false }), { intervalMs: 5, timeoutMs: 30 }).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(PollTimeoutError);
	expect((error as PollTimeoutError).waitedMs).toBeGreaterThanOrEqual(30);
	// At least one check; how many fit in 30 ms depends on how busy the machine is.
	expect((error as PollTimeoutError).checks).toBeGreaterThanOrEqual(1);
});

test('gives up after the most checks allowed, however much time is left', async () => {
	let calls = 0;
	const error = await pollUntil(async () => (calls++, { done: false }), { intervalMs: 1, timeoutMs: 60_000, maxChecks: 5 }).catch(
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(PollTimeoutError);
	expect((error as PollTimeoutError).checks).toBe(5);
	expect(calls).toBe(5);
});

test('stops when the signal is aborted', async () => {
	const controller = new AbortController();
	const error = await pollUntil(
		async () => {
			controller.abort();
			return { done: false };
		},
		{ intervalMs: 2, timeoutMs: 1000, signal: controller.signal },
	).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(PollCancelledError);
});

test('Retry-After in seconds or as a date, else exponential, capped (the retry policy polls share)', () => {
	expect(retryDelayMs('3', 0)).toBe(3000);
	expect(retryDelayMs('0', 2)).toBe(0);
	expect(retryDelayMs(undefined, 0, 60_000, 1000, () => 1)).toBe(1000);
	expect(retryDelayMs(undefined, 2, 60_000, 1000, () => 1)).toBe(4000);
	expect(retryDelayMs('600', 0)).toBe(60000);
	const inTwoSeconds = new Date(Date.now() + 2500).toUTCString();
	expect(retryDelayMs(inTwoSeconds, 0)).toBeGreaterThan(500);
	expect(retryDelayMs(inTwoSeconds, 0)).toBeLessThanOrEqual(2500);
});
