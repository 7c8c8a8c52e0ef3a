import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, consumptionUnit, id, otherFields, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({
	resource: 'activityLogFilter',
	// Listed on the /v1/help index only; the fields are those of the ActivityLogFilter resource model.
	source: ['help-index'],
	...operation,
});

const FILTERS = '/v1/bunits/{bunitId}/consumers/{consumerId}/node/activitylogfilters';
const ONE = `${FILTERS}/{activityLogFilterId}`;

const unit = () => [businessUnit(), consumptionUnit()];
const filter = () => id('path', 'activityLogFilterId', 'Activity Log Filter', 'searchActivityLogFilters', { placeholder: 'e.g. 3' });
const editable = (required: boolean): FieldSpec[] => [
	text('body', 'filter', 'Filter', { required, description: 'The text of activity log messages to leave out of warnings, e.g. ANS1228E' }),
	text('body', 'messageNumber', 'Message Number', { description: 'The Storage Protect message number the filter applies to' }),
	otherFields('activity log filter'),
];

export const activityLogFilter: PortalResource = {
	value: 'activityLogFilter',
	name: 'Activity Log Filter',
	description: 'Filters on a backup node\'s activity log: messages that should not count as warnings',
	operations: [
		op({
			operation: 'getMany',
			name: 'Get Many',
			action: 'Get many activity log filters of a backup node',
			description: 'The activity log filters of a consumption unit\'s backup node',
			method: 'GET',
			path: FILTERS,
			answer: 'list',
			fields: unit(),
		}),
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get an activity log filter',
			description: 'One activity log filter of a backup node',
			method: 'GET',
			path: ONE,
			fields: [...unit(), filter()],
		}),
		op({
			operation: 'create',
			name: 'Create',
			action: 'Create an activity log filter',
			description: 'Adds a filter to a backup node\'s activity log',
			method: 'POST',
			path: FILTERS,
			fields: [...unit(), ...editable(true)],
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: 'Update an activity log filter',
			description: 'Changes the given fields of an activity log filter and keeps the others',
			method: 'PUT',
			path: ONE,
			mergeCurrent: true,
			fields: [...unit(), filter(), ...editable(false)],
		}),
		op({
			operation: 'delete',
			name: 'Delete',
			action: 'Delete an activity log filter',
			description: 'Removes a filter from a backup node\'s activity log',
			method: 'DELETE',
			path: ONE,
			done: 'deleted',
			fields: [...unit(), filter()],
		}),
	],
};
