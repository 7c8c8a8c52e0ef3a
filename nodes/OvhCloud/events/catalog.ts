/**
 * The two events over the whole catalog, with the operation picked and filled in as in the action node (the
 * same family list, picker, parameters and request building): New Item in Any List (a GET that returns a list;
 * its elements compared with the last poll by ID) and Object Changed (a GET that returns one object or value;
 * the object, or chosen fields of it, compared with the last poll).
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { diffSnapshot, shortHash, type ObjectState, type TriggerMemory } from '../../shared/trigger';
import { findOperation, loadFamily, operationKey } from '../catalog';
import { buildCall, prepare, toItems, type Prepared } from '../execute';
import { readsList, readsObject } from '../listSearch';
import { apiRequest, type ApiCall } from '../transport';
import type { TriggerEvent } from './account';
import { EVENTS } from './description';
import { commaList, eachInParallel, isObject, listElements, readOne } from './reading';

const FRESH: TriggerMemory = { seen: [] };

/** The longest text of watched values remembered as it is; a longer one is remembered as a fingerprint. */
export const MAX_WATCHED_TEXT = 64 * 1024;

/** The operation the trigger is set to, checked to be of the right kind, and its call built from the parameters. */
async function chosenOperation(ctx: IPollFunctions, kind: 'list' | 'object'): Promise<{ prepared: Prepared; call: ApiCall; route: string }> {
	const fail = (message: string, description?: string) => new NodeOperationError(ctx.getNode(), message, { description });
	const value = String(ctx.getNodeParameter('resource', ''));
	const family = await loadFamily(value);
	if (!family) throw fail(`"Resource" ${value} is not an OVHcloud API family`);
	const key = String(ctx.getNodeParameter('endpoint', '', { extractValue: true }) ?? '').trim();
	if (!key) throw fail('"Operation" must not be empty');
	const operation = findOperation(family, key);
	if (!operation) throw fail(`"Operation" ${key} is not an operation of ${family.root} (${family.branch})`);
	const route = operationKey(operation);
	if (kind === 'list' && !readsList(operation)) throw fail(`"Operation" ${route} does not return a list`, 'New Item in Any List watches a GET operation that returns a list (its type ends with []).');
	if (kind === 'object' && !readsObject(operation)) {
		throw fail(`"Operation" ${route} does not return one object`, 'Object Changed watches a GET operation that returns one object or value; for a list, use New Item in Any List.');
	}
	const prepared = prepare(family, operation);
	const mapper = ctx.getNodeParameter('parameters', {}) as { value?: IDataObject | null };
	return { prepared, call: buildCall(ctx, 0, prepared, mapper?.value ?? {}, undefined), route };
}

/** The stable ID of a list element: the element itself (an ID), or an object's ID field, or a fingerprint. */
function identity(element: unknown, idKey: string): string {
	if (!isObject(element)) return String(element);
	for (const field of ['id', idKey, 'uuid', 'name']) {
		const value = element[field];
		if (typeof value === 'string' || typeof value === 'number') return String(value);
	}
	return `#${shortHash(element)}`;
}

const newListItem: TriggerEvent = {
	keyParameters: ['event', 'resource', 'endpoint', 'parameters'],
	async poll({ ctx, session, memory, manual }) {
		const { prepared, call, route } = await chosenOperation(ctx, 'list');
		const elements = await listElements(ctx, session, call, prepared.cursorPaged);
		if (!elements) throw new NodeOperationError(ctx.getNode(), `OVHcloud answered ${route} with something else than a list`);
		const full = ctx.getNodeParameter('includeFullObjects', false) === true;
		if (full && elements.some((element) => !isObject(element)) && !findOperation(prepared.family, `GET ${prepared.operation.p}/{${prepared.idKey}}`)) {
			throw new NodeOperationError(ctx.getNode(), `"Include Full Objects" needs an operation GET ${prepared.operation.p}/{id}, which the catalog does not have`);
		}
		const entries = elements.map((element): ObjectState & { element: unknown } => ({
			id: identity(element, prepared.idKey),
			state: '',
			item: { json: toItems([element], prepared.idKey)[0] },
			element,
		}));
		// Oldest first: IDs in their order when all are numbers, else the list's own order.
		if (entries.every((entry) => /^\d{1,15}$/.test(entry.id))) entries.sort((a, b) => Number(a.id) - Number(b.id));
		const emit = async (entry: (typeof entries)[number]) => {
			const json = full && !isObject(entry.element) ? await readOne(ctx, session, call.path, entry.element, prepared.idKey) : entry.item.json;
			return { json: { event: EVENTS.newListItem, ...json } };
		};
		if (manual) return { items: entries.length ? [await emit(entries[entries.length - 1])] : [], memory: FRESH };
		const diff = diffSnapshot(memory ?? FRESH, entries);
		if (!memory) return { items: [], memory: diff.memory };
		// With Include Full Objects, the new IDs' objects are read PARALLEL at a time, emitted in the list's order.
		const items = await eachInParallel(diff.created as typeof entries, emit);
		return { items, memory: diff.memory };
	},
};

/** The value at a dotted path (`billing.expirationDate`), or undefined. */
function valueAt(object: IDataObject, path: string): unknown {
	let value: unknown = object;
	for (const part of path.split('.')) value = isObject(value) ? value[part] : undefined;
	return value;
}

/** Every leaf of an object by its dotted path; lists and empty objects are leaves. */
function flatten(object: IDataObject, prefix = '', into: IDataObject = {}): IDataObject {
	for (const [key, value] of Object.entries(object)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (isObject(value) && Object.keys(value).length) flatten(value, path, into);
		else into[path] = value as IDataObject[string];
	}
	return into;
}

const objectChanged: TriggerEvent = {
	keyParameters: ['event', 'resource', 'endpoint', 'parameters', 'watchFields'],
	async poll({ ctx, session, memory, manual }) {
		const { call, route } = await chosenOperation(ctx, 'object');
		const { body } = await apiRequest(ctx, session, call);
		const object = isObject(body) ? body : { value: body as IDataObject[string] };
		const fields = commaList(ctx.getNodeParameter('watchFields', ''));
		const watched: IDataObject = fields.length ? Object.fromEntries(fields.map((field) => [field, (valueAt(object, field) ?? null) as IDataObject[string]])) : flatten(object);
		const base = { event: EVENTS.objectChanged, operation: route, path: `${call.branch === 'v2' ? '/v2' : ''}${call.path}` };
		if (manual) return { items: [{ json: { ...base, changes: [], previous: null, current: watched, object } }], memory: FRESH };
		const text = JSON.stringify(watched);
		const state = text.length <= MAX_WATCHED_TEXT ? text : `#${shortHash(watched)}`;
		const diff = diffSnapshot(memory ?? FRESH, [{ id: 'object', state, item: { json: object } }]);
		if (!memory || diff.changed.length === 0) return { items: [], memory: diff.memory };
		const before = diff.changed[0].previous.startsWith('#') ? undefined : (JSON.parse(diff.changed[0].previous) as IDataObject);
		const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(watched)])];
		const differs = (key: string) => JSON.stringify(before?.[key] ?? null) !== JSON.stringify(watched[key] ?? null);
		const changes = before ? keys.filter(differs).map((field) => ({ field, previous: before[field] ?? null, current: watched[field] ?? null })) : [];
		const pick = (values: IDataObject | undefined) => (values ? Object.fromEntries(changes.map(({ field }) => [field, values[field] ?? null])) : null);
		return { items: [{ json: { ...base, changes, previous: pick(before), current: pick(watched) ?? {}, object } }], memory: diff.memory };
	},
};

export const CATALOG_EVENTS: Record<string, TriggerEvent> = {
	[EVENTS.newListItem]: newListItem,
	[EVENTS.objectChanged]: objectChanged,
};
