/**
 * Pickers ("From List" of resource locators): accounts, cloud spaces, machines, disks, images, sizes,
 * locations and external networks. Lists narrow to what the node already names (machines of the chosen
 * cloud space, disks of the chosen account...) and to the search text.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { openVCloudConnection, ovcCall, type Connection } from './transport';

type Describe = (record: IDataObject) => INodeListSearchItems;

function asList(result: unknown): IDataObject[] {
	return Array.isArray(result) ? (result.filter((entry) => entry && typeof entry === 'object') as IDataObject[]) : [];
}

function narrowed(records: IDataObject[], describe: Describe, filter?: string): INodeListSearchResult {
	const text = filter?.trim().toLowerCase();
	const results = records
		.map(describe)
		.filter((result) => !text || `${result.name} ${result.value}`.toLowerCase().includes(text))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** An ID the node already has, as a top-level field or under Additional Fields (resource locator or plain). */
function currentId(ctx: ILoadOptionsFunctions, name: string): number | undefined {
	const plain = (value: unknown): unknown =>
		value && typeof value === 'object' && '__rl' in (value as IDataObject) ? (value as IDataObject).value : value;
	let raw: unknown;
	try {
		raw = plain(ctx.getCurrentNodeParameter(name));
	} catch {
		raw = undefined;
	}
	if (raw === undefined || raw === '') {
		const additional = ctx.getCurrentNodeParameter('additionalFields') as IDataObject | undefined;
		raw = plain(additional?.[name]);
	}
	const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
	return id;
}

async function list(ctx: ILoadOptionsFunctions, connection: Connection, path: string, params: IDataObject = {}) {
	return asList(await ovcCall(ctx, connection, `cloudapi/${path}`, params));
}

const byId =
	(label: (record: IDataObject) => string): Describe =>
	(record) => ({ name: label(record), value: String(record.id) });

const named = (record: IDataObject) => String(record.name ?? record.id);

export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openVCloudConnection(this);
	return narrowed(await list(this, connection, 'accounts/list'), byId((account) => `${named(account)} (${account.id})`), filter);
}

export async function searchCloudSpaces(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openVCloudConnection(this);
	const accountId = currentId(this, 'accountId');
	const cloudspaces = (await list(this, connection, 'cloudspaces/list')).filter(
		(cloudspace) => accountId === undefined || cloudspace.accountId === undefined || Number(cloudspace.accountId) === accountId,
	);
	return narrowed(cloudspaces, byId((cloudspace) => `${named(cloudspace)} (${String(cloudspace.location ?? cloudspace.id)})`), filter);
}

export async function searchMachines(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openVCloudConnection(this);
	const cloudspaceId = currentId(this, 'cloudspaceId');
	const machines = await list(this, connection, 'machines/list', cloudspaceId === undefined ? {} : { cloudspaceId });
	return narrowed(machines, byId((machine) => `${named(machine)} (${String(machine.status ?? machine.id)})`), filter);
}

export async function searchDisks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openVCloudConnection(this);
	const chosen = currentId(this, 'accountId');
	// disks/list needs an account: the chosen one, or each account the user has.
	const accountIds = chosen !== undefined ? [chosen] : (await list(this, connection, 'accounts/list')).map((account) => Number(account.id));
	const disks: IDataObject[] = [];
	for (const accountId of accountIds) disks.push(...(await list(this, connection, 'disks/list', { accountId })));
	return narrowed(disks, byId((disk) => `${named(disk)} (${String(disk.sizeMax ?? '?')} GB)`), filter);
}

export async function searchImages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openVCloudConnection(this);
	const params: IDataObject = {};
	const accountId = currentId(this, 'accountId');
	const cloudspaceId = currentId(this, 'cloudspaceId');
	if (accountId !== undefined) params.accountId = accountId;
	if (cloudspaceId !== undefined) params.cloudspaceId = cloudspaceId;
	return narrowed(await list(this, connection, 'images/list', params), byId(named), filter);
}

export async function searchSizes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openVCloudConnection(this);
	const cloudspaceId = currentId(this, 'cloudspaceId');
	const sizes = await list(this, connection, 'sizes/list', cloudspaceId === undefined ? {} : { cloudspaceId });
	const describe = (size: IDataObject) =>
		`${named(size)} (${String(size.memory ?? '?')} MB, ${String(size.vcpus ?? '?')} vCPU)`;
	return narrowed(sizes, byId(describe), filter);
}

export async function searchLocations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openVCloudConnection(this);
	const describe: Describe = (location) => ({
		name: `${String(location.name ?? location.locationCode)} (grid ${String(location.gid ?? '?')})`,
		value: String(location.locationCode ?? location.name),
	});
	return narrowed(await list(this, connection, 'locations/list'), describe, filter);
}

export async function searchExternalNetworks(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openVCloudConnection(this);
	const accountId = currentId(this, 'accountId');
	const networks = await list(this, connection, 'externalnetwork/list', accountId === undefined ? {} : { accountId });
	return narrowed(networks, byId((network) => `${named(network)} (${String(network.network ?? network.id)})`), filter);
}
