import { businessUnit, consumptionUnit, date } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'job', ...operation });

const JOBS = '/v1/bunits/{bunitId}/consumers/{consumerId}/jobs';

export const job: PortalResource = {
	value: 'job',
	name: 'Job',
	description: 'Backup and restore jobs of a consumption unit',
	operations: [
		op({
			operation: 'getMany',
			name: 'Get Many',
			action: 'Get many jobs of a consumption unit',
			description: 'The jobs of a consumption unit in a period (default: the last 24 hours)',
			method: 'GET',
			source: ['guide'],
			path: JOBS,
			answer: 'list',
			fields: [
				businessUnit(),
				consumptionUnit(),
				date('query', 'startTime', 'Start Time', { description: 'Jobs from this time (not before the first job)' }),
				date('query', 'endTime', 'End Time', { description: 'Jobs up to this time' }),
			],
		}),
		op({
			operation: 'getFirst',
			name: 'Get First',
			action: 'Get the first job of a consumption unit',
			description: 'The oldest job of a consumption unit; its completion time tells since when there are jobs',
			method: 'GET',
			source: ['guide', 'help'],
			path: `${JOBS}/first`,
			fields: [businessUnit(), consumptionUnit()],
		}),
	],
};
