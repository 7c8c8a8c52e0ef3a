/**
 * What the trigger's events share: reading a v1 collection as objects (batch mode, or one GET per ID when the
 * server ignores it), a v1 or v2 list as elements, dates and IDs in order.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { pathSegment } from '../../shared/path';
import { mapInParallel } from '../../shared/trigger';
import { cursorPages, fullObjects } from '../pagination';
import { apiRequest, type ApiCall, type Connection } from '../transport';

/** Objects asked for per request in batch mode. */
export const BATCH_PAGE = 1000;

/**
 * Reads of one poll that do not depend on each other (each new object, each order's status, each PDF) go this
 * many at a time, in the objects' order; the first failure fails the poll (nothing is stored).
 */
export const PARALLEL = 8;

/** `read` for each entry, PARALLEL at a time, the results in the entries' order. */
export const eachInParallel = async <T, R>(entries: readonly T[], read: (entry: T) => Promise<R>): Promise<R[]> =>
	await mapInParallel(entries, PARALLEL, read);

export const DAY_MS = 86_400_000;

export const isObject = (value: unknown): value is IDataObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A v1 GET on `path` (a catalog path, values already in it). */
export const v1Get = (path: string, qs?: IDataObject): ApiCall => ({ method: 'GET', branch: 'v1', path, qs });

/** One object: `GET <collection>/<id>`. */
export async function readOne(ctx: IPollFunctions, session: Connection, collection: string, id: unknown, name: string): Promise<IDataObject> {
	const { body } = await apiRequest(ctx, session, v1Get(`${collection}/${pathSegment(id, name)}`));
	return isObject(body) ? body : { [name]: id as IDataObject[string], value: body as IDataObject[string] };
}

/**
 * A v1 collection's objects with OVHcloud's batch mode (ceil(n / 1000) requests); a server that answers IDs
 * to it gets one GET per ID instead.
 */
export async function collectionObjects(ctx: IPollFunctions, session: Connection, call: ApiCall, name: string): Promise<IDataObject[]> {
	const read = await fullObjects(ctx, session, call, Infinity, BATCH_PAGE);
	return await eachInParallel(read.items, async (entry) => (isObject(entry) ? entry : await readOne(ctx, session, call.path, entry, name)));
}

/** The elements of a list: a v1 answer as it is, a v2 list followed page by page. */
export async function listElements(ctx: IPollFunctions, session: Connection, call: ApiCall, cursorPaged: boolean, limit = Infinity): Promise<unknown[] | undefined> {
	if (cursorPaged) return (await cursorPages(ctx, session, call, limit)).items;
	const { body } = await apiRequest(ctx, session, call);
	return Array.isArray(body) ? body : undefined;
}

/** Milliseconds of an ISO date field, or undefined. */
export function timeOf(value: unknown): number | undefined {
	const time = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isFinite(time) ? time : undefined;
}

/** The newest of some objects by a time field. */
export function newest<T extends IDataObject>(objects: T[], field: string): T | undefined {
	return objects.reduce<T | undefined>((best, object) => ((timeOf(object[field]) ?? -Infinity) > (timeOf(best?.[field]) ?? -Infinity) ? object : best), undefined);
}

/** A comma-separated text as its trimmed, non-empty parts. */
export function commaList(raw: unknown): string[] {
	return String(raw ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}
