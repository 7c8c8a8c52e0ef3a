/**
 * The retry policy, provider-neutral and the same for every provider:
 * - 429 (too many requests) and 503 (unavailable) mean the server did not process the request: it is sent
 *   again, whatever it does, after the pause the server asks for (`Retry-After`, seconds or an HTTP date,
 *   capped) or an exponential pause with jitter;
 * - 502, 504 and connections that dropped or timed out may hide a request that was processed: only calls
 *   that are safe to repeat (reads; the catalog says which) are sent again;
 * - a connection that was refused, or a host that was not found, never reached the server: sent again;
 * - anything else is final at once.
 * A bounded number of tries; a 429 or a 503 (a server that is overloaded) also halves the run's concurrency,
 * and requests sent again after it take turns under the halved limit (see throttle.ts). The user can turn
 * retries off (Options). A cancelled execution stops waiting.
 */
import { sleep } from 'n8n-workflow';

import { neverSent, readHttpFailure, type HttpFailure } from './http';
import { runState } from './run-options';

export interface RetryOptions {
	/** Whether sending the request twice is harmless (a read). */
	safe: boolean;
	/** Retries after the first try (default 4, so 5 tries at most). */
	maxRetries?: number;
	/** Longest single pause in milliseconds (default 60 s); a longer Retry-After is cut to it. */
	maxDelayMs?: number;
	/** First pause without Retry-After, in milliseconds (default 500; then 1 s, 2 s, 4 s... with jitter). */
	baseDelayMs?: number;
	/** A provider's own transient answer (e.g. a proxy's empty 400); retried like a 503. */
	alsoRetry?: (failure: HttpFailure) => boolean;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
}

export type Attempt<T> = { ok: true; value: T; tries: number } | { ok: false; failure: HttpFailure; error: unknown; tries: number };

export const DEFAULT_RETRIES = 4;

/** How long to pause before retry number `retry` (0-based): Retry-After, else exponential with jitter, capped. */
export function retryDelayMs(retryAfter: string | undefined, retry: number, maxMs = 60_000, baseMs = 500, random = Math.random): number {
	if (retryAfter !== undefined && retryAfter.trim() !== '') {
		const seconds = Number(retryAfter);
		if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, maxMs);
		const date = Date.parse(retryAfter);
		if (Number.isFinite(date)) return Math.min(Math.max(0, date - Date.now()), maxMs);
	}
	const exponential = baseMs * 2 ** retry;
	// "Equal jitter": between half and all of the exponential pause, so retries of parallel items spread out.
	return Math.min(Math.round(exponential / 2 + random() * (exponential / 2)), maxMs);
}

/** Whether this failure may be retried for a call that is (or is not) safe to repeat. */
export function isRetryable(failure: HttpFailure, safe: boolean, alsoRetry?: (failure: HttpFailure) => boolean): boolean {
	if (failure.status === 429 || failure.status === 503) return true;
	if (alsoRetry?.(failure)) return true;
	if (failure.status === 502 || failure.status === 504) return safe;
	if (failure.status === undefined) return neverSent(failure) || (safe && failure.code !== undefined);
	return false;
}

/**
 * Sends a request (`send` throws what n8n's request helpers throw) under the retry policy and the run's
 * concurrency limit. Never throws: the outcome says what happened and how many tries it took.
 */
export async function sendWithRetries<T>(ctx: object, send: () => Promise<T>, options: RetryOptions): Promise<Attempt<T>> {
	const state = runState(ctx);
	const maxRetries = state.settings.retries ? (options.maxRetries ?? DEFAULT_RETRIES) : 0;
	let afterRateLimit = false;
	for (let retry = 0; ; retry++) {
		await state.limiter.gate(options.signal);
		// Sent again after a 429 or 503: wait for a turn under the cut limit (see AdaptiveLimit.acquireResend).
		const queued = afterRateLimit && (await state.limiter.acquireResend(options.signal));
		let error: unknown;
		try {
			const value = await send();
			state.limiter.succeeded();
			state.answered();
			return { ok: true, value, tries: retry + 1 };
		} catch (caught) {
			error = caught;
		} finally {
			if (queued) state.limiter.releaseResend();
		}
		const failure = readHttpFailure(error);
		const tries = retry + 1;
		const retryable = isRetryable(failure, options.safe, options.alsoRetry);
		const delay = retryDelayMs(failure.headers['retry-after'], retry, options.maxDelayMs, options.baseDelayMs);
		afterRateLimit = failure.status === 429 || failure.status === 503;
		if (afterRateLimit) state.limiter.rateLimited(delay);
		if (!retryable || retry >= maxRetries || options.signal?.aborted) return { ok: false, failure, error, tries };
		await sleep(delay);
		if (options.signal?.aborted) return { ok: false, failure, error, tries };
	}
}

/** " (after 5 tries)" for an error message when a request was sent more than once, else "". */
export function triesNote(tries: number): string {
	return tries > 1 ? ` (after ${tries} tries)` : '';
}
