import { businessUnit, id } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'user', ...operation });

export const user: PortalResource = {
	value: 'user',
	name: 'User',
	description: 'Portal users, their roles, and storage service users of a business unit',
	operations: [
		op({
			operation: 'getMany',
			name: 'Get Many',
			action: 'Get many users of a business unit',
			description: 'The portal users of a business unit',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/users',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyRoles',
			name: 'Get Many Roles',
			action: 'Get many roles of a business unit',
			description: 'The roles defined in (or inherited by) a business unit, with their privileges',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/roles',
			answer: 'list',
			fields: [
				businessUnit(),
				id('query', 'filterForUserId', 'For User ID', undefined, {
					required: false,
					description: 'Only the roles this user may be given',
				}),
			],
		}),
		op({
			operation: 'getManyPointUsers',
			name: 'Get Many PoINT S3 Users',
			action: 'Get many PoINT S3 users of a business unit',
			description: 'The users of PoINT S3 object storage belonging to a business unit',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/pointusers',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyOrainUsers',
			name: 'Get Many oRain Users',
			action: 'Get many oRain users of a business unit',
			description: 'The oRain storage users belonging to a business unit',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/orainusers',
			answer: 'list',
			fields: [businessUnit()],
		}),
	],
};
