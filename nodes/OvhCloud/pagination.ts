/**
 * Lists: OVHcloud's batch mode for v1 collections of IDs (full objects, page by page) and v2's cursor
 * pagination. Both stop as soon as `limit` items are in hand.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { ovhRequest, type OvhCall, type OvhSession } from './transport';

/**
 * A v1 collection's objects instead of its IDs: `X-Pagination-Mode: CachedObjectList-Pages` with
 * `X-Pagination-Size` and `X-Pagination-Number` (from 1); the total comes in `X-Pagination-Elements`.
 * Costs ceil(n / pageSize) requests for n objects (instead of 1 + n).
 */
export async function fullObjects(
	ctx: IExecuteFunctions,
	session: OvhSession,
	call: OvhCall,
	limit: number,
	pageSize: number,
): Promise<unknown[]> {
	const size = Math.max(1, Math.min(pageSize, limit));
	const objects: unknown[] = [];
	for (let page = 1; objects.length < limit; page++) {
		const response = await ovhRequest(ctx, session, {
			...call,
			headers: {
				...(call.headers ?? {}),
				'X-Pagination-Mode': 'CachedObjectList-Pages',
				'X-Pagination-Size': String(size),
				'X-Pagination-Number': String(page),
			},
		});
		const batch = Array.isArray(response.body) ? response.body : [];
		objects.push(...batch);
		const total = Number(response.headers['x-pagination-elements']);
		if (batch.length < size || (Number.isFinite(total) && page * size >= total)) break;
	}
	return objects.slice(0, limit);
}

/** A v2 list, following `X-Pagination-Cursor-Next` until there is none or `limit` is reached. */
export async function cursorPages(
	ctx: IExecuteFunctions,
	session: OvhSession,
	call: OvhCall,
	limit: number,
	pageSize?: number,
): Promise<unknown[]> {
	const items: unknown[] = [];
	let cursor: string | undefined;
	do {
		const headers: Record<string, string> = { ...(call.headers ?? {}) };
		if (pageSize) headers['X-Pagination-Size'] = String(pageSize);
		if (cursor) headers['X-Pagination-Cursor'] = cursor;
		const response = await ovhRequest(ctx, session, { ...call, headers });
		if (!Array.isArray(response.body)) return items.length ? items : [response.body];
		items.push(...response.body);
		cursor = response.headers['x-pagination-cursor-next'] || undefined;
	} while (cursor && items.length < limit);
	return items.slice(0, limit);
}
