/**
 * Items processed several at a time, provider-neutral. The operations run with at most `parallel` in flight
 * (the first item alone, so a credential that logs in on first use logs in once); their outcomes are then
 * handed to `runPerItem` in input order, so output order, pairedItem and "Continue On Fail" behave exactly
 * as when items run one by one. Without "Continue On Fail", no new item starts after one has failed.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem, type OperationOutput } from './items';

type Outcome = { value: OperationOutput } | { error: unknown };

export async function runItemsInParallel(
	ctx: IExecuteFunctions,
	parallel: number,
	operation: (itemIndex: number) => Promise<OperationOutput>,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	if (parallel <= 1 || count <= 1) return await runPerItem(ctx, operation);
	const outcomes: Outcome[] = new Array<Outcome>(count);
	const stopOnError = !ctx.continueOnFail();
	let next = 0;
	let failed = false;
	const settle = async (itemIndex: number) => {
		try {
			outcomes[itemIndex] = { value: await operation(itemIndex) };
		} catch (error) {
			outcomes[itemIndex] = { error };
			if (stopOnError) failed = true;
		}
	};
	await settle(next++);
	const worker = async () => {
		while (!failed && next < count) await settle(next++);
	};
	await Promise.all(Array.from({ length: Math.min(parallel, count - 1) }, worker));
	return await runPerItem(ctx, async (itemIndex) => {
		const outcome = outcomes[itemIndex];
		if (!outcome) return [];
		if ('error' in outcome) throw outcome.error;
		return outcome.value;
	});
}
