import type { INodeProperties } from 'n8n-workflow';

export const priceOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['price'] } },
	options: [
		{
			name: 'Get',
			value: 'get',
			action: 'Get the price list',
			description: 'Get storage and flavor prices, per currency',
		},
	],
	default: 'get',
};

export const priceFields: INodeProperties[] = [
	{
		displayName: 'One Item per Flavor',
		name: 'splitFlavors',
		type: 'boolean',
		default: false,
		displayOptions: { show: { resource: ['price'], operation: ['get'] } },
		description:
			'Whether to return one item per flavor and currency (ID, name, base and Windows price) instead of the whole price list as one item',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: '',
		placeholder: 'e.g. chf',
		displayOptions: { show: { resource: ['price'], operation: ['get'] } },
		description: 'Only this currency (leave empty for all)',
	},
];
