import { cloudspaceId, machineId, opt, optional, PROTOCOLS, req } from './params';
import type { FieldSpec } from '../../shared/operation-fields';
import type { CatalogActor } from './types';

const publicIp = req('publicIp', 'str', 'Public IP', 'Public IP address of the cloud space');
const publicPort = req('publicPort', 'int', 'Public Port', 'Port on the public IP address');
const localPort = req('localPort', 'int', 'Local Port', 'Port on the machine');
const protocol = req('protocol', 'str', 'Protocol', undefined, { options: PROTOCOLS });
const ruleId = req('id', 'int', 'Rule ID', 'ID of the port forwarding rule (as List returns it)');

const rule: FieldSpec[] = [publicIp, publicPort, machineId('The machine traffic is forwarded to'), localPort, protocol];

export const portforwarding: CatalogActor = {
	actor: 'portforwarding',
	resource: 'portForwarding',
	label: 'Port Forwarding',
	methods: [
		{
			name: 'list',
			label: 'List',
			action: 'List port forwarding rules',
			safe: true,
			description: 'The rules of a cloud space, or of one machine in it',
			params: [cloudspaceId(), optional(machineId('Only the rules of this machine'))],
			list: true,
		},
		{
			name: 'create',
			label: 'Create',
			action: 'Create a port forwarding rule',
			params: [cloudspaceId(), ...rule],
			longRunning: { kind: 'quick' },
		},
		{
			name: 'update',
			label: 'Update',
			action: 'Update a port forwarding rule',
			params: [cloudspaceId(), ruleId, ...rule],
			longRunning: { kind: 'quick' },
		},
		{
			name: 'delete',
			label: 'Delete',
			action: 'Delete a port forwarding rule',
			params: [cloudspaceId(), ruleId],
			longRunning: { kind: 'quick' },
		},
		{
			name: 'deleteByPort',
			label: 'Delete by Port',
			action: 'Delete a port forwarding rule by its public port',
			params: [
				cloudspaceId(),
				req('publicIp', 'str', 'Public IP', 'Public IP address of the rule'),
				req('publicPort', 'int', 'Public Port', 'Public port of the rule'),
				opt('proto', 'str', 'Protocol', 'Protocol of the rule', { options: PROTOCOLS }),
			],
			longRunning: { kind: 'quick' },
		},
		{
			name: 'updateByPort',
			label: 'Update by Port',
			action: 'Replace a port forwarding rule found by its public port',
			description: 'Deletes the rule on the source public IP and port, and adds the new one',
			params: [
				cloudspaceId(),
				req('sourcePublicIp', 'str', 'Current Public IP', 'Public IP address of the rule to replace'),
				req('sourcePublicPort', 'int', 'Current Public Port', 'Public port of the rule to replace'),
				req('sourceProtocol', 'str', 'Current Protocol', 'Protocol of the rule to replace', { options: PROTOCOLS }),
				machineId('The machine traffic is forwarded to'),
				publicIp,
				publicPort,
				localPort,
				opt('protocol', 'str', 'Protocol', undefined, { options: PROTOCOLS }),
			],
			longRunning: { kind: 'quick' },
		},
	],
};
