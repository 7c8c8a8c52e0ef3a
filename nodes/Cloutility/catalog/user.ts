import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, flag, id, otherFields, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'user', ...operation });

const ROLES = '/v1/bunits/{bunitId}/roles';
const USER = '/v1/bunits/{bunitId}/users/{userId}';

const forUser = () =>
	id('query', 'filterForUserId', 'For User ID', undefined, {
		required: false,
		description: 'Only the roles this user may be given',
	});
const role = () => id('path', 'roleId', 'Role', 'searchRoles', { placeholder: 'e.g. 3' });
const portalUser = () => id('path', 'userId', 'User', 'searchUsers', { placeholder: 'e.g. 501' });
const roleFields = (required: boolean): FieldSpec[] => [
	text('body', 'name', 'Name', { required, description: 'The name of the role' }),
	text('body', 'description', 'Description'),
	flag('body', 'inheritable', 'Inheritable', 'Whether business units below can use the role'),
	otherFields('role (e.g. privileges: [{"id": 1}])'),
];

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
			source: ['guide'],
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
			source: ['help'],
			path: '/v1/bunits/{bunitId}/roles',
			answer: 'list',
			fields: [businessUnit(), forUser()],
		}),
		op({
			operation: 'getManySimpleRoles',
			name: 'Get Many Roles (Names Only)',
			action: 'Get many roles of a business unit by name',
			description: 'The roles of a business unit with only their names and IDs (needs no right to view roles)',
			method: 'GET',
			source: ['help'],
			path: `${ROLES}/simple`,
			answer: 'list',
			fields: [businessUnit(), forUser()],
		}),
		op({
			operation: 'getManyAssignableRoles',
			name: 'Get Many Assignable Roles',
			action: 'Get many roles that can be given in a business unit',
			description: 'The roles a user of the business unit can be given',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/rolesassignable',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getRole',
			name: 'Get Role',
			action: 'Get a role of a business unit',
			description: 'One role with its privileges',
			method: 'GET',
			source: ['help'],
			path: `${ROLES}/{roleId}`,
			fields: [businessUnit(), role(), forUser()],
		}),
		op({
			operation: 'createRole',
			name: 'Create Role',
			action: 'Create a role in a business unit',
			description: 'Creates a role with a set of privileges',
			method: 'POST',
			source: ['help'],
			path: ROLES,
			fields: [businessUnit(), ...roleFields(true)],
		}),
		op({
			operation: 'updateRole',
			name: 'Update Role',
			action: 'Update a role of a business unit',
			description: 'Changes the given fields of a role and keeps the others',
			method: 'PUT',
			source: ['help'],
			path: `${ROLES}/{roleId}`,
			mergeCurrent: true,
			fields: [businessUnit(), role(), ...roleFields(false)],
		}),
		op({
			operation: 'delete',
			name: 'Delete',
			action: 'Delete a user',
			description: 'Deletes a portal user, optionally with the user\'s report subscriptions and personal data',
			method: 'DELETE',
			source: ['help'],
			path: USER,
			done: 'deleted',
			fields: [
				businessUnit(),
				portalUser(),
				flag('query', 'deleteSubscriptions', 'Delete Subscriptions', 'Whether to delete the user\'s report subscriptions too'),
				flag('query', 'anonymize', 'Anonymize', 'Whether to blank out the user\'s name, e-mail and phone where they are kept'),
			],
		}),
		op({
			operation: 'generateTotpSecret',
			name: 'Generate TOTP Secret',
			action: 'Generate a two-factor secret for a user',
			description: 'A new TOTP secret key for a user who does not use TOTP yet; it cannot be read again later',
			method: 'GET',
			source: ['help'],
			path: `${USER}/totp`,
			// A GET that makes a new secret each time: never sent twice on a doubt.
			safe: false,
			scalar: 'secret',
			fields: [businessUnit(), portalUser()],
		}),
		op({
			operation: 'getManyPointUsers',
			name: 'Get Many PoINT S3 Users',
			action: 'Get many PoINT S3 users of a business unit',
			description: 'The users of PoINT S3 object storage belonging to a business unit',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/pointusers',
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'createPointUser',
			name: 'Create PoINT S3 User',
			action: 'Create a PoINT S3 user in a business unit',
			description: 'Creates a user of PoINT S3 object storage; the answer carries its access key',
			method: 'POST',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/pointusers',
			fields: [
				businessUnit(),
				text('body', 'name', 'Name', { required: true, description: 'The user name' }),
				flag('body', 'hasS3Access', 'S3 Access', 'Whether the user gets S3 access keys'),
				flag('body', 'availableForDescendants', 'Available Below', 'Whether business units below can use the user'),
				flag('body', 'autoAssignBuckets', 'Assign Buckets Automatically', 'Whether new buckets are given to this user'),
				otherFields('PoINT user'),
			],
		}),
		op({
			operation: 'getManyOrainUsers',
			name: 'Get Many oRain Users',
			action: 'Get many oRain users of a business unit',
			description: 'The oRain storage users belonging to a business unit',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/orainusers',
			answer: 'list',
			fields: [businessUnit()],
		}),
	],
};
