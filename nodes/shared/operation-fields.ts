/**
 * Operations described as data, turned into node properties and read back per item.
 *
 * A provider lists its operations (resource, operation, fields); `operationProperties` derives the editor's
 * fields from that table: required fields as their own parameters, optional ones in an "Additional Fields"
 * collection, pickers as resource locators. `readOperationFields` reads an item's values back, converted to
 * the field's type and checked (required, numeric, JSON) before any request, with errors naming the field.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
	NodeParameterValue,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { segmentProblem, strictDate } from './path';
import { locatorValue } from './validate';

export type FieldType =
	| 'string'
	| 'number'
	| 'boolean'
	| 'options'
	| 'multiOptions'
	| 'json'
	| 'dateTime'
	/** A list of strings, entered comma-separated (or as an array from an expression). */
	| 'stringList'
	/** A list of numbers, entered comma-separated (or as an array from an expression). */
	| 'numberList'
	/** A list of any values: a JSON array, values separated by commas, or an array from an expression. */
	| 'list'
	/** A JSON object (text or an object from an expression). */
	| 'object';

/** Where a value goes: path, query, header or body, a whole JSON body to merge, an input binary field, or the node itself. */
export type FieldPlace = 'path' | 'query' | 'header' | 'body' | 'bodyJson' | 'binary' | 'option';

export interface FieldSpec {
	/** The API's name for the value (path placeholder, query or body key). */
	name: string;
	displayName: string;
	type: FieldType;
	required?: boolean;
	description?: string;
	default?: NodeParameterValue | NodeParameterValue[];
	options?: INodePropertyOptions[];
	placeholder?: string;
	/** A listSearch method: the field becomes a resource locator (From List, or by ID). */
	picker?: string;
	/** Numbers: accept only whole numbers. */
	integer?: boolean;
	/** Where the value goes. A path value must be one segment (not empty, `.` or `..`), checked before any request. */
	in?: FieldPlace;
	/** A password or token: masked in the editor, never echoed into output. */
	secret?: boolean;
	/** Strings: keep leading and trailing spaces (default: trimmed). */
	keepSpaces?: boolean;
	/**
	 * Dates: only the day, as `YYYY-MM-DD` (a real calendar day); a date-time as the editor's date picker
	 * stores it (`2024-04-30T00:00:00`) counts for its day, anything else is refused.
	 */
	dateOnly?: boolean;
	/** A check on the (converted, non-empty) value; returns an error text, or undefined when fine. */
	check?: (value: unknown) => string | undefined;
	/** Free-form data a provider keeps with the field (e.g. where it goes: path, query, body). */
	meta?: IDataObject;
}

export interface OperationSpec {
	resource: string;
	operation: string;
	fields: FieldSpec[];
}

export const ADDITIONAL_FIELDS = 'additionalFields';

/** The parameter name of a required field; stable so expressions and saved workflows keep working. */
export function parameterName(spec: OperationSpec, field: FieldSpec, shared: Set<string>): string {
	return shared.has(field.name) ? field.name : `${field.name}__${spec.resource}_${spec.operation}`;
}

function signature(field: FieldSpec): string {
	return JSON.stringify([field.type, field.picker ?? '', field.options ?? []]);
}

/**
 * Names of required fields that can share one parameter across all operations: every operation using the
 * name gives it the same type, options and picker. Others get an operation-specific parameter name.
 */
export function sharedFieldNames(specs: OperationSpec[]): Set<string> {
	const seen = new Map<string, string | null>();
	for (const spec of specs) {
		for (const field of spec.fields) {
			if (!field.required) continue;
			const previous = seen.get(field.name);
			const current = signature(field);
			if (previous === undefined) seen.set(field.name, current);
			else if (previous !== current) seen.set(field.name, null);
		}
	}
	return new Set([...seen].filter(([, value]) => value !== null).map(([name]) => name));
}

function editorType(field: FieldSpec): INodeProperties['type'] {
	switch (field.type) {
		case 'stringList':
		case 'numberList':
		case 'list':
			return 'string';
		case 'object':
			return 'json';
		default:
			return field.type;
	}
}

function emptyDefault(field: FieldSpec): INodeProperties['default'] {
	if (field.default !== undefined) {
		if ((field.type === 'json' || field.type === 'object') && typeof field.default !== 'string') return JSON.stringify(field.default);
		if ((field.type === 'stringList' || field.type === 'numberList') && Array.isArray(field.default)) {
			return field.default.join(',');
		}
		return field.default as INodeProperties['default'];
	}
	switch (field.type) {
		case 'number':
			return 0;
		case 'boolean':
			return false;
		case 'multiOptions':
			return [];
		case 'options':
			return field.options?.[0]?.value ?? '';
		default:
			return '';
	}
}

/** The editor property of one field under a parameter name (a resource locator when the field has a picker). */
export function fieldProperty(field: FieldSpec, name: string): INodeProperties {
	const description =
		field.type === 'stringList' || field.type === 'numberList'
			? [field.description, 'Comma-separated'].filter(Boolean).join('. ')
			: field.description;
	if (field.picker) {
		return {
			displayName: field.displayName,
			name,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: field.picker, searchable: true },
				},
				{ displayName: 'ID', name: 'id', type: 'string', placeholder: field.placeholder },
			],
		};
	}
	const result: INodeProperties = {
		displayName: field.displayName,
		name,
		type: editorType(field),
		default: emptyDefault(field),
	};
	if (description) result.description = description;
	if (field.placeholder) result.placeholder = field.placeholder;
	if (field.options) result.options = field.options;
	if (field.type === 'number' && field.integer) result.typeOptions = { numberPrecision: 0 };
	if (field.secret && result.type === 'string') result.typeOptions = { ...result.typeOptions, password: true };
	return result;
}

/** How the fields of an Additional Fields collection are ordered. */
export type FieldOrder = (a: INodeProperties, b: INodeProperties) => number;

const byDisplayName: FieldOrder = (a, b) => a.displayName.localeCompare(b.displayName);

/** The editor fields of one operation; Additional Fields are sorted by name unless `optionalOrder` says otherwise. */
export function operationProperties(
	spec: OperationSpec,
	shared: Set<string>,
	optionalOrder: FieldOrder = byDisplayName,
): INodeProperties[] {
	const show = { resource: [spec.resource], operation: [spec.operation] };
	const required = spec.fields
		.filter((field) => field.required)
		.map((field) => ({
			...fieldProperty(field, parameterName(spec, field, shared)),
			required: true,
			displayOptions: { show },
		}));
	const optional = spec.fields.filter((field) => !field.required);
	if (optional.length === 0) return required;
	return [
		...required,
		{
			displayName: 'Additional Fields',
			name: ADDITIONAL_FIELDS,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: optional
				.map((field) => fieldProperty(field, field.name))
				.sort(optionalOrder),
		},
	];
}

/** The editor fields of all operations, with shared parameter names worked out once. */
export function allOperationProperties(specs: OperationSpec[]): INodeProperties[] {
	const shared = sharedFieldNames(specs);
	return specs.flatMap((spec) => operationProperties(spec, shared));
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function list(raw: unknown): unknown[] {
	if (Array.isArray(raw)) return raw;
	if (typeof raw === 'string') {
		return raw
			.split(',')
			.map((part) => part.trim())
			.filter((part) => part !== '');
	}
	return [raw];
}

/** The time of day after a `YYYY-MM-DD` date, as ISO 8601 writes it (with or without seconds and zone). */
const TIME_OF_DAY = /(?<=^\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

/** Converts a raw parameter value to the field's type; returns an error text when it cannot. */
export function convertField(field: FieldSpec, raw: unknown): { value: unknown } | { error: string } {
	const asNumber = (value: unknown): { value: number } | { error: string } => {
		const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
		if (!Number.isFinite(number)) return { error: `must be a number (got "${String(value)}")` };
		if (field.integer && !Number.isInteger(number)) return { error: `must be a whole number (got "${String(value)}")` };
		return { value: number };
	};
	const parseJson = (text: string): { value: unknown } | undefined => {
		try {
			return { value: JSON.parse(text) as unknown };
		} catch {
			return undefined;
		}
	};
	switch (field.type) {
		case 'number':
			return asNumber(raw);
		case 'numberList': {
			const values: number[] = [];
			for (const part of list(raw)) {
				const converted = asNumber(part);
				if ('error' in converted) return { error: `must be numbers separated by commas (got "${String(part)}")` };
				values.push(converted.value);
			}
			return { value: values };
		}
		case 'stringList':
			return { value: list(raw).map((part) => String(part)) };
		case 'boolean':
			if (typeof raw === 'boolean') return { value: raw };
			if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
			return { error: `must be true or false (got "${String(raw)}")` };
		case 'list': {
			if (Array.isArray(raw)) return { value: raw };
			if (typeof raw !== 'string') return { value: [raw] };
			const text = raw.trim();
			if (!text.startsWith('[')) return { value: list(text) };
			const parsed = parseJson(text);
			return parsed && Array.isArray(parsed.value) ? parsed : { error: 'must be a JSON array or values separated by commas' };
		}
		case 'json':
			if (typeof raw !== 'string') return { value: raw };
			return parseJson(raw) ?? { error: 'must be valid JSON' };
		case 'object': {
			const parsed = typeof raw === 'string' ? parseJson(raw.trim()) : { value: raw };
			return parsed && parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)
				? parsed
				: { error: 'must be a JSON object' };
		}
		case 'options': {
			if (!field.options) return { value: raw };
			// Exactly an option's value, or its text form (an expression gives "2" for the option 2).
			const match =
				field.options.find((option) => option.value === raw) ??
				field.options.find((option) => String(option.value) === String(raw).trim());
			if (!match) {
				const allowed = field.options.map((option) => String(option.value)).join(', ');
				return { error: `must be one of ${allowed} (got "${String(raw)}")` };
			}
			return { value: match.value };
		}
		case 'dateTime':
			if (field.dateOnly) return strictDate(typeof raw === 'string' ? raw.trim().replace(TIME_OF_DAY, '') : raw);
			if (raw instanceof Date) return { value: raw.toISOString() };
			if (raw && typeof raw === 'object' && typeof (raw as { toISO?: unknown }).toISO === 'function') {
				return { value: String((raw as { toISO: () => string }).toISO()) };
			}
			return { value: typeof raw === 'string' ? raw.trim() : raw };
		case 'string':
			if (typeof raw === 'string') return { value: field.keepSpaces ? raw : raw.trim() };
			return { value: raw !== null && typeof raw === 'object' ? JSON.stringify(raw) : String(raw) };
		default:
			return { value: raw };
	}
}

/**
 * An item's values for an operation, keyed by the API's field names: required fields must be present,
 * every given value is converted to its type. Nothing is sent when a value is wrong: the error names
 * the field as the editor shows it.
 */
export function readOperationFields(
	ctx: IExecuteFunctions,
	spec: OperationSpec,
	shared: Set<string>,
	itemIndex: number,
): IDataObject {
	const values: IDataObject = {};
	const fail = (field: FieldSpec, problem: string) =>
		new NodeOperationError(ctx.getNode(), `"${field.displayName}" ${problem}`, { itemIndex });
	const take = (field: FieldSpec, raw: unknown) => {
		const converted = convertField(field, raw);
		if ('error' in converted) throw fail(field, converted.error);
		if (field.in === 'path') {
			const problem = segmentProblem(String(converted.value).trim());
			if (problem) throw fail(field, problem);
		}
		const problem = field.check?.(converted.value);
		if (problem) throw fail(field, problem);
		values[field.name] = converted.value as IDataObject[string];
	};
	for (const field of spec.fields.filter((candidate) => candidate.required)) {
		const raw = ctx.getNodeParameter(parameterName(spec, field, shared), itemIndex, undefined, {
			extractValue: true,
		}) as unknown;
		if (isEmpty(raw)) throw fail(field, 'must not be empty');
		take(field, raw);
	}
	const optional = spec.fields.filter((field) => !field.required);
	if (optional.length > 0) {
		const given = ctx.getNodeParameter(ADDITIONAL_FIELDS, itemIndex, {}) as IDataObject;
		for (const field of optional) {
			const raw = locatorValue(given[field.name]);
			if (isEmpty(raw)) continue;
			take(field, raw);
		}
	}
	return values;
}
