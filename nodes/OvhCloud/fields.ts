/**
 * The typed fields of one catalog operation: path, query and body parameters as the editor offers them
 * (resource mapper fields) and as the executor reads them back. Both sides derive them from the catalog
 * with this one function, so a field's key, type and location cannot disagree between editor and run.
 */
import type { FieldType, ResourceMapperField } from 'n8n-workflow';

import type { CatalogFamily, CatalogOperation, CatalogParam, ParamLocation } from './catalog/types';
import { baseType } from './catalog/types-util';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'options' | 'dateTime' | 'array' | 'object';

export interface OperationField {
	/** The key in the node's parameter values (the API name, or `location.name` when two locations share a name). */
	id: string;
	/** The API's name; empty for a body that is sent whole. */
	name: string;
	in: ParamLocation;
	/** The schema's type. */
	type: string;
	kind: FieldKind;
	required: boolean;
	description?: string;
	/** Allowed values (enumerations). */
	values?: Array<string | number>;
}

/** Headers the node sets itself (v2 cursor pagination). */
const PAGINATION_HEADERS = new Set(['x-pagination-cursor', 'x-pagination-size']);

const INTEGER = new Set(['long', 'int', 'integer']);
const NUMBER = new Set(['double', 'float', 'decimal', 'number']);

export function fieldKind(family: CatalogFamily, type: string): FieldKind {
	if (/\[\]$/.test(type)) return 'array';
	if (INTEGER.has(type)) return 'integer';
	if (NUMBER.has(type)) return 'number';
	if (type === 'boolean') return 'boolean';
	if (type === 'datetime') return 'dateTime';
	if (family.enums[type]) return 'options';
	if (type.startsWith('map[') || family.models[type] || /^[a-z][\w]*(\.[\w<>[\]]+)+$/i.test(baseType(type))) {
		return 'object';
	}
	return 'string';
}

function field(family: CatalogFamily, param: CatalogParam, location: ParamLocation): OperationField {
	const kind = fieldKind(family, param.t);
	const result: OperationField = { id: param.n, name: param.n, in: location, type: param.t, kind, required: param.r === 1 };
	if (param.d) result.description = param.d;
	if (kind === 'options') result.values = family.enums[param.t];
	return result;
}

/** Every field of an operation: path first, then query, then body. */
export function operationFields(family: CatalogFamily, operation: CatalogOperation): OperationField[] {
	const fields: OperationField[] = [];
	for (const location of ['path', 'query', 'header', 'body'] as const) {
		for (const param of operation.q ?? []) {
			if ((param.in ?? 'body') !== location) continue;
			if (location === 'header' && PAGINATION_HEADERS.has(param.n.toLowerCase())) continue;
			fields.push(field(family, param, location));
		}
	}
	if (operation.b) {
		const model = family.models[operation.b];
		if (model) {
			for (const param of model) fields.push(field(family, param, 'body'));
		} else {
			fields.push({
				id: 'body',
				name: '',
				in: 'body',
				type: operation.b,
				kind: /\[\]$/.test(operation.b) ? 'array' : 'object',
				required: operation.br === 1,
				description: 'The whole request body, as JSON',
			});
		}
	}
	const counts = new Map<string, number>();
	for (const entry of fields) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
	for (const entry of fields) if ((counts.get(entry.id) ?? 0) > 1) entry.id = `${entry.in}.${entry.name}`;
	return fields;
}

const MAPPER_TYPES: Record<FieldKind, FieldType> = {
	string: 'string',
	number: 'number',
	integer: 'number',
	boolean: 'boolean',
	options: 'options',
	dateTime: 'dateTime',
	array: 'array',
	object: 'object',
};

/** How the editor shows a field: `zoneName (path)`. */
export function fieldLabel(entry: OperationField): string {
	return `${entry.name || 'body'} (${entry.in})`;
}

/** A field as a resource mapper field (the editor's typed input). */
export function mapperField(entry: OperationField): ResourceMapperField {
	const result: ResourceMapperField = {
		id: entry.id,
		displayName: fieldLabel(entry),
		required: entry.required,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: MAPPER_TYPES[entry.kind],
		removed: !entry.required && entry.in !== 'path',
	};
	if (entry.values) result.options = entry.values.map((value) => ({ name: String(value), value }));
	return result;
}
