import type { FieldSpec } from '../../shared/operation-fields';
import { businessUnit, consumptionUnit, count, flag, otherFields, ref, storageProtectNameProblem, text } from './fields';
import type { PortalOperation, PortalResource } from './types';

const op = (operation: Omit<PortalOperation, 'resource'>): PortalOperation => ({ resource: 'backupNode', ...operation });

const NODE = '/v1/bunits/{bunitId}/consumers/{consumerId}/node';
const unit = (displayName?: string) => [businessUnit(), consumptionUnit(displayName)];

const setup = (required: boolean): FieldSpec[] => [
	ref('operatingSystem', 'Operating System', 'searchOperatingSystems', { required, placeholder: 'e.g. 1' }),
	ref('type', 'Node Type', 'searchNodeTypes', {
		required,
		placeholder: 'e.g. 1',
		description: 'The kind of data backed up; the list follows the operating system chosen',
	}),
	ref('domain', 'Policy Domain', 'searchPolicyDomains', {
		required,
		placeholder: 'e.g. 1',
		description: 'A policy domain of the business unit\'s default backup server: how long backups are kept',
	}),
	ref('clientOptionSet', 'Client Option Set', 'searchClientOptionSets', {
		required,
		placeholder: 'e.g. 1',
		description: 'A client option set of the business unit\'s default backup server',
	}),
	text('body', 'contact', 'Contact', { description: 'Who to contact about the node' }),
	count('body', 'cpuCount', 'CPU Count', { min: 1, description: 'Processors of the computer (for licensing per CPU)' }),
	ref('server', 'Backup Server ID', undefined, { required: false, description: 'Another backup server than the default one' }),
	otherFields('backup node'),
];

const proxy = (
	operation: string,
	name: string,
	action: string,
	description: string,
	method: 'POST' | 'DELETE',
	path: string,
	side: string,
	other: FieldSpec,
): PortalOperation =>
	op({
		operation,
		name,
		action,
		description,
		method,
		path: `${NODE}/${path}`,
		done: method === 'POST' ? 'added' : 'removed',
		fields: [...unit(`Consumption Unit (${side})`), other],
	});

export const backupNode: PortalResource = {
	value: 'backupNode',
	name: 'Backup Node',
	description: 'The IBM Storage Protect node of a consumption unit: creation, activation, filespaces, proxies',
	operations: [
		op({
			operation: 'get',
			name: 'Get',
			action: 'Get the backup node of a consumption unit',
			description: 'The backup node, with its Storage Protect name and password once activated',
			method: 'GET',
			path: NODE,
			fields: unit(),
		}),
		op({
			operation: 'create',
			name: 'Create',
			action: 'Create the backup node of a consumption unit',
			description: 'Creates the backup node from an operating system, node type, policy domain and client option set',
			method: 'POST',
			path: NODE,
			fields: [...unit(), ...setup(true)],
		}),
		op({
			operation: 'update',
			name: 'Update',
			action: 'Update the backup node of a consumption unit',
			description: 'Changes the given settings of a backup node and keeps the others',
			method: 'PUT',
			path: NODE,
			mergeCurrent: true,
			fields: [...unit(), ...setup(false)],
		}),
		op({
			operation: 'delete',
			name: 'Delete',
			action: 'Delete the backup node of a consumption unit',
			description: 'Deletes the backup node, and with it the whole consumption unit',
			method: 'DELETE',
			path: NODE,
			done: 'deleted',
			fields: [...unit(), flag('query', 'deleteAssociations', 'Delete Associations', 'Whether to delete what belongs to the node too')],
		}),
		op({
			operation: 'getSuggestedName',
			name: 'Get Suggested Name',
			action: 'Get a suggested Storage Protect name for a backup node',
			description: 'The node name the portal proposes for activation',
			method: 'GET',
			path: `${NODE}/spname`,
			scalar: 'suggestedName',
			fields: unit(),
		}),
		op({
			operation: 'activate',
			name: 'Activate',
			action: 'Activate a backup node',
			description: 'Registers the node on the backup server under a name, so a backup client can use it',
			method: 'GET',
			path: `${NODE}/activate`,
			// A GET that registers the node: never sent twice on a doubt.
			safe: false,
			scalar: 'result',
			fields: [
				...unit(),
				{
					...text('query', 'tsmName', 'Node Name', {
						required: true,
						placeholder: 'e.g. JENNYS-WS01',
						description:
							'The Storage Protect node name the backup client will use: up to 64 characters from A–Z, 0–9 and _ . - + & (letters are not case-sensitive)',
					}),
					check: storageProtectNameProblem,
				},
			],
		}),
		op({
			operation: 'setPassword',
			name: 'Set Password',
			action: 'Set the password of a backup node',
			description: 'Sets the Storage Protect password the backup client signs in with',
			method: 'POST',
			path: `${NODE}/password`,
			fields: [
				...unit(),
				{
					...text('body', 'tsmPassword', 'Node Password', { required: true, description: 'At most 64 characters' }),
					check: (value) => (String(value).length > 64 ? 'must be at most 64 characters' : undefined),
					secret: true,
				},
			],
		}),
		op({
			operation: 'getManyFilespaces',
			name: 'Get Many Filespaces',
			action: 'Get many filespaces of a backup node',
			description: 'The filespaces (drives, mount points) the node has backed up',
			method: 'GET',
			path: `${NODE}/filespaces`,
			answer: 'list',
			fields: [
				...unit(),
				flag('query', 'tsmSync', 'Sync With Backup Server', 'Whether the portal first reads the current filespaces from the backup server (slower, up to date) instead of answering from what it knows'),
			],
		}),
		op({
			operation: 'getManyPossibleProxyNodes',
			name: 'Get Many Possible Proxy Nodes',
			action: 'Get many nodes that can be proxies of a backup node',
			description: 'The nodes a proxy relation can be set up with',
			method: 'GET',
			path: `${NODE}/possibleproxynodes`,
			answer: 'list',
			fields: unit(),
		}),
		proxy(
			'addProxyAgent',
			'Add Proxy Agent',
			'Add a proxy agent to a backup node',
			'Lets another node act for this one (e.g. restore its files); set up from the target\'s side',
			'POST',
			'proxyagents',
			'Proxy Target',
			consumptionUnit('Proxy Agent', 'proxyAgentId', 'query'),
		),
		proxy(
			'removeProxyAgent',
			'Remove Proxy Agent',
			'Remove a proxy agent from a backup node',
			'Ends a proxy relation, from the target\'s side',
			'DELETE',
			'proxyagents/{proxyConsumerId}',
			'Proxy Target',
			consumptionUnit('Proxy Agent', 'proxyConsumerId'),
		),
		proxy(
			'addProxyTarget',
			'Add Proxy Target',
			'Add a proxy target to a backup node',
			'Lets this node act for another one; set up from the agent\'s side',
			'POST',
			'proxytargets',
			'Proxy Agent',
			consumptionUnit('Proxy Target', 'proxyTargetId', 'query'),
		),
		proxy(
			'removeProxyTarget',
			'Remove Proxy Target',
			'Remove a proxy target from a backup node',
			'Ends a proxy relation, from the agent\'s side',
			'DELETE',
			'proxytargets/{targetConsumerId}',
			'Proxy Agent',
			consumptionUnit('Proxy Target', 'targetConsumerId'),
		),
		op({
			operation: 'getRetentionRules',
			name: 'Get Retention Rules',
			action: 'Get the retention rules of a backup node',
			description: 'The retention set rules of the node (what is kept, how long, on which schedule)',
			method: 'GET',
			path: `${NODE}/retentionRules`,
			answer: 'list',
			fields: unit(),
		}),
		op({
			operation: 'createNodeGroup',
			name: 'Create Node Group',
			action: 'Create a node group for a backup node',
			description: 'Creates a node group with the backup node in it',
			method: 'POST',
			path: `${NODE}/nodegroups`,
			fields: [...unit(), text('body', 'name', 'Node Group Name', { required: true })],
		}),
	],
};
