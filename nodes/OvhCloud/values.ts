/**
 * An item's parameter values for one operation, checked and converted to the schema's types before any
 * request: the error names the field as the editor shows it (`zoneName (path)`).
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { encodeStrict } from './endpoints';
import { fieldLabel, type OperationField } from './fields';

export interface BuiltRequest {
	/** The path with its placeholders filled, each value encoded as one segment. */
	path: string;
	qs: IDataObject;
	headers: Record<string, string>;
	body?: unknown;
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function parseJson(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) as unknown };
	} catch {
		return undefined;
	}
}

type Converted = { value: unknown } | { error: string };

/** One value converted to the field's kind, or what is wrong with it. */
export function convertValue(entry: OperationField, raw: unknown): Converted {
	switch (entry.kind) {
		case 'integer':
		case 'number': {
			const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
			if (!Number.isFinite(number)) return { error: `must be a number (got "${String(raw)}")` };
			if (entry.kind === 'integer' && !Number.isInteger(number)) return { error: `must be a whole number (got "${String(raw)}")` };
			return { value: number };
		}
		case 'boolean':
			if (typeof raw === 'boolean') return { value: raw };
			if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
			return { error: `must be true or false (got "${String(raw)}")` };
		case 'options': {
			const match = entry.values?.find((value) => String(value) === String(raw).trim());
			if (match === undefined) return { error: `must be one of ${entry.values?.join(', ')} (got "${String(raw)}")` };
			return { value: match };
		}
		case 'dateTime': {
			const value = raw as { toISO?: () => string };
			if (raw instanceof Date) return { value: raw.toISOString() };
			if (typeof value?.toISO === 'function') return { value: value.toISO() };
			return { value: String(raw).trim() };
		}
		case 'array': {
			if (Array.isArray(raw)) return { value: raw };
			if (typeof raw !== 'string') return { value: [raw] };
			const text = raw.trim();
			if (!text.startsWith('[')) return { value: text.split(',').map((part) => part.trim()).filter(Boolean) };
			const parsed = parseJson(text);
			return parsed && Array.isArray(parsed.value) ? parsed : { error: 'must be a JSON array or values separated by commas' };
		}
		case 'object': {
			if (typeof raw !== 'string') return typeof raw === 'object' ? { value: raw } : { error: 'must be a JSON object' };
			const parsed = parseJson(raw.trim());
			return parsed && parsed.value !== null && typeof parsed.value === 'object' ? parsed : { error: 'must be a JSON object' };
		}
		default:
			return { value: typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw) };
	}
}

/**
 * The request of one operation from the item's values (keyed by field id). `rawBody`, when given, is merged
 * over the body fields (its keys win), or replaces the body when it is not an object.
 */
export function buildRequest(
	node: INode,
	itemIndex: number,
	pathTemplate: string,
	fields: OperationField[],
	values: IDataObject,
	rawBody?: unknown,
): BuiltRequest {
	const fail = (field: string, problem: string) => new NodeOperationError(node, `"${field}" ${problem}`, { itemIndex });
	const request: BuiltRequest = { path: pathTemplate, qs: {}, headers: {} };
	const pathValues: Record<string, string> = {};
	let body: IDataObject | undefined;
	let wholeBody: unknown;
	for (const entry of fields) {
		const raw = values[entry.id];
		if (isEmpty(raw) || (Array.isArray(raw) && raw.length === 0 && entry.required)) {
			if (entry.required && !(entry.in === 'body' && rawBody !== undefined)) {
				throw fail(fieldLabel(entry), 'is required');
			}
			continue;
		}
		const converted = convertValue(entry, raw);
		if ('error' in converted) throw fail(fieldLabel(entry), converted.error);
		const { value } = converted;
		switch (entry.in) {
			case 'path':
				pathValues[entry.name] = String(value).trim();
				break;
			case 'query':
				request.qs[entry.name] = value as IDataObject[string];
				break;
			case 'header':
				request.headers[entry.name] = String(value);
				break;
			default:
				if (entry.name === '') wholeBody = value;
				else (body ??= {})[entry.name] = value as IDataObject[string];
		}
	}
	request.path = pathTemplate.replace(/\{([^}]+)\}/g, (_match, name: string) => {
		const value = pathValues[name];
		if (value === undefined || value === '') throw fail(`${name} (path)`, 'is required');
		return encodeStrict(value);
	});
	if (rawBody !== undefined) {
		if (rawBody !== null && typeof rawBody === 'object' && !Array.isArray(rawBody) && (body || wholeBody === undefined)) {
			body = { ...(body ?? {}), ...(rawBody as IDataObject) };
		} else {
			body = undefined;
			wholeBody = rawBody;
		}
	}
	request.body = wholeBody ?? body;
	return request;
}
