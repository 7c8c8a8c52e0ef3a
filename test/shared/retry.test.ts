/** nodes/shared/retry and throttle: what is retried, how long it waits, and how the run's concurrency adapts. */
import { runInGroups } from '../../nodes/shared/groups';
import { isRetryable, retryDelayMs, sendWithRetries } from '../../nodes/shared/retry';
import { startRun } from '../../nodes/shared/run-options';
import { AdaptiveLimit } from '../../nodes/shared/throttle';

const httpError = (status: number, headers: Record<string, string> = {}) => ({ response: { status, headers, data: { message: `HTTP ${status}` } } });
const networkError = (code: string) => Object.assign(new Error(code), { code });

test('429 and 503 are retried for every call; 502/504 and dropped connections only for calls safe to repeat', () => {
	const failure = (status?: number, code?: string) => ({ status, code, headers: {}, message: '' });
	for (const safe of [true, false]) {
		expect(isRetryable(failure(429), safe)).toBe(true);
		expect(isRetryable(failure(503), safe)).toBe(true);
		expect(isRetryable(failure(undefined, 'ECONNREFUSED'), safe)).toBe(true);
		expect(isRetryable(failure(502), safe)).toBe(safe);
		expect(isRetryable(failure(504), safe)).toBe(safe);
		expect(isRetryable(failure(undefined, 'ECONNRESET'), safe)).toBe(safe);
		expect(isRetryable(failure(undefined, 'RESPONSE_CUT'), safe)).toBe(safe);
		expect(isRetryable(failure(500), safe)).toBe(false);
		expect(isRetryable(failure(400), safe)).toBe(false);
	}
	expect(isRetryable(failure(400), false, (f) => f.status === 400)).toBe(true);
});

test('Retry-After in seconds or as a date, capped; else exponential with jitter', () => {
	expect(retryDelayMs('3', 0)).toBe(3000);
	expect(retryDelayMs('120', 0, 60_000)).toBe(60_000);
	expect(retryDelayMs(new Date(Date.now() + 5000).toUTCString(), 0)).toBeGreaterThan(3000);
	expect(retryDelayMs(undefined, 0, 60_000, 500, () => 0)).toBe(250);
	expect(retryDelayMs(undefined, 3, 60_000, 500, () => 1)).toBe(4000);
	expect(retryDelayMs(undefined, 20, 60_000, 500, () => 1)).toBe(60_000);
});

test('a refused request is sent again until it passes, counting tries', async () => {
	const ctx = {};
	startRun(ctx, { parallel: 4, retries: true });
	let calls = 0;
	const outcome = await sendWithRetries(
		ctx,
		async () => {
			if (++calls < 3) throw httpError(429, { 'retry-after': '0' });
			return 'ok';
		},
		{ safe: false },
	);
	expect(outcome).toEqual({ ok: true, value: 'ok', tries: 3 });
});

test('gives up after the bounded number of tries, or at once when retries are off or the fault is final', async () => {
	const ctx = {};
	startRun(ctx, { parallel: 1, retries: true });
	let calls = 0;
	const exhausted = await sendWithRetries(ctx, async () => { calls++; throw httpError(503); }, { safe: true, maxRetries: 2, baseDelayMs: 1 });
	expect(exhausted).toMatchObject({ ok: false, tries: 3, failure: { status: 503 } });
	expect(calls).toBe(3);

	const off = {};
	startRun(off, { parallel: 1, retries: false });
	expect(await sendWithRetries(off, async () => { throw httpError(429); }, { safe: true })).toMatchObject({ ok: false, tries: 1 });

	const unsafe = await sendWithRetries(ctx, async () => { throw networkError('ECONNRESET'); }, { safe: false, baseDelayMs: 1 });
	expect(unsafe).toMatchObject({ ok: false, tries: 1, failure: { code: 'ECONNRESET' } });
});

test('a 429 halves the concurrency and pauses; successes grow it back to the maximum', async () => {
	const limit = new AdaptiveLimit(8);
	limit.rateLimited(30);
	expect(limit.limit).toBe(4);
	const started = Date.now();
	await limit.gate();
	expect(Date.now() - started).toBeGreaterThanOrEqual(25);
	for (let i = 0; i < 4 + 5 + 6 + 7; i++) limit.succeeded();
	expect(limit.limit).toBe(8);
	limit.rateLimited(0);
	limit.rateLimited(0);
	limit.rateLimited(0);
	limit.rateLimited(0);
	expect(limit.limit).toBe(1);
});

test('no more than the limit are in flight (items started under it in groups)', async () => {
	const limit = new AdaptiveLimit(3);
	let inFlight = 0;
	let most = 0;
	await runInGroups(
		12,
		async () => {
			most = Math.max(most, ++inFlight);
			await new Promise((resolve) => setTimeout(resolve, 5));
			inFlight--;
		},
		{ limit: () => limit.limit },
	);
	expect(most).toBe(3);
});

test('requests sent again after a 429 take turns under the halved limit instead of all resending at once', async () => {
	const ctx = {};
	startRun(ctx, { parallel: 8, retries: true });
	// A server that refuses (429, no pause asked) whatever is over 2 in flight at once.
	let inFlight = 0;
	let resentAtOnce = 0;
	let most = 0;
	let refused = 0;
	const send = (first: { value: boolean }) => async () => {
		const resend = !first.value;
		first.value = false;
		inFlight++;
		if (resend) most = Math.max(most, ++resentAtOnce);
		try {
			await new Promise((resolve) => setTimeout(resolve, 5));
			if (inFlight > 2) {
				refused++;
				throw httpError(429, { 'retry-after': '0' });
			}
			return 'ok';
		} finally {
			inFlight--;
			if (resend) resentAtOnce--;
		}
	};
	const outcomes = await Promise.all(Array.from({ length: 8 }, async () => await sendWithRetries(ctx, send({ value: true }), { safe: true })));
	expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
	// Without turns the six refused resend at once, four of them are refused again, and so on (12 refusals);
	// with turns the limit is 1 after six cuts and grows back one success at a time (about 7 refusals).
	expect(most).toBeLessThan(6);
	expect(refused).toBeLessThan(12);
});

test('a 503 (a server overloaded) halves the run\'s concurrency like a 429; other failures leave it', async () => {
	const ctx = {};
	const state = startRun(ctx, { parallel: 50, retries: true });
	const failingOnce = (status: number) => {
		let calls = 0;
		return async () => {
			if (calls++ === 0) throw httpError(status, { 'retry-after': '0' });
			return 'ok';
		};
	};
	expect((await sendWithRetries(ctx, failingOnce(503), { safe: true })).ok).toBe(true);
	expect(state.limiter.limit).toBe(25);
	expect((await sendWithRetries(ctx, failingOnce(429), { safe: true })).ok).toBe(true);
	expect(state.limiter.limit).toBe(12);
	expect((await sendWithRetries(ctx, failingOnce(502), { safe: true })).ok).toBe(true);
	expect(state.limiter.limit).toBe(12);
});
