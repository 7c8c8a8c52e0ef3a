/** Shorthands for writing the catalog: parameters, and the ones many methods share. */
import type { ApiType, CatalogMethod, CatalogParam } from './types';

type Extra = Partial<Omit<CatalogParam, 'name' | 'type' | 'required' | 'label'>>;

/** A parameter the API requires. */
export const req = (name: string, type: ApiType, label: string, description?: string, extra: Extra = {}): CatalogParam => ({
	name,
	type,
	required: true,
	label,
	...(description ? { description } : {}),
	...extra,
});

/** A parameter the API treats as optional. */
export const opt = (name: string, type: ApiType, label: string, description?: string, extra: Extra = {}): CatalogParam => ({
	...req(name, type, label, description, extra),
	required: false,
});

/** The same parameter, optional. */
export const optional = (param: CatalogParam): CatalogParam => ({ ...param, required: false });

export const accountId = (description = 'The account') =>
	req('accountId', 'int', 'Account', description, { picker: 'account' });

export const cloudspaceId = (description = 'The cloud space') =>
	req('cloudspaceId', 'int', 'Cloud Space', description, { picker: 'cloudSpace' });

export const machineId = (description = 'The machine') =>
	req('machineId', 'int', 'Machine', description, { picker: 'machine' });

export const diskId = (description = 'The disk') => req('diskId', 'int', 'Disk', description, { picker: 'disk' });

export const imageId = (description = 'The image') => req('imageId', 'int', 'Image', description, { picker: 'image' });

export const sizeId = (description = 'The size (flavor)') => req('sizeId', 'int', 'Size', description, { picker: 'size' });

export const reason = (description = 'Why; kept in the audit trail') => req('reason', 'str', 'Reason', description);

export const permanently = (what: string) =>
	opt('permanently', 'bool', 'Permanently', `Whether to destroy the ${what} for good instead of moving it to the recycle bin`, {
		default: false,
	});

export const ACCESS_TYPES = [
	{ name: 'Admin (ARCXDU)', value: 'ARCXDU' },
	{ name: 'Read (R)', value: 'R' },
	{ name: 'Read and Write (RCX)', value: 'RCX' },
] as const;

export const DISK_TYPES = [
	{ name: 'Boot (B)', value: 'B' },
	{ name: 'Data (D)', value: 'D' },
	{ name: 'Temporary (T)', value: 'T' },
] as const;

export const PROTOCOLS = [
	{ name: 'TCP', value: 'tcp' },
	{ name: 'UDP', value: 'udp' },
] as const;

/** The three access-rights methods (add, update, revoke a user) every shared resource has. */
export function userAccess(
	target: string,
	idParam: CatalogParam,
): { addUser: CatalogMethod; updateUser: CatalogMethod; deleteUser: (recursive?: string) => CatalogMethod } {
	const userId = (description: string) => req('userId', 'str', 'User', description);
	const accesstype = req('accesstype', 'str', 'Access', 'The rights to give: read, read and write, or admin', {
		options: ACCESS_TYPES,
	});
	return {
		addUser: {
			name: 'addUser',
			label: 'Add User',
			action: `Give a user access to ${target}`,
			params: [idParam, userId('Username or e-mail address of a registered user'), accesstype],
			resultKey: 'added',
		},
		updateUser: {
			name: 'updateUser',
			label: 'Update User',
			action: `Change a user's access to ${target}`,
			params: [idParam, userId('Username or e-mail address of the user'), accesstype],
			resultKey: 'updated',
		},
		deleteUser: (recursive?: string) => ({
			name: 'deleteUser',
			label: 'Remove User',
			action: `Revoke a user's access to ${target}`,
			params: [
				idParam,
				userId('Username or e-mail address of the user'),
				...(recursive
					? [opt('recursivedelete', 'bool', 'Recursively', `Whether to revoke the user's access to ${recursive} too`, { default: false })]
					: []),
			],
			resultKey: 'removed',
		}),
	};
}

/** Resource limits of accounts and cloud spaces (-1 or empty: no limit). */
export function limits(defaultValue?: number): CatalogParam[] {
	const extra = defaultValue === undefined ? {} : { default: defaultValue };
	return [
		opt('maxMemoryCapacity', 'float', 'Max Memory (GB)', 'Most memory all machines together may use, in GB; -1 for no limit', extra),
		opt('maxVDiskCapacity', 'int', 'Max Disk Capacity (GB)', 'Most virtual disk space all disks together may use, in GB; -1 for no limit', extra),
		opt('maxCPUCapacity', 'int', 'Max CPU Cores', 'Most virtual CPU cores all machines together may use; -1 for no limit', extra),
		opt('maxNetworkPeerTransfer', 'int', 'Max Peering Transfer (GB)', 'Most data sent and received over network peering, in GB; -1 for no limit', extra),
		opt('maxNumPublicIP', 'int', 'Max Public IPs', 'Most public IP addresses that may be assigned; -1 for no limit', extra),
	];
}
