/**
 * Wait for Completion: after an operation that starts something (a task, an order, a v2 resource change), read
 * it back on the route the catalog names (`w`, derived from the schema) until it is done, with the shared
 * `pollUntil` (first checks after a quarter and half of the interval, then every interval), bounded by the
 * timeout and a number of checks. The output is the final task, order or resource. A task that ends in error
 * or is cancelled, an order that is cancelled, a resource in ERROR, or work that waits for the customer fails
 * the item with OVHcloud's own comment; a timeout fails it naming what is still running and how to read it
 * later, and with Continue On Fail its error item carries the ID and the last state.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PollCancelledError, PollTimeoutError, pollUntil } from '../shared/polling';
import { ERROR_ITEM_FIELDS } from '../shared/runner';
import { fillPath, PathValueError } from '../shared/path';
import { scrubberFor, type Scrubber } from '../shared/secrets';
import { SECRET_FIELDS } from './api';
import { stateMeaning, type StateMeaning } from './catalog/states';
import type { CatalogWait } from './catalog/types';
import { apiRequest, type Connection } from './transport';

/** Defaults of the Options, in seconds. */
export const WAIT_DEFAULTS = { interval: 10, timeout: 1800 };

/** The least time between checks the editor offers, in seconds (OVHcloud rate-limits per key). */
export const MIN_POLL_INTERVAL = 1;

/** The most checks of one wait, whatever the interval and timeout. */
export const MAX_CHECKS = 10_000;

export interface WaitSettings {
	intervalMs: number;
	timeoutMs: number;
}

export interface WaitOptions {
	pollInterval?: unknown;
	waitTimeout?: unknown;
}

function seconds(ctx: IExecuteFunctions, raw: unknown, label: string, fallback: number, itemIndex: number): number {
	if (raw === undefined || raw === null || raw === '') return fallback;
	const value = typeof raw === 'string' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be a number of seconds above 0 (got "${String(raw)}")`, { itemIndex });
	}
	return value;
}

/** The item's interval and timeout (Options), checked. */
export function readWaitSettings(ctx: IExecuteFunctions, options: WaitOptions, itemIndex: number): WaitSettings {
	const interval = seconds(ctx, options.pollInterval, 'Poll Interval (Seconds)', WAIT_DEFAULTS.interval, itemIndex);
	const timeout = seconds(ctx, options.waitTimeout, 'Timeout (Seconds)', WAIT_DEFAULTS.timeout, itemIndex);
	return { intervalMs: Math.max(1, Math.round(interval * 1000)), timeoutMs: Math.round(timeout * 1000) };
}

/** At most this many checks for a schedule: what the time allows (with the early checks) and a few more, and never more than MAX_CHECKS. */
export function maxChecks(settings: WaitSettings): number {
	return Math.min(Math.ceil(settings.timeoutMs / settings.intervalMs) + 3, MAX_CHECKS);
}

/** "90 s", "12 min", "1 h 5 min". */
function duration(ms: number): string {
	const total = Math.round(ms / 1000);
	if (total < 120) return `${total} s`;
	const minutes = Math.round(total / 60);
	return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const isObject = (value: unknown): value is IDataObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const textOf = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** OVHcloud's own words on a task or resource: its comment, message or description, and the messages of its errors. */
function commentOf(value: unknown): string | undefined {
	if (!isObject(value)) return undefined;
	const words = ['comment', 'message', 'details', 'description', 'note'].map((key) => textOf(value[key])).filter(Boolean) as string[];
	const errors = [value.errors, ...(Array.isArray(value.currentTasks) ? value.currentTasks.map((task) => (isObject(task) ? task.errors : undefined)) : [])];
	for (const list of errors) {
		if (!Array.isArray(list)) continue;
		for (const error of list) {
			const text = isObject(error) ? textOf(error.message) : textOf(error);
			if (text) words.push(text);
		}
	}
	return words.length ? [...new Set(words)].join('; ') : undefined;
}

export interface WaitRequest {
	/** The operation that started the work, for messages: `POST /dedicated/server/{serviceName}/reinstall`. */
	operation: string;
	branch: 'v1' | 'v2';
	method: string;
	wait: CatalogWait;
	/** The operation's path values by placeholder. */
	pathValues: Record<string, unknown>;
	/** The operation's answer. */
	answer: unknown;
	settings: WaitSettings;
	itemIndex: number;
}

/** One thing being waited for. */
interface Target {
	/** `task 123`, `order 456`, `resource 9f1c...`. */
	label: string;
	/** The ID, for the error item. */
	id: unknown;
	/** The route read, placeholders filled. */
	path: string;
	/** The last answer (for an order: its status, once read). */
	value: unknown;
	done: boolean;
	/** Whether a check has read it (a 404 before that is taken as "not visible yet"). */
	read: boolean;
}

/** Why waiting stops short of done: OVHcloud's words, and the state. */
interface Problem {
	message: string;
	state?: string;
}

/** What a state means, and the state's text, for the kind of wait. */
function meaningOf(wait: CatalogWait, value: unknown): { meaning: StateMeaning; state: string } {
	if (wait.k === 'order') return typeof value === 'string' ? { meaning: stateMeaning(value), state: value } : { meaning: 'running', state: 'not read yet' };
	if (!isObject(value)) return { meaning: 'running', state: 'unknown' };
	if (wait.k === 'task') return { meaning: stateMeaning(value[wait.s ?? 'status']), state: String(value[wait.s ?? 'status']) };
	const state = String(value.resourceStatus);
	const meaning = stateMeaning(value.resourceStatus);
	// READY while tasks are still listed: the change has not been taken up yet.
	if (meaning === 'done' && Array.isArray(value.currentTasks) && value.currentTasks.length > 0) return { meaning: 'running', state };
	return { meaning, state };
}

/** The route of one started thing, from the operation's path values and the answer's ID. */
function target(ctx: IExecuteFunctions, request: WaitRequest, value: unknown): Target {
	const { wait, itemIndex } = request;
	const names = [...wait.p.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
	const last = names[names.length - 1];
	const id = wait.i ? (isObject(value) ? value[wait.i] : undefined) : request.pathValues[last];
	const noun = wait.k;
	if (id === undefined || id === null || id === '') {
		throw new NodeOperationError(ctx.getNode(), `OVHcloud answered ${request.operation} without ${wait.i ? `the ${noun}'s ${wait.i}` : 'an ID'}: there is nothing to wait for`, {
			itemIndex,
			description: 'The call was carried out. Turn Wait for Completion off to get its answer as it is.',
		});
	}
	let path: string;
	try {
		path = fillPath(wait.p, wait.i ? { ...request.pathValues, [last]: id } : request.pathValues);
	} catch (error) {
		// An ID OVHcloud sent that cannot be one path segment.
		throw new NodeOperationError(ctx.getNode(), `Cannot wait for ${noun} ${String(id)}: its ID ${(error as PathValueError).problem}`, { itemIndex });
	}
	return { label: `${noun} ${String(id)}`, id, path, value: wait.k === 'order' ? undefined : value, done: false, read: false };
}

/**
 * Marks a target done when its state says so; returns the problem when the state is final but not done. A
 * resource being deleted is done only when it is gone (its GET answers 404), whatever state it shows until then.
 */
function settle(request: WaitRequest, entry: Target, deleting: boolean): Problem | undefined {
	const { meaning, state } = meaningOf(request.wait, entry.value);
	if (meaning === 'running' || (meaning === 'done' && deleting)) return undefined;
	if (meaning === 'done') {
		entry.done = true;
		return undefined;
	}
	const comment = commentOf(entry.value);
	const what =
		meaning === 'cancelled' ? `was cancelled (${state})` : meaning === 'needsCustomer' ? `waits for the customer (${state})` : `ended in ${state}`;
	return { message: `${capitalized(entry.label)} ${what}${comment ? `: ${comment}` : ''}`, state };
}

/** What an error item carries under Continue On Fail: the ID (under its own name), the state, the route to read it on. */
function itemFields(request: WaitRequest, entry: Target, state?: string): IDataObject {
	const key = request.wait.i ?? 'id';
	const fields: IDataObject = { [key]: entry.id as IDataObject[string] };
	if (state !== undefined) fields.status = state;
	fields.route = `GET ${request.branch === 'v2' ? '/v2' : ''}${entry.path}`;
	return fields;
}

/** A task, order or resource that ended otherwise than done, as the item's error. */
function failure(ctx: IExecuteFunctions, request: WaitRequest, entry: Target, problem: Problem, scrubber: Scrubber) {
	const error = new NodeOperationError(ctx.getNode(), scrubber.text(problem.message), {
		itemIndex: request.itemIndex,
		description: `Started by ${request.operation}; read with GET ${request.branch === 'v2' ? '/v2' : ''}${entry.path}`,
	});
	error.context[ERROR_ITEM_FIELDS] = itemFields(request, entry, problem.state);
	return error;
}

/** What stopped the waiting, as the item's error: a timeout or a cancellation said in words, or the error as it came. */
function waitError(ctx: IExecuteFunctions, request: WaitRequest, targets: Target[], route: string, error: unknown) {
	if (error instanceof PollTimeoutError) return timedOut(ctx, request, targets, route, error);
	if (error instanceof PollCancelledError) {
		const what = targets.map((entry) => entry.label).join(', ');
		return new NodeOperationError(ctx.getNode(), `The execution was cancelled while waiting for ${what}`, { itemIndex: request.itemIndex });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: request.itemIndex });
}

/** A timeout: what is still running, in which state, and how to read it later. */
function timedOut(ctx: IExecuteFunctions, request: WaitRequest, targets: Target[], route: string, timeout: PollTimeoutError) {
	const pending = targets.filter((entry) => !entry.done);
	const states = pending.map((entry) => `${entry.label} is still ${meaningOf(request.wait, entry.value).state}`).join(', ');
	const error = new NodeOperationError(
		ctx.getNode(),
		`Not done after ${duration(timeout.waitedMs)} (${timeout.checks} checks): ${states}. It goes on at OVHcloud`,
		{
			itemIndex: request.itemIndex,
			description: `Started by ${request.operation}. Read it later with ${route} (${pending
				.map((entry) => `${request.wait.i ?? 'id'} ${String(entry.id)}`)
				.join(', ')}), e.g. with Wait for Completion on that operation, or raise Timeout (Seconds)`,
		},
	);
	const [first] = pending;
	// The first of what is still running (a list of tasks names all of them in the description).
	error.context[ERROR_ITEM_FIELDS] = { ...itemFields(request, first, meaningOf(request.wait, first.value).state), timedOut: true };
	return error;
}

/** What the item puts out: the final task or resource; an order with its final status. */
function output(request: WaitRequest, entry: Target): IDataObject {
	if (request.wait.k === 'order') {
		const order = Array.isArray(request.answer) ? {} : isObject(request.answer) ? request.answer : {};
		return { ...order, status: String(entry.value) };
	}
	return isObject(entry.value) ? entry.value : { value: entry.value as IDataObject[string] };
}

/** Waits until what the operation started is done; returns the final task(s), order or resource. */
export async function waitForCompletion(ctx: IExecuteFunctions, session: Connection, request: WaitRequest): Promise<IDataObject[]> {
	const { wait, itemIndex } = request;
	const targets = (Array.isArray(request.answer) ? request.answer : [request.answer]).map((value) => target(ctx, request, value));
	const deleting = wait.k === 'resource' && request.method === 'DELETE';
	const route = `GET ${request.branch === 'v2' ? '/v2' : ''}${wait.p}`;
	const fail = async (entry: Target, problem: Problem) => {
		const scrubber = await scrubberFor(ctx, session.credential, SECRET_FIELDS[session.credential]);
		return failure(ctx, request, entry, problem, scrubber);
	};
	// What the operation answered may already be the end (a task done at once): then nothing is read.
	if (wait.k !== 'order') {
		for (const entry of targets) {
			const problem = settle(request, entry, deleting);
			if (problem) throw await fail(entry, problem);
		}
	}
	try {
		await pollUntil(
			async () => {
				for (const entry of targets.filter((candidate) => !candidate.done)) {
					const outcome = await apiRequest(ctx, session, { method: 'GET', branch: request.branch, path: entry.path, itemIndex }).then(
						(response) => ({ body: response.body }),
						(error: unknown) => ({ error }),
					);
					let problem: Problem | undefined;
					if ('body' in outcome) {
						entry.value = outcome.body;
						entry.read = true;
						problem = settle(request, entry, deleting);
					} else if (!(outcome.error instanceof NodeApiError && outcome.error.httpCode === '404')) {
						throw outcome.error;
					} else if (deleting) {
						// Gone: a deleted resource is done; a task seen before has vanished; one never seen may not be visible yet.
						entry.done = true;
					} else if (entry.read) {
						problem = { message: `${capitalized(entry.label)} no longer exists at OVHcloud (${route} answered 404)` };
					}
					if (problem) throw await fail(entry, problem);
				}
				return targets.every((entry) => entry.done) ? { done: true, value: undefined } : { done: false };
			},
			{ ...request.settings, maxChecks: maxChecks(request.settings), signal: ctx.getExecutionCancelSignal?.() },
		);
	} catch (error) {
		throw waitError(ctx, request, targets, route, error);
	}
	return targets.map((entry) => output(request, entry));
}
