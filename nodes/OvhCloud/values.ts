/**
 * An item's parameter values for one operation, checked and converted to the schema's types before any
 * request: the error names the field as the editor shows it (`zoneName (path)`).
 */
import type { IDataObject } from 'n8n-workflow';

import { encodeStrict } from './endpoints';
import { fieldLabel, type OperationField } from './fields';

export interface BuiltRequest {
	/** The path with its placeholders filled, each value encoded as one segment. */
	path: string;
	qs: IDataObject;
	headers: Record<string, string>;
	body?: unknown;
}

export class FieldError extends Error {
	constructor(
		readonly field: string,
		problem: string,
	) {
		super(`"${field}" ${problem}`);
	}
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function parseJson(text: string, problem: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new Error(problem);
	}
}

/** One value converted to the field's kind; throws an Error whose message says what is wrong. */
export function convertValue(entry: OperationField, raw: unknown): unknown {
	switch (entry.kind) {
		case 'integer':
		case 'number': {
			const number = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
			if (!Number.isFinite(number)) throw new Error(`must be a number (got "${String(raw)}")`);
			if (entry.kind === 'integer' && !Number.isInteger(number)) throw new Error(`must be a whole number (got "${String(raw)}")`);
			return number;
		}
		case 'boolean':
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 'false') return raw === 'true';
			throw new Error(`must be true or false (got "${String(raw)}")`);
		case 'options': {
			const match = entry.values?.find((value) => String(value) === String(raw).trim());
			if (match === undefined) throw new Error(`must be one of ${entry.values?.join(', ')} (got "${String(raw)}")`);
			return match;
		}
		case 'dateTime': {
			const value = raw as { toISO?: () => string };
			if (raw instanceof Date) return raw.toISOString();
			if (typeof value?.toISO === 'function') return value.toISO();
			return String(raw).trim();
		}
		case 'array':
			if (Array.isArray(raw)) return raw;
			if (typeof raw === 'string') {
				const text = raw.trim();
				if (text.startsWith('[')) {
					const parsed = parseJson(text, 'must be a JSON array or values separated by commas');
					if (!Array.isArray(parsed)) throw new Error('must be a JSON array or values separated by commas');
					return parsed;
				}
				return text.split(',').map((part) => part.trim()).filter(Boolean);
			}
			return [raw];
		case 'object':
			if (typeof raw === 'string') {
				const parsed = parseJson(raw.trim(), 'must be a JSON object');
				if (parsed === null || typeof parsed !== 'object') throw new Error('must be a JSON object');
				return parsed;
			}
			if (typeof raw !== 'object') throw new Error('must be a JSON object');
			return raw;
		default:
			return typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
	}
}

/**
 * The request of one operation from the item's values (keyed by field id). `rawBody`, when given, is merged
 * over the body fields (its keys win), or replaces the body when it is not an object.
 */
export function buildRequest(
	pathTemplate: string,
	fields: OperationField[],
	values: IDataObject,
	rawBody?: unknown,
): BuiltRequest {
	const request: BuiltRequest = { path: pathTemplate, qs: {}, headers: {} };
	const pathValues: Record<string, string> = {};
	let body: IDataObject | undefined;
	let wholeBody: unknown;
	for (const entry of fields) {
		const raw = values[entry.id];
		if (isEmpty(raw) || (Array.isArray(raw) && raw.length === 0 && entry.required)) {
			if (entry.required && !(entry.in === 'body' && rawBody !== undefined)) {
				throw new FieldError(fieldLabel(entry), 'is required');
			}
			continue;
		}
		let value: unknown;
		try {
			value = convertValue(entry, raw);
		} catch (error) {
			throw new FieldError(fieldLabel(entry), (error as Error).message);
		}
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
		if (value === undefined || value === '') throw new FieldError(`${name} (path)`, 'is required');
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
