/**
 * The one executor: the operation an item asks for (a catalog row, or an Auth Helper operation), its
 * parameters read from the resource mapper, converted by the shared field model and checked (every path
 * value one segment on its route) before any request, the request sent, lists paged and cut to Return All /
 * Limit, and the answer as output items. What is constant per operation is worked out once per run.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { wantedCount } from '../shared/list-limit';
import { convertField } from '../shared/operation-fields';
import { fillPath, type PathValueError } from '../shared/path';
import { noticeOnce, type OperationOutput } from '../shared/runner';
import { ANY_OPERATION, chosenOperationKey } from './actions';
import { AUTH_HELPER_RESOURCE, authHelperOperation } from './authHelper';
import { childParameter, findOperation, loadFamily, returnsIds } from './catalog';
import { fieldType, operationFields, type OvhField } from './catalog/fields';
import type { CatalogFamily, CatalogOperation } from './catalog/types';
import { DOCUMENT_BINARY_FIELD, documentOutput, DOWNLOAD_DOCUMENT } from './documents';
import { cursorPages, fullObjects, type ListRead } from './pagination';
import { apiRequest, type ApiCall, type Connection } from './transport';
import { readWaitSettings, waitForCompletion, type WaitOptions } from './wait';

interface Options extends WaitOptions {
	bodyJson?: unknown;
	pageSize?: number;
	fullObjects?: boolean;
	waitForCompletion?: boolean;
	[DOWNLOAD_DOCUMENT]?: boolean;
	[DOCUMENT_BINARY_FIELD]?: string;
}

/** What a run needs to know of one operation, worked out the first time an item asks for it. */
export interface Prepared {
	family: CatalogFamily;
	operation: CatalogOperation;
	fields: readonly OvhField[];
	/** What an ID of the list stands for (`zoneName` for `GET /domain/zone`). */
	idKey: string;
	/** A v1 GET that lists IDs: can return full objects instead. */
	listsIds: boolean;
	/** A v2 GET paged by `X-Pagination-Cursor`. */
	cursorPaged: boolean;
	/** The notice of a deprecated operation. */
	deprecation?: string;
}

export function prepare(family: CatalogFamily, operation: CatalogOperation): Prepared {
	let deprecation: string | undefined;
	if (operation.s === 'DEPRECATED') {
		const replacement = operation.x?.by ? `; use ${operation.x.by}` : '';
		const removal = operation.x?.on ? ` (removal date ${operation.x.on})` : '';
		deprecation = `${operation.m} ${operation.p} is deprecated${removal}${replacement}`;
	}
	return {
		family,
		operation,
		fields: operationFields(family, operation),
		idKey: childParameter(family, operation) ?? 'value',
		listsIds: returnsIds(operation) && family.branch === 'v1',
		cursorPaged:
			operation.m === 'GET' && (operation.q ?? []).some((param) => param.in === 'header' && param.n.toLowerCase() === 'x-pagination-cursor'),
		deprecation,
	};
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function rawBody(ctx: IExecuteFunctions, options: Options, itemIndex: number): unknown {
	const raw = options.bodyJson;
	if (raw === undefined || raw === null || raw === '') return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw) as unknown;
		} catch {
			throw new NodeOperationError(ctx.getNode(), '"Body (JSON)" must be valid JSON', { itemIndex });
		}
	}
	if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
	return value;
}

/**
 * The call of one operation from the item's values (keyed by field id), and its path values by placeholder.
 * `body`, when given, is merged over the body fields (its keys win), or replaces the body when it is not an object.
 */
function callParts(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	prepared: Prepared,
	values: IDataObject,
	body: unknown,
): { call: ApiCall; pathValues: Record<string, unknown> } {
	const fail = (field: string, problem: string) => new NodeOperationError(ctx.getNode(), `"${field}" ${problem}`, { itemIndex });
	const { operation } = prepared;
	const qs: IDataObject = {};
	const headers: Record<string, string> = {};
	const pathValues: Record<string, unknown> = {};
	let fields: IDataObject | undefined;
	let whole: unknown;
	for (const field of prepared.fields) {
		const raw = values[field.id];
		if (isEmpty(raw) || (Array.isArray(raw) && raw.length === 0 && field.required)) {
			if (field.required && !(field.in === 'body' && body !== undefined)) throw fail(field.displayName, 'is required');
			continue;
		}
		const converted = convertField(field, raw);
		if ('error' in converted) throw fail(field.displayName, converted.error);
		const { value } = converted;
		if (field.in === 'path') pathValues[field.name] = value;
		else if (field.in === 'query') qs[field.name] = value as IDataObject[string];
		else if (field.in === 'header') headers[field.name] = String(value);
		else if (field.name === '') whole = value;
		else (fields ??= {})[field.name] = value as IDataObject[string];
	}
	const label = (name: string) => `${name} (path)`;
	for (const name of operation.p.match(/\{[^}]+\}/g) ?? []) {
		if (pathValues[name.slice(1, -1)] === undefined) throw fail(label(name.slice(1, -1)), 'is required');
	}
	let path: string;
	try {
		path = fillPath(operation.p, pathValues, label);
	} catch (error) {
		// fillPath throws only PathValueError: a value that cannot be one segment, named by its field.
		throw fail((error as PathValueError).field, (error as PathValueError).problem);
	}
	if (body !== undefined) {
		if (body !== null && typeof body === 'object' && !Array.isArray(body) && (fields || whole === undefined)) {
			fields = { ...(fields ?? {}), ...(body as IDataObject) };
		} else {
			fields = undefined;
			whole = body;
		}
	}
	const call: ApiCall = {
		method: operation.m,
		branch: prepared.family.branch,
		path,
		qs,
		headers,
		body: whole ?? fields,
		unauthenticated: operation.na === 1,
		itemIndex,
	};
	return { call, pathValues };
}

/** The call of one operation from the item's values (see callParts). */
export function buildCall(ctx: Pick<IExecuteFunctions, 'getNode'>, itemIndex: number, prepared: Prepared, values: IDataObject, body: unknown): ApiCall {
	return callParts(ctx, itemIndex, prepared, values, body).call;
}

/** One output item per list element; IDs become `{ <placeholder>: id }` so the next node can use them. */
export function toItems(result: unknown, idKey: string): IDataObject[] {
	if (Array.isArray(result)) {
		return result.map((element) =>
			element !== null && typeof element === 'object' && !Array.isArray(element) ? (element as IDataObject) : { [idKey]: element as IDataObject[string] },
		);
	}
	if (result !== null && typeof result === 'object') return [result as IDataObject];
	if (result === undefined || result === null || result === '') return [{ success: true }];
	return [{ value: result as IDataObject[string] }];
}

/** What is wrong with a 2xx answer where OVHcloud's schema documents a value, or undefined. */
function answerProblem(prepared: Prepared, body: unknown, headers: Record<string, string>): string | undefined {
	const { family, operation } = prepared;
	if (operation.r === 'void') return undefined;
	// n8n gives '' both for no body and for the JSON text "": only a JSON answer with some length is the latter.
	if (body === undefined || (body === '' && (!/json/i.test(headers['content-type'] ?? '') || headers['content-length'] === '0'))) {
		return 'no body';
	}
	const expected = fieldType(family, operation.r).type;
	if (typeof body === 'string' && (expected === 'list' || expected === 'object')) return 'an answer that is not JSON';
	return undefined;
}

function listed(ctx: IExecuteFunctions, read: ListRead, idKey: string): IDataObject[] {
	if (read.notice) noticeOnce(ctx, read.notice);
	return toItems(read.items, idKey);
}

/** What the run does for each item, for the chosen resource. */
export function itemOperation(ctx: IExecuteFunctions, session: Connection): (itemIndex: number) => Promise<OperationOutput> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	if (resource === AUTH_HELPER_RESOURCE) return authHelperOperation(ctx, session);
	const family = loadFamily(resource);
	// A panel action names the operation; "Any API Operation" (or a family without actions) uses the picker.
	const operationParameter = ctx.getNodeParameter('operation', 0, ANY_OPERATION) as unknown;
	const prepared = new Map<string, Prepared>();

	const chosen = async (itemIndex: number): Promise<Prepared> => {
		const catalog = await family;
		if (!catalog) throw new NodeOperationError(ctx.getNode(), `"Resource" ${resource} is not an OVHcloud API family`, { itemIndex });
		const key = chosenOperationKey(operationParameter, () => ctx.getNodeParameter('endpoint', itemIndex, '', { extractValue: true }));
		const known = prepared.get(key);
		if (known) return known;
		if (!key.trim()) throw new NodeOperationError(ctx.getNode(), '"API Operation" must not be empty', { itemIndex });
		const operation = findOperation(catalog, key);
		if (!operation) {
			throw new NodeOperationError(ctx.getNode(), `"API Operation" ${key.trim()} is not an operation of ${catalog.root} (${catalog.branch})`, {
				itemIndex,
				description: 'Pick the operation from the list, or enter a method and a path template as the schema writes it, e.g. GET /domain/zone/{zoneName}/record',
			});
		}
		const entry = prepare(catalog, operation);
		prepared.set(key, entry);
		return entry;
	};

	const answer = async (itemIndex: number, entry: Prepared, options: Options): Promise<IDataObject[]> => {
		const { operation } = entry;
		const mapper = ctx.getNodeParameter('parameters', itemIndex, {}) as { value?: IDataObject | null };
		const { call, pathValues } = callParts(ctx, itemIndex, entry, mapper?.value ?? {}, rawBody(ctx, options, itemIndex));
		const waitSettings = options.waitForCompletion && operation.w ? readWaitSettings(ctx, options, itemIndex) : undefined;
		if (options.waitForCompletion && !operation.w) {
			noticeOnce(
				ctx,
				`Wait for Completion applies to operations that start a task, an order or a v2 resource change; ${operation.m} ${operation.p} returns ${operation.r}, so it was ignored`,
			);
		}
		if (entry.deprecation) noticeOnce(ctx, entry.deprecation);
		const limit = wantedCount(ctx, itemIndex);
		const pageSize = Math.max(1, Math.min(50000, Math.trunc(Number(options.pageSize ?? 1000)) || 1000));

		if (options.fullObjects) {
			if (entry.listsIds) return listed(ctx, await fullObjects(ctx, session, call, limit, pageSize), entry.idKey);
			noticeOnce(
				ctx,
				`Return Full Objects applies to GET operations that list IDs; ${operation.m} ${operation.p} returns ${operation.r}, so it was ignored`,
			);
		}
		if (entry.cursorPaged) {
			return listed(ctx, await cursorPages(ctx, session, call, limit, options.pageSize ? pageSize : undefined), entry.idKey);
		}
		const { body, headers } = await apiRequest(ctx, session, call);
		const problem = answerProblem(entry, body, headers);
		if (problem) {
			throw new NodeOperationError(ctx.getNode(), `OVHcloud answered ${operation.m} ${operation.p} with ${problem}`, {
				itemIndex,
				description: `The schema documents ${operation.r} as its answer. The call may have been carried out: check before running it again.`,
			});
		}
		if (waitSettings && operation.w) {
			return await waitForCompletion(ctx, session, {
				operation: `${operation.m} ${operation.p}`,
				branch: entry.family.branch,
				method: operation.m,
				wait: operation.w,
				pathValues,
				answer: body,
				settings: waitSettings,
				itemIndex,
			});
		}
		return toItems(Array.isArray(body) ? body.slice(0, limit) : body, entry.idKey);
	};

	return async (itemIndex) => {
		const entry = await chosen(itemIndex);
		const options = ctx.getNodeParameter('options', itemIndex, {}) as Options;
		const objects = await answer(itemIndex, entry, options);
		if (!options[DOWNLOAD_DOCUMENT]) return objects;
		return await documentOutput(ctx, entry.family, entry.operation, objects, options[DOCUMENT_BINARY_FIELD], itemIndex);
	};
}
