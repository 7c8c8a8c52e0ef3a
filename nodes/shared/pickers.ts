/**
 * Pickers ("From List" of resource locators), provider-neutral: the search text narrows the list (every
 * word must appear in the name or the value, case-insensitive), entries are sorted by name unless their
 * order means something (a tree), and long lists come page by page through n8n's `paginationToken`.
 */
import type { INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

/** Entries per picker page. */
export const PICKER_PAGE = 100;

/** Whether every word of the search text appears in one of the texts. */
export function matchesSearch(filter: string | undefined, ...texts: unknown[]): boolean {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return true;
	const haystack = texts.map((text) => String(text ?? '').toLowerCase()).join(' ');
	return words.every((word) => haystack.includes(word));
}

export interface PickerOptions {
	/** Keep the given order (e.g. a tree, parents before children) instead of sorting by name. */
	keepOrder?: boolean;
	pageSize?: number;
}

/** One page of picker results for the search text, with the token of the next page when there is one. */
export function pickerPage(
	entries: INodeListSearchItems[],
	filter: string | undefined,
	paginationToken: unknown,
	options: PickerOptions = {},
): INodeListSearchResult {
	const matching = entries.filter((entry) => matchesSearch(filter, entry.name, entry.value));
	if (!options.keepOrder) matching.sort((a, b) => a.name.localeCompare(b.name));
	const size = options.pageSize ?? PICKER_PAGE;
	const start = Math.max(0, Number.parseInt(String(paginationToken ?? '0'), 10) || 0);
	const results = matching.slice(start, start + size);
	const next = start + size;
	return next < matching.length ? { results, paginationToken: String(next) } : { results };
}
