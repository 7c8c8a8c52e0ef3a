import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, flag, id, otherFields, ref, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'businessUnit', ...operation });

const editable = (required: boolean): FieldSpec[] => [
	text('body', 'name', 'Name', { required, description: 'The name of the business unit' }),
	text('body', 'registrationNumber', 'Registration Number', { description: 'The company registration number' }),
	ref('timeZone', 'Time Zone', 'searchTimeZones', { required: false, placeholder: 'e.g. 4' }),
	text('body', 'note', 'Note'),
	otherFields('business unit'),
];

export const businessUnitResource: PortalResource = {
	value: 'businessUnit',
	name: 'Business Unit',
	description: 'The tree of organisations that own consumption units',
	operations: [
		op({
			operation: 'getTree',
			name: 'Get Tree',
			action: 'Get the business unit tree',
			description: 'The business units below yours (or below a given one), one item per unit with its path',
			method: 'GET',
			path: '/v1/bunits',
			answer: 'tree',
			fields: [
				id('query', 'bunitId', 'Start From', 'searchBusinessUnits', {
					required: false,
					description: 'Only the tree below this business unit (default: the unit of the signed-in user)',
				}),
				flag('option', 'keepTree', 'Keep as Tree', 'Whether to return the tree as one nested item, as the API sends it, instead of one item per business unit'),
			],
		}),
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get a business unit',
			description: 'One business unit with its details',
			method: 'GET',
			path: '/v1/bunits/{bunitId}',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyChildren',
			name: 'Get Many Children',
			action: 'Get many child business units',
			description: 'The business units directly below one',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/bunits',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'create',
			name: 'Create',
			action: 'Create a business unit',
			description: 'Creates a business unit below a parent',
			method: 'POST',
			path: '/v1/bunits/{bunitId}/bunits',
			fields: [businessUnit('Parent Business Unit', 'The business unit the new one is created below'), ...editable(true)],
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: 'Update a business unit',
			description: 'Changes the given fields of a business unit and keeps the others',
			method: 'PUT',
			path: '/v1/bunits/{bunitId}',
			mergeCurrent: true,
			fields: [businessUnit(), ...editable(false)],
		}),
		op({
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a business unit',
			description: 'Deletes a business unit, optionally with what it holds',
			method: 'DELETE',
			path: '/v1/bunits/{bunitId}',
			done: 'deleted',
			fields: [
				businessUnit(),
				flag('query', 'deleteChildren', 'Delete Children', 'Whether to delete the business units below it too'),
				flag('query', 'deleteConsumers', 'Delete Consumption Units', 'Whether to delete its consumption units too (the API calls them consumers)'),
				flag('query', 'deleteServers', 'Delete Servers', 'Whether to delete the backup servers registered to it too'),
			],
		}),
		op({
			operation: 'getManyAddresses',
			name: 'Get Many Addresses',
			action: 'Get many addresses of a business unit',
			description: 'The postal and billing addresses of a business unit',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/addresses',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyAncestors',
			name: 'Get Many Ancestors',
			action: 'Get many ancestors of a business unit',
			description: 'The business units above one, up to the top of the tree',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/ancestors',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getNodeDeletionRule',
			name: 'Get Node Deletion Rule',
			action: 'Get the node deletion rule of a business unit',
			description: 'How long deleted backup nodes are kept, and whether they are removed automatically',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/nodedeletionrule',
			fields: [businessUnit()],
		}),
	],
};
