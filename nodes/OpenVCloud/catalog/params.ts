/**
 * Writing the catalog: parameters as fields of the shared field model, the parameters many methods share,
 * and the two conversions the API's types need beyond the shared ones (dates as Unix seconds; text the
 * editor holds as a number).
 */
import type { FieldSpec, FieldType } from '../../shared/operation-fields';
import type { ApiType, CatalogMethod } from './types';

/** Things a parameter can be picked from (a resource locator "From List"), with the listSearch method behind each. */
const PICKERS = {
	account: 'searchAccounts',
	cloudSpace: 'searchCloudSpaces',
	machine: 'searchMachines',
	disk: 'searchDisks',
	image: 'searchImages',
	size: 'searchSizes',
	location: 'searchLocations',
	externalNetwork: 'searchExternalNetworks',
} as const;

type Picker = keyof typeof PICKERS;

interface Extra {
	/** The catalog's default, shown in the editor (required fields) or documented (optional ones). */
	default?: string | number | boolean;
	picker?: Picker;
	/** A fixed set of values the API accepts. */
	options?: ReadonlyArray<{ name: string; value: string }>;
	/** A password or token: masked in the editor, never echoed in output, scrubbed from errors. */
	secret?: boolean;
	/** Entered as a date (or Unix seconds); sent as Unix seconds. */
	date?: boolean;
}

/** A date or Unix seconds as the API takes them; undefined when the value is neither. */
function unixSeconds(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
	// ISO 8601 only (a day, or a day and a time): Date.parse alone takes loose text such as "?x=1" for 2001.
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) return undefined;
	const parsed = Date.parse(text);
	return Number.isFinite(parsed) ? parsed / 1000 : undefined;
}

const dateCheck = (value: unknown) =>
	unixSeconds(value) === undefined ? `must be a date or a number of seconds (got "${String(value)}")` : undefined;

function fieldType(api: ApiType, extra: Extra): FieldType {
	if (extra.options) return 'options';
	if (extra.date) return 'dateTime';
	switch (api) {
		case 'int':
		case 'float':
			return 'number';
		case 'bool':
			return 'boolean';
		case 'list(int)':
			return 'numberList';
		case 'list(str)':
			return 'stringList';
		case 'obj':
			return 'json';
		default:
			return 'string';
	}
}

function placeholder(api: ApiType, extra: Extra): string | undefined {
	if (extra.picker === 'location') return 'e.g. be-g8-3';
	if (extra.picker) return 'e.g. 42';
	if (api === 'list(int)') return 'e.g. 10, 20';
	if (extra.date) return 'e.g. 2024-01-31T00:00:00Z';
	return undefined;
}

function field(name: string, api: ApiType, label: string, required: boolean, description: string | undefined, extra: Extra): FieldSpec {
	const spec: FieldSpec = { name, displayName: label, type: fieldType(api, extra), required, description, in: 'body', meta: { api } };
	if (extra.default !== undefined) spec.default = extra.default;
	if (extra.options) spec.options = extra.options.map(({ name: optionName, value }) => ({ name: optionName, value }));
	// IDs are whole numbers, also where the API declares them as text (getConsoleUrl).
	if (api === 'int' || (extra.picker && extra.picker !== 'location')) {
		spec.integer = true;
		spec.type = 'number';
	}
	if (extra.picker) spec.picker = PICKERS[extra.picker];
	const example = placeholder(api, extra);
	if (example) spec.placeholder = example;
	if (extra.secret) spec.secret = true;
	if (extra.date) {
		spec.meta = { api, date: true };
		spec.check = dateCheck;
	}
	return spec;
}

/** A parameter the API requires. */
export const req = (name: string, api: ApiType, label: string, description?: string, extra: Extra = {}): FieldSpec =>
	field(name, api, label, true, description, extra);

/** A parameter the API treats as optional. */
export const opt = (name: string, api: ApiType, label: string, description?: string, extra: Extra = {}): FieldSpec =>
	field(name, api, label, false, description, extra);

/** The same parameter, optional. */
export const optional = (param: FieldSpec): FieldSpec => ({ ...param, required: false });

/** The API's type of a parameter. */
export const apiType = (param: FieldSpec): ApiType => param.meta?.api as ApiType;

/**
 * How a checked value must change to be what the API declares, for the parameters where the shared
 * conversion is not enough: dates become Unix seconds, numbers the API takes as text become text.
 */
export function apiConversion(param: FieldSpec): ((value: unknown) => unknown) | undefined {
	if (param.meta?.date) return unixSeconds;
	if (apiType(param) === 'str' && param.type === 'number') return String;
	return undefined;
}

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

const ACCESS_TYPES = [
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
	idParam: FieldSpec,
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
export function limits(defaultValue?: number): FieldSpec[] {
	const extra = defaultValue === undefined ? {} : { default: defaultValue };
	return [
		opt('maxMemoryCapacity', 'float', 'Max Memory (GB)', 'Most memory all machines together may use, in GB; -1 for no limit', extra),
		opt('maxVDiskCapacity', 'int', 'Max Disk Capacity (GB)', 'Most virtual disk space all disks together may use, in GB; -1 for no limit', extra),
		opt('maxCPUCapacity', 'int', 'Max CPU Cores', 'Most virtual CPU cores all machines together may use; -1 for no limit', extra),
		opt('maxNetworkPeerTransfer', 'int', 'Max Peering Transfer (GB)', 'Most data sent and received over network peering, in GB; -1 for no limit', extra),
		opt('maxNumPublicIP', 'int', 'Max Public IPs', 'Most public IP addresses that may be assigned; -1 for no limit', extra),
	];
}
