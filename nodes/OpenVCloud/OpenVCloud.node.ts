import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readRunSettings } from '../shared/run-options';
import { runItems } from '../shared/runner';
import { CREDENTIAL, PARALLEL_DEFAULT } from './api';
import { nodeProperties } from './description';
import { itemOperation } from './execute';
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
import { connect } from './transport';

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
		const run = itemOperation(this, this.getNodeParameter('resource', 0) as string, this.getNodeParameter('operation', 0) as string);
		const connection = await connect(this);
		const settings = readRunSettings(this.getNodeParameter('options', 0, {}) as IDataObject, PARALLEL_DEFAULT);
		return [await runItems(this, settings, async (itemIndex) => await run(this, connection, itemIndex))];
	}
}
