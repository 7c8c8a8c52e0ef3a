/** The actors with few methods: external networks, images, locations and sizes. */
import { accountId, cloudspaceId, imageId, opt, optional, permanently } from './params';
import type { CatalogActor } from './types';

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
