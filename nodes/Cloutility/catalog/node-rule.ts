/** How the backup nodes of a business unit are named and get their passwords (the deletion rule is under Business Unit). */
import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, choice, count, flag, otherFields, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({ resource: 'nodeRule', source: ['help'], ...operation });

const NAMING = '/v1/bunits/{bunitId}/nodenamingrule';
const PASSWORD = '/v1/bunits/{bunitId}/nodepasswordrule';

const namingFields: FieldSpec[] = [
	text('body', 'rule', 'Rule', { description: 'The pattern new node names are made from' }),
	count('body', 'counter', 'Counter', { description: 'The next number the pattern\'s counter gives' }),
	count('body', 'numberOfDigits', 'Number of Digits', { description: 'Digits of the counter, padded with zeros' }),
	text('body', 'replacementCharacter', 'Replacement Character', { description: 'Put in place of characters a node name may not have' }),
	flag('body', 'setNamesManually', 'Set Names Manually', 'Whether node names are typed in instead of made from the rule'),
	otherFields('naming rule'),
];

const passwordFields: FieldSpec[] = [
	choice(
		'body',
		'type',
		'Type',
		[
			{ name: 'Prefix and Node ID', value: 1 },
			{ name: 'Node ID and Postfix', value: 2 },
			{ name: 'Generated', value: 3 },
			{ name: 'Static', value: 4 },
		],
		'How node passwords are made',
	),
	{ ...text('body', 'text', 'Text', { description: 'The prefix, postfix or static password the type uses' }), secret: true },
	count('body', 'minimumLength', 'Minimum Length'),
	count('body', 'passwordExpirationDays', 'Expires After Days', { description: 'Days a node password is valid (0: no expiry)' }),
	otherFields('password rule'),
];

const read = (operation: string, name: string, what: string, path: string): PortalOperation =>
	op({ operation, name, action: `Get the ${what} of a business unit`, description: `The ${what} of a business unit`, method: 'GET', path, fields: [businessUnit()] });

export const nodeRule: PortalResource = {
	value: 'nodeRule',
	name: 'Node Rule',
	description: 'How the backup nodes of a business unit are named and get their passwords',
	operations: [
		read('getNamingRule', 'Get Naming Rule', 'node naming rule', NAMING),
		read('getInheritedNamingRule', 'Get Inherited Naming Rule', 'node naming rule inherited from above', '/v1/bunits/{bunitId}/inheritednodenamingrule'),
		op({
			operation: 'updateNamingRule',
			name: 'Update Naming Rule',
			action: 'Update the node naming rule of a business unit',
			description: 'Changes the given parts of the naming rule and keeps the others',
			method: 'PUT',
			path: NAMING,
			mergeCurrent: true,
			fields: [businessUnit(), ...namingFields],
		}),
		read('getPasswordRule', 'Get Password Rule', 'node password rule', PASSWORD),
		op({
			operation: 'createPasswordRule',
			name: 'Create Password Rule',
			action: 'Create the node password rule of a business unit',
			description: 'Sets how the passwords of new backup nodes are made',
			method: 'POST',
			path: PASSWORD,
			fields: [businessUnit(), ...passwordFields],
		}),
		op({
			operation: 'updatePasswordRule',
			name: 'Update Password Rule',
			action: 'Update the node password rule of a business unit',
			description: 'Changes the given parts of the password rule and keeps the others',
			method: 'PUT',
			path: PASSWORD,
			mergeCurrent: true,
			fields: [businessUnit(), ...passwordFields],
		}),
	],
};
