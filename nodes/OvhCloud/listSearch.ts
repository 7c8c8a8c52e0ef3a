/**
 * The Operation picker: the chosen family's operations in catalog order, searchable by method, path,
 * description and status (every word must match), 100 per page.
 */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { matchesSearch, pickerPage } from '../shared/pickers';
import { loadFamily, operationKey } from './catalog';
import type { CatalogFamily, CatalogOperation } from './catalog/types';

/** `DEPRECATED, removal 2025-02-01, use /1.0/x` / `BETA`. */
export function statusNote(operation: CatalogOperation): string | undefined {
	if (!operation.s) return undefined;
	if (operation.s !== 'DEPRECATED') return operation.s;
	return ['DEPRECATED', operation.x?.on ? `removal ${operation.x.on}` : '', operation.x?.by ? `use ${operation.x.by}` : '']
		.filter(Boolean)
		.join(', ');
}

const entries = new WeakMap<CatalogFamily, Array<{ entry: INodeListSearchItems; operation: CatalogOperation }>>();

/** The picker entries of a family, made once. */
function familyEntries(family: CatalogFamily) {
	let list = entries.get(family);
	if (!list) {
		list = family.operations.map((operation) => {
			const note = statusNote(operation);
			const key = operationKey(operation);
			return { entry: { name: `${key}${note ? ` [${note}]` : ''}`, value: key, description: operation.d }, operation };
		});
		entries.set(family, list);
	}
	return list;
}

/** One picker page of the chosen family's operations that `keep` accepts. */
async function operationPage(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	keep: (operation: CatalogOperation) => boolean = () => true,
): Promise<INodeListSearchResult> {
	const family = await loadFamily(String(ctx.getCurrentNodeParameter('resource') ?? ''));
	if (!family) return { results: [] };
	const matching = familyEntries(family)
		.filter(({ entry, operation }) => keep(operation) && matchesSearch(filter, entry.value, operation.d, operation.s))
		.map(({ entry }) => entry);
	return pickerPage(matching, undefined, paginationToken, { keepOrder: true });
}

export async function searchOperations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await operationPage(this, filter, paginationToken);
}

/** Whether an operation reads a list (a GET answering `…[]`). */
export const readsList = (operation: CatalogOperation) => operation.m === 'GET' && /\[\]$/.test(operation.r);

/** Whether an operation reads one object or value (a GET answering something else than a list or nothing). */
export const readsObject = (operation: CatalogOperation) => operation.m === 'GET' && !readsList(operation) && operation.r !== 'void';

/** The picker of the GET operations that return a list (the trigger's "New Item in Any List"). */
export async function searchListOperations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await operationPage(this, filter, paginationToken, readsList);
}

/** The picker of the GET operations that return one object (the trigger's "Object Changed"). */
export async function searchObjectOperations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await operationPage(this, filter, paginationToken, readsObject);
}
