/**
 * Pickers ("From List" of resource locators): accounts, cloud spaces, machines, disks, images, sizes,
 * locations and external networks. Lists narrow to what the node already names (machines of the chosen
 * cloud space, disks of the chosen account...) and to the search text. The Cloud API returns whole lists
 * (no paging to guard); the editor gets them a page at a time (`paginationToken`), sorted by name.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from '../shared/pickers';
import { locatorValue } from '../shared/validate';
import { connect, apiRequest, type Connection } from './transport';

type Describe = (record: IDataObject) => INodeListSearchItems;

function asList(result: unknown): IDataObject[] {
	return Array.isArray(result) ? (result.filter((entry) => entry && typeof entry === 'object') as IDataObject[]) : [];
}

/** An ID the node already has, as a top-level field or under Additional Fields (resource locator or plain). */
function currentId(ctx: ILoadOptionsFunctions, name: string): number | undefined {
	let raw: unknown;
	try {
		raw = locatorValue(ctx.getCurrentNodeParameter(name));
	} catch {
		raw = undefined;
	}
	if (raw === undefined || raw === '') {
		const additional = ctx.getCurrentNodeParameter('additionalFields') as IDataObject | undefined;
		raw = locatorValue(additional?.[name]);
	}
	return typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : undefined;
}

/** A list method (they only read: safe to send again after a dropped connection). */
async function list(ctx: ILoadOptionsFunctions, connection: Connection, path: string, params: IDataObject = {}) {
	return asList(await apiRequest(ctx, connection, `cloudapi/${path}`, params, { safe: true }));
}

/** The picker's page of records, described, for the search text. */
const page = (records: IDataObject[], describe: Describe, filter: string | undefined, paginationToken: string | undefined) =>
	pickerPage(records.map(describe), filter, paginationToken);

const byId =
	(label: (record: IDataObject) => string): Describe =>
	(record) => ({ name: label(record), value: String(record.id) });

const named = (record: IDataObject) => String(record.name ?? record.id);

export async function searchAccounts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	return page(await list(this, connection, 'accounts/list'), byId((account) => `${named(account)} (${account.id})`), filter, paginationToken);
}

export async function searchCloudSpaces(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	const accountId = currentId(this, 'accountId');
	const cloudspaces = (await list(this, connection, 'cloudspaces/list')).filter(
		(cloudspace) => accountId === undefined || cloudspace.accountId === undefined || Number(cloudspace.accountId) === accountId,
	);
	return page(cloudspaces, byId((cloudspace) => `${named(cloudspace)} (${String(cloudspace.location ?? cloudspace.id)})`), filter, paginationToken);
}

export async function searchMachines(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	const cloudspaceId = currentId(this, 'cloudspaceId');
	const machines = await list(this, connection, 'machines/list', cloudspaceId === undefined ? {} : { cloudspaceId });
	return page(machines, byId((machine) => `${named(machine)} (${String(machine.status ?? machine.id)})`), filter, paginationToken);
}

export async function searchDisks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	const chosen = currentId(this, 'accountId');
	// disks/list needs an account: the chosen one, or each account the user has (a bounded number of calls).
	const accountIds = chosen !== undefined ? [chosen] : (await list(this, connection, 'accounts/list')).map((account) => Number(account.id));
	const disks: IDataObject[] = [];
	for (const accountId of new Set(accountIds)) disks.push(...(await list(this, connection, 'disks/list', { accountId })));
	return page(disks, byId((disk) => `${named(disk)} (${String(disk.sizeMax ?? '?')} GB)`), filter, paginationToken);
}

export async function searchImages(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	const params: IDataObject = {};
	const accountId = currentId(this, 'accountId');
	const cloudspaceId = currentId(this, 'cloudspaceId');
	if (accountId !== undefined) params.accountId = accountId;
	if (cloudspaceId !== undefined) params.cloudspaceId = cloudspaceId;
	return page(await list(this, connection, 'images/list', params), byId(named), filter, paginationToken);
}

export async function searchSizes(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	const cloudspaceId = currentId(this, 'cloudspaceId');
	const sizes = await list(this, connection, 'sizes/list', cloudspaceId === undefined ? {} : { cloudspaceId });
	const describe = (size: IDataObject) =>
		`${named(size)} (${String(size.memory ?? '?')} MB, ${String(size.vcpus ?? '?')} vCPU)`;
	return page(sizes, byId(describe), filter, paginationToken);
}

export async function searchLocations(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	const describe: Describe = (location) => ({
		name: `${String(location.name ?? location.locationCode)} (grid ${String(location.gid ?? '?')})`,
		value: String(location.locationCode ?? location.name),
	});
	return page(await list(this, connection, 'locations/list'), describe, filter, paginationToken);
}

export async function searchExternalNetworks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	const accountId = currentId(this, 'accountId');
	const networks = await list(this, connection, 'externalnetwork/list', accountId === undefined ? {} : { accountId });
	return page(networks, byId((network) => `${named(network)} (${String(network.network ?? network.id)})`), filter, paginationToken);
}
