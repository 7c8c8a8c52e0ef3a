import type { INodePropertyOptions } from 'n8n-workflow';

import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, consumptionUnit, date, flag } from './fields';
import type { PortalOperation, PortalResource } from './types';

/** Audit log entry types, as the `types` query parameter takes them. */
const AUDIT_LOG_TYPES: INodePropertyOptions[] = [
	{ name: 'Info', value: 0 },
	{ name: 'Create', value: 100 },
	{ name: 'Modify', value: 200 },
	{ name: 'Delete', value: 300 },
	{ name: 'Error', value: 400 },
];

const filters: FieldSpec[] = [
	{
		displayName: 'Types',
		name: 'types',
		type: 'multiOptions',
		options: AUDIT_LOG_TYPES,
		default: [],
		description: 'Only entries of these types (default: all five)',
		check: (value) => {
			const allowed = new Set(AUDIT_LOG_TYPES.map((option) => option.value));
			const wrong = (value as unknown[]).filter((entry) => !allowed.has(entry as number));
			return wrong.length ? `must be among info (0), create (100), modify (200), delete (300), error (400); got ${wrong.join(', ')}` : undefined;
		},
		in: 'query',
	},
	date('query', 'startTime', 'Start Time', { description: 'Only entries at or after this time' }),
	date('query', 'endTime', 'End Time', { description: 'Only entries before this time' }),
	flag('query', 'includeDescendants', 'Include Descendants', 'Whether to include the entries of what lies below (child business units, their consumption units)'),
	flag('query', 'orderDesc', 'Newest First', 'Whether to return the newest entries first'),
];

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'auditLog', ...operation });

export const auditLog: PortalResource = {
	value: 'auditLog',
	name: 'Audit Log',
	description: 'Who created, changed or deleted what, and errors, per business unit or consumption unit',
	operations: [
		op({
			operation: 'getManyForBusinessUnit',
			name: 'Get Many for Business Unit',
			action: 'Get many audit log entries of a business unit',
			description: 'Audit log entries of a business unit, filtered by type and time, read page by page',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/auditlogs',
			answer: 'pages',
			fields: [businessUnit(), ...filters],
		}),
		op({
			operation: 'getManyForConsumptionUnit',
			name: 'Get Many for Consumption Unit',
			action: 'Get many audit log entries of a consumption unit',
			description: 'Audit log entries of a consumption unit (the API calls it consumer), read page by page',
			method: 'GET',
			source: ['guide'],
			path: '/v1/bunits/{bunitId}/consumers/{consumerId}/auditlogs',
			answer: 'pages',
			fields: [businessUnit(), consumptionUnit(), ...filters],
		}),
	],
};
