/** Building blocks for the catalog rows: the fields the portal's endpoints take, with their checks. */
import type { INodePropertyOptions } from 'n8n-workflow';

import type { FieldPlace, FieldSpec } from '../../shared/operation-fields';

interface Extra {
	required?: boolean;
	description?: string;
	placeholder?: string;
}

const positiveWhole = (value: unknown) =>
	typeof value === 'number' && value >= 1 ? undefined : `must be a positive whole number (got "${String(value)}")`;

const isoDate = (value: unknown) => {
	if (typeof value !== 'string') return undefined;
	return Number.isNaN(Date.parse(value)) ? `must be a date such as 2024-05-31 or 2024-05-31T12:00:00Z (got "${value}")` : undefined;
};

/** A numeric ID, picked from a list (resource locator) when `picker` is given. */
export function id(place: FieldPlace, name: string, displayName: string, picker?: string, extra: Extra = {}): FieldSpec {
	return {
		displayName,
		name,
		type: 'number',
		default: 0,
		integer: true,
		required: extra.required ?? place === 'path',
		picker,
		placeholder: extra.placeholder ?? 'e.g. 42',
		description: extra.description,
		check: positiveWhole,
		in: place,
	};
}

/** A body value sent under another key than the field's name (e.g. `id`, which several operations would share). */
export const as = (field: FieldSpec, key: string): FieldSpec => ({ ...field, meta: { ...field.meta, key } });

/** A link to another resource in the body, sent as `{ "<name>": { "id": … } }`. */
export function ref(name: string, displayName: string, picker: string | undefined, extra: Extra = {}): FieldSpec {
	return { ...id('body', name, displayName, picker, extra), meta: { ref: true } };
}

export const businessUnit = (displayName = 'Business Unit', description?: string): FieldSpec =>
	id('path', 'bunitId', displayName, 'searchBusinessUnits', {
		placeholder: 'e.g. 22',
		description: description ?? 'The business unit, picked from the tree or given by its numeric ID',
	});

export const consumptionUnit = (displayName = 'Consumption Unit', name = 'consumerId', place: FieldPlace = 'path'): FieldSpec =>
	id(place, name, displayName, 'searchConsumptionUnits', {
		required: true,
		placeholder: 'e.g. 408',
		description: 'A consumption unit of the business unit (the API calls it consumer)',
	});

export function text(place: FieldPlace, name: string, displayName: string, extra: Extra = {}): FieldSpec {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: extra.required,
		description: extra.description,
		placeholder: extra.placeholder,
		in: place,
	};
}

export function flag(place: FieldPlace, name: string, displayName: string, description: string): FieldSpec {
	return { displayName, name, type: 'boolean', default: false, description, in: place };
}

/** A number that may have decimals (a price, a goal in percent, gigabytes). */
export function decimal(place: FieldPlace, name: string, displayName: string, description: string): FieldSpec {
	return { displayName, name, type: 'number', default: 0, description, in: place };
}

/** A list of texts (e.g. e-mail addresses), entered comma-separated or as an array from an expression. */
export function texts(place: FieldPlace, name: string, displayName: string, description: string): FieldSpec {
	return { displayName, name, type: 'stringList', default: '', description, in: place };
}

/** A list of numeric IDs, entered comma-separated or as an array from an expression; with `whole`, the list is the body. */
export function idList(name: string, displayName: string, description: string, whole = false): FieldSpec {
	return {
		displayName,
		name,
		type: 'numberList',
		default: '',
		integer: true,
		required: whole,
		description,
		check: (value) => {
			const wrong = (value as number[]).filter((entry) => !Number.isInteger(entry) || entry < 1);
			return wrong.length ? `must be positive whole numbers (got ${wrong.join(', ')})` : undefined;
		},
		in: 'body',
		meta: whole ? { whole: true } : undefined,
	};
}

export function count(place: FieldPlace, name: string, displayName: string, extra: Extra & { min?: number } = {}): FieldSpec {
	const min = extra.min ?? 0;
	return {
		displayName,
		name,
		type: 'number',
		default: min,
		integer: true,
		required: extra.required,
		description: extra.description,
		check: (value) => ((value as number) >= min ? undefined : `must be at least ${min} (got "${String(value)}")`),
		in: place,
	};
}

/** A date or date-time; a `dateOnly` one is sent as YYYY-MM-DD and anything but a date is refused. */
export function date(place: FieldPlace, name: string, displayName: string, extra: Extra & { dateOnly?: boolean } = {}): FieldSpec {
	return {
		displayName,
		name,
		type: 'dateTime',
		default: '',
		required: extra.required,
		description: extra.description,
		dateOnly: extra.dateOnly,
		check: extra.dateOnly ? undefined : isoDate,
		in: place,
	};
}

export function choice(place: FieldPlace, name: string, displayName: string, options: INodePropertyOptions[], description: string): FieldSpec {
	const first = options[0].value;
	return { displayName, name, type: 'options', options, default: first, description, in: place };
}

/** Any other properties of the resource, as JSON, laid into the body as they are. */
export const otherFields = (resource: string): FieldSpec => ({
	displayName: 'Other Fields (JSON)',
	name: 'otherFields',
	type: 'json',
	default: '{}',
	description: `Further properties of the ${resource}, as the API names them, e.g. {"storageLimit": 500}`,
	check: (value) => (value && typeof value === 'object' && !Array.isArray(value) ? undefined : 'must be a JSON object'),
	in: 'bodyJson',
});

/** IBM Storage Protect node names: 1 to 64 characters from A–Z, 0–9 and _ . - + & (letters are not case-sensitive). */
const STORAGE_PROTECT_NAME = /^[A-Za-z0-9_.\-+&]{1,64}$/;

export function storageProtectNameProblem(value: unknown): string | undefined {
	const name = String(value);
	if (name.length > 64) {
		return `is ${name.length} characters long; IBM Storage Protect node names have at most 64`;
	}
	if (STORAGE_PROTECT_NAME.test(name)) return undefined;
	const refused = [...new Set(name.replace(/[A-Za-z0-9_.\-+&]/g, ''))].map((character) => `"${character}"`).join(', ');
	return `may only contain letters A–Z, digits 0–9 and _ . - + & (IBM Storage Protect node name rules); not allowed: ${refused}`;
}
