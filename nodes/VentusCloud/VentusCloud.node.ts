import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { readRunSettings } from '../shared/run-options';
import { runItems } from '../shared/runner';
import { CREDENTIAL, PARALLEL_DEFAULT } from './api';
import { rowFor } from './catalog';
import { nodeProperties } from './description';
import { itemOperation } from './execute';
import { searchProjects } from './listSearch';
import { connect } from './transport';

export class VentusCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ventus Cloud',
		name: 'ventusCloud',
		icon: { light: 'file:ventusCloud.svg', dark: 'file:ventusCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage the projects of a Ventus Cloud organization and read its prices',
		defaults: { name: 'Ventus Cloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: nodeProperties(),
	};

	methods = { listSearch: { searchProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const row = rowFor(resource, operation);
		if (!row) throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" for resource "${resource}"`);
		const settings = readRunSettings(this.getNodeParameter('options', 0, {}) as IDataObject, PARALLEL_DEFAULT);
		const run = itemOperation(this, row, await connect(this));
		return [await runItems(this, settings, run)];
	}
}
