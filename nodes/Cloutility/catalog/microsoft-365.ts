/** Microsoft 365 backup (through SP Plus): accounts and tenants, each behind a consumption unit. */
import { businessUnit, consumptionUnit, count, flag, id, idList, otherFields, ref, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const accountOp = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({ resource: 'microsoft365Account', source: ['help'], ...operation });
const tenantOp = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({ resource: 'microsoft365Tenant', source: ['help'], ...operation });

const ACCOUNT = '/v1/bunits/{bunitId}/consumers/{consumerId}/microsoft365account';
const TENANT = '/v1/bunits/{bunitId}/consumers/{consumerId}/microsoft365tenant';
const UNASSIGNED = '/v1/bunits/{bunitId}/unassignedMicrosoft365Tenants';

const unit = () => [businessUnit(), consumptionUnit()];

export const microsoft365Account: PortalResource = {
	value: 'microsoft365Account',
	name: 'Microsoft 365 Account',
	description: 'Microsoft 365 accounts backed up through SP Plus, each behind a consumption unit',
	operations: [
		accountOp({
			operation: 'get',
			name: 'Get',
			action: 'Get the Microsoft 365 account of a consumption unit',
			description: 'The Microsoft 365 account behind a consumption unit, with its tenant and backup policies',
			method: 'GET',
			path: ACCOUNT,
			fields: unit(),
		}),
		accountOp({
			operation: 'assign',
			name: 'Assign',
			action: 'Assign a Microsoft 365 account to a business unit',
			description: 'Gives an account of a tenant to a business unit; the portal creates its consumption unit',
			method: 'POST',
			path: '/v1/bunits/{bunitId}/microsoft365accounts',
			fields: [
				businessUnit(),
				text('body', 'sppId', 'SP Plus ID', { required: true, description: 'The account\'s ID in SP Plus' }),
				text('body', 'name', 'Name', { description: 'The account\'s name, e.g. its e-mail address' }),
				ref('tenant', 'Tenant ID', undefined, { description: 'The Microsoft 365 tenant the account belongs to' }),
				otherFields('Microsoft 365 account'),
			],
		}),
		accountOp({
			operation: 'unassign',
			name: 'Unassign',
			action: 'Unassign a Microsoft 365 account',
			description: 'Takes the account from the business unit: its consumption unit is deleted and its data goes back to the tenant',
			method: 'DELETE',
			path: ACCOUNT,
			done: 'unassigned',
			fields: [...unit(), flag('query', 'deleteAssociations', 'Delete Associations', 'Whether to delete what belongs to it too')],
		}),
		accountOp({
			operation: 'addBackupPolicy',
			name: 'Add Backup Policy',
			action: 'Add a backup policy to a Microsoft 365 account',
			description: 'Attaches an SP Plus backup policy (SLA) to the account',
			method: 'POST',
			path: `${ACCOUNT}/backuppolicies`,
			fields: [
				...unit(),
				count('body', 'sppId', 'Policy SP Plus ID', { required: true, min: 1, description: 'The backup policy\'s ID in SP Plus' }),
				text('body', 'name', 'Name', { description: 'The backup policy\'s name' }),
				otherFields('backup policy'),
			],
		}),
		accountOp({
			operation: 'getManyRestorePoints',
			name: 'Get Many Restore Points',
			action: 'Get many restore points of a Microsoft 365 account',
			description: 'The restore points of the account: when, how much, by which policy',
			method: 'GET',
			path: `${ACCOUNT}/restorepoints`,
			answer: 'list',
			fields: unit(),
		}),
	],
};

export const microsoft365Tenant: PortalResource = {
	value: 'microsoft365Tenant',
	name: 'Microsoft 365 Tenant',
	description: 'Microsoft 365 tenants backed up through SP Plus, and those no business unit owns yet',
	operations: [
		tenantOp({
			operation: 'get',
			name: 'Get',
			action: 'Get the Microsoft 365 tenant of a consumption unit',
			description: 'The tenant behind a consumption unit, with its accounts and backup policies',
			method: 'GET',
			path: TENANT,
			fields: unit(),
		}),
		tenantOp({
			operation: 'update',
			name: 'Update',
			action: 'Update a Microsoft 365 tenant',
			description: 'Changes the given fields of a tenant and keeps the others',
			method: 'PUT',
			path: TENANT,
			mergeCurrent: true,
			fields: [...unit(), text('body', 'name', 'Name', { description: 'The tenant\'s name' }), otherFields('Microsoft 365 tenant')],
		}),
		tenantOp({
			operation: 'getManyUnassigned',
			name: 'Get Many Unassigned',
			action: 'Get many Microsoft 365 tenants no business unit owns',
			description: 'Tenants on the business unit\'s backup servers that are not assigned yet',
			method: 'GET',
			path: UNASSIGNED,
			answer: 'list',
			fields: [businessUnit()],
		}),
		tenantOp({
			operation: 'assign',
			name: 'Assign',
			action: 'Assign Microsoft 365 tenants to a business unit',
			description: 'Links unassigned tenants to a business unit; the portal creates a consumption unit for each',
			method: 'POST',
			path: UNASSIGNED,
			done: 'assigned',
			fields: [
				businessUnit('Business Unit', 'The business unit whose servers hold the tenants'),
				id('query', 'bunitIdToLink', 'Assign To', 'searchBusinessUnits', { required: true, placeholder: 'e.g. 76', description: 'The business unit that gets the tenants' }),
				idList('tenantIds', 'Tenant IDs', 'The tenants to assign, e.g. 1201,1202 (from Get Many Unassigned)', true),
			],
		}),
	],
};
