/**
 * The built package's output schemas as n8n finds them, and a small check of an output item against one.
 *
 * `builtSchema` resolves the file with n8n-core's own `resolveOutputSchemaPath` from the node's folder in
 * dist/, the call n8n's `/schemas/<node>/<version>/<resource>/<operation>.json` route makes.
 */
import { resolveOutputSchemaPath } from 'n8n-core';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { JsonSchema } from '../../scripts/schemas/output-schemas';

export const DIST_NODES = path.resolve(__dirname, '..', '..', 'dist', 'nodes');

/** The schema file n8n would serve for a node folder (`Cloutility`), version, resource and operation. */
export function schemaPath(folder: string, version: number, resource: string | undefined, operation: string | undefined): string | undefined {
	return resolveOutputSchemaPath({ nodeDir: path.join(DIST_NODES, folder), version, resource, operation });
}

export function builtSchema(folder: string, version: number, resource: string, operation: string): JsonSchema | undefined {
	const file = schemaPath(folder, version, resource, operation);
	return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as JsonSchema) : undefined;
}

const typeOf = (value: unknown) =>
	value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/**
 * Where a value does not match a schema, as `$json.node.id: integer expected, got string`. Keys the schema does
 * not name are allowed (the references list models only partly), and so is null anywhere (they rarely say what
 * may be null); a named key that is absent is no problem here (see `presentKeys`).
 */
export function schemaProblems(value: unknown, schema: JsonSchema, at = '$json'): string[] {
	if (value === null || value === undefined || schema.type === undefined) return [];
	const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
	const actual = typeOf(value);
	if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
		return [`${at}: ${allowed.join(' or ')} expected, got ${actual} (${JSON.stringify(value).slice(0, 60)})`];
	}
	if (schema.enum && !schema.enum.includes(value as string | number)) return [`${at}: one of ${schema.enum.join(', ')} expected, got ${JSON.stringify(value)}`];
	const problems: string[] = [];
	if (actual === 'object' && schema.properties) {
		for (const [key, property] of Object.entries(schema.properties)) {
			if (key in (value as object)) problems.push(...schemaProblems((value as Record<string, unknown>)[key], property, `${at}.${key}`));
		}
	}
	if (actual === 'array' && schema.items) {
		(value as unknown[]).forEach((entry, index) => problems.push(...schemaProblems(entry, schema.items!, `${at}[${index}]`)));
	}
	return problems;
}

/** The schema's top-level keys that the item has. */
export const presentKeys = (item: object, schema: JsonSchema) => Object.keys(schema.properties ?? {}).filter((key) => key in item);

/**
 * Problems of a run's output items against a schema: type mismatches, a key the schema says every item has
 * (`required`) that is missing, and an item that has none of the schema's keys.
 */
export function itemProblems(items: object[], schema: JsonSchema): string[] {
	const problems: string[] = [];
	const expected = Object.keys(schema.properties ?? {});
	for (const item of items) {
		problems.push(...schemaProblems(item, schema));
		const missing = (schema.required ?? []).filter((key) => !(key in item));
		if (missing.length) problems.push(`$json lacks ${missing.join(', ')} (keys: ${Object.keys(item).join(', ')})`);
		if (presentKeys(item, schema).length === 0) problems.push(`$json has none of ${expected.join(', ')} (keys: ${Object.keys(item).join(', ')})`);
	}
	return problems;
}
