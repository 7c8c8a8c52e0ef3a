import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { runItemsInParallel } from '../shared/parallel-items';
import { catalogEntry } from './catalog';
import { nodeProperties } from './description';
import { runCatalogMethod } from './execute';
import {
	searchAccounts,
	searchCloudSpaces,
	searchDisks,
	searchExternalNetworks,
	searchImages,
	searchLocations,
	searchMachines,
	searchSizes,
} from './listSearch';
import { taskOperations } from './task.operations';
import { CREDENTIAL, openVCloudConnection } from './transport';

export class OpenVCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenvCloud',
		name: 'openVCloud',
		icon: { light: 'file:openVCloud.svg', dark: 'file:openVCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage accounts, cloud spaces, machines, disks and more on an OpenvCloud (G8) with its Cloud API',
		defaults: { name: 'OpenvCloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: nodeProperties(),
	};

	methods = {
		listSearch: {
			searchAccounts,
			searchCloudSpaces,
			searchDisks,
			searchExternalNetworks,
			searchImages,
			searchLocations,
			searchMachines,
			searchSizes,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const connection = await openVCloudConnection(this);
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const parallel = Math.max(1, Math.floor(Number((this.getNodeParameter('options', 0, {}) as IDataObject).parallelItems ?? 1)));
		if (resource === 'task') {
			const run = taskOperations[operation];
			if (!run) throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" for resource "task"`);
			return [await runItemsInParallel(this, parallel, async (itemIndex) => await run(this, connection, itemIndex))];
		}
		const entry = catalogEntry(resource, operation);
		if (!entry) {
			throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" for resource "${resource}"`);
		}
		return [await runItemsInParallel(this, parallel, async (itemIndex) => await runCatalogMethod(this, connection, entry, itemIndex))];
	}
}
