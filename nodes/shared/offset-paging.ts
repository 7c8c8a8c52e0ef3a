/**
 * Lists served page by page with `offset` and `limit`: fetches pages until `wanted` entries are collected
 * or the list ends, never asking for more than is still wanted. The list ends when a page is empty, when
 * the reported total is reached, or (with no total) when a page comes back shorter than asked. The offset
 * moves by what the server actually returned, so a server that reports its total and caps the page size
 * below what was asked still pages correctly.
 */
export interface OffsetPage<T> {
	items: T[];
	/** The size of the whole list, when the server says. */
	total?: number;
}

export async function collectOffsetPages<T>(
	fetchPage: (offset: number, limit: number) => Promise<OffsetPage<T>>,
	options: { pageSize: number; wanted: number },
): Promise<T[]> {
	const collected: T[] = [];
	let offset = 0;
	while (collected.length < options.wanted) {
		const limit = Math.min(options.pageSize, options.wanted - collected.length);
		const page = await fetchPage(offset, limit);
		collected.push(...page.items);
		offset += page.items.length;
		if (page.items.length === 0) break;
		if (page.total !== undefined ? offset >= page.total : page.items.length < limit) break;
	}
	return collected.slice(0, options.wanted);
}
