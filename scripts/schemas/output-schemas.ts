/**
 * The output schemas of the action nodes: for each resource and operation n8n's editor can ask about, the
 * JSON schema of one OUTPUT ITEM the node puts out with default settings, or why there is none.
 *
 * What an item looks like is decided by each provider's executor, so the schemas are derived through the
 * same rules, from the catalogs and from what the reference documents of each answer
 * (reference-facts.json, OVHcloud's schema snapshot):
 * - a list is put out one item per entry: the entry's schema;
 * - an answer without a body becomes the values that were sent plus a flag (`{ bunitId, consumerId, deleted: true }`);
 * - a plain value goes under the operation's result key beside the IDs the call was made for;
 * - what the reference does not type is left open (`{}`), and an answer the reference does not describe at
 *   all gets no schema (never a guess).
 *
 * n8n serves `/schemas/<package>.<node>/<version>/<resource>/<operation>.json` from
 * `<node folder>/__schema__/v<version>/<resource>/<operation>.json` (build.ts writes them there).
 */
import path from 'node:path';

import { OPERATIONS as CLOUTILITY_OPERATIONS, type PortalOperation } from '../../nodes/Cloutility/catalog';
import { apiType, OPERATIONS as OVC_OPERATIONS, isWaitable, type Operation as OvcOperation } from '../../nodes/OpenVCloud/catalog';
import { AUTH_HELPER_RESOURCE } from '../../nodes/OvhCloud/authHelper';
import { ROWS as VENTUS_ROWS, type VentusRow } from '../../nodes/VentusCloud/catalog';
import type { FieldSpec } from '../../nodes/shared/operation-fields';
import { readSchemaSnapshot } from '../ovh-catalog/schema-source';
import { routeKey, type FactType, type ReferenceFacts } from './extract';

/** The subset of JSON Schema the files use (the same as n8n's own nodes' schema files). */
export interface JsonSchema {
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	enum?: Array<string | number>;
	/** Keys every item has: those the node sets itself (IDs it was called with, a result key, a flag). */
	required?: string[];
}

export type Outcome = { schema: JsonSchema } | { none: string };

export interface NodeSchemas {
	/** The node's type name (`cloutility`); n8n asks for `n8n-nodes-eurocloud.<name>`. */
	node: string;
	/** The node's folder under dist/nodes/. */
	folder: string;
	/** Node versions, each served from `__schema__/v<version>.0.0/`. */
	versions: number[];
	/** By `<resource>/<operation>`. */
	operations: Map<string, Outcome>;
	/** Resources and operations n8n asks about in a form no file can answer, by resource, with why. */
	unreachable?: { resources: (resource: string) => boolean; reason: string };
}

const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema =>
	required.length ? { type: 'object', properties, required } : { type: 'object', properties };
const ANY: JsonSchema = {};
const BOOLEAN: JsonSchema = { type: 'boolean' };
const STRING: JsonSchema = { type: 'string' };
const INTEGER: JsonSchema = { type: 'integer' };

/**
 * Models inside the item are described one level deep, by their plain fields (`$json.businessUnit.id`);
 * what they hold in turn is left out. This keeps the files small: Cloutility's models nest deeply.
 */
const isPlain = (schema: JsonSchema): boolean => {
	const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
	return type !== undefined && type !== 'object' && (type !== 'array' || (schema.items !== undefined && isPlain(schema.items)));
};

// ---- Cloutility ----

/** A fact type as JSON schema: a model as an object of its fields, a model within it by its plain fields only. */
export function factSchema(type: FactType, models: Record<string, Record<string, FactType>>, depth = 0): JsonSchema {
	if (type.endsWith('[]')) {
		const items = factSchema(type.slice(0, -2), models, depth);
		return Object.keys(items).length ? { type: 'array', items } : { type: 'array' };
	}
	switch (type) {
		case 'string':
		case 'integer':
		case 'number':
		case 'boolean':
		case 'object':
			return { type };
		case '?':
			return ANY;
	}
	const model = models[type];
	// A name the reference uses without describing it: an object or an enumeration, it does not say.
	if (!model) return ANY;
	if (depth >= 2) return { type: 'object' };
	const properties: Record<string, JsonSchema> = {};
	for (const [name, fieldType] of Object.entries(model)) {
		const schema = factSchema(fieldType, models, depth + 1);
		if (depth === 0 || isPlain(schema)) properties[name] = schema;
	}
	return object(properties);
}

/** The schema of a value the shared field model reads (what `sent` echoes). */
function fieldSchema(field: FieldSpec): JsonSchema {
	switch (field.type) {
		case 'number':
			return field.integer ? INTEGER : { type: 'number' };
		case 'boolean':
			return BOOLEAN;
		case 'string':
		case 'dateTime':
			return STRING;
		case 'options': {
			const kinds = new Set((field.options ?? []).map((option) => typeof option.value));
			return kinds.size === 1 ? { type: kinds.has('number') ? 'number' : kinds.has('boolean') ? 'boolean' : 'string' } : ANY;
		}
		case 'multiOptions': {
			const kinds = new Set((field.options ?? []).map((option) => typeof option.value));
			return { type: 'array', ...(kinds.size === 1 ? { items: { type: kinds.has('number') ? 'number' : 'string' } } : {}) };
		}
		case 'stringList':
			return { type: 'array', items: STRING };
		case 'numberList':
			return { type: 'array', items: { type: 'number' } };
		case 'list':
			return { type: 'array' };
		case 'object':
		case 'json':
			return ANY;
	}
}

/**
 * What the Cloutility executor echoes for answers that are not objects: the path values and the query values
 * that are not secret, and the key it adds; required are the path values, the required query values, the
 * multi-select filters (sent with all values when left empty) and the added key.
 */
function cloutilitySent(operation: PortalOperation, key: string, value: JsonSchema): JsonSchema {
	const sent: Record<string, JsonSchema> = {};
	const required: string[] = [];
	for (const field of operation.fields) {
		if (field.in !== 'path' && (field.in !== 'query' || field.secret)) continue;
		sent[field.name] = fieldSchema(field);
		if (field.in === 'path' || field.required || (field.type === 'multiOptions' && field.in === 'query')) required.push(field.name);
	}
	return object({ ...sent, [key]: value }, [...required, key]);
}

/** One item of the business unit tree (tree.ts): the unit without its children, with its place in the tree. */
function treeEntry(unit: JsonSchema): JsonSchema {
	const rest = { ...unit.properties };
	delete rest.businessUnits;
	return object({ ...rest, id: INTEGER, name: STRING, path: STRING, depth: INTEGER, childCount: INTEGER }, ['id', 'name', 'path', 'depth', 'childCount']);
}

/**
 * An array's entries as items: objects as they are, other values as `{ value }` (the executor's asObject);
 * undefined for entries of a model the reference names without describing (object or plain value: unknown).
 */
function entryOf(type: FactType, facts: ReferenceFacts['cloutility']): JsonSchema | undefined {
	if (facts.models[type]) return factSchema(type, facts.models);
	return ['string', 'integer', 'number', 'boolean'].includes(type) ? object({ value: { type } }) : undefined;
}

export function cloutilityOutcome(operation: PortalOperation, facts: ReferenceFacts['cloutility']): Outcome {
	const response = facts.responses[routeKey(operation.method, operation.path)];
	const answer = operation.answer ?? 'object';
	const undocumented = { none: `the reference does not describe the answer of ${operation.method} ${operation.path}` };
	if (answer === 'list' || answer === 'pages') {
		if (!response?.endsWith('[]')) return response ? { none: `the reference describes the answer as ${response}, not a list` } : undocumented;
		const entry = entryOf(response.slice(0, -2), facts);
		return entry ? { schema: entry } : { none: `the reference names the entries ${response.slice(0, -2)} without describing them` };
	}
	if (answer === 'tree') {
		if (!response || response.endsWith('[]') || !facts.models[response]) return undocumented;
		return { schema: treeEntry(factSchema(response, facts.models)) };
	}
	// One answer: no body -> what was sent and a flag; a plain value -> under the operation's key; a list -> its entries.
	if (response === 'none') {
		return { schema: cloutilitySent(operation, operation.done ?? 'success', BOOLEAN) };
	}
	if (response === undefined) return undocumented;
	if (response.endsWith('[]')) {
		const entry = entryOf(response.slice(0, -2), facts);
		return entry ? { schema: entry } : { none: `the reference names the entries ${response.slice(0, -2)} without describing them` };
	}
	if (facts.models[response]) return { schema: factSchema(response, facts.models) };
	if (operation.scalar && ['string', 'integer', 'number', 'boolean'].includes(response)) {
		return { schema: cloutilitySent(operation, operation.scalar, { type: response }) };
	}
	return { none: `the reference names the answer ${response} without describing it` };
}

// ---- OpenvCloud ----

/** The IDs the executor echoes (execute.ts echoedIds): required `id` / `...Id` parameters that are a number or a text. */
function ovcIds(operation: OvcOperation): Record<string, JsonSchema> {
	const ids: Record<string, JsonSchema> = {};
	for (const param of operation.method.params) {
		if (!param.required || param.secret || !(param.name === 'id' || param.name.endsWith('Id'))) continue;
		const type = apiType(param);
		if (type === 'int' || type === 'str') ids[param.name] = type === 'int' ? INTEGER : STRING;
	}
	return ids;
}

/** Results whose spec type is contradicted by what the method returns: their type stays open. */
const OVC_SPEC_DOUBTS: Record<string, string> = {
	'machines.create': 'the spec says bool; the method returns the new machine\'s ID (the catalog\'s result key)',
	'disks.resize': 'the spec says str (a return code); the implementation returns whether the new size applied live',
};

const OVC_SCALARS: Record<string, JsonSchema> = { bool: BOOLEAN, True: BOOLEAN, int: INTEGER, float: { type: 'number' }, str: STRING };

export function openvcloudOutcome(operation: OvcOperation, facts: ReferenceFacts['openvcloud']): Outcome {
	const { method, actor } = operation;
	const ids = ovcIds(operation);
	const specType = facts.results[`${actor.actor}.${method.name}`];
	const withIds = (properties: Record<string, JsonSchema>) =>
		object({ ...ids, ...properties }, [...Object.keys(ids), ...Object.keys(properties)]);
	if (method.file) return { schema: withIds({ fileName: STRING, mimeType: STRING, fileSize: INTEGER }) };
	if (method.secretResult) return { schema: withIds({ [method.resultKey ?? 'result']: BOOLEAN }) };
	// Cloud Space: Create waits for the deployment by default and puts out the cloud space it read, with its ID.
	if (actor.resource === 'cloudSpace' && method.name === 'create' && isWaitable(method)) {
		return { schema: object({ cloudspaceId: INTEGER, status: STRING }, ['cloudspaceId', 'status']) };
	}
	if (!method.resultKey) {
		return { none: specType ? `the spec types the result only as "${specType}", without its fields` : 'the spec does not describe the result' };
	}
	// The catalog names a key: the result is a plain value (or a list of them), put beside the IDs.
	const list = specType !== undefined && /^(\[.*\]|list)$/.test(specType);
	const doubted = `${actor.actor}.${method.name}` in OVC_SPEC_DOUBTS;
	const value = specType === undefined || list || doubted ? ANY : (OVC_SCALARS[specType] ?? ANY);
	return { schema: withIds({ [method.resultKey]: value }) };
}

/** Task: Get and Kill (tasks.ts). */
const OVC_TASKS: Record<string, JsonSchema> = {
	get: object({ taskGuid: STRING, status: { type: 'string', enum: ['succeeded', 'failed', 'pending'] }, result: ANY, error: STRING }, ['taskGuid', 'status']),
	kill: object({ taskGuid: STRING, killed: BOOLEAN }, ['taskGuid', 'killed']),
};

// ---- Ventus Cloud ----

export function ventusOutcome(row: VentusRow, facts: ReferenceFacts['ventus']): Outcome {
	const output = row.output;
	if (output.kind === 'done') {
		const fields = new Map(row.fields.map((field) => [field.name, field]));
		const properties: Record<string, JsonSchema> = {};
		const required: string[] = [];
		for (const [name, key] of Object.entries(output.echo)) {
			properties[key] = fields.has(name) ? fieldSchema(fields.get(name)!) : ANY;
			if (fields.get(name)?.required) required.push(key);
		}
		return { schema: object({ ...properties, [output.flag]: BOOLEAN }, [...required, output.flag]) };
	}
	if (output.kind === 'priceList') return { none: 'the price list is keyed by currency: its keys are not known before the run' };
	const documented = facts.responses[`${row.method} ${row.path}`];
	if (!documented) return { none: `the reference does not describe the answer of ${row.method} ${row.path}` };
	if (documented.list !== (output.kind === 'list')) return { none: 'the reference describes a different form of answer' };
	const properties: Record<string, JsonSchema> = {};
	for (const [name, type] of Object.entries(documented.fields)) properties[name] = factSchema(type, {});
	return { schema: object(properties) };
}

// ---- OVHcloud ----

interface OvhProperty {
	type: string;
	canBeNull?: boolean;
}

interface OvhModel {
	enum?: string[];
	enumType?: string;
	properties?: Record<string, OvhProperty>;
}

const OVH_STRINGS = new Set([
	'string', 'password', 'text', 'datetime', 'date', 'time', 'duration', 'uuid', 'ip', 'ipv4', 'ipv6', 'ipBlock', 'ipv4Block',
	'ipv6Block', 'macAddress', 'phoneNumber', 'internationalPhoneNumber',
]);

/** An OVHcloud schema type (`long`, `ipBlock[]`, `auth.AccessRule[]`, an enumeration) as JSON schema. */
export function ovhSchema(type: string, models: Record<string, OvhModel>, depth = 0): JsonSchema {
	if (type.endsWith('[]')) {
		const items = ovhSchema(type.slice(0, -2), models, depth);
		return Object.keys(items).length ? { type: 'array', items } : { type: 'array' };
	}
	if (OVH_STRINGS.has(type)) return STRING;
	if (type === 'long' || type === 'int') return INTEGER;
	if (type === 'double' || type === 'float') return { type: 'number' };
	if (type === 'boolean') return BOOLEAN;
	if (type.startsWith('map[')) return { type: 'object' };
	const model = models[type];
	if (!model) return ANY;
	if (model.enum) return { type: model.enumType === 'long' ? 'integer' : 'string', enum: model.enum };
	if (depth >= 2) return { type: 'object' };
	const properties: Record<string, JsonSchema> = {};
	for (const [name, property] of Object.entries(model.properties ?? {})) {
		let schema = ovhSchema(property.type, models, depth + 1);
		if (depth > 0 && !isPlain(schema)) continue;
		if (property.canBeNull && typeof schema.type === 'string') schema = { ...schema, type: [schema.type, 'null'] };
		properties[name] = schema;
	}
	return object(properties);
}

function ovhAuthHelper(): Map<string, Outcome> {
	const auth = readSchemaSnapshot().find((family) => family.branch === 'v1' && family.family === 'auth')!.schema as unknown as {
		apis: Array<{ path: string; operations: Array<{ httpMethod: string; responseType: string }> }>;
		models: Record<string, OvhModel>;
	};
	const response = (method: string, route: string) => {
		const type = auth.apis.find((api) => api.path === route)!.operations.find((operation) => operation.httpMethod === method)!.responseType;
		return ovhSchema(type, auth.models);
	};
	// Request Consumer Key puts out three fields of the answer (authHelper.ts).
	const requested = response('POST', '/auth/credential').properties ?? {};
	const pick = (...names: string[]) => Object.fromEntries(names.map((name) => [name, requested[name] ?? ANY]));
	return new Map<string, Outcome>([
		[`${AUTH_HELPER_RESOURCE}/requestConsumerKey`, { schema: object(pick('consumerKey', 'validationUrl', 'state')) }],
		[`${AUTH_HELPER_RESOURCE}/getCurrentCredential`, { schema: response('GET', '/auth/currentCredential') }],
		[`${AUTH_HELPER_RESOURCE}/logOut`, { schema: object({ loggedOut: BOOLEAN }, ['loggedOut']) }],
	]);
}

/** Why the OVHcloud API operations have no schema files (README, OVHcloud: "Output schemas"). */
export const OVH_FAMILY_REASON =
	'n8n asks for /schemas/<node>/<version>/<resource>/<operation>.json with the Resource and Operation values as they are; ' +
	'a family value has a slash (v1/domain) and an operation is either "any" (the operation is then in the API Operation picker, which n8n does not send) ' +
	'or a method and path (GET /domain/zone): n8n\'s route takes one path segment for each, so no file can answer';

// ---- all nodes ----

/**
 * Whether n8n's editor takes the file: an object schema with `type` and `properties`, and not "empty" by its
 * own test (a schema whose properties are all `{}` counts as empty and is refused like a missing file).
 */
export function editorAccepts(schema: unknown): boolean {
	const isEmpty = (value: unknown): boolean =>
		(!value && value !== 0) ||
		(Array.isArray(value) ? value.length === 0 || value.every(isEmpty) : typeof value === 'object' && (Object.keys(value!).length === 0 || Object.values(value!).every(isEmpty)));
	return !!schema && typeof schema === 'object' && 'type' in schema && 'properties' in schema && !isEmpty((schema as JsonSchema).properties);
}

/** An outcome the editor would refuse (nothing typed) becomes none. */
const checked = (outcome: Outcome): Outcome =>
	'schema' in outcome && !editorAccepts(outcome.schema) ? { none: 'nothing of the item is typed by the reference' } : outcome;

export function allNodeSchemas(facts: ReferenceFacts): NodeSchemas[] {
	const key = (resource: string, operation: string) => `${resource}/${operation}`;
	return [
		{
			node: 'cloutility',
			folder: 'Cloutility',
			versions: [1, 2],
			operations: new Map(
				CLOUTILITY_OPERATIONS.map((operation) => [key(operation.resource, operation.operation), checked(cloutilityOutcome(operation, facts.cloutility))]),
			),
		},
		{
			node: 'openVCloud',
			folder: 'OpenVCloud',
			versions: [1],
			operations: new Map<string, Outcome>([
				...OVC_OPERATIONS.map((operation): [string, Outcome] => [
					key(operation.actor.resource, operation.method.name),
					checked(openvcloudOutcome(operation, facts.openvcloud)),
				]),
				...Object.entries(OVC_TASKS).map(([operation, schema]): [string, Outcome] => [key('task', operation), { schema }]),
			]),
		},
		{
			node: 'ovhCloud',
			folder: 'OvhCloud',
			versions: [1],
			operations: ovhAuthHelper(),
			unreachable: { resources: (resource) => resource.includes('/'), reason: OVH_FAMILY_REASON },
		},
		{
			node: 'ventusCloud',
			folder: 'VentusCloud',
			versions: [1],
			operations: new Map(VENTUS_ROWS.map((row) => [key(row.resource, row.operation), checked(ventusOutcome(row, facts.ventus))])),
		},
	];
}

/** Where n8n looks for a schema: `<node folder>/__schema__/v1.0.0/<resource>/<operation>.json`. */
export const schemaFile = (nodeFolder: string, version: number, resourceOperation: string) =>
	path.join(nodeFolder, '__schema__', `v${version}.0.0`, `${resourceOperation}.json`);
