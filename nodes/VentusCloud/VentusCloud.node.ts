import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { runPerItem } from '../shared/items';
import { searchProjects } from './listSearch';
import { priceFields, priceOperations as priceOperationProperty } from './resources/price.description';
import { priceOperations } from './resources/price.operations';
import { projectFields, projectOperations as projectOperationProperty } from './resources/project.description';
import { projectOperations } from './resources/project.operations';
import { CREDENTIAL, ventusAccount } from './transport';

const router = { project: projectOperations, price: priceOperations } as const;

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
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Price', value: 'price' },
					{ name: 'Project', value: 'project' },
				],
				default: 'project',
			},
			projectOperationProperty,
			priceOperationProperty,
			...projectFields,
			...priceFields,
		],
	};

	methods = { listSearch: { searchProjects } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const account = await ventusAccount(this);
		const resource = this.getNodeParameter('resource', 0) as keyof typeof router;
		const operation = this.getNodeParameter('operation', 0) as string;
		const run = router[resource]?.[operation];
		if (!run) {
			throw new NodeOperationError(this.getNode(), `Unsupported operation "${operation}" for resource "${resource}"`);
		}
		return [await runPerItem(this, async (itemIndex) => await run(this, account, itemIndex))];
	}
}
