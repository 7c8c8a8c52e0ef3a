import { businessUnit, consumptionUnit, date, flag, id } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'report', ...operation });

const REPORTS = '/v1/bunits/{bunitId}/consumers/{consumerId}/reports';

export const report: PortalResource = {
	value: 'report',
	name: 'Report',
	description: 'Daily node reports of a consumption unit: storage, changes, status and warnings',
	operations: [
		op({
			operation: 'getMany',
			name: 'Get Many',
			action: 'Get many node reports of a consumption unit',
			description: 'The node reports of a consumption unit in a period',
			method: 'GET',
			source: ['guide'],
			path: REPORTS,
			answer: 'list',
			fields: [
				businessUnit(),
				consumptionUnit(),
				date('query', 'startDate', 'Start Date', { description: 'Reports from this date' }),
				date('query', 'endDate', 'End Date', { description: 'Reports up to this date' }),
				flag('query', 'status', 'Include Status', 'Whether the reports carry their error status'),
				flag('query', 'warnings', 'Include Warnings', 'Whether the reports carry their warnings'),
			],
		}),
		op({
			operation: 'getLatest',
			name: 'Get Latest',
			action: 'Get the latest node report of a consumption unit',
			description: 'The most recent node report of a consumption unit',
			method: 'GET',
			source: ['guide'],
			path: `${REPORTS}/latest`,
			fields: [
				businessUnit(),
				consumptionUnit(),
				id('query', 'userId', 'As Seen by User ID', undefined, {
					required: false,
					description: 'The report as this user\'s settings present it',
				}),
			],
		}),
	],
};
