/**
 * Adaptive concurrency (AIMD), provider-neutral: at most `limit` items are in flight, and at most `limit`
 * requests (so that items already in flight when the limit is cut, retrying together, do not keep the
 * server over its limit); a rate-limit answer halves the limit and pauses new requests for as long as the
 * server asked; sustained success grows the limit back by one at a time, up to the maximum the user set.
 */
import { sleep } from 'n8n-workflow';

export class AdaptiveLimit {
	/** How many may be in flight now. */
	limit: number;

	private inFlight = 0;

	private successes = 0;

	private pausedUntil = 0;

	private readonly waiters: Array<() => void> = [];

	private sending = 0;

	private readonly sendWaiters: Array<() => void> = [];

	/** How often the limit was cut because of a rate limit (for benchmarks and tests). */
	cuts = 0;

	constructor(readonly max: number) {
		this.max = Math.max(1, Math.floor(max));
		this.limit = this.max;
	}

	/** Waits for a free slot (and for the end of any pause), then takes it. */
	async acquire(signal?: AbortSignal): Promise<void> {
		await this.take('inFlight', this.waiters, signal);
	}

	release(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.wake();
	}

	/**
	 * Before a request is sent: waits while a pause is on and until fewer than `limit` requests are being
	 * sent, then counts this one; `sent()` must follow when it has been answered.
	 */
	async gate(signal?: AbortSignal): Promise<void> {
		if (!(await this.take('sending', this.sendWaiters, signal))) this.sending++;
	}

	/** A request that passed `gate()` was answered (or failed). */
	sent(): void {
		this.sending = Math.max(0, this.sending - 1);
		this.wake();
	}

	/** A request was refused for its rate: halve the limit, pause everyone for `delayMs`. */
	rateLimited(delayMs: number): void {
		this.cuts++;
		this.limit = Math.max(1, Math.floor(this.limit / 2));
		this.successes = 0;
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + Math.max(0, delayMs));
	}

	/** A request went through: after `limit` successes in a row, one more may be in flight. */
	succeeded(): void {
		if (this.limit >= this.max) return;
		if (++this.successes >= this.limit) {
			this.successes = 0;
			this.limit++;
			this.wake();
		}
	}

	/** Waits for the end of any pause and for fewer than `limit` in use, then counts one more; false when cancelled. */
	private async take(slots: 'inFlight' | 'sending', waiters: Array<() => void>, signal?: AbortSignal): Promise<boolean> {
		for (;;) {
			if (signal?.aborted) return false;
			const pause = this.pausedUntil - Date.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			if (this[slots] < this.limit) {
				this[slots]++;
				return true;
			}
			await new Promise<void>((resolve) => waiters.push(resolve));
		}
	}

	private wake(): void {
		let free = this.limit - this.inFlight;
		while (free-- > 0 && this.waiters.length) this.waiters.shift()!();
		let sendable = this.limit - this.sending;
		while (sendable-- > 0 && this.sendWaiters.length) this.sendWaiters.shift()!();
	}
}
