/**
 * When to measure OVHcloud's clock again. A signed call's timestamp is the local clock plus the offset the
 * credential measured (`GET /auth/time`) and stored. OVHcloud refuses a stale timestamp with 400
 * INVALID_SIGNATURE (or QUERY_TIME_OUT), the very answer a wrong secret gets, so only these codes count, and:
 * - the first such refusal in a run sends its call again, letting n8n re-measure the offset if that is
 *   refused too (`preAuthenticationRetryStatusCode: 400`) and send it a last time;
 * - a call refused while that runs, or signed before it ended, waits for it and is sent once more if it
 *   helped; any later refusal is final. So a wrong secret costs one re-measure per run, not one per item.
 * Each send goes through the retry policy (429, 503...) on its own: the two never repeat each other.
 */
import type { HttpFailure } from '../shared/http';
import { bodyObject } from '../shared/http';
import type { Attempt } from '../shared/retry';

const CLOCK_CODES = new Set(['INVALID_SIGNATURE', 'QUERY_TIME_OUT']);

/** Whether OVHcloud refused a call for its signature or timestamp. */
function clockRefusal(failure: HttpFailure): boolean {
	const code = bodyObject(failure.body)?.errorCode;
	return typeof code === 'string' && CLOCK_CODES.has(code);
}

/** One run's re-measure: started by the first refused call, waited for by the others. */
export class ClockCheck {
	/** Re-measures that ended in this run (0 or 1); a call records it when it is signed. */
	generation = 0;

	private check?: Promise<boolean>;

	/**
	 * After `failure` on a call signed at `signedIn` (the generation then): the outcome of the call sent
	 * again, or undefined when it is not to be sent again.
	 */
	async after<T>(
		failure: HttpFailure,
		signedIn: number,
		remeasure: () => Promise<Attempt<T>>,
		resend: () => Promise<Attempt<T>>,
	): Promise<Attempt<T> | undefined> {
		if (!clockRefusal(failure)) return undefined;
		if (!this.check) {
			const outcome = remeasure();
			this.check = outcome.then(
				(attempt) => {
					this.generation++;
					return attempt.ok || !clockRefusal(attempt.failure);
				},
				() => {
					this.generation++;
					return false;
				},
			);
			return await outcome;
		}
		const helped = await this.check;
		return helped && signedIn < this.generation ? await resend() : undefined;
	}
}
