/**
 * What the reference documents of each response, condensed for the output-schema generator
 * (scripts/schemas/build.ts): Cloutility's response models per endpoint and the models' fields (the portal's
 * `/v1/help` pages, the guide, the "API resources" page), OpenvCloud's result types per method (the actor
 * specs), Ventus Cloud's answers (its API page and the examples on it). Only facts: field names and types.
 * OVHcloud's models are read from the schema snapshot the catalog is generated from (scripts/ovh-catalog).
 *
 * The result is committed as scripts/schemas/reference-facts.json, so `npm run build` works on a clone
 * without the reference folder; test/schemas checks it against the folder where the folder is present.
 *
 *   npx tsx scripts/schemas/extract.ts [reference folder] > scripts/schemas/reference-facts.json
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A type in the facts: `string`, `integer`, `number`, `boolean`, a model's name, any of these followed by
 * `[]` for a list, or `?` for a field whose type the reference does not say.
 */
export type FactType = string;

export interface ReferenceFacts {
	cloutility: {
		/**
		 * Per endpoint (`GET /v1/bunits/{bunitid}/consumers`, placeholders in lower case): what its answer is:
		 * a type (`Consumer`, `Consumer[]`, `string`), `none` (documented as answering without a body).
		 * Endpoints whose answer is not documented are left out.
		 */
		responses: Record<string, FactType>;
		/** Fields of each documented model, in the reference's order. */
		models: Record<string, Record<string, FactType>>;
	};
	openvcloud: {
		/** Per method (`machines.start`): the result type as the actor spec declares it (`bool`, `int`, `dict`, `[]`...). */
		results: Record<string, string>;
	};
	ventus: {
		/** Per call (`GET projects/{projectId}`, the method path as documented): the answer's fields, typed from the page's examples. */
		responses: Record<string, { list: boolean; fields: Record<string, FactType> }>;
	};
}

/** The reference folder (holding `api/` and `seeds/`): the argument, REFERENCE_DIR, or shared/reference beside or above the repository. */
export function findReferenceRoot(given?: string): string | undefined {
	const candidates = [given, process.env.REFERENCE_DIR];
	let directory = path.resolve(__dirname, '..', '..');
	for (let depth = 0; depth < 4; depth++) {
		candidates.push(path.join(directory, 'shared', 'reference'));
		directory = path.dirname(directory);
	}
	return candidates.find((candidate) => candidate && existsSync(path.join(candidate, 'api', 'cloutility-help.json')));
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Placeholder names in lower case: the help pages spell some differently from page to page. */
export const routeKey = (method: string, template: string) =>
	`${method.toUpperCase()} ${template.replace(/\{(\w+)\}/g, (_match, name: string) => `{${name.toLowerCase()}}`)}`;

// ---- Cloutility ----

interface HelpField {
	name: string;
	type: string;
}

interface HelpEndpoint {
	method: string;
	path: string;
	response: { model: string; fields: HelpField[] } | null;
}

interface GuideEndpoint {
	method: string;
	path: string;
	response: string | null;
}

/**
 * A field type as the help pages ("Collection of Tag", "decimal number", "integer (0 = undefined)") or the
 * resources page (`[Tag...]`, `float`, `UserList | BusinessUnitURL`, a literal `1`) write it; undefined for
 * the markers of a cut-short list.
 */
export function cloutilityType(raw: string): FactType | undefined {
	const text = raw.trim();
	if (text === '' || text === '[...]' || /truncated/i.test(text)) return undefined;
	const union = text.split(' | ')[0].trim();
	if (union !== text) return cloutilityType(union);
	const collection = /^Collection of (.+)$/.exec(text) ?? /^\[(\w+)\.\.\.\]$/.exec(text);
	if (collection) {
		const inner = cloutilityType(collection[1]);
		return inner === undefined || inner === '?' ? '?[]' : `${inner}[]`;
	}
	if (/^-?\d+$/.test(text)) return 'integer';
	if (/^".*"$/.test(text)) return 'string';
	const base = text.replace(/\s*\(.*\)$/, '');
	// An enumeration written with its numbers: "PasswordRuleType (1 PrefixNodeId, 2 NodeIdPostfix, ...)".
	if (base !== text && /\(\s*\d+\s*[A-Za-z]/.test(text)) return 'integer';
	switch (base.toLowerCase()) {
		case 'integer':
			return 'integer';
		case 'decimal number':
		case 'float':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'string':
		case 'date':
		case 'globally unique identifier':
		case 'uri':
		case 'time interval':
		case 'timedelta':
			return 'string';
		default:
			return /^[A-Z]\w*$/.test(base) ? base : '?';
	}
}

/** The models of the "API resources" page: `## Name` followed by a JSON-like block of `"field": type`. */
function resourcePageModels(markdown: string): Record<string, Array<[string, string]>> {
	const models: Record<string, Array<[string, string]>> = {};
	for (const section of markdown.split(/^## /m).slice(1)) {
		const name = section.split('\n')[0].trim();
		const block = /```json\n([\s\S]*?)```/.exec(section)?.[1];
		if (!block || !/^\w+$/.test(name)) continue;
		const fields: Array<[string, string]> = [];
		for (const line of block.split('\n')) {
			const match = /^\s*"(\w+)":\s*(.+?),?\s*(\/\/.*)?$/.exec(line);
			if (match) fields.push([match[1], match[2].replace(/,$/, '').trim()]);
		}
		models[name] = fields;
	}
	return models;
}

/** A response as the help page or the guide names it, as a fact type; `none` when documented as bodiless. */
export function cloutilityResponse(
	helpModel: string | undefined,
	guideText: string | undefined,
	listModels: Map<string, string>,
	knownModels: Set<string>,
): FactType | undefined {
	const fromName = (name: string): FactType | undefined => {
		// "ConsumerList": the list envelope { href, total, offset, first, items } of Consumer (the guide's convention).
		const listOf = listModels.get(name) ?? (name.endsWith('List') && knownModels.has(name.slice(0, -4)) ? name.slice(0, -4) : undefined);
		if (listOf) return `${listOf}[]`;
		const type = cloutilityType(name);
		return type === '?' || type === '?[]' ? undefined : type;
	};
	// A help page that names no model, only ASP.NET's IHttpActionResult, documents an answer without a resource.
	if (helpModel === 'IHttpActionResult') return 'none';
	if (helpModel && !/^IHttpActionResult|unknown|^-$|truncated/i.test(helpModel)) {
		const type = fromName(helpModel.replace(/\s*\(.*\)$/, ''));
		if (type) return type;
	}
	if (!guideText) return undefined;
	const text = guideText.trim();
	if (/^\((none|none documented)\)|^no body/i.test(text)) return 'none';
	if (/^(JSON )?string\b/i.test(text)) return 'string';
	if (/UNVERIFIED|^\(|^hyper|^audit|^UTC/i.test(text)) return undefined;
	// "InvoiceList / Collection of Invoice": the collection is what arrives.
	const collection = /Collection of (\w+)/.exec(text);
	if (collection) return fromName(`Collection of ${collection[1]}`);
	const name = /^(\w+)/.exec(text)?.[1];
	return name ? fromName(name) : undefined;
}

function cloutilityFacts(api: string): ReferenceFacts['cloutility'] {
	const help = readJson<{ endpoints: HelpEndpoint[]; models: Record<string, HelpField[]> }>(path.join(api, 'cloutility-help.json'));
	const guide = readJson<{ endpoints: GuideEndpoint[] }>(path.join(api, 'cloutility-endpoints.json')).endpoints;
	const page = resourcePageModels(readFileSync(path.join(api, 'cloutility-resource-models.md'), 'utf8'));

	// Help fields are the later word; the resources page adds the fields the help excerpt does not show.
	const raw = new Map<string, Array<[string, string]>>();
	const add = (model: string, fields: Array<[string, string]>) => {
		const known = raw.get(model) ?? [];
		const names = new Set(known.map(([name]) => name));
		raw.set(model, [...known, ...fields.filter(([name]) => !names.has(name))]);
	};
	for (const [model, fields] of Object.entries(help.models)) add(model, fields.map((field) => [field.name, field.type]));
	for (const endpoint of help.endpoints) {
		const model = endpoint.response?.model.replace(/^Collection of /, '');
		if (model && /^\w+$/.test(model) && endpoint.response!.fields.length) {
			add(model, endpoint.response!.fields.map((field) => [field.name, field.type]));
		}
	}
	for (const [model, fields] of Object.entries(page)) add(model, fields);

	// "ConsumerList" is the list envelope { href, total, offset, first, items: [Consumer...] }.
	const listModels = new Map<string, string>();
	for (const [model, fields] of raw) {
		const items = fields.find(([name]) => name === 'items');
		const element = items && /^\[(\w+)\.\.\.\]$/.exec(items[1].trim());
		if (element) listModels.set(model, element[1]);
	}

	const models: Record<string, Record<string, FactType>> = {};
	for (const [model, fields] of [...raw].sort(([a], [b]) => a.localeCompare(b))) {
		if (listModels.has(model)) continue;
		const typed: Record<string, FactType> = {};
		for (const [name, type] of fields) {
			if (!/^\w+$/.test(name)) continue;
			const fact = cloutilityType(type);
			if (fact !== undefined) typed[name] = fact;
		}
		models[model] = typed;
	}

	const responses: Record<string, FactType> = {};
	const helpByRoute = new Map(help.endpoints.map((endpoint) => [routeKey(endpoint.method, endpoint.path), endpoint]));
	const guideByRoute = new Map<string, GuideEndpoint>();
	for (const endpoint of guide) if (endpoint.path.startsWith('/v1/') && endpoint.path !== '/v1/oauth') guideByRoute.set(routeKey(endpoint.method, endpoint.path), endpoint);
	for (const route of [...new Set([...helpByRoute.keys(), ...guideByRoute.keys()])].sort()) {
		const type = cloutilityResponse(helpByRoute.get(route)?.response?.model, guideByRoute.get(route)?.response ?? undefined, listModels, new Set(Object.keys(models)));
		if (type) responses[route] = type;
	}
	return { responses, models };
}

// ---- OpenvCloud ----

function openvcloudFacts(api: string): ReferenceFacts['openvcloud'] {
	const spec = readJson<{ actors: Array<{ name: string; methods: Array<{ name: string; result?: { type?: string | null } | null }> }> }>(
		path.join(api, 'openvcloud-cloudapi.json'),
	);
	const results: Record<string, string> = {};
	for (const actor of spec.actors) {
		for (const method of actor.methods) {
			const type = method.result?.type;
			if (type) results[`${actor.name}.${method.name}`] = type;
		}
	}
	return { results };
}

// ---- Ventus Cloud ----

/** The JSON examples of the Ventus API page: each key's type as the examples show it. */
function exampleTypes(page: string): Map<string, FactType> {
	const types = new Map<string, FactType>();
	for (const match of page.matchAll(/"(\w+)"\s*:\s*("|-?\d|true|false|\[|\{)/g)) {
		const [, key, start] = match;
		if (types.has(key)) continue;
		types.set(key, start === '"' ? 'string' : start === '[' ? '?[]' : start === '{' ? 'object' : /\d/.test(start) ? 'number' : 'boolean');
	}
	return types;
}

function ventusFacts(root: string): ReferenceFacts['ventus'] {
	const endpoints = readJson<{ endpoints: Array<{ method: string; path: string; response: string | null }> }>(
		path.join(root, 'api', 'ventus-endpoints.json'),
	).endpoints;
	const seeds = path.join(root, 'seeds');
	const page = readdirSync(seeds)
		.map((file) => readFileSync(path.join(seeds, file), 'utf8'))
		.find((text) => /ventuscloud/i.test(text) && /get-tokens/.test(text));
	const types = page ? exampleTypes(page) : new Map<string, FactType>();
	const responses: ReferenceFacts['ventus']['responses'] = {};
	for (const endpoint of endpoints) {
		const methodPath = /\/method\/(.+)$/.exec(endpoint.path)?.[1];
		// Only plain field lists: "{id, name}" or "[{id, name, region}]" (the price list is keyed by currency).
		const fields = /^(\[)?\{\s*(\w+(?:\s*,\s*\w+)*)\s*\}\]?(\s|$)/.exec(endpoint.response ?? '');
		if (!methodPath || !fields) continue;
		const typed: Record<string, FactType> = {};
		for (const name of fields[2].split(',').map((part) => part.trim())) typed[name] = types.get(name) ?? '?';
		responses[`${endpoint.method} ${methodPath}`] = { list: fields[1] === '[', fields: typed };
	}
	return { responses };
}

export function extractFacts(root: string): ReferenceFacts {
	const api = path.join(root, 'api');
	return { cloutility: cloutilityFacts(api), openvcloud: openvcloudFacts(api), ventus: ventusFacts(root) };
}

/** The committed facts, in the form `extract.ts` writes them. */
export const FACTS_FILE = path.join(__dirname, 'reference-facts.json');

export const formatFacts = (facts: ReferenceFacts) => `${JSON.stringify(facts, null, '\t')}\n`;

if (require.main === module) {
	const root = findReferenceRoot(process.argv[2]);
	if (!root) {
		process.stderr.write('No reference folder: pass it (the folder holding api/ and seeds/) or set REFERENCE_DIR\n');
		process.exit(1);
	}
	process.stdout.write(formatFacts(extractFacts(root)));
}
