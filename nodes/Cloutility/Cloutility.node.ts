import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../shared/items';
import { findOperation } from './catalog';
import { nodeProperties } from './description';
import {
	searchBusinessUnits,
	searchClientOptionSets,
	searchConsumptionUnits,
	searchNodeTypes,
	searchOperatingSystems,
	searchPolicyDomains,
	searchTags,
	searchTimeZones,
} from './listSearch';
import { runOperation } from './operations';
import { CREDENTIAL, portalOf } from './transport';

export class Cloutility implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloutility',
		name: 'cloutility',
		icon: { light: 'file:cloutility.svg', dark: 'file:cloutility.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage business units, consumption units, backup nodes, audit logs and billing in a Cloutility backup portal',
		defaults: { name: 'Cloutility' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: nodeProperties,
	};

	methods = {
		listSearch: {
			searchBusinessUnits,
			searchClientOptionSets,
			searchConsumptionUnits,
			searchNodeTypes,
			searchOperatingSystems,
			searchPolicyDomains,
			searchTags,
			searchTimeZones,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const spec = findOperation(resource, operation);
		if (!spec) {
			throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" for resource "${resource}"`);
		}
		const portal = await portalOf(this);
		return [await runPerItem(this, async (itemIndex) => await runOperation(this, portal, spec, itemIndex))];
	}
}
