/**
 * Long-running calls as tasks. A call sent with `_async` answers with a task ID at once; `system/task/get`
 * then answers 202 with an empty body while the task runs, `[true, result]` when it succeeded and
 * `[false, "message"]` when it failed; an unknown task (or a result older than about 10 minutes) is 404.
 * On multi-node portals a task can be briefly unknown right after it started, so one 404 before any
 * other answer is tolerated; a proxy in front of some portals answers a poll with an empty 400 now and
 * then, so one such answer per poll is sent again. Also Task: Get and Task: Kill.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiError } from '../shared/errors';
import type { HttpFailure } from '../shared/http';
import { pollUntil } from '../shared/polling';
import { requiredString } from '../shared/validate';
import { callScrubber } from './errors';
import { apiRequest, type Connection, type FullResponse } from './transport';
import { pollSchedule, readWaitSettings, TASK_WAIT_DEFAULTS, waitError, type WaitSettings } from './wait';

type TaskState = { state: 'pending' } | { state: 'succeeded'; result: unknown } | { state: 'failed'; message: string };

/** Where a task came from: the call it runs, the item, and the call's own secrets (scrubbed from its failure). */
interface TaskOrigin {
	/** What the task runs, for messages: `cloudapi/machines/create`. */
	path: string;
	itemIndex: number;
	secrets?: readonly unknown[];
}

/** Starts a call as a task; returns the task ID. Never sent twice after a dropped connection: it changes things. */
export async function startTask(ctx: IExecuteFunctions, connection: Connection, params: IDataObject, origin: TaskOrigin): Promise<string> {
	const answer = await apiRequest(ctx, connection, origin.path, { ...params, _async: true }, { itemIndex: origin.itemIndex, secrets: origin.secrets });
	if (typeof answer !== 'string' || !answer.trim()) {
		throw new NodeOperationError(ctx.getNode(), `OpenvCloud did not answer ${origin.path} with a task ID`, { itemIndex: origin.itemIndex });
	}
	return answer.trim();
}

const isEmpty = (body: unknown) => body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);

/** One look at a task. A poll only reads, so it is repeated on gateway errors, and once on an empty 400. */
async function taskState(ctx: IExecuteFunctions, connection: Connection, taskGuid: string, itemIndex: number): Promise<TaskState> {
	let hiccups = 0;
	const proxyHiccup = (failure: HttpFailure) => failure.status === 400 && isEmpty(failure.body) && hiccups++ < 1;
	const response = (await apiRequest(
		ctx,
		connection,
		'system/task/get',
		{ taskguid: taskGuid },
		{ itemIndex, fullResponse: true, safe: true, alsoRetry: proxyHiccup },
	)) as FullResponse;
	if (response.statusCode === 202 || isEmpty(response.body)) return { state: 'pending' };
	const body = response.body;
	if (Array.isArray(body) && body.length === 2 && typeof body[0] === 'boolean') {
		if (body[0]) return { state: 'succeeded', result: body[1] as unknown };
		const message = typeof body[1] === 'string' ? body[1] : JSON.stringify(body[1]);
		return { state: 'failed', message: message || 'The task failed without a message' };
	}
	throw new NodeOperationError(ctx.getNode(), `OpenvCloud answered task ${taskGuid} in an unexpected form`, { itemIndex });
}

/** The error a failed task becomes: the G8's message (scrubbed), with the task and the call it came from. */
async function taskFailure(ctx: IExecuteFunctions, taskGuid: string, message: string, origin: TaskOrigin) {
	return apiError(
		ctx.getNode(),
		{ body: message, headers: {}, message },
		{ message, description: `Task ${taskGuid} (${origin.path}) failed on the G8`, itemIndex: origin.itemIndex },
		await callScrubber(ctx, origin.secrets),
	);
}

const isNotFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';

/** Polls a task until it has finished; returns its result or throws its failure, a timeout or a 404. */
export async function waitForTask(
	ctx: IExecuteFunctions,
	connection: Connection,
	taskGuid: string,
	settings: WaitSettings,
	origin: TaskOrigin,
): Promise<unknown> {
	let toleratedNotFound = false;
	let answered = false;
	let value: TaskState;
	try {
		({ value } = await pollUntil<TaskState>(async () => {
			const outcome = await taskState(ctx, connection, taskGuid, origin.itemIndex).then(
				(state) => ({ state }),
				(error: unknown) => ({ error }),
			);
			if ('error' in outcome) {
				if (isNotFound(outcome.error) && !answered && !toleratedNotFound) {
					toleratedNotFound = true;
					return { done: false };
				}
				throw isNotFound(outcome.error) ? notFound(ctx, taskGuid, origin) : outcome.error;
			}
			answered = true;
			return outcome.state.state === 'pending' ? { done: false } : { done: true, value: outcome.state };
		}, pollSchedule(ctx, settings)));
	} catch (error) {
		throw waitError(ctx, error, `Task ${taskGuid} (${origin.path})`, settings, origin.itemIndex);
	}
	if (value.state === 'failed') throw await taskFailure(ctx, taskGuid, value.message, origin);
	return value.state === 'succeeded' ? value.result : undefined;
}

function notFound(ctx: IExecuteFunctions, taskGuid: string, origin: TaskOrigin) {
	return new NodeOperationError(ctx.getNode(), `Task ${taskGuid} (${origin.path}) is not known to the G8`, {
		itemIndex: origin.itemIndex,
		description: 'The task does not exist, or it finished more than about 10 minutes ago and its result was dropped',
	});
}

/** Task: Get (its state, or wait for its end) and Task: Kill, by task ID. */
export const taskOperations: Record<string, (ctx: IExecuteFunctions, connection: Connection, itemIndex: number) => Promise<IDataObject>> = {
	async get(ctx, connection, itemIndex) {
		const taskGuid = requiredString(ctx, 'taskGuid', itemIndex, 'Task ID');
		if (ctx.getNodeParameter('waitForCompletion', itemIndex, false)) {
			const settings = readWaitSettings(ctx, itemIndex, TASK_WAIT_DEFAULTS);
			const result = await waitForTask(ctx, connection, taskGuid, settings, { path: `task ${taskGuid}`, itemIndex });
			return { taskGuid, status: 'succeeded', result: (result ?? null) as IDataObject[string] };
		}
		const state = await taskState(ctx, connection, taskGuid, itemIndex);
		if (state.state === 'succeeded') return { taskGuid, status: 'succeeded', result: (state.result ?? null) as IDataObject[string] };
		if (state.state === 'failed') return { taskGuid, status: 'failed', error: (await callScrubber(ctx)).text(state.message) };
		return { taskGuid, status: 'pending' };
	},

	async kill(ctx, connection, itemIndex) {
		const taskGuid = requiredString(ctx, 'taskGuid', itemIndex, 'Task ID');
		const killed = await apiRequest(ctx, connection, 'system/task/kill', { taskguid: taskGuid }, { itemIndex });
		return { taskGuid, killed: killed === true || killed === 'true' };
	},
};
