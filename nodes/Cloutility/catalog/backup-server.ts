import { businessUnit, flag, id, otherFields, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'backupServer', ...operation });

const SERVER = '/v1/bunits/{bunitId}/defaultserver';

/** The default server of another kind of backup (Rubrik, SP Plus), for what is created next. */
const other = (operation: string, name: string, what: string, path: string): PortalOperation =>
	op({
		operation,
		name,
		action: `Get the default ${name.replace(/^Get Default /, '')} of a business unit`,
		description: `The ${what} of the business unit go to (chosen, the data center's default, or inherited)`,
		method: 'GET',
		source: ['help'],
		path: `/v1/bunits/{bunitId}/${path}`,
		fields: [businessUnit()],
	});

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
			source: ['guide'],
			path: SERVER,
			fields: [businessUnit()],
		}),
		op({
			operation: 'getManyDomains',
			name: 'Get Many Policy Domains',
			action: 'Get many policy domains of the default backup server',
			description: 'The policy domains (retention settings) a new backup node can join',
			method: 'GET',
			source: ['guide', 'client'],
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
			source: ['guide', 'client'],
			path: `${SERVER}/clientoptionsets`,
			answer: 'list',
			fields: [businessUnit()],
		}),
		other('getDefaultRubrikServer', 'Get Default Rubrik Server', 'Rubrik server new data sources', 'defaultrubrikserver'),
		other('getDefaultSpPlusServer', 'Get Default SP Plus Server', 'SP Plus server new hypervisors', 'defaultspplusserver'),
		op({
			operation: 'getFallbackSpPlusServer',
			name: 'Get Fallback SP Plus Server',
			action: 'Get the fallback SP Plus server of a business unit',
			description: 'The SP Plus server that becomes the default if the selected one is removed',
			method: 'GET',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/fallbackspplusserver',
			fields: [businessUnit()],
		}),
		op({
			operation: 'updateRubrikSlaDomain',
			name: 'Update Rubrik SLA Domain',
			action: 'Update the portal\'s record of a Rubrik SLA domain',
			description: 'Changes how the portal shows a Rubrik SLA domain (nothing is sent to Rubrik)',
			method: 'PUT',
			source: ['help'],
			path: '/v1/bunits/{bunitId}/datacenters/{dataCenterId}/rubrikservers/{rubrikServerId}/sladomains/{slaDomainId}',
			fields: [
				businessUnit(),
				id('path', 'dataCenterId', 'Data Center ID', undefined, { placeholder: 'e.g. 2' }),
				id('path', 'rubrikServerId', 'Rubrik Server ID', undefined, { placeholder: 'e.g. 5' }),
				id('path', 'slaDomainId', 'SLA Domain ID', undefined, { placeholder: 'e.g. 9' }),
				text('body', 'name', 'Name', { description: 'The SLA domain\'s name in the portal' }),
				flag('body', 'ignoreNoActivity', 'Ignore No Activity', 'Whether data sources of this SLA domain without activity are not reported'),
				otherFields('SLA domain'),
			],
		}),
	],
};
