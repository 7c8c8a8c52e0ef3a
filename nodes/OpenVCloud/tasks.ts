/**
 * Long-running calls as tasks. A call sent with `_async` answers with a task ID at once; `system/task/get`
 * then answers 202 with an empty body while the task runs, `[true, result]` when it succeeded and
 * `[false, "message"]` when it failed; an unknown task (or a result older than about 10 minutes) is 404.
 * On multi-node portals a task can be briefly unknown right after it started, so one 404 before any
 * other answer is tolerated.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiError } from '../shared/http-failure';
import { PollCancelledError, PollTimeoutError, pollUntil } from '../shared/polling';
import { scrub } from './errors';
import { ovcCall, type Connection, type FullResponse } from './transport';
import { duration, type WaitSettings } from './wait';

export type TaskState = { state: 'pending' } | { state: 'succeeded'; result: unknown } | { state: 'failed'; message: string };

/** Starts a call as a task; returns the task ID. */
export async function startTask(
	ctx: IExecuteFunctions,
	connection: Connection,
	path: string,
	params: IDataObject,
	itemIndex: number,
): Promise<string> {
	const answer = await ovcCall(ctx, connection, path, { ...params, _async: true }, { itemIndex });
	if (typeof answer !== 'string' || !answer.trim()) {
		throw new NodeOperationError(ctx.getNode(), `OpenvCloud did not answer ${path} with a task ID`, { itemIndex });
	}
	return answer.trim();
}

function isEmpty(body: unknown): boolean {
	return body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);
}

/** One look at a task. */
export async function taskState(
	ctx: IExecuteFunctions,
	connection: Connection,
	taskGuid: string,
	itemIndex: number,
): Promise<TaskState> {
	const response = (await ovcCall(ctx, connection, 'system/task/get', { taskguid: taskGuid }, { itemIndex, fullResponse: true })) as FullResponse;
	if (response.statusCode === 202 || isEmpty(response.body)) return { state: 'pending' };
	const body = response.body;
	if (Array.isArray(body) && body.length === 2 && typeof body[0] === 'boolean') {
		if (body[0]) return { state: 'succeeded', result: body[1] as unknown };
		const message = typeof body[1] === 'string' ? body[1] : JSON.stringify(body[1]);
		return { state: 'failed', message: scrub(message || 'The task failed without a message') };
	}
	throw new NodeOperationError(ctx.getNode(), `OpenvCloud answered task ${taskGuid} in an unexpected form`, { itemIndex });
}

/** The error a failed task becomes: the G8's message, with the task and the call it came from. */
export function taskFailure(ctx: IExecuteFunctions, taskGuid: string, path: string, message: string, itemIndex: number) {
	return apiError(
		ctx.getNode(),
		{ body: message, headers: {}, message },
		{ message, description: `Task ${taskGuid} (${path}) failed on the G8`, itemIndex },
	);
}

export interface WaitContext {
	/** What the task runs, for messages: `cloudapi/machines/create`. */
	path: string;
	itemIndex: number;
}

const isNotFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';

/** Polls a task until it has finished; returns its result or throws its failure, a timeout or a 404. */
export async function waitForTask(
	ctx: IExecuteFunctions,
	connection: Connection,
	taskGuid: string,
	settings: WaitSettings,
	wait: WaitContext,
): Promise<unknown> {
	let toleratedNotFound = false;
	let answered = false;
	try {
		const { value } = await pollUntil<TaskState>(
			async () => {
				const outcome = await taskState(ctx, connection, taskGuid, wait.itemIndex).then(
					(state) => ({ state }),
					(error: unknown) => ({ error }),
				);
				if ('error' in outcome) {
					if (isNotFound(outcome.error) && !answered && !toleratedNotFound) {
						toleratedNotFound = true;
						return { done: false };
					}
					throw isNotFound(outcome.error) ? notFound(ctx, taskGuid, wait) : outcome.error;
				}
				const state = outcome.state;
				answered = true;
				return state.state === 'pending' ? { done: false } : { done: true, value: state };
			},
			{ intervalMs: settings.intervalMs, timeoutMs: settings.timeoutMs, signal: ctx.getExecutionCancelSignal() },
		);
		if (value.state === 'failed') throw taskFailure(ctx, taskGuid, wait.path, value.message, wait.itemIndex);
		return value.state === 'succeeded' ? value.result : undefined;
	} catch (error) {
		throw waitError(ctx, error, `Task ${taskGuid} (${wait.path})`, settings, wait.itemIndex);
	}
}

function notFound(ctx: IExecuteFunctions, taskGuid: string, wait: WaitContext) {
	return new NodeOperationError(ctx.getNode(), `Task ${taskGuid} (${wait.path}) is not known to the G8`, {
		itemIndex: wait.itemIndex,
		description: 'The task does not exist, or it finished more than about 10 minutes ago and its result was dropped',
	});
}

/** A timeout or cancellation while waiting, as an error that says what was waited for and how long. */
export function waitError(ctx: IExecuteFunctions, error: unknown, what: string, settings: WaitSettings, itemIndex: number) {
	if (error instanceof PollTimeoutError) {
		return new NodeOperationError(
			ctx.getNode(),
			`${what} did not finish within the timeout of ${duration(settings.timeoutMs)} (waited ${duration(error.waitedMs)}, checked ${error.checks} times)`,
			{
				itemIndex,
				description: 'It may still be running on the G8: check it later with Task: Get, or raise "Timeout (Seconds)"',
			},
		);
	}
	if (error instanceof PollCancelledError) {
		return new NodeOperationError(ctx.getNode(), `Stopped waiting for ${what}: the execution was cancelled`, { itemIndex });
	}
	return error as Error;
}
