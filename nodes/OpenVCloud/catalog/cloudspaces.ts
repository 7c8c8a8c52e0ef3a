import { accountId, cloudspaceId, limits, opt, optional, permanently, reason, req, sizeId, userAccess } from './params';
import type { CatalogActor } from './types';

const access = userAccess('a cloud space', cloudspaceId());

const name = req('name', 'str', 'Name', 'Name of the cloud space');

const allowedVMSizes = opt('allowedVMSizes', 'list(int)', 'Allowed Sizes', 'IDs of the sizes machines in this cloud space may have');

export const cloudspaces: CatalogActor = {
	actor: 'cloudspaces',
	resource: 'cloudSpace',
	label: 'Cloud Space',
	methods: [
		{
			name: 'create',
			label: 'Create',
			action: 'Create a cloud space',
			description: 'A new cloud space (private network behind its own virtual router) in an account',
			params: [
				accountId('The account the cloud space belongs to'),
				req('location', 'str', 'Location', 'Code of the location to create it in', { picker: 'location' }),
				name,
				req('access', 'str', 'Admin User', 'Username of the user who gets full access to the cloud space'),
				...limits(-1),
				opt('externalnetworkId', 'int', 'External Network', 'The external network to connect the router to', {
					picker: 'externalNetwork',
				}),
				allowedVMSizes,
				opt('privatenetwork', 'str', 'Private Network', 'CIDR of the private network', { default: '192.168.103.0/24' }),
				opt('type', 'str', 'Router Type', 'Kind of virtual router', { default: 'routeros' }),
			],
			longRunning: { kind: 'provision' },
			resultKey: 'cloudspaceId',
		},
		{
			name: 'deploy',
			label: 'Deploy',
			action: 'Deploy the router of a cloud space',
			description: "Create the cloud space's virtual firewall and router",
			params: [cloudspaceId()],
			longRunning: { kind: 'provision' },
			resultKey: 'status',
		},
		{
			name: 'delete',
			label: 'Delete',
			action: 'Delete a cloud space',
			description: 'Succeeds as well when the cloud space is already gone',
			params: [cloudspaceId(), permanently('cloud space')],
			longRunning: { kind: 'teardown' },
			resultKey: 'deleted',
		},
		{
			name: 'disable',
			label: 'Disable',
			action: 'Disable a cloud space',
			params: [cloudspaceId(), reason()],
			longRunning: { kind: 'quick' },
			resultKey: 'disabled',
		},
		{
			name: 'enable',
			label: 'Enable',
			action: 'Enable a cloud space',
			params: [cloudspaceId(), reason()],
			longRunning: { kind: 'quick' },
			resultKey: 'enabled',
		},
		{
			name: 'list',
			label: 'List',
			action: 'List cloud spaces',
			safe: true,
			description: 'The cloud spaces the user has access to',
			params: [opt('includedeleted', 'bool', 'Include Deleted', 'Whether to list deleted cloud spaces too', { default: false })],
			list: true,
		},
		{ name: 'get', label: 'Get', action: 'Get a cloud space', safe: true, params: [cloudspaceId()] },
		{
			name: 'addAllowedSize',
			label: 'Add Allowed Size',
			action: 'Allow a size in a cloud space',
			params: [cloudspaceId(), sizeId('The size machines may now have')],
			resultKey: 'added',
		},
		{
			name: 'restore',
			label: 'Restore',
			action: 'Restore a deleted cloud space',
			params: [cloudspaceId(), reason()],
			longRunning: { kind: 'provision' },
		},
		{
			name: 'removeAllowedSize',
			label: 'Remove Allowed Size',
			action: 'Disallow a size in a cloud space',
			params: [cloudspaceId(), sizeId('The size machines may no longer have')],
			resultKey: 'removed',
		},
		{
			name: 'update',
			label: 'Update',
			action: 'Update a cloud space',
			description: 'Rename a cloud space or change its resource limits (-1 or empty: no limit)',
			params: [cloudspaceId(), optional(name), ...limits(), allowedVMSizes],
			resultKey: 'updated',
		},
		access.addUser,
		access.updateUser,
		access.deleteUser('its machines'),
		{
			name: 'getDefenseShield',
			label: 'Get Defense Shield',
			action: 'Get the defense shield of a cloud space',
			safe: true,
			description: "Where and how to reach the management interface of the cloud space's router",
			params: [cloudspaceId()],
		},
		{
			name: 'getOpenvpnConfig',
			label: 'Download OpenVPN Config',
			action: 'Download the OpenVPN configuration of a cloud space',
			safe: true,
			description: 'A zip file with the OpenVPN client configuration',
			params: [cloudspaceId()],
			longRunning: { kind: 'quick', via: 'sync' },
			file: { name: 'openvpn.zip', mimeType: 'application/zip' },
		},
		{
			name: 'executeRouterOSScript',
			label: 'Run RouterOS Script',
			action: 'Run a script on the router of a cloud space',
			params: [cloudspaceId(), req('script', 'str', 'Script', 'RouterOS commands to run')],
			longRunning: { kind: 'quick' },
			resultKey: 'success',
		},
	],
};
