/**
 * nodes/shared/runner: the error item under Continue On Fail (message, description, HTTP code, and an error's
 * own item fields), and when items start (the first alone, then in groups, in input order).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ERROR_ITEM_FIELDS, errorJson, runItems } from '../../nodes/shared/runner';

const node = { id: '1', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

test('an error item carries the message and description', () => {
	const error = new NodeOperationError(node, 'Went wrong', { description: 'What to check' });
	expect(errorJson(error)).toEqual({ error: 'Went wrong', description: 'What to check' });
});

test("an error's item fields come along, and never replace the message or description", () => {
	const error = new NodeOperationError(node, 'Task 42 is still doing after 30 min', { description: 'Read it later' });
	error.context[ERROR_ITEM_FIELDS] = { taskId: 42, status: 'doing', error: 'not this', description: 'nor this' };
	expect(errorJson(error)).toEqual({ taskId: 42, status: 'doing', error: 'Task 42 is still doing after 30 min', description: 'Read it later' });
	error.context[ERROR_ITEM_FIELDS] = ['not', 'an', 'object'];
	expect(errorJson(error)).toEqual({ error: 'Task 42 is still doing after 30 min', description: 'Read it later' });
});

describe('runItems: items start in groups', () => {
	const flush = async () => await new Promise((resolve) => setImmediate(resolve));

	/** The run of `count` items whose operations end when the test says so. */
	function controlled(count: number, parallel: number) {
		const started: number[] = [];
		const finish = new Map<number, () => void>();
		const ctx = {
			getInputData: () => Array.from({ length: count }, (_, index) => ({ json: { index } })),
			continueOnFail: () => false,
			getExecutionCancelSignal: () => undefined,
			getNode: () => node,
		} as unknown as IExecuteFunctions;
		const run = runItems(ctx, { parallel, retries: false }, async (itemIndex) => {
			started.push(itemIndex);
			await new Promise<void>((resolve) => finish.set(itemIndex, resolve));
			return { itemIndex };
		});
		const ended = new Set<number>();
		const end = async (itemIndex: number) => {
			const resolve = finish.get(itemIndex);
			if (!resolve || ended.has(itemIndex)) throw new Error(`item ${itemIndex} is not in flight`);
			ended.add(itemIndex);
			resolve();
			await flush();
		};
		/** Ends whatever is in flight, last started first, until every item has run. */
		const endAll = async () => {
			while (ended.size < count) for (const item of started.filter((index) => !ended.has(index)).reverse()) await end(item);
		};
		return { started, end, endAll, run };
	}

	test('the first item alone, then the slots filled together once half of them are free', async () => {
		const { started, end, endAll, run } = controlled(25, 10);
		await flush();
		expect(started).toEqual([0]);
		await end(0);
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		for (const item of [1, 2, 3, 4]) await end(item);
		// Six in flight of ten: nothing new yet.
		expect(started).toHaveLength(11);
		await end(5);
		expect(started.slice(11)).toEqual([11, 12, 13, 14, 15]);
		await endAll();
		const output = await run;
		expect(output.map((item) => item.json.itemIndex)).toEqual(Array.from({ length: 25 }, (_, index) => index));
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: 25 }, (_, item) => ({ item })));
	});

	test('Items in Parallel 1: strictly one item after another', async () => {
		const { started, end, run } = controlled(4, 1);
		for (let item = 0; item < 4; item++) {
			await flush();
			expect(started).toEqual(Array.from({ length: item + 1 }, (_, index) => index));
			await end(item);
		}
		expect((await run).map((item) => item.json.itemIndex)).toEqual([0, 1, 2, 3]);
	});
});
