import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readRunSettings } from '../shared/run-options';
import { runItems } from '../shared/runner';
import { CREDENTIAL, PARALLEL_DEFAULT } from './api';
import { nodeProperties } from './description';
import { itemOperation } from './execute';
import {
	searchActivityLogFilters,
	searchActivityReportSubscriptions,
	searchBusinessUnits,
	searchClientOptionSets,
	searchConsumptionUnits,
	searchContractExceptions,
	searchNodeTypes,
	searchOperatingSystems,
	searchPolicyDomains,
	searchRoles,
	searchSubscriptionComponents,
	searchSubscriptions,
	searchTags,
	searchTimeZones,
	searchUsers,
} from './listSearch';

export class Cloutility implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloutility',
		name: 'cloutility',
		icon: { light: 'file:cloutility.svg', dark: 'file:cloutility.dark.svg' },
		group: ['transform'],
		// Version 2: lists return all entries by default (version 1: the first 50).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage business units, consumption units, backup nodes, Microsoft 365 backup, reports, audit logs and billing in a Cloutility backup portal',
		defaults: { name: 'Cloutility' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: nodeProperties,
	};

	methods = {
		listSearch: {
			searchActivityLogFilters,
			searchActivityReportSubscriptions,
			searchBusinessUnits,
			searchClientOptionSets,
			searchConsumptionUnits,
			searchContractExceptions,
			searchNodeTypes,
			searchOperatingSystems,
			searchPolicyDomains,
			searchRoles,
			searchSubscriptionComponents,
			searchSubscriptions,
			searchTags,
			searchTimeZones,
			searchUsers,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const settings = readRunSettings(this.getNodeParameter('options', 0, {}) as IDataObject, PARALLEL_DEFAULT);
		const operation = await itemOperation(this);
		return [await runItems(this, settings, operation)];
	}
}
