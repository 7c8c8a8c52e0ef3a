import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, choice, consumptionUnit, date, flag } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'consumption', ...operation });

const period: FieldSpec[] = [
	date('query', 'startDate', 'Start Date', { required: true, description: 'The first day of the period' }),
	date('query', 'endDate', 'End Date', { description: 'The last day of the period (default: today)' }),
	choice(
		'query',
		'detailLevel',
		'Detail Level',
		[
			{ name: 'Totals per Product', value: 1 },
			{ name: 'Per Consumption Unit', value: 2 },
			{ name: 'Per Day', value: 3 },
		],
		'How finely the consumption is broken down (1 to 3)',
	),
];

export const consumption: PortalResource = {
	value: 'consumption',
	name: 'Consumption',
	description: 'Storage and other usage per product, for billing and capacity planning',
	operations: [
		op({
			operation: 'getDataSourceAnalytics',
			name: 'Get Data Source Analytics',
			action: 'Get storage analytics per data source',
			description: 'Storage and transfer per data source of the business unit and those below, with the change since the day before',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/analytics/datasources',
			answer: 'list',
			fields: [businessUnit(), date('query', 'analyticsDate', 'Date', { description: 'The day the figures are for (default: the latest)' })],
		}),
		op({
			operation: 'getForBusinessUnit',
			name: 'Get for Business Unit',
			action: 'Get the consumption of a business unit',
			description: 'Usage per product of a business unit in a period, one item per product',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/consumption',
			answer: 'list',
			fields: [
				businessUnit(),
				...period,
				flag('query', 'includeConsumptionUnits', 'Include Consumption Units', 'Whether to break the usage down by consumption unit (the portal\'s default is yes)'),
				flag('query', 'includeDescendants', 'Include Descendants', 'Whether to include the business units below (the portal\'s default is yes)'),
			],
		}),
		op({
			operation: 'getForConsumptionUnit',
			name: 'Get for Consumption Unit',
			action: 'Get the consumption of a consumption unit',
			description: 'Usage per product of one consumption unit in a period',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/consumers/{consumerId}/consumption',
			answer: 'list',
			fields: [businessUnit(), consumptionUnit(), ...period],
		}),
		op({
			operation: 'getSummaries',
			name: 'Get Storage Summaries',
			action: 'Get storage summaries of a business unit',
			description: 'Total storage of the business unit and those below it, and the change since a date',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/summaries',
			answer: 'list',
			fields: [
				businessUnit(),
				date('query', 'previousDate', 'Compare With Date', { required: true, description: 'The change in storage is counted from this date' }),
			],
		}),
	],
};
