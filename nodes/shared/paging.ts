/**
 * Reading lists page by page, provider-neutral, with progress guards so that no loop runs forever: a page
 * that repeats what was already read, a cursor that does not change or comes back, a server that ignores
 * `offset`/`limit` or the pagination headers and returns the whole list every time, all end the reading.
 * What was read is returned de-duplicated, with a notice saying why reading stopped early.
 */
import { createHash } from 'node:crypto';

export interface Page<T> {
	items: T[];
	/** The size of the whole list, when the server says. */
	total?: number;
	/** The cursor of the next page (cursor paging); empty or absent at the end. */
	next?: string;
}

export interface PagingOptions<T> {
	/** How many entries are wanted (Infinity for all). */
	wanted: number;
	/** A stable key of an entry (its ID); default: a hash of its JSON. */
	key?: (entry: T) => string;
	/** Most pages read in one go (default 10,000). */
	maxPages?: number;
}

export interface PagedList<T> {
	items: T[];
	/** Why reading stopped before the list said it ended, for a notice; undefined when it ended normally. */
	stopped?: string;
	pages: number;
}

export const MAX_PAGES = 10_000;

function fingerprint(entry: unknown): string {
	return createHash('sha1').update(JSON.stringify(entry) ?? 'undefined').digest('base64');
}

/** Collects entries, dropping those seen before; says whether a page brought anything new. */
class Collector<T> {
	readonly items: T[] = [];

	private readonly seen = new Set<string>();

	constructor(private readonly key: (entry: T) => string) {}

	/** Adds a page; returns how many of its entries were new. */
	add(entries: T[]): number {
		let added = 0;
		for (const entry of entries) {
			const key = this.key(entry);
			if (this.seen.has(key)) continue;
			this.seen.add(key);
			this.items.push(entry);
			added++;
		}
		return added;
	}
}

/**
 * A list served with `offset` and `limit`: pages are read until `wanted` entries are in hand or the list
 * ends, never asking for more than is still wanted. The list ends when a page is empty, when the reported
 * total is reached, or (with no total) when a page is shorter than asked. The offset moves by what the server
 * returned, so a server that caps the page size below what was asked still pages correctly.
 */
export async function collectOffsetPages<T>(
	fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
	options: PagingOptions<T> & { pageSize: number },
): Promise<PagedList<T>> {
	const collector = new Collector<T>(options.key ?? fingerprint);
	const maxPages = options.maxPages ?? MAX_PAGES;
	let offset = 0;
	let pages = 0;
	while (collector.items.length < options.wanted) {
		if (pages >= maxPages) return done(collector, options.wanted, pages, `stopped after ${pages} pages`);
		const limit = Math.min(options.pageSize, options.wanted - collector.items.length);
		const page = await fetchPage(offset, limit);
		pages++;
		if (page.items.length === 0) break;
		const added = collector.add(page.items);
		if (added === 0) return done(collector, options.wanted, pages, 'the server returned a page that repeats entries already read (it ignores the paging parameters)');
		offset += page.items.length;
		if (page.total !== undefined ? offset >= page.total : page.items.length < limit) break;
	}
	return done(collector, options.wanted, pages);
}

/** A list served with cursors: pages are read while the server names a next cursor that is new. */
export async function collectCursorPages<T>(
	fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
	options: PagingOptions<T>,
): Promise<PagedList<T>> {
	const collector = new Collector<T>(options.key ?? fingerprint);
	const maxPages = options.maxPages ?? MAX_PAGES;
	const cursors = new Set<string>();
	let cursor: string | undefined;
	let pages = 0;
	while (collector.items.length < options.wanted) {
		if (pages >= maxPages) return done(collector, options.wanted, pages, `stopped after ${pages} pages`);
		const page = await fetchPage(cursor);
		pages++;
		const added = collector.add(page.items);
		const next = page.next?.trim() || undefined;
		if (!next) break;
		if (cursors.has(next) || next === cursor) return done(collector, options.wanted, pages, 'the server sent a page cursor it had sent before');
		if (added === 0 && page.items.length > 0) {
			return done(collector, options.wanted, pages, 'the server returned a page that repeats entries already read (it ignores the page cursor)');
		}
		cursors.add(next);
		cursor = next;
	}
	return done(collector, options.wanted, pages);
}

function done<T>(collector: Collector<T>, wanted: number, pages: number, stopped?: string): PagedList<T> {
	return { items: collector.items.length > wanted ? collector.items.slice(0, wanted) : collector.items, pages, stopped };
}

/** The notice text for a list whose reading stopped early. */
export function pagingNotice(what: string, list: PagedList<unknown>): string | undefined {
	return list.stopped ? `Reading ${what} stopped early: ${list.stopped}. The ${list.items.length} entries read are returned, without duplicates.` : undefined;
}
