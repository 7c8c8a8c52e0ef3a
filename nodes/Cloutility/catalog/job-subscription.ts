import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, count, flag, id, otherFields, text, texts } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource' | 'source'>): PortalOperation => ({ resource: 'jobSubscription', source: ['help'], ...operation });

const ONE = '/v1/bunits/{bunitId}/jobsubscriptions/{jobSubscriptionId}';
const INCIDENTS = '/v1/bunits/{bunitId}/jobincidentconfig';

const subscription = () =>
	id('path', 'jobSubscriptionId', 'Job Subscription ID', undefined, { placeholder: 'e.g. 17', description: 'A job report subscription of the business unit' });

const subscriptionFields: FieldSpec[] = [
	text('body', 'name', 'Name'),
	flag('body', 'enabled', 'Enabled', 'Whether job reports are sent'),
	text('body', 'subject', 'Subject', { description: 'The subject of the e-mails' }),
	texts('body', 'emails', 'E-Mail Addresses', 'Who receives the job reports'),
	texts('body', 'incidentEmails', 'Incident E-Mail Addresses', 'Who is told about incidents'),
	flag('body', 'sendBcc', 'Send as BCC', 'Whether the receivers are put in BCC'),
	otherFields('job subscription'),
];

const incidentFields: FieldSpec[] = [
	text('body', 'subject', 'Subject', { description: 'The subject of incident e-mails' }),
	text('body', 'message', 'Message', { description: 'The text of incident e-mails' }),
	flag('body', 'includeStatusOk', 'Include OK', 'Whether jobs that ended well are listed'),
	flag('body', 'includeStatusWarning', 'Include Warnings', 'Whether jobs with warnings are listed'),
	flag('body', 'includeStatusError', 'Include Errors', 'Whether failed jobs are listed'),
	count('body', 'statusWarningLimit', 'Warning After Days', { description: 'Days without a good job before a warning' }),
	count('body', 'statusErrorLimit', 'Error After Days', { description: 'Days without a good job before an error' }),
	otherFields('incident settings'),
];

export const jobSubscription: PortalResource = {
	value: 'jobSubscription',
	name: 'Job Subscription',
	description: 'E-mail subscriptions to job reports, their delivery logs, and job incident settings',
	operations: [
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get a job subscription',
			description: 'One job report subscription of a business unit',
			method: 'GET',
			path: ONE,
			fields: [businessUnit(), subscription()],
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: 'Update a job subscription',
			description: 'Changes the given fields of a job report subscription and keeps the others',
			method: 'PUT',
			path: ONE,
			mergeCurrent: true,
			fields: [businessUnit(), subscription(), ...subscriptionFields],
		}),
		op({
			operation: 'getManyLogs',
			name: 'Get Many Logs',
			action: 'Get many delivery logs of a job subscription',
			description: 'When the job reports of a subscription were sent, and to whom',
			method: 'GET',
			path: `${ONE}/logs`,
			answer: 'list',
			fields: [businessUnit(), subscription()],
		}),
		op({
			operation: 'getIncidentSettings',
			name: 'Get Incident Settings',
			action: 'Get the job incident settings of a business unit',
			description: 'When jobs count as incidents and how they are e-mailed (the unit\'s own or inherited)',
			method: 'GET',
			path: INCIDENTS,
			fields: [businessUnit()],
		}),
		op({
			operation: 'updateIncidentSettings',
			name: 'Update Incident Settings',
			action: 'Update the job incident settings of a business unit',
			description: 'Changes the given job incident settings and keeps the others',
			method: 'PUT',
			path: INCIDENTS,
			mergeCurrent: true,
			fields: [businessUnit(), ...incidentFields],
		}),
	],
};
