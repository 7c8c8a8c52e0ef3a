import type { VentusRow } from './types';

export const priceRows: VentusRow[] = [
	{
		resource: 'price',
		operation: 'get',
		name: 'Get',
		action: 'Get the price list',
		description: 'Get storage and flavor prices, per currency',
		method: 'GET',
		app: 'gotham-bank',
		path: 'prices',
		isDefault: true,
		fields: [
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				in: 'option',
				placeholder: 'e.g. chf',
				description: 'Only this currency (leave empty for all)',
			},
			{
				displayName: 'One Item per Flavor',
				name: 'splitFlavors',
				type: 'boolean',
				default: false,
				in: 'option',
				description:
					'Whether to return one item per flavor and currency (ID, name, base and Windows price) instead of the whole price list as one item',
			},
		],
		output: { kind: 'priceList' },
	},
];
