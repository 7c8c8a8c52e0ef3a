/**
 * Adaptive concurrency (AIMD), provider-neutral: `limit` is how many items may be in flight (the item runner
 * starts them under it, see groups.ts); a rate-limit answer halves the limit and pauses new requests for as
 * long as the server asked; sustained success grows the limit back by one at a time, up to the maximum the
 * user set.
 */
import { sleep } from 'n8n-workflow';

export class AdaptiveLimit {
	/** How many may be in flight now. */
	limit: number;

	private successes = 0;

	private pausedUntil = 0;

	/** Requests being sent again after a rate limit. */
	private resending = 0;

	private readonly resendWaiters: Array<() => void> = [];

	/** How often the limit was cut because of a rate limit (for benchmarks and tests). */
	cuts = 0;

	constructor(readonly max: number) {
		this.max = Math.max(1, Math.floor(max));
		this.limit = this.max;
	}

	/** Waits while a pause is on (before an item starts, and before a request of an item in flight is sent). */
	async gate(signal?: AbortSignal): Promise<void> {
		for (let pause = this.pausedUntil - Date.now(); pause > 0 && !signal?.aborted; pause = this.pausedUntil - Date.now()) {
			await sleep(pause);
		}
	}

	/**
	 * Waits until fewer than `limit` requests are being sent again after a rate limit, then counts this one:
	 * items already in flight when the limit was cut resend under the cut limit, not all at once. False when
	 * the wait was cancelled (nothing counted).
	 */
	async acquireResend(signal?: AbortSignal): Promise<boolean> {
		while (!signal?.aborted) {
			if (this.resending < this.limit) {
				this.resending++;
				return true;
			}
			await new Promise<void>((resolve) => this.resendWaiters.push(resolve));
		}
		return false;
	}

	releaseResend(): void {
		this.resending = Math.max(0, this.resending - 1);
		this.wake();
	}

	/** A request was refused for its rate, or by an overloaded server: halve the limit, pause everyone for `delayMs`. */
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

	private wake(): void {
		let freeResends = this.limit - this.resending;
		while (freeResends-- > 0 && this.resendWaiters.length) this.resendWaiters.shift()!();
	}
}
