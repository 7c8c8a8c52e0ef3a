/**
 * The fields of one catalog operation in the shared field model (`FieldSpec`): path, query, header and body
 * parameters, typed from the schema. The editor (resource mapper) and the executor both take them from
 * here, so a field's key, type and place cannot disagree; each operation's list is worked out once.
 */
import type { FieldSpec, FieldType } from '../../shared/operation-fields';
import type { CatalogFamily, CatalogOperation, CatalogParam, ParamLocation } from './types';
import { baseType } from './types-util';

/** A field of an OVHcloud operation: the shared model, plus its key in the Parameters (resource mapper) value. */
export interface OvhField extends FieldSpec {
	/** The API name, or `place.name` when two places of one operation share a name. */
	id: string;
	in: ParamLocation;
}

/** Headers the node sets itself (v2 cursor pagination). */
const PAGINATION_HEADERS = new Set(['x-pagination-cursor', 'x-pagination-size']);

const INTEGER = new Set(['long', 'int', 'integer']);
const NUMBER = new Set(['double', 'float', 'decimal', 'number']);

/** The shared type of a schema type; enumerations become options, lists `list`, models and maps `object`. */
export function fieldType(family: CatalogFamily, type: string): Pick<FieldSpec, 'type' | 'integer'> {
	if (/\[\]$/.test(type)) return { type: 'list' };
	if (INTEGER.has(type)) return { type: 'number', integer: true };
	if (NUMBER.has(type)) return { type: 'number' };
	if (type === 'boolean') return { type: 'boolean' };
	if (type === 'datetime') return { type: 'dateTime' };
	if (family.enums[type]) return { type: 'options' };
	if (type.startsWith('map[') || family.models[type] || /^[a-z][\w]*(\.[\w<>[\]]+)+$/i.test(baseType(type))) {
		return { type: 'object' };
	}
	return { type: 'string' };
}

function field(name: string, location: ParamLocation, type: FieldType, required: boolean): OvhField {
	// Text goes as given: OVHcloud values may begin or end with spaces (a TXT record, a description).
	const result: OvhField = { id: name, name, in: location, displayName: `${name || 'body'} (${location})`, type, required };
	if (type === 'string') result.keepSpaces = true;
	return result;
}

function paramField(family: CatalogFamily, param: CatalogParam, location: ParamLocation): OvhField {
	const typed = fieldType(family, param.t);
	const result = field(param.n, location, typed.type, param.r === 1);
	if (typed.integer) result.integer = true;
	if (param.d) result.description = param.d;
	if (typed.type === 'options') result.options = family.enums[param.t].map((value) => ({ name: String(value), value }));
	return result;
}

const cache = new WeakMap<CatalogOperation, OvhField[]>();

/** Every field of an operation: path first, then query, header and body. The list is shared: do not change it. */
export function operationFields(family: CatalogFamily, operation: CatalogOperation): readonly OvhField[] {
	const known = cache.get(operation);
	if (known) return known;
	const fields: OvhField[] = [];
	for (const location of ['path', 'query', 'header', 'body'] as const) {
		for (const param of operation.q ?? []) {
			if ((param.in ?? 'body') !== location) continue;
			if (location === 'header' && PAGINATION_HEADERS.has(param.n.toLowerCase())) continue;
			fields.push(paramField(family, param, location));
		}
	}
	if (operation.b) {
		const model = family.models[operation.b];
		if (model) {
			for (const param of model) fields.push(paramField(family, param, 'body'));
		} else {
			const whole = field('', 'body', /\[\]$/.test(operation.b) ? 'list' : 'object', operation.br === 1);
			whole.id = 'body';
			whole.description = 'The whole request body, as JSON';
			fields.push(whole);
		}
	}
	const counts = new Map<string, number>();
	for (const entry of fields) counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
	for (const entry of fields) if ((counts.get(entry.id) ?? 0) > 1) entry.id = `${entry.in}.${entry.name}`;
	cache.set(operation, fields);
	return fields;
}
