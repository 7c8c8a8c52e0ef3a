/**
 * Lists: OVHcloud's batch mode for v1 collections of IDs (full objects, page by page) and v2's cursor
 * pagination. Both stop as soon as `limit` entries are in hand, and both run under the shared paging guards:
 * a page that repeats what was read (a server that ignores the pagination headers), a cursor that does not
 * change or comes back, or too many pages end the reading with what was read and a notice.
 */
import { collectCursorPages, collectOffsetPages, pagingNotice } from '../shared/paging';
import { apiRequest, type ApiCall, type Context, type Connection } from './transport';

export interface ListRead {
	items: unknown[];
	/** Why reading stopped early, for a notice. */
	notice?: string;
}

const route = (call: ApiCall) => `${call.method} ${call.branch === 'v2' ? '/v2' : ''}${call.path}`;

/**
 * A v1 collection's objects instead of its IDs: `X-Pagination-Mode: CachedObjectList-Pages` with
 * `X-Pagination-Size` and `X-Pagination-Number` (from 1); the total comes in `X-Pagination-Elements`.
 * Costs ceil(n / pageSize) requests for n objects (instead of 1 + n). A server that answers IDs to the batch
 * mode has ignored it: its IDs are returned as they are, with a notice.
 */
export async function fullObjects(
	ctx: Context,
	session: Connection,
	call: ApiCall,
	limit: number,
	pageSize: number,
): Promise<ListRead> {
	const size = Math.max(1, Math.min(pageSize, limit));
	let idsOnly = false;
	const list = await collectOffsetPages<unknown>(
		async (offset) => {
			// Pages are numbered from 1 and always asked for whole: a page that moves nothing on is caught by the guard.
			const response = await apiRequest(ctx, session, {
				...call,
				headers: {
					...(call.headers ?? {}),
					'X-Pagination-Mode': 'CachedObjectList-Pages',
					'X-Pagination-Size': String(size),
					'X-Pagination-Number': String(Math.floor(offset / size) + 1),
				},
			});
			const batch: unknown[] = Array.isArray(response.body) ? response.body : [];
			if (batch.some((entry) => entry === null || typeof entry !== 'object')) {
				idsOnly = true;
				return { items: batch, total: batch.length };
			}
			const total = Number(response.headers['x-pagination-elements']);
			return { items: batch, total: response.headers['x-pagination-elements'] && Number.isFinite(total) ? total : undefined };
		},
		{ wanted: limit, pageSize: size },
	);
	const notice = idsOnly
		? `OVHcloud answered ${route(call)} with IDs, not objects (it ignored X-Pagination-Mode): the IDs are returned`
		: pagingNotice(`the objects of ${route(call)}`, list);
	return { items: list.items, notice };
}

/** A v2 list, following `X-Pagination-Cursor-Next` until there is none or `limit` is reached. */
export async function cursorPages(
	ctx: Context,
	session: Connection,
	call: ApiCall,
	limit: number,
	pageSize?: number,
): Promise<ListRead> {
	let single: unknown;
	const list = await collectCursorPages<unknown>(
		async (cursor) => {
			const headers: Record<string, string> = { ...(call.headers ?? {}) };
			if (pageSize) headers['X-Pagination-Size'] = String(pageSize);
			if (cursor) headers['X-Pagination-Cursor'] = cursor;
			const response = await apiRequest(ctx, session, { ...call, headers });
			if (!Array.isArray(response.body)) {
				single ??= response.body;
				return { items: [] };
			}
			return { items: response.body as unknown[], next: response.headers['x-pagination-cursor-next'] };
		},
		{ wanted: limit },
	);
	if (list.items.length === 0 && single !== undefined) return { items: [single] };
	return { items: list.items, notice: pagingNotice(`the pages of ${route(call)}`, list) };
}
