/**
 * Stand-ins for the few n8n-nodes-base types test workflows use, so the workflows keep the types the
 * editor exports without installing n8n-nodes-base:
 * - triggers (Manual, Webhook, Schedule) emit the items the test injects; what follows runs as in n8n;
 * - HTTP Request in "Predefined Credential Type" mode authenticates with any credential of this
 *   package through the same helper n8n's HTTP Request node (v3+) uses: `requestWithAuthentication`;
 * - Read/Write Files from Disk ("Write File to Disk") puts items out as n8n's node does, writing nothing.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

function injectingTrigger(name: string, displayName: string): INodeType {
	return {
		description: {
			displayName,
			name,
			group: ['trigger'],
			version: [1, 1.1, 1.2, 2],
			description: 'Emits the items a test injects',
			defaults: { name: displayName },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [this.getInputData()];
		},
	};
}

const httpRequest: INodeType = {
	description: {
		displayName: 'HTTP Request',
		name: 'n8n-nodes-base.httpRequest',
		group: ['output'],
		version: [3, 4, 4.1, 4.2],
		description: 'Predefined-credential requests, as n8n-nodes-base.httpRequest sends them',
		defaults: { name: 'HTTP Request' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Method', name: 'method', type: 'string', default: 'GET' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Authentication', name: 'authentication', type: 'string', default: 'predefinedCredentialType' },
			{ displayName: 'Credential Type', name: 'nodeCredentialType', type: 'string', default: '' },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Like n8n's HTTP Request node (v3+, no batching): every item's request is started at once, then all are awaited.
		const requests = this.getInputData().map(async (_item, itemIndex) => {
			if (this.getNodeParameter('authentication', itemIndex) !== 'predefinedCredentialType') {
				throw new Error('The harness HTTP Request supports only predefined credential types');
			}
			const credentialType = this.getNodeParameter('nodeCredentialType', itemIndex) as string;
			// This stand-in exists to call the credential the way n8n's HTTP Request node does, deprecated helper included.
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			return (await this.helpers.requestWithAuthentication.call(
				this,
				credentialType,
				{
					method: this.getNodeParameter('method', itemIndex) as 'GET',
					uri: this.getNodeParameter('url', itemIndex) as string,
					json: true,
				},
				undefined,
				itemIndex,
			)) as IDataObject | IDataObject[];
		});
		const settled = await Promise.allSettled(requests);
		const output: INodeExecutionData[] = [];
		settled.forEach((outcome, itemIndex) => {
			if (outcome.status === 'rejected') throw outcome.reason;
			const response = outcome.value;
			for (const json of Array.isArray(response) ? response : [response]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		});
		return [output];
	},
};

/**
 * Read/Write Files from Disk, "Write File to Disk": nothing is written in tests; each item comes out as n8n's
 * node (v1) puts it out, its JSON with the `fileName` written to, its binary data kept.
 */
const readWriteFile: INodeType = {
	description: {
		displayName: 'Read/Write Files from Disk',
		name: 'n8n-nodes-base.readWriteFile',
		group: ['input'],
		version: [1, 1.1],
		description: 'Write operation, without touching the disk',
		defaults: { name: 'Read/Write Files from Disk' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'read' },
			{ displayName: 'File Path and Name', name: 'fileName', type: 'string', default: '' },
			{ displayName: 'Input Binary Field', name: 'dataPropertyName', type: 'string', default: 'data' },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, itemIndex) => {
				if (this.getNodeParameter('operation', itemIndex) !== 'write') throw new Error('The harness Read/Write Files node only writes');
				const field = this.getNodeParameter('dataPropertyName', itemIndex) as string;
				if (!item.binary?.[field]) throw new Error(`This operation expects the node's input data to contain a binary file '${field}'`);
				const fileName = this.getNodeParameter('fileName', itemIndex) as string;
				return { json: { ...item.json, fileName }, binary: item.binary, pairedItem: { item: itemIndex } };
			}),
		];
	},
};

export const triggerTypes: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': injectingTrigger('n8n-nodes-base.manualTrigger', 'Manual Trigger'),
	'n8n-nodes-base.webhook': injectingTrigger('n8n-nodes-base.webhook', 'Webhook'),
	'n8n-nodes-base.scheduleTrigger': injectingTrigger('n8n-nodes-base.scheduleTrigger', 'Schedule Trigger'),
};

export const baseNodeTypes: Record<string, INodeType> = {
	...triggerTypes,
	'n8n-nodes-base.httpRequest': httpRequest,
	'n8n-nodes-base.readWriteFile': readWriteFile,
};
