/** Activity reports (daily summaries of backup activity) and their e-mail subscriptions. */
import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, date, flag, id, otherFields, text, texts } from './fields';
import type { PortalOperation, PortalResource } from './types';

// Both resources are listed on the /v1/help index only: their parameters come from the path templates.
const reportOp = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({ resource: 'activityReport', source: ['help-index'], ...operation });
const subscriptionOp = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({
	resource: 'activityReportSubscription',
	source: ['help-index'],
	...operation,
});

const REPORTS = '/v1/bunits/{bunitId}/activityreports';
const SUBSCRIPTIONS = '/v1/bunits/{bunitId}/activityreportsubscriptions';
const ONE = `${SUBSCRIPTIONS}/{activityReportSubscriptionId}`;

export const activityReport: PortalResource = {
	value: 'activityReport',
	name: 'Activity Report',
	description: 'Daily reports of the backup activity of a business unit',
	operations: [
		reportOp({
			operation: 'getMany',
			name: 'Get Many',
			action: 'Get many activity reports of a business unit',
			description: 'The daily activity reports of a business unit in a period',
			method: 'GET',
			path: REPORTS,
			answer: 'list',
			fields: [
				businessUnit(),
				date('query', 'startDate', 'Start Date', { description: 'Reports from this date' }),
				date('query', 'endDate', 'End Date', { description: 'Reports up to this date' }),
			],
		}),
		reportOp({
			operation: 'get',
			name: 'Get',
			action: 'Get the activity report of a date',
			description: 'The activity of a business unit in the period that ends on a report date',
			method: 'GET',
			path: `${REPORTS}/{reportDate}`,
			fields: [
				businessUnit(),
				date('path', 'reportDate', 'Report Date', { required: true, dateOnly: true, description: 'The day the report period ends (sent as YYYY-MM-DD)' }),
				date('query', 'startDate', 'Start Date', { description: 'The first day of the period (default: the day before the report date)' }),
			],
		}),
	],
};

/**
 * The fields the portal's report subscriptions share (job and status report subscriptions have them too):
 * the subscription model itself is not on a help page.
 */
const subscriptionFields = (required: boolean): FieldSpec[] => [
	text('body', 'name', 'Name', { required, description: 'The name of the subscription' }),
	flag('body', 'enabled', 'Enabled', 'Whether reports are sent'),
	text('body', 'subject', 'Subject', { description: 'The subject of the e-mails' }),
	texts('body', 'emails', 'E-Mail Addresses', 'Who receives the report'),
	flag('body', 'sendBcc', 'Send as BCC', 'Whether the receivers are put in BCC'),
	otherFields('subscription'),
];

const subscription = () =>
	id('path', 'activityReportSubscriptionId', 'Activity Report Subscription', 'searchActivityReportSubscriptions', { placeholder: 'e.g. 12' });

export const activityReportSubscription: PortalResource = {
	value: 'activityReportSubscription',
	name: 'Activity Report Subscription',
	description: 'Who receives the activity reports of a business unit by e-mail',
	operations: [
		subscriptionOp({
			operation: 'getMany',
			name: 'Get Many',
			action: 'Get many activity report subscriptions',
			description: 'The activity report subscriptions of a business unit',
			method: 'GET',
			path: SUBSCRIPTIONS,
			answer: 'list',
			fields: [businessUnit()],
		}),
		subscriptionOp({
			operation: 'get',
			name: 'Get',
			action: 'Get an activity report subscription',
			description: 'One activity report subscription',
			method: 'GET',
			path: ONE,
			fields: [businessUnit(), subscription()],
		}),
		subscriptionOp({
			operation: 'create',
			name: 'Create',
			action: 'Create an activity report subscription',
			description: 'Subscribes e-mail addresses to the activity reports of a business unit',
			method: 'POST',
			path: SUBSCRIPTIONS,
			fields: [businessUnit(), ...subscriptionFields(true)],
		}),
		subscriptionOp({
			operation: 'update',
			name: 'Update',
			action: 'Update an activity report subscription',
			description: 'Changes the given fields of a subscription and keeps the others (reads it, then sends it whole)',
			method: 'PUT',
			path: ONE,
			mergeCurrent: true,
			fields: [businessUnit(), subscription(), ...subscriptionFields(false)],
		}),
		subscriptionOp({
			operation: 'patch',
			name: 'Patch',
			action: 'Patch an activity report subscription',
			description: 'Sends only the given fields (PATCH); the portal keeps the others',
			method: 'PATCH',
			path: ONE,
			fields: [businessUnit(), subscription(), ...subscriptionFields(false)],
		}),
	],
};
