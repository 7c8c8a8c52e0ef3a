/** The error item of nodes/shared/runner under Continue On Fail: message, description, HTTP code, and an error's own item fields. */
import { NodeOperationError } from 'n8n-workflow';

import { ERROR_ITEM_FIELDS, errorJson } from '../../nodes/shared/runner';

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
