/** The daily status reports of a business unit (node reports rolled up), their subscriptions and delivery settings. */
import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, choice, flag, id, otherFields, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({ resource: 'statusReport', source: ['help'], ...operation });

const DELIVERY = '/v1/bunits/{bunitId}/statusconsumptionunitdeliveryconfig';

const deliveryFields: FieldSpec[] = [
	text('body', 'subject', 'Subject', { description: 'The subject of the e-mails to consumption units' }),
	text('body', 'message', 'Message', { description: 'The text of the e-mails to consumption units' }),
	flag('body', 'includeStatusOk', 'Include OK', 'Whether units that are OK get the report'),
	flag('body', 'includeStatusOkWithWarnings', 'Include OK With Warnings', 'Whether units that are OK with warnings get the report'),
	flag('body', 'includeStatusWarning', 'Include Warnings', 'Whether units with warnings get the report'),
	flag('body', 'includeStatusError', 'Include Errors', 'Whether units with errors get the report'),
	otherFields('delivery settings'),
];

export const statusReport: PortalResource = {
	value: 'statusReport',
	name: 'Status Report',
	description: 'Daily status reports of a business unit: node reports rolled up, with warnings',
	operations: [
		op({
			operation: 'getMany',
			name: 'Get Many',
			action: 'Get many status reports of a business unit',
			description: 'The stored status reports of a business unit (trend data, the same for every user)',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/reports',
			answer: 'list',
			fields: [
				businessUnit(),
				choice(
					'query',
					'type',
					'Type',
					[
						{ name: 'Combined', value: 'combined' },
						{ name: 'Resale', value: 'resale' },
						{ name: 'Internal', value: 'internal' },
					],
					'Which consumption the reports count (the portal\'s default is combined)',
				),
			],
		}),
		op({
			operation: 'getLatest',
			name: 'Get Latest',
			action: 'Get the latest status report of a business unit',
			description: 'The most recent status report of a business unit',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/reports/latest',
			fields: [
				businessUnit(),
				id('query', 'userId', 'As Seen by User', 'searchUsers', { required: false, description: 'The report as this user\'s settings present it' }),
			],
		}),
		op({
			operation: 'getSubscription',
			name: 'Get Subscription',
			action: 'Get a status report subscription',
			description: 'One status report e-mail subscription of a business unit',
			method: 'GET',
			path: '/v1/bunits/{bunitId}/statusreportsubscriptions/{statusReportSubscriptionId}',
			fields: [businessUnit(), id('path', 'statusReportSubscriptionId', 'Subscription ID', undefined, { placeholder: 'e.g. 21' })],
		}),
		op({
			operation: 'getDeliverySettings',
			name: 'Get Delivery Settings',
			action: 'Get the status report delivery settings of a business unit',
			description: 'How status reports are e-mailed to consumption units (the unit\'s own or inherited)',
			method: 'GET',
			path: DELIVERY,
			fields: [businessUnit()],
		}),
		op({
			operation: 'createDeliverySettings',
			name: 'Create Delivery Settings',
			action: 'Create the status report delivery settings of a business unit',
			description: 'Sets how status reports are e-mailed to the consumption units of a business unit',
			method: 'POST',
			path: DELIVERY,
			fields: [businessUnit(), ...deliveryFields],
		}),
	],
};
