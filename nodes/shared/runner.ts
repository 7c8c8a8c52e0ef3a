/**
 * The item runner every action node uses, provider-neutral. Items run with bounded, adaptive concurrency
 * (see throttle.ts): the first item alone until one of its requests has gone through, or until it ends (so a
 * credential that logs in on first use logs in and stores its token once, and a wrong credential fails
 * once), then up to "Items in Parallel" at a time, fewer while the API rate-limits. The first item's own
 * later work (e.g. waiting for a task it started) overlaps with the others. Items start in groups (groups.ts).
 * Outcomes are put out in input order, each output item paired with the input item it came from, exactly as
 * when items run one after another. With "Continue On Fail", a failing item becomes one error item and the
 * others go on; without it, no new item starts after a failure, and the node fails naming the first failed
 * item (in input order).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runInGroups } from './groups';
import { runState, startRun, type RunSettings } from './run-options';

/** Items an operation produces in full (e.g. with binary data), rather than as plain JSON. */
export class ExecutionItems {
	constructor(readonly items: INodeExecutionData[]) {}
}

export type OperationOutput = IDataObject | IDataObject[] | ExecutionItems;

type Outcome = { value: OperationOutput } | { error: unknown };

/**
 * The key of an error's `context` whose fields its error item also carries under "Continue On Fail", e.g. the
 * ID of a task that was still running, so a later node can pick it up.
 */
export const ERROR_ITEM_FIELDS = 'itemFields';

/** What an item that failed under "Continue On Fail" carries. */
export function errorJson(error: Error & { description?: unknown; httpCode?: unknown; context?: IDataObject }): IDataObject {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description) json.description = error.description;
	if (typeof error.httpCode === 'string' && error.httpCode) json.httpCode = error.httpCode;
	const extra = error.context?.[ERROR_ITEM_FIELDS];
	if (extra && typeof extra === 'object' && !Array.isArray(extra)) return { ...(extra as IDataObject), ...json };
	return json;
}

/** Ties an error to the item it happened on, so n8n points at the right one. */
function onItem(ctx: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error, { itemIndex });
}

function collect(outcome: Outcome & { value: OperationOutput }, itemIndex: number, output: INodeExecutionData[]) {
	const pairedItem = { item: itemIndex };
	const { value } = outcome;
	if (value instanceof ExecutionItems) {
		for (const item of value.items) output.push({ ...item, pairedItem });
	} else {
		for (const json of Array.isArray(value) ? value : [value]) output.push({ json, pairedItem });
	}
}

/**
 * Runs `operation` for every input item under `settings` and returns the output items in input order.
 * `operation` may be called for several items at the same time; items are independent by n8n's model.
 */
export async function runItems(
	ctx: IExecuteFunctions,
	settings: RunSettings,
	operation: (itemIndex: number) => Promise<OperationOutput>,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const state = startRun(ctx, settings);
	const stopOnError = !ctx.continueOnFail();
	const signal = ctx.getExecutionCancelSignal?.();
	const outcomes = new Array<Outcome | undefined>(count);
	let failed = false;

	const settle = async (itemIndex: number) => {
		// An item does not start while the API asked for a pause.
		await state.limiter.gate(signal);
		try {
			outcomes[itemIndex] = { value: await operation(itemIndex) };
		} catch (error) {
			outcomes[itemIndex] = { error };
			if (stopOnError) failed = true;
		}
	};
	// The limiter's limit is "Items in Parallel", or less while the API rate-limits.
	await runInGroups(count, settle, {
		limit: () => state.limiter.limit,
		stop: () => failed || !!signal?.aborted,
		firstAlone: state.firstAnswer,
	});

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (!outcome) continue;
		if ('error' in outcome) {
			if (stopOnError) throw onItem(ctx, outcome.error as Error, itemIndex);
			output.push({ json: errorJson(outcome.error as Error), pairedItem: { item: itemIndex } });
			continue;
		}
		collect(outcome, itemIndex, output);
	}
	return output;
}

/** Shows a notice in the output pane once per run, however many items hit it. */
export function noticeOnce(ctx: IExecuteFunctions, message: string): void {
	const { notices } = runState(ctx);
	if (notices.has(message)) return;
	notices.add(message);
	ctx.addExecutionHints({ message, location: 'outputPane' });
}
