/**
 * The actors with few methods: external networks, images, IPsec tunnels (newer API), locations and sizes.
 */
import { accountId, cloudspaceId, imageId, opt, optional, permanently, req } from './params';
import type { CatalogActor } from './types';

const IMAGE_TYPES = [
	{ name: 'Linux', value: 'Linux' },
	{ name: 'Other', value: 'Other' },
	{ name: 'Windows', value: 'Windows' },
];

const BOOT_TYPES = [
	{ name: 'BIOS', value: 'bios' },
	{ name: 'UEFI', value: 'uefi' },
];

const remotePublicAddr = req('remotePublicAddr', 'str', 'Remote Public Address', 'Public IP address of the remote end of the tunnel');
const remotePrivateNetwork = req(
	'remotePrivateNetwork',
	'str',
	'Remote Private Network',
	'The network behind the remote end, in CIDR notation (e.g. 10.1.0.0/16)',
);

export const externalnetwork: CatalogActor = {
	actor: 'externalnetwork',
	resource: 'externalNetwork',
	label: 'External Network',
	methods: [
		{
			name: 'list',
			label: 'List',
			action: 'List external networks',
			safe: true,
			params: [optional(accountId('Also list the external networks reserved for this account'))],
			list: true,
		},
		{
			name: 'get',
			label: 'Get',
			action: 'Get an external network',
			safe: true,
			description: 'Its network, gateway, subnet mask and whether it hands out addresses by DHCP',
			params: [req('id', 'int', 'External Network', 'The external network', { picker: 'externalNetwork' })],
			newer: true,
		},
	],
};

export const images: CatalogActor = {
	actor: 'images',
	resource: 'image',
	label: 'Image',
	methods: [
		{
			name: 'list',
			label: 'List',
			action: 'List images',
			safe: true,
			description: 'Images machines can be created from',
			params: [
				optional(accountId('Also list the images of this account')),
				optional(cloudspaceId('Only images usable in this cloud space')),
			],
			list: true,
		},
		{
			name: 'delete',
			label: 'Delete',
			action: 'Delete an image',
			params: [imageId(), permanently('image')],
			longRunning: { kind: 'teardown' },
			resultKey: 'deleted',
		},
		{ name: 'restore', label: 'Restore', action: 'Restore a deleted image', params: [imageId()], resultKey: 'restored' },
		{
			name: 'create',
			label: 'Create',
			action: 'Create an image from a URL',
			description: 'The G8 downloads the disk image from the URL; for the whole G8, or only for one account',
			params: [
				req('name', 'str', 'Name', 'Name of the image'),
				req('url', 'str', 'URL', 'Where the G8 downloads the disk image from'),
				req('gid', 'int', 'Grid ID', 'ID of the grid to create the image in (the gid a Location: List returns)'),
				req('imagetype', 'str', 'Image Type', 'Operating system family of the image', { options: IMAGE_TYPES }),
				req('boottype', 'str', 'Boot Type', 'How machines made from the image boot', { options: BOOT_TYPES }),
				opt('username', 'str', 'Username', 'The user the image comes with'),
				opt('password', 'str', 'Password', "That user's password", { secret: true }),
				optional(accountId('Make the image available to this account only')),
				opt('hotresize', 'bool', 'Hot Resize', 'Whether machines made from the image can be resized while running', {
					default: false,
				}),
			],
			longRunning: { kind: 'provision' },
			resultKey: 'created',
			newer: true,
		},
	],
};

/** IPsec site-to-site tunnels from the router of a cloud space (newer API). */
export const ipsec: CatalogActor = {
	actor: 'ipsec',
	resource: 'ipsecTunnel',
	label: 'IPsec Tunnel',
	methods: [
		{
			name: 'addTunnelToCloudspace',
			label: 'Add',
			action: 'Add an IPsec tunnel to a cloud space',
			description:
				"A tunnel from the cloud space's router to a remote network; returns the pre-shared key (the one given, or one the G8 made)",
			params: [
				cloudspaceId(),
				remotePublicAddr,
				remotePrivateNetwork,
				opt('pskSecret', 'str', 'Pre-Shared Key', 'The key both ends share (default: the G8 makes one)', { secret: true }),
			],
			longRunning: { kind: 'quick' },
			resultKey: 'psk',
			newer: true,
		},
		{
			name: 'listTunnels',
			label: 'List',
			action: 'List the IPsec tunnels of a cloud space',
			safe: true,
			description: 'Remote address, remote private network and pre-shared key of each tunnel',
			params: [cloudspaceId()],
			list: true,
			newer: true,
		},
		{
			name: 'removeTunnelFromCloudspace',
			label: 'Remove',
			action: 'Remove an IPsec tunnel from a cloud space',
			description: 'The tunnel is named by its remote public address and remote private network (as List shows them)',
			params: [cloudspaceId(), remotePublicAddr, remotePrivateNetwork],
			longRunning: { kind: 'quick' },
			resultKey: 'removed',
			newer: true,
		},
	],
};

export const locations: CatalogActor = {
	actor: 'locations',
	resource: 'location',
	label: 'Location',
	methods: [
		{ name: 'list', label: 'List', action: 'List locations', safe: true, params: [], noAuth: true, list: true },
		{
			name: 'getUrl',
			label: 'Get Portal URL',
			action: 'Get the portal URL',
			safe: true,
			params: [],
			noAuth: true,
			resultKey: 'url',
		},
	],
};

export const sizes: CatalogActor = {
	actor: 'sizes',
	resource: 'size',
	label: 'Size',
	methods: [
		{
			name: 'list',
			label: 'List',
			action: 'List sizes',
			safe: true,
			description: 'Sizes (flavors: memory, CPU cores, disk sizes) machines can have',
			params: [
				optional(cloudspaceId('Only the sizes allowed in this cloud space')),
				opt('location', 'str', 'Location', 'Only the sizes of this location', { picker: 'location' }),
			],
			list: true,
		},
	],
};
