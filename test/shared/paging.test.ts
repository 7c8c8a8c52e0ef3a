/** nodes/shared/paging: lists end when they end, and also when a server makes no progress. */
import { collectCursorPages, collectOffsetPages } from '../../nodes/shared/paging';

const list = Array.from({ length: 250 }, (_, index) => ({ id: index }));

test('offset pages stop at the total, at a short page, or when enough are in hand', async () => {
	const asked: Array<[number, number]> = [];
	const result = await collectOffsetPages(
		async (offset, limit) => {
			asked.push([offset, limit]);
			return { items: list.slice(offset, offset + Math.min(limit, 40)), total: list.length };
		},
		{ pageSize: 100, wanted: Infinity },
	);
	expect(result.items).toHaveLength(250);
	expect(result.stopped).toBeUndefined();
	expect(asked[1]).toEqual([40, 100]);
	const limited = await collectOffsetPages(async (offset, limit) => ({ items: list.slice(offset, offset + limit) }), { pageSize: 100, wanted: 120 });
	expect(limited.items).toHaveLength(120);
	expect(limited.pages).toBe(2);
});

test('a server that ignores offset and limit ends the reading after one repeated page, without duplicates', async () => {
	let calls = 0;
	const result = await collectOffsetPages(
		async () => {
			calls++;
			return { items: list, total: 1_000_000 };
		},
		{ pageSize: 100, wanted: Infinity, key: (entry) => String(entry.id) },
	);
	expect(calls).toBe(2);
	expect(result.items).toHaveLength(250);
	expect(result.stopped).toMatch(/repeats entries/);
});

test('cursor pages follow the cursor and stop on a cursor that repeats or a page that brings nothing new', async () => {
	const pages = new Map<string | undefined, { items: typeof list; next?: string }>([
		[undefined, { items: list.slice(0, 100), next: 'b' }],
		['b', { items: list.slice(100, 200), next: 'c' }],
		['c', { items: list.slice(200), next: '' }],
	]);
	expect((await collectCursorPages(async (cursor) => pages.get(cursor)!, { wanted: Infinity })).items).toHaveLength(250);

	let calls = 0;
	const stuck = await collectCursorPages(async () => ({ items: list.slice(0, 10), next: `same` }), { wanted: Infinity });
	expect(stuck.stopped).toMatch(/cursor/);
	expect(stuck.items).toHaveLength(10);
	const ignored = await collectCursorPages(
		async () => ({ items: list.slice(0, 10), next: String(++calls) }),
		{ wanted: Infinity },
	);
	expect(ignored.stopped).toMatch(/repeats entries/);
	expect(calls).toBe(2);
});

test('the page bound stops a list that never ends', async () => {
	let n = 0;
	const endless = await collectCursorPages(async () => ({ items: [{ id: n }], next: String(++n) }), { wanted: Infinity, maxPages: 50 });
	expect(endless.pages).toBe(50);
	expect(endless.stopped).toMatch(/50 pages/);
});
