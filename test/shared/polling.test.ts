/** The pure parts of nodes/shared/polling: the check schedule, timeouts, cancellation and Retry-After. */
import { PollCancelledError, pollDelay, PollTimeoutError, pollUntil, retryDelayMs } from '../../nodes/shared/polling';

test('checks come after a quarter, a half, then whole intervals', () => {
	expect([0, 1, 2, 3, 10].map((check) => pollDelay(4000, check))).toEqual([1000, 2000, 4000, 4000, 4000]);
	expect(pollDelay(2, 0)).toBe(1);
});

test('polls until the check reports done, counting checks', async () => {
	let calls = 0;
	const result = await pollUntil(async () => (++calls === 3 ? { done: true, value: 'ok' } : { done: false }), {
		intervalMs: 4,
		timeoutMs: 1000,
	});
	expect(result).toMatchObject({ value: 'ok', checks: 3 });
});

test('gives up after the timeout with how long it waited and how often it checked', async () => {
	const error = await pollUntil(async () => ({ done: false }), { intervalMs: 5, timeoutMs: 30 }).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(PollTimeoutError);
	expect((error as PollTimeoutError).waitedMs).toBeGreaterThanOrEqual(30);
	expect((error as PollTimeoutError).checks).toBeGreaterThan(2);
});

test('gives up after at most maxChecks checks, however much time is left', async () => {
	let calls = 0;
	const error = await pollUntil(async () => {
		calls++;
		return { done: false };
	}, { intervalMs: 2, timeoutMs: 60_000, maxChecks: 4 }).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(PollTimeoutError);
	expect((error as PollTimeoutError).checks).toBe(4);
	expect(calls).toBe(4);
	const done = await pollUntil(async (check) => (check === 3 ? { done: true, value: check } : { done: false }), {
		intervalMs: 2,
		timeoutMs: 60_000,
		maxChecks: 4,
	});
	expect(done).toMatchObject({ value: 3, checks: 4 });
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

test('Retry-After in seconds or as a date, else exponential, capped', () => {
	expect(retryDelayMs('3', 0)).toBe(3000);
	expect(retryDelayMs('0', 2)).toBe(0);
	expect(retryDelayMs(undefined, 0)).toBe(1000);
	expect(retryDelayMs(undefined, 2)).toBe(4000);
	expect(retryDelayMs('600', 0)).toBe(60000);
	const inTwoSeconds = new Date(Date.now() + 2500).toUTCString();
	expect(retryDelayMs(inTwoSeconds, 0)).toBeGreaterThan(500);
	expect(retryDelayMs(inTwoSeconds, 0)).toBeLessThanOrEqual(2500);
});
