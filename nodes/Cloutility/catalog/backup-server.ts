import { businessUnit } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'backupServer', ...operation });

const SERVER = '/v1/bunits/{bunitId}/defaultserver';

export const backupServer: PortalResource = {
	value: 'backupServer',
	name: 'Backup Server',
	description: 'The default backup server of a business unit, with its policy domains and client option sets',
	operations: [
		op({
			operation: 'getDefault',
			name: 'Get Default',
			action: 'Get the default backup server of a business unit',
			description: 'The Storage Protect server new backup nodes of the business unit go to',
			method: 'GET',
			path: SERVER,
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyDomains',
			name: 'Get Many Policy Domains',
			action: 'Get many policy domains of the default backup server',
			description: 'The policy domains (retention settings) a new backup node can join',
			method: 'GET',
			path: `${SERVER}/domains`,
			answer: 'list',
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyClientOptionSets',
			name: 'Get Many Client Option Sets',
			action: 'Get many client option sets of the default backup server',
			description: 'The client option sets a new backup node can use',
			method: 'GET',
			path: `${SERVER}/clientoptionsets`,
			answer: 'list',
			fields: [businessUnit()],
		}),
	],
};
