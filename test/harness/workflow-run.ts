/** What a test reads back from one workflow run. */
import type {
	ExecutionError,
	IDataObject,
	INodeExecutionData,
	IRun,
	IRunData,
} from 'n8n-workflow';

import type { CredentialStore } from './credentials-helper';

export class WorkflowRun {
	constructor(
		readonly run: IRun,
		readonly store: CredentialStore,
		readonly nodeOrder: string[],
	) {}

	get status() {
		return this.run.status;
	}

	get runData(): IRunData {
		return this.run.data.resultData.runData;
	}

	/** The error that stopped the workflow, if one did. */
	get error(): ExecutionError | undefined {
		return this.run.data.resultData.error;
	}

	/** Items a node put out (with pairedItem), for one output and one run of the node. */
	items(nodeName: string, output = 0, runIndex = 0): INodeExecutionData[] {
		const task = this.runData[nodeName]?.[runIndex];
		if (!task) {
			const ran = Object.keys(this.runData).join(', ');
			throw new Error(`Node "${nodeName}" did not run (ran: ${ran}); error: ${this.error?.message}`);
		}
		if (task.error) throw new Error(`Node "${nodeName}" failed: ${task.error.message}`);
		return task.data?.main?.[output] ?? [];
	}

	/** The json of each item a node put out. */
	json(nodeName: string, output = 0, runIndex = 0): IDataObject[] {
		return this.items(nodeName, output, runIndex).map((item) => item.json);
	}

	/** The error a node failed with (when not continuing on fail). */
	nodeError(nodeName: string, runIndex = 0): ExecutionError | undefined {
		return this.runData[nodeName]?.[runIndex]?.error;
	}

	/** Everything the run produced, serialized as n8n would store it: for secret checks. */
	serialized(): string {
		return JSON.stringify(this.run, (_key, value: unknown) =>
			value instanceof Error
				? { ...value, message: value.message, stack: value.stack, cause: (value as unknown as IDataObject).cause }
				: value,
		);
	}
}
