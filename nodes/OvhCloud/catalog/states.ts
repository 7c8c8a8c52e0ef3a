/**
 * What the states OVHcloud reports mean when waiting: the states of tasks (`status` or `state`: `todo`, `doing`,
 * `done`, `error`, `cancelled`...), of orders (`GET /me/order/{orderId}/status`: `checking`, `delivering`,
 * `delivered`...) and of v2 resources (`resourceStatus`: `CREATING`, `UPDATING`, `READY`, `ERROR`...). Shared by
 * the catalog generator (a task model counts only if its enumeration has a done state) and the node.
 * Compared case-insensitively; a state not listed is taken as "still running".
 */

export type StateMeaning = 'done' | 'failed' | 'cancelled' | 'needsCustomer' | 'running';

const MEANINGS: Record<Exclude<StateMeaning, 'running'>, readonly string[]> = {
	done: ['done', 'ok', 'delivered', 'ready'],
	failed: ['error', 'customererror', 'ovherror', 'problem', 'unfixed', 'denied', 'refused', 'out_of_sync', 'suspended'],
	cancelled: ['cancelled', 'canceled', 'cancelling', 'tocancel', 'aborted'],
	// The work waits for the customer (an acknowledgement, documents, an answer): waiting longer does not help.
	needsCustomer: ['waiting_user_input', 'waitingack', 'documentsrequested'],
};

const BY_STATE = new Map<string, StateMeaning>(
	Object.entries(MEANINGS).flatMap(([meaning, states]) => states.map((state) => [state, meaning as StateMeaning])),
);

/** What a state means; anything unknown (`todo`, `doing`, `init`, `checking`, `UPDATING`...) is still running. */
export function stateMeaning(state: unknown): StateMeaning {
	return typeof state === 'string' ? (BY_STATE.get(state.trim().toLowerCase()) ?? 'running') : 'running';
}
