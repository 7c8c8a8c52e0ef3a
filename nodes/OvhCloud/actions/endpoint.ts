/**
 * Runs any catalog operation for one item: the operation chosen in the editor, its parameters read from
 * the resource mapper and checked against the schema, lists paged and cut to Return All / Limit.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { childParameter, findOperation, loadFamily, returnsIds } from '../catalog/load';
import type { CatalogFamily, CatalogOperation } from '../catalog/types';
import { operationFields } from '../fields';
import { cursorPages, fullObjects } from '../pagination';
import { ovhRequest, type OvhCall, type OvhSession } from '../transport';
import { buildRequest } from '../values';
import { wantedCount } from '../../shared/list-limit';

interface Options {
	bodyJson?: unknown;
	pageSize?: number;
	fullObjects?: boolean;
}

/** Notices already shown in a run (one per text, however many items). */
const shown = new WeakMap<IExecuteFunctions, Set<string>>();

function notice(ctx: IExecuteFunctions, message: string) {
	const seen = shown.get(ctx) ?? new Set<string>();
	shown.set(ctx, seen);
	if (seen.has(message)) return;
	seen.add(message);
	ctx.addExecutionHints({ message, location: 'outputPane' });
}

/** The family and operation an item asks for, or an error naming the field. */
export async function chosenOperation(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Promise<{ family: CatalogFamily; operation: CatalogOperation; branch: 'v1' | 'v2' }> {
	const resource = ctx.getNodeParameter('resource', itemIndex) as string;
	const family = await loadFamily(resource);
	if (!family) throw new NodeOperationError(ctx.getNode(), `"Resource" ${resource} is not an OVHcloud API family`, { itemIndex });
	const key = String(ctx.getNodeParameter('endpoint', itemIndex, '', { extractValue: true }) ?? '');
	if (!key.trim()) throw new NodeOperationError(ctx.getNode(), '"Operation" must not be empty', { itemIndex });
	const operation = findOperation(family, key);
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `"Operation" ${key.trim()} is not an operation of ${family.root} (${family.branch})`, {
			itemIndex,
			description: 'Pick the operation from the list, or enter a method and a path template as the schema writes it, e.g. GET /domain/zone/{zoneName}/record',
		});
	}
	return { family, operation, branch: family.branch };
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

/** One output item per list element; IDs become `{ <placeholder>: id }` so the next node can use them. */
function toItems(result: unknown, idKey: string): IDataObject[] {
	if (Array.isArray(result)) {
		return result.map((element) =>
			element !== null && typeof element === 'object' && !Array.isArray(element) ? (element as IDataObject) : { [idKey]: element as IDataObject[string] },
		);
	}
	if (result !== null && typeof result === 'object') return [result as IDataObject];
	if (result === undefined || result === null || result === '') return [{ success: true }];
	return [{ value: result as IDataObject[string] }];
}

export async function runEndpoint(ctx: IExecuteFunctions, session: OvhSession, itemIndex: number): Promise<IDataObject[]> {
	const { family, operation, branch } = await chosenOperation(ctx, itemIndex);
	const fields = operationFields(family, operation);
	const mapper = ctx.getNodeParameter('parameters', itemIndex, {}) as { value?: IDataObject | null };
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Options;
	const built = buildRequest(ctx.getNode(), itemIndex, operation.p, fields, mapper?.value ?? {}, rawBody(ctx, options, itemIndex));
	if (operation.s === 'DEPRECATED') {
		const replacement = operation.x?.by ? `; use ${operation.x.by}` : '';
		const removal = operation.x?.on ? ` (removal date ${operation.x.on})` : '';
		notice(ctx, `${operation.m} ${operation.p} is deprecated${removal}${replacement}`);
	}
	const call: OvhCall = {
		method: operation.m,
		branch,
		path: built.path,
		qs: built.qs,
		headers: built.headers,
		body: built.body,
		unauthenticated: operation.na === 1,
		itemIndex,
	};
	const limit = wantedCount(ctx, itemIndex);
	const pageSize = Math.max(1, Math.min(50000, Math.trunc(Number(options.pageSize ?? 1000)) || 1000));
	const idKey = childParameter(family, operation) ?? 'value';

	if (options.fullObjects) {
		if (returnsIds(operation) && branch === 'v1') return toItems(await fullObjects(ctx, session, call, limit, pageSize), idKey);
		notice(ctx, `Return Full Objects applies to GET operations that list IDs; ${operation.m} ${operation.p} returns ${operation.r}, so it was ignored`);
	}
	const cursorPaged = operation.m === 'GET' && (operation.q ?? []).some((param) => param.in === 'header' && param.n.toLowerCase() === 'x-pagination-cursor');
	if (cursorPaged) {
		return toItems(await cursorPages(ctx, session, call, limit, options.pageSize ? pageSize : undefined), idKey);
	}
	const { body } = await ovhRequest(ctx, session, call);
	return toItems(Array.isArray(body) ? body.slice(0, limit) : body, idKey);
}
