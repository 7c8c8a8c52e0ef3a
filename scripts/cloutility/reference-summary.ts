/**
 * The Cloutility endpoints the reference documents, summarised for the catalog test: method, path, the names
 * of the URI parameters (path and query), the names of the body fields where a help page lists them, and
 * where each endpoint is documented (guide, help page, help index only, client). Read from the reference
 * folder (`api/cloutility-endpoints.json`: the guide and the clients; `api/cloutility-help.json`: the portal's
 * `/v1/help` pages). The summary is committed as test/cloutility/reference-endpoints.json, so the test also
 * runs on a clone without the reference folder.
 *
 *   npx tsx scripts/cloutility/reference-summary.ts [reference/api folder] > test/cloutility/reference-endpoints.json
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type DocSource = 'guide' | 'help' | 'help-index' | 'client';

export interface ReferenceEndpoint {
	method: string;
	path: string;
	/** Names of the path and query parameters, sorted. */
	parameters: string[];
	/** Names of the body fields a help page lists (undefined: no body, or the page does not list its fields). */
	body?: string[];
	/** Whether the page's list of body fields was cut short (more fields exist). */
	bodyTruncated?: boolean;
	source: DocSource[];
}

interface GuideEndpoint {
	method: string;
	path: string;
	query: string[];
	status: string;
	source: string[];
}

interface HelpEndpoint {
	method: string;
	path: string;
	uriParameters: Array<{ name: string }>;
	body: { fields?: Array<{ name: string }> } | null;
	evidence: string;
}

const ORDER: DocSource[] = ['guide', 'help', 'help-index', 'client'];

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

/** The reference folder: the argument, CLOUTILITY_REFERENCE_DIR, or shared/reference/api beside the repository. */
export function findReferenceDir(given?: string): string | undefined {
	const candidates = [given, process.env.CLOUTILITY_REFERENCE_DIR, path.resolve(__dirname, '..', '..', '..', 'shared', 'reference', 'api')];
	return candidates.find((candidate) => candidate && existsSync(path.join(candidate, 'cloutility-help.json')));
}

export function summarise(dir: string): ReferenceEndpoint[] {
	const guide = (JSON.parse(readFileSync(path.join(dir, 'cloutility-endpoints.json'), 'utf8')) as { endpoints: GuideEndpoint[] }).endpoints;
	const help = (JSON.parse(readFileSync(path.join(dir, 'cloutility-help.json'), 'utf8')) as { endpoints: HelpEndpoint[] }).endpoints;
	const byKey = new Map<string, ReferenceEndpoint & { sources: Set<DocSource>; names: Set<string> }>();
	const entry = (method: string, template: string) => {
		const key = `${method} ${template}`;
		let found = byKey.get(key);
		if (!found) {
			found = { method, path: template, parameters: [], source: [], sources: new Set(), names: new Set(placeholders(template)) };
			byKey.set(key, found);
		}
		return found;
	};
	for (const endpoint of guide) {
		if (endpoint.path === '/v1/oauth') continue;
		const found = entry(endpoint.method, endpoint.path);
		// "types (repeatable int: ...)", "startTime (ISO 8601)": the name is the first word.
		for (const query of endpoint.query) found.names.add(query.split(/[\s(]/)[0]);
		if (['documented', 'documented-with-typo', 'hateoas-link'].includes(endpoint.status)) found.sources.add('guide');
		if (endpoint.status === 'help-page') found.sources.add('help');
		if (endpoint.status === 'used-by-client' || endpoint.source.some((source) => /cloutility-api-client|Cloud-Portal-API-consumer/.test(source))) {
			found.sources.add('client');
		}
	}
	for (const endpoint of help) {
		const found = entry(endpoint.method, endpoint.path);
		for (const parameter of endpoint.uriParameters) found.names.add(parameter.name);
		found.sources.add(endpoint.evidence.startsWith('help-index') ? 'help-index' : 'help');
		const fields = (endpoint.body?.fields ?? []).map((field) => field.name);
		if (fields.length) {
			found.body = fields.filter((name) => !name.startsWith('...')).sort();
			if (fields.some((name) => name.startsWith('...'))) found.bodyTruncated = true;
		}
	}
	return [...byKey.values()]
		.map(({ sources, names, ...endpoint }) => ({ ...endpoint, parameters: [...names].sort(), source: ORDER.filter((source) => sources.has(source)) }))
		.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

if (require.main === module) {
	const dir = findReferenceDir(process.argv[2]);
	if (!dir) throw new Error('No reference folder with cloutility-help.json found: give it as the first argument');
	// One endpoint a line: a change in the reference is a readable diff.
	process.stdout.write(`[\n${summarise(dir).map((endpoint) => `\t${JSON.stringify(endpoint)}`).join(',\n')}\n]\n`);
}
