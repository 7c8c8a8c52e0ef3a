/** Turns an operation's row and an item's field values into the request to send. Pure: no I/O. */
import type { IDataObject } from 'n8n-workflow';

import type { PortalField, PortalOperation } from './catalog';

export interface BuiltRequest {
	/** The path with placeholders filled in, each value encoded as one segment. */
	path: string;
	query: Array<[string, string]>;
	/** The JSON body, when the operation has body fields (undefined when none were given). */
	body?: IDataObject;
	/** The input item's binary property to upload. */
	binaryProperty?: string;
	/** Values of `option` fields, for the node itself. */
	options: IDataObject;
	/** What was sent in the path and query (secrets left out), for outputs of answers that are not objects. */
	sent: IDataObject;
}

/** Dates as the portal takes them: as given when text, ISO 8601 otherwise; YYYY-MM-DD for date-only fields. */
function dateText(value: unknown, dateOnly: boolean): string {
	let text: string;
	if (value instanceof Date) text = value.toISOString();
	else if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		text = String((value as { toISO: () => string }).toISO());
	} else text = String(value);
	if (!dateOnly) return text;
	if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text.slice(0, 10);
	const parsed = new Date(text);
	return Number.isNaN(parsed.getTime()) ? text : parsed.toISOString().slice(0, 10);
}

function plain(field: PortalField, value: unknown): unknown {
	return field.type === 'dateTime' ? dateText(value, field.meta.dateOnly === true) : value;
}

function queryValues(field: PortalField, value: unknown): string[] {
	const values = Array.isArray(value) ? value : [value];
	return values.map((entry) => {
		const converted = plain(field, entry);
		return typeof converted === 'object' && converted !== null ? JSON.stringify(converted) : String(converted);
	});
}

export function buildRequest(operation: PortalOperation, values: IDataObject): BuiltRequest {
	const byName = new Map(operation.fields.map((field) => [field.name, field]));
	const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const field = byName.get(name);
		const value = values[name];
		if (!field || value === undefined || value === null || value === '') {
			throw new Error(`No value for the path parameter "${name}" of ${operation.method} ${operation.path}`);
		}
		return encodeURIComponent(String(plain(field, value)));
	});

	const query: Array<[string, string]> = [];
	const sent: IDataObject = {};
	const options: IDataObject = {};
	const bodyFields: IDataObject = {};
	let extraBody: IDataObject = {};
	let binaryProperty: string | undefined;

	for (const field of operation.fields) {
		let value = values[field.name];
		// A multi-select query filter left empty means all of its values, sent explicitly.
		if (value === undefined && field.type === 'multiOptions' && field.meta.in === 'query') {
			value = (field.options ?? []).map((option) => option.value);
		}
		if (value === undefined) continue;
		switch (field.meta.in) {
			case 'path':
				sent[field.name] = value;
				break;
			case 'query':
				for (const text of queryValues(field, value)) query.push([field.name, text]);
				if (!field.meta.secret) sent[field.name] = value;
				break;
			case 'body':
				bodyFields[field.name] = (field.meta.ref ? { id: value } : plain(field, value)) as IDataObject[string];
				break;
			case 'bodyJson':
				extraBody = { ...extraBody, ...(value as IDataObject) };
				break;
			case 'binary':
				binaryProperty = String(value);
				break;
			case 'option':
				options[field.name] = value;
				break;
		}
	}
	const hasBody = operation.fields.some((field) => field.meta.in === 'body' || field.meta.in === 'bodyJson');
	const body = hasBody ? { ...extraBody, ...bodyFields } : undefined;
	return { path, query, body: body && Object.keys(body).length > 0 ? body : undefined, binaryProperty, options, sent };
}
