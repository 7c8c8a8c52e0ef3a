/** Task: Get and Kill, for calls started with "Return Task ID" (or by anything else that has a task ID). */
import type { INodeProperties } from 'n8n-workflow';

import { TASK_WAIT_DEFAULTS } from './wait';

const { interval, timeout } = TASK_WAIT_DEFAULTS;

const forTask = (operations: string[], extra: Record<string, boolean[]> = {}) => ({
	show: { resource: ['task'], operation: operations, ...extra },
});

export const taskProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the state of a task',
				description: 'Pending, succeeded with its result, or failed with its message (results are kept about 10 minutes)',
			},
			{ name: 'Kill', value: 'kill', action: 'Kill a running task' },
		],
		default: 'get',
	},
	{
		displayName: 'Task ID',
		name: 'taskGuid',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 8f9c5d3e-1b2a-4c5d-9e8f-7a6b5c4d3e2f',
		displayOptions: forTask(['get', 'kill']),
		description: 'The task ID a long-running operation returned with "Return Task ID"',
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		displayOptions: forTask(['get']),
		description: 'Whether to wait until the task has finished; a failed task then fails the item',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.01 },
		default: interval,
		displayOptions: forTask(['get'], { waitForCompletion: [true] }),
		description: 'Time between checks of the task',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 0.01 },
		default: timeout,
		displayOptions: forTask(['get'], { waitForCompletion: [true] }),
		description: 'How long to wait for the task before failing; the task itself goes on',
	},
];
