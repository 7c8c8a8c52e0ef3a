import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Items an operation produces in full (e.g. with binary data), rather than as plain JSON. */
export class ExecutionItems {
	constructor(readonly items: INodeExecutionData[]) {}
}

export type OperationOutput = IDataObject | IDataObject[] | ExecutionItems;

/** What an item that failed under "Continue On Fail" carries. */
function errorJson(error: Error & { description?: unknown; httpCode?: unknown }): IDataObject {
	const json: IDataObject = { error: error.message };
	if (typeof error.description === 'string' && error.description) json.description = error.description;
	if (typeof error.httpCode === 'string' && error.httpCode) json.httpCode = error.httpCode;
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

/**
 * Runs `operation` once per input item, in order. Every output item is paired with the input item
 * it came from. With "Continue On Fail", a failing item becomes one error item and the run goes on;
 * without it, the first failure stops the node, naming the item.
 */
export async function runPerItem(
	ctx: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<OperationOutput>,
): Promise<INodeExecutionData[]> {
	const input = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < input.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		try {
			const result = await operation(itemIndex);
			if (result instanceof ExecutionItems) {
				for (const item of result.items) output.push({ ...item, pairedItem });
			} else {
				for (const json of Array.isArray(result) ? result : [result]) {
					output.push({ json, pairedItem });
				}
			}
		} catch (error) {
			if (!ctx.continueOnFail()) throw onItem(ctx, error as Error, itemIndex);
			output.push({ json: errorJson(error as Error), pairedItem });
		}
	}
	return output;
}
