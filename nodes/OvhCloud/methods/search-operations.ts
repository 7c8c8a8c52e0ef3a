/** The Operation picker: the chosen family's operations, searchable by method, path, description and status. */
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { loadFamily, operationKey } from '../catalog/load';
import type { CatalogOperation } from '../catalog/types';

const PAGE = 100;

/** `DEPRECATED, removed 2025-02-01, use /1.0/x` / `BETA`. */
export function statusNote(operation: CatalogOperation): string | undefined {
	if (!operation.s) return undefined;
	if (operation.s !== 'DEPRECATED') return operation.s;
	return ['DEPRECATED', operation.x?.on ? `removal ${operation.x.on}` : '', operation.x?.by ? `use ${operation.x.by}` : '']
		.filter(Boolean)
		.join(', ');
}

export function operationEntry(operation: CatalogOperation): INodeListSearchItems {
	const note = statusNote(operation);
	const key = operationKey(operation);
	return {
		name: `${key}${note ? ` [${note}]` : ''}`,
		value: key,
		description: operation.d,
	};
}

export async function searchOperations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const family = await loadFamily(String(this.getCurrentNodeParameter('resource') ?? ''));
	if (!family) return { results: [] };
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	const matches = family.operations.filter((operation) => {
		if (!words.length) return true;
		const text = `${operationKey(operation)} ${operation.d ?? ''} ${operation.s ?? ''}`.toLowerCase();
		return words.every((word) => text.includes(word));
	});
	const start = Number(paginationToken) || 0;
	const results = matches.slice(start, start + PAGE).map(operationEntry);
	return { results, paginationToken: start + PAGE < matches.length ? String(start + PAGE) : undefined };
}
