import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../shared/items';
import { authHelpers } from './actions/auth-helpers';
import { runEndpoint } from './actions/endpoint';
import {
	AUTH_HELPER,
	authenticationProperty,
	endpointProperty,
	helperOperationProperty,
	helperProperties,
	listProperties,
	optionsProperty,
	parametersProperty,
	resourceProperty,
} from './description';
import { getOperationFields } from './methods/operation-fields';
import { searchOperations } from './methods/search-operations';
import { SERVICE_ACCOUNT, ovhSession, SIGNED } from './transport';

export class OvhCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVHcloud',
		name: 'ovhCloud',
		icon: { light: 'file:ovhCloud.svg', dark: 'file:ovhCloud.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["resource"] === "authHelper" ? $parameter["operation"] : (($parameter["endpoint"] || {}).value || $parameter["resource"]) }}',
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
			helperOperationProperty,
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
		const session = await ovhSession(this);
		const resource = this.getNodeParameter('resource', 0) as string;
		if (resource === AUTH_HELPER) {
			const operation = this.getNodeParameter('operation', 0) as string;
			const helper = authHelpers[operation];
			if (!helper) throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" for resource "Auth Helper"`);
			return [await runPerItem(this, async (itemIndex) => await helper(this, session, itemIndex))];
		}
		return [await runPerItem(this, async (itemIndex) => await runEndpoint(this, session, itemIndex))];
	}
}
