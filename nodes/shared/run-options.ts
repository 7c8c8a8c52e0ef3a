/**
 * What one node run shares across its items, provider-neutral: the adaptive concurrency limit, whether
 * transient faults are retried, and the notices already shown. It is kept per execution context object
 * (the `this` of `execute`, `poll` or a picker), so the transport finds it without it being passed along.
 * Also the two options every action node offers: "Items in Parallel" and "Retry Transient Errors".
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AdaptiveLimit } from './throttle';

export interface RunSettings {
	/** Most items in flight at once. */
	parallel: number;
	/** Whether 429/503 (and, for calls safe to repeat, 502/504 and dropped connections) are retried. */
	retries: boolean;
}

export class RunState {
	readonly limiter: AdaptiveLimit;

	readonly notices = new Set<string>();

	/** Settles when a request of the run has gone through: the login, if any, is then done and stored. */
	readonly firstAnswer: Promise<void>;

	/** Marks that a request of this run went through. */
	answered: () => void = () => {};

	constructor(readonly settings: RunSettings) {
		this.limiter = new AdaptiveLimit(settings.parallel);
		this.firstAnswer = new Promise<void>((resolve) => (this.answered = resolve));
	}
}

const states = new WeakMap<object, RunState>();

/** Pickers and polls have no Options: they run a few requests at a time, with retries. */
const DEFAULTS: RunSettings = { parallel: 4, retries: true };

/** The run state of a context: the one `startRun` set, or a default one made on first use. */
export function runState(ctx: object): RunState {
	let state = states.get(ctx);
	if (!state) {
		state = new RunState(DEFAULTS);
		states.set(ctx, state);
	}
	return state;
}

/** Starts a run's state with these settings (the item runner does this). */
export function startRun(ctx: object, settings: RunSettings): RunState {
	const state = new RunState(settings);
	states.set(ctx, state);
	return state;
}

export const PARALLEL_ITEMS = 'parallelItems';
export const RETRY_TRANSIENT = 'retryTransientErrors';

/** The most a user may set for Items in Parallel. */
export const MAX_PARALLEL = 50;

/** The entries every action node adds to its Options collection. `parallelDefault` is the provider's default. */
export function runOptionProperties(parallelDefault: number, extra?: Partial<INodeProperties>): INodeProperties[] {
	return [
		{
			displayName: 'Items in Parallel',
			name: PARALLEL_ITEMS,
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL, numberPrecision: 0 },
			default: parallelDefault,
			description: `How many items are processed at the same time (default ${parallelDefault}). It is halved automatically while the API answers "too many requests" or "unavailable" (429, 503) and grows back after. Output order and pairing stay as with one at a time; set 1 for strictly one item after another (e.g. when a later item depends on what an earlier one created).`,
			...extra,
		},
		{
			displayName: 'Retry Transient Errors',
			name: RETRY_TRANSIENT,
			type: 'boolean',
			default: true,
			description:
				'Whether to retry requests the API refused for their rate (429) or while unavailable (503), after the pause it asks for, and read-only requests that failed on a gateway error (502, 504) or a dropped connection. A request that changes something is only sent again when the API said it did not process it.',
		},
	];
}

/** Reads the run settings from an Options collection (of the first item: they are per run, not per item). */
export function readRunSettings(options: IDataObject | undefined, parallelDefault: number): RunSettings {
	const raw = Number(options?.[PARALLEL_ITEMS] ?? parallelDefault);
	const parallel = Number.isFinite(raw) ? Math.min(MAX_PARALLEL, Math.max(1, Math.floor(raw))) : parallelDefault;
	return { parallel, retries: options?.[RETRY_TRANSIENT] !== false };
}
