import { businessUnit, consumptionUnit, id } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'tag', ...operation });

const tags = (operation: string, name: string, action: string, description: string, path: string): PortalOperation =>
	op({ operation, name, action, description, method: 'GET', source: ['help'], path, answer: 'list', fields: [businessUnit()] });

export const tag: PortalResource = {
	value: 'tag',
	name: 'Tag',
	description: 'Labels on business units and consumption units',
	operations: [
		tags('getManyForBusinessUnit', 'Get Many for Business Unit', 'Get many tags of a business unit', 'The tags of a business unit, with how many units carry each', '/v1/bunits/{bunitId}/tags'),
		tags('getManyAvailable', 'Get Many Available', 'Get many tags available to a business unit', 'The tags a business unit can use (its own and inherited ones)', '/v1/bunits/{bunitId}/tags/available'),
		tags('getManyOwn', 'Get Many Own', 'Get many tags defined by a business unit', 'The tags the business unit defined itself', '/v1/bunits/{bunitId}/tags/own'),
		tags(
			'getManyAvailableForSubscriptions',
			'Get Many Available for Subscriptions',
			'Get many tags available to report subscriptions',
			'The tags report subscriptions of the business unit can filter on',
			'/v1/bunits/{bunitId}/tags/availablesubscriptions',
		),
		op({
			operation: 'getManyBusinessUnits',
			name: 'Get Many Business Units With Tag',
			action: 'Get many business units that carry a tag',
			description: 'The business units that carry one of the business unit\'s own tags',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/tags/own/{tagId}/businessunits',
			answer: 'list',
			fields: [businessUnit(), id('path', 'tagId', 'Tag', 'searchTags', { placeholder: 'e.g. 7', description: 'A tag the business unit owns' })],
		}),
		op({
			operation: 'getManyForConsumptionUnit',
			name: 'Get Many for Consumption Unit',
			action: 'Get many tags of a consumption unit',
			description: 'The tags on a consumption unit (the API calls it consumer)',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/consumers/{consumerId}/tags',
			answer: 'list',
			fields: [businessUnit(), consumptionUnit()],
		}),
		op({
			operation: 'addToConsumptionUnit',
			name: 'Add to Consumption Unit',
			action: 'Add a tag to a consumption unit',
			description: 'Puts one of the tags available to the business unit on a consumption unit',
			method: 'POST',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/consumers/{consumerId}/tags',
			done: 'added',
			fields: [
				businessUnit(),
				consumptionUnit(),
				id('body', 'id', 'Tag', 'searchTags', { required: true, placeholder: 'e.g. 7', description: 'A tag available to the business unit' }),
			],
		}),
	],
};
