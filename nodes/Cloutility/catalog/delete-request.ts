import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, consumptionUnit, count, decimal, flag, id, idList, otherFields, texts } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'deleteRequest', ...operation });

const SETTINGS = '/v1/bunits/{bunitId}/DeleteRequestSettings';

/** When deletions may happen and when they warn: the DeleteRequestSettings model, the most used parts. */
const settings: FieldSpec[] = [
	flag('query', 'allowLessRestrictive', 'Allow Less Restrictive', 'Whether the settings may be less strict than those inherited from above'),
	count('body', 'offsetDays', 'Waiting Days', { description: 'Days between a request\'s approval and the deletion' }),
	count('body', 'offsetMonths', 'Waiting Months', { description: 'Months between a request\'s approval and the deletion' }),
	{ ...idList('deletionDays', 'Deletion Days', 'Days of the month deletions may happen on, e.g. 1,15'), required: false },
	flag('body', 'onlyAllowDeletionDays', 'Only on Deletion Days', 'Whether deletions happen only on the deletion days'),
	decimal('body', 'gigaBytesWarningLimit', 'Warning Limit (GB)', 'Deletions of more than this warn the addresses below'),
	texts('body', 'warningLimitEmails', 'Warning E-Mail Addresses', 'Who is warned about large deletions'),
	otherFields('delete request settings'),
];

export const deleteRequest: PortalResource = {
	value: 'deleteRequest',
	name: 'Delete Request',
	description: 'Requests to delete a consumption unit\'s backup data, their approvers, and the rules they follow',
	operations: [
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get the delete request of a consumption unit',
			description: 'The pending (or last) request to delete a consumption unit\'s data, with its approvals',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/consumers/{consumerId}/deleterequest',
			fields: [businessUnit(), consumptionUnit()],
		}),
		op({
			operation: 'getManyApprovers',
			name: 'Get Many Approvers',
			action: 'Get many users who may approve delete requests',
			description: 'The users who may approve delete requests of a business unit',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/deleterequestapprovers',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'createSettings',
			name: 'Create Settings',
			action: 'Create the delete request settings of a business unit',
			description: 'Sets when deletions may happen and when they warn, for a business unit',
			method: 'POST',
			source: ['help'],
			path: SETTINGS,
			fields: [businessUnit(), ...settings],
		}),
		op({
			operation: 'updateSettings',
			name: 'Update Settings',
			action: 'Update the delete request settings of a business unit',
			description: 'Sends the given settings (the portal has no call to read them first)',
			method: 'PUT',
			source: ['help'],
			path: `${SETTINGS}/{deleteRequestSettingsId}`,
			fields: [businessUnit(), id('path', 'deleteRequestSettingsId', 'Settings ID', undefined, { placeholder: 'e.g. 4', description: 'The ID the settings got when created' }), ...settings],
		}),
	],
};
