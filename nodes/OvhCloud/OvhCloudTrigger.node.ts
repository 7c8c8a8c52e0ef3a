import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SERVICE_ACCOUNT, SIGNED } from './api';
import { searchListOperations, searchObjectOperations } from './listSearch';
import { getOperationFields } from './resourceMapper';
import { EVENT_SUBTITLE, triggerProperties } from './events/description';
import { pollTrigger } from './events/poll';

export class OvhCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OVHcloud Trigger',
		name: 'ovhCloudTrigger',
		icon: { light: 'file:ovhCloud.svg', dark: 'file:ovhCloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: EVENT_SUBTITLE,
		description: 'Starts a workflow when something happens in an OVHcloud account: a new bill, order, ticket message or notification, an order delivered, a service about to expire, or any list or object of the API changing',
		defaults: { name: 'OVHcloud Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: SIGNED, required: true, displayOptions: { show: { authentication: [SIGNED] } } },
			{ name: SERVICE_ACCOUNT, required: true, displayOptions: { show: { authentication: [SERVICE_ACCOUNT] } } },
		],
		properties: triggerProperties,
	};

	methods = {
		listSearch: { searchListOperations, searchObjectOperations },
		resourceMapping: { getOperationFields },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger(this);
	}
}
