/**
 * Where OVHcloud's schema comes from: a local folder (`<dir>/v1/*.json`, `<dir>/v2/*.json`, each with
 * `_index.json`), OVHcloud's public schema URLs for someone who has internet access, or the snapshot kept in
 * this repository (`schema-snapshot.json.gz`): the schema the committed catalog was generated from, so the
 * catalog can be checked and regenerated anywhere.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

import type { SchemaFamily } from './compact';

export type Branch = 'v1' | 'v2';

export interface SourceFamily {
	branch: Branch;
	/** The family key: the schema file's name (`dedicatedCloud`, `cdn`...). */
	family: string;
	schema: SchemaFamily;
}

/** The schema folder: OVH_SCHEMA_DIR, or `shared/reference/ovh-api-schema` beside the repository or above it. */
export function findSchemaDir(start = path.resolve(__dirname, '..', '..')): string | undefined {
	if (process.env.OVH_SCHEMA_DIR) return process.env.OVH_SCHEMA_DIR;
	let directory = start;
	for (let depth = 0; depth < 5; depth++) {
		for (const candidate of [path.join(directory, 'shared', 'reference', 'ovh-api-schema')]) {
			if (existsSync(path.join(candidate, 'v1', '_index.json'))) return candidate;
		}
		directory = path.dirname(directory);
	}
	return undefined;
}

export function readSchemaDir(directory: string): SourceFamily[] {
	const families: SourceFamily[] = [];
	for (const branch of ['v1', 'v2'] as const) {
		const folder = path.join(directory, branch);
		for (const file of readdirSync(folder).sort()) {
			if (!file.endsWith('.json') || file === '_index.json') continue;
			const schema = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as SchemaFamily;
			families.push({ branch, family: file.slice(0, -'.json'.length), schema });
		}
	}
	return families;
}

/** The snapshot of the schema the committed catalog was generated from. */
export const SCHEMA_SNAPSHOT = path.join(__dirname, 'schema-snapshot.json.gz');

type Snapshot = Record<Branch, Record<string, SchemaFamily>>;

/** The families of a snapshot, in the same order as `readSchemaDir` gives them. */
export function readSchemaSnapshot(file = SCHEMA_SNAPSHOT): SourceFamily[] {
	const snapshot = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Snapshot;
	const families: SourceFamily[] = [];
	for (const branch of ['v1', 'v2'] as const) {
		for (const family of Object.keys(snapshot[branch]).sort()) {
			families.push({ branch, family, schema: snapshot[branch][family] });
		}
	}
	return families;
}

/** Writes the families as a snapshot (what `npm run ovh:catalog` does after reading a folder or downloading). */
export function writeSchemaSnapshot(families: SourceFamily[], file = SCHEMA_SNAPSHOT) {
	const snapshot: Snapshot = { v1: {}, v2: {} };
	for (const { branch, family, schema } of families) snapshot[branch][family] = schema;
	writeFileSync(file, gzipSync(JSON.stringify(snapshot), { level: 9 }));
}

/**
 * Family keys of the v1 families whose file is not named after their whole path (OVHcloud's own naming of
 * the schema files); every other family is its path in camel case (`/dedicated/ceph` → `dedicatedCeph`).
 */
const KEY_OF_PATH: Record<string, string> = {
	'/cdn/dedicated': 'cdn',
	'/cluster/hadoop': 'cluster',
	'/dbaas/logs': 'dbaas',
	'/dedicated/server': 'dedicated',
	'/email/pro': 'email',
	'/hosting/web': 'hosting',
	'/license/worklight': 'license',
	'/pack/xdsl': 'pack',
	'/saas/csp2': 'saas',
	'/stack/mis': 'stack',
	'/supply/mondialRelay': 'supply',
	'/veeam/veeamEnterprise': 'veeam',
};

export function familyKey(apiPath: string): string {
	return (
		KEY_OF_PATH[apiPath] ??
		apiPath
			.split('/')
			.filter(Boolean)
			.map((segment, index) => (index === 0 ? segment : segment[0].toUpperCase() + segment.slice(1)))
			.join('')
	);
}

/** Downloads the index of each branch, then every family it lists. */
export async function downloadSchema(host = 'https://eu.api.ovh.com'): Promise<SourceFamily[]> {
	const families: SourceFamily[] = [];
	const get = async (url: string) => {
		const response = await fetch(url, { headers: { Accept: 'application/json' } });
		if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
		return (await response.json()) as unknown;
	};
	for (const [branch, prefix] of [
		['v1', '/1.0'],
		['v2', '/v2'],
	] as const) {
		const index = (await get(`${host}${prefix}/`)) as { apis: Array<{ path: string }> };
		for (const api of index.apis) {
			const schema = (await get(`${host}${prefix}${api.path}.json`)) as SchemaFamily;
			families.push({ branch, family: familyKey(api.path), schema });
			console.log(`downloaded ${branch}${api.path}`);
		}
	}
	return families;
}
