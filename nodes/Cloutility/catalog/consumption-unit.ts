import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, consumptionUnit, count, date, flag, otherFields, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'consumptionUnit', ...operation });

const PATH = '/v1/bunits/{bunitId}/consumers';
const ONE = `${PATH}/{consumerId}`;

const editable = (required: boolean): FieldSpec[] => [
	text('body', 'name', 'Name', { required, description: 'The name of the consumption unit, e.g. the computer it backs up' }),
	text('body', 'note', 'Note'),
	text('body', 'externalReference', 'External Reference', { description: 'Your own reference, e.g. a CMDB or order number' }),
	count('body', 'limitHighStorage', 'Storage Warning Limit', { description: 'Storage above which the unit is reported (as the portal counts it)' }),
	flag('body', 'allowNoActivity', 'Allow No Activity', 'Whether a unit without backup activity is not reported as a problem'),
	date('body', 'billingStartDate', 'Billing Start Date'),
	otherFields('consumption unit'),
];

export const consumptionUnitResource: PortalResource = {
	value: 'consumptionUnit',
	name: 'Consumption Unit',
	description: 'What a business unit is billed for; each maps to one backup node (the API calls it consumer)',
	operations: [
		op({
			operation: 'getMany',
			name: 'Get Many',
			action: 'Get many consumption units',
			description: 'The consumption units of a business unit (the API calls them consumers)',
			method: 'GET',
			source: ['guide', 'client'],
			path: PATH,
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get a consumption unit',
			description: 'One consumption unit with its details',
			method: 'GET',
			source: ['guide'],
			path: ONE,
			fields: [businessUnit(), consumptionUnit()],
		}),
		op({
			operation: 'create',
			name: 'Create',
			action: 'Create a consumption unit',
			description: 'Creates a consumption unit in a business unit; give it a backup node next',
			method: 'POST',
			source: ['guide', 'help', 'client'],
			path: PATH,
			fields: [businessUnit(), ...editable(true)],
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: 'Update a consumption unit',
			description: 'Changes the given fields of a consumption unit and keeps the others',
			method: 'PUT',
			source: ['guide', 'help'],
			path: ONE,
			mergeCurrent: true,
			fields: [businessUnit(), consumptionUnit(), ...editable(false)],
		}),
		op({
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a consumption unit',
			description: 'Deletes a consumption unit',
			method: 'DELETE',
			source: ['guide', 'help', 'client'],
			path: ONE,
			done: 'deleted',
			fields: [
				businessUnit(),
				consumptionUnit(),
				flag('query', 'deleteAssociations', 'Delete Associations', 'Whether to delete what belongs to it too (its backup node)'),
				flag('query', 'unassignSecondaryDataSources', 'Unassign Secondary Data Sources', 'Whether to detach its secondary data sources first'),
				text('query', 'deletionComment', 'Deletion Comment', { description: 'Why it is deleted, kept in the audit log' }),
			],
		}),
		op({
			operation: 'getManyEvents',
			name: 'Get Many Events',
			action: 'Get many events of a consumption unit',
			description: 'Scheduled backup events of the consumption unit and how they ended',
			method: 'GET',
			source: ['help'],
			path: `${ONE}/events`,
			answer: 'list',
			fields: [businessUnit(), consumptionUnit()],
		}),
		op({
			operation: 'getManyDestinations',
			name: 'Get Many Destinations',
			action: 'Get many business units a consumption unit can move to',
			description: 'Where the consumption unit may be moved (depends on its backup server and your rights)',
			method: 'GET',
			source: ['help'],
			path: `${ONE}/destinations`,
			answer: 'list',
			fields: [businessUnit(), consumptionUnit()],
		}),
		op({
			operation: 'getPointRepository',
			name: 'Get PoINT Repository',
			action: 'Get the PoINT repository of a consumption unit',
			description: 'The PoINT S3 repository a consumption unit uses, if any',
			method: 'GET',
			source: ['help'],
			path: `${ONE}/pointrepository`,
			fields: [businessUnit(), consumptionUnit()],
		}),
	],
};
