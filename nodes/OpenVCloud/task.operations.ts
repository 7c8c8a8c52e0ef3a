/** Task: Get (state, or wait for the end) and Task: Kill. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requiredString } from '../shared/validate';
import { taskState, waitForTask } from './tasks';
import { ovcCall, type Connection } from './transport';
import { readWaitSettings, TASK_WAIT_DEFAULTS } from './wait';

type TaskOperation = (ctx: IExecuteFunctions, connection: Connection, itemIndex: number) => Promise<IDataObject>;

export const taskOperations: Record<string, TaskOperation> = {
	async get(ctx, connection, itemIndex) {
		const taskGuid = requiredString(ctx, 'taskGuid', itemIndex, 'Task ID');
		if (ctx.getNodeParameter('waitForCompletion', itemIndex, false)) {
			const settings = readWaitSettings(ctx, itemIndex, TASK_WAIT_DEFAULTS);
			const result = await waitForTask(ctx, connection, taskGuid, settings, { path: `task ${taskGuid}`, itemIndex });
			return { taskGuid, status: 'succeeded', result: (result ?? null) as IDataObject[string] };
		}
		const state = await taskState(ctx, connection, taskGuid, itemIndex);
		if (state.state === 'succeeded') return { taskGuid, status: 'succeeded', result: (state.result ?? null) as IDataObject[string] };
		if (state.state === 'failed') return { taskGuid, status: 'failed', error: state.message };
		return { taskGuid, status: 'pending' };
	},

	async kill(ctx, connection, itemIndex) {
		const taskGuid = requiredString(ctx, 'taskGuid', itemIndex, 'Task ID');
		const killed = await ovcCall(ctx, connection, 'system/task/kill', { taskguid: taskGuid }, { itemIndex });
		return { taskGuid, killed: killed === true || killed === 'true' };
	},
};
