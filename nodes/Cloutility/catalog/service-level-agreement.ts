import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, decimal, flag, otherFields } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource' | 'source' | 'path'>): PortalOperation => ({
	resource: 'serviceLevelAgreement',
	source: ['help'],
	path: '/v1/bunits/{bunitId}/slafordescendants',
	...operation,
});

const terms: FieldSpec[] = [
	decimal('body', 'goal', 'Goal (%)', 'The share of consumption units that must be backed up as agreed, e.g. 99.5'),
	flag('body', 'includeActive', 'Include Active', 'Whether active units count'),
	flag('body', 'includeScheduled', 'Include Scheduled', 'Whether units with a schedule count'),
	flag('body', 'includeUnscheduled', 'Include Unscheduled', 'Whether units without a schedule count'),
	flag('body', 'includeDecommissioned', 'Include Decommissioned', 'Whether decommissioned units count'),
	flag('body', 'excludeTags', 'Exclude Tags', 'Whether the tags in Other Fields leave units out instead of picking them'),
	otherFields('service level agreement'),
];

export const serviceLevelAgreement: PortalResource = {
	value: 'serviceLevelAgreement',
	name: 'Service Level Agreement',
	description: 'The service level a business unit promises the units below it',
	operations: [
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get the service level agreement of a business unit',
			description: 'The agreement the business unit applies to the units below it (or the one it inherits)',
			method: 'GET',
			fields: [businessUnit()],
		}),
		op({
			operation: 'create',
			name: 'Create',
			action: 'Create the service level agreement of a business unit',
			description: 'Sets the agreement the business unit applies to the units below it',
			method: 'POST',
			fields: [businessUnit(), ...terms],
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: 'Update the service level agreement of a business unit',
			description: 'Changes the given terms and keeps the others',
			method: 'PUT',
			mergeCurrent: true,
			fields: [businessUnit(), ...terms],
		}),
	],
};
