import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readRunSettings } from '../shared/run-options';
import { runItems } from '../shared/runner';
import { PARALLEL_DEFAULT, SERVICE_ACCOUNT, SIGNED } from './api';
import {
	authenticationProperty,
	endpointProperty,
	helperNoticeProperty,
	helperOperationProperty,
	helperProperties,
	listProperties,
	operationProperties,
	optionsProperty,
	parametersProperty,
	resourceProperty,
} from './description';
import { itemOperation } from './execute';
import { searchOperations } from './listSearch';
import { getOperationFields } from './resourceMapper';
import { connect } from './transport';

export class OvhCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVHcloud',
		name: 'ovhCloud',
		icon: { light: 'file:ovhCloud.svg', dark: 'file:ovhCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["resource"] === "authHelper" || String($parameter["operation"] || "").includes(" /") ? $parameter["operation"] : (($parameter["endpoint"] || {}).value || $parameter["resource"]) }}',
		description: 'Call any of the OVHcloud API\'s operations (v1 and v2), signed or with a service account',
		defaults: { name: 'OVHcloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: SIGNED, required: true, displayOptions: { show: { authentication: [SIGNED] } } },
			{ name: SERVICE_ACCOUNT, required: true, displayOptions: { show: { authentication: [SERVICE_ACCOUNT] } } },
		],
		properties: [
			authenticationProperty,
			resourceProperty,
			helperNoticeProperty,
			helperOperationProperty,
			...operationProperties,
			endpointProperty,
			parametersProperty,
			...listProperties,
			optionsProperty,
			...helperProperties,
		],
	};

	methods = {
		listSearch: { searchOperations },
		resourceMapping: { getOperationFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const session = await connect(this);
		const settings = readRunSettings(this.getNodeParameter('options', 0, {}) as IDataObject, PARALLEL_DEFAULT);
		return [await runItems(this, settings, itemOperation(this, session))];
	}
}
