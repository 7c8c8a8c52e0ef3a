/**
 * The OVHcloud emulator's knowledge of the API: the package's generated catalog, indexed so a request
 * (method and raw path) finds its operation, and generic answers for operations without hand-made data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { CatalogFamily, CatalogOperation } from '../../nodes/OvhCloud/catalog/types';

const CATALOG_DIR = path.resolve(__dirname, '..', '..', 'nodes', 'OvhCloud', 'catalog');

export interface IndexedOperation {
	family: CatalogFamily;
	operation: CatalogOperation;
	segments: string[];
	/** How many segments are literal (more literal = more specific). */
	literal: number;
}

export interface MatchedOperation extends IndexedOperation {
	/** Path placeholders, percent-decoded. */
	params: Record<string, string>;
}

let cache: Map<string, IndexedOperation[]> | undefined;

/** Every catalog operation, by branch. Loaded once per process. */
export function catalogIndex(): Map<string, IndexedOperation[]> {
	if (cache) return cache;
	cache = new Map();
	for (const branch of ['v1', 'v2']) {
		const operations: IndexedOperation[] = [];
		for (const file of readdirSync(path.join(CATALOG_DIR, branch))) {
			if (!file.endsWith('.json')) continue;
			const family = JSON.parse(readFileSync(path.join(CATALOG_DIR, branch, file), 'utf8')) as CatalogFamily;
			for (const operation of family.operations) {
				const segments = operation.p.split('/').slice(1);
				operations.push({ family, operation, segments, literal: segments.filter((segment) => !segment.startsWith('{')).length });
			}
		}
		operations.sort((a, b) => b.literal - a.literal);
		cache.set(branch, operations);
	}
	return cache;
}

/** Finds the operation for a method and a raw (still percent-encoded) path inside a branch. */
export function matchOperation(
	branch: string,
	method: string,
	rawPath: string,
): { matched?: MatchedOperation; pathExists: boolean } {
	const raw = rawPath.split('/').slice(1);
	let pathExists = false;
	for (const candidate of catalogIndex().get(branch) ?? []) {
		if (candidate.segments.length !== raw.length) continue;
		const params: Record<string, string> = {};
		let fits = true;
		for (let index = 0; index < raw.length && fits; index++) {
			const segment = candidate.segments[index];
			let value: string;
			try {
				value = decodeURIComponent(raw[index]);
			} catch {
				return { pathExists: false };
			}
			if (segment.startsWith('{')) {
				if (!value) fits = false;
				params[segment.slice(1, -1)] = value;
			} else if (segment !== value) fits = false;
		}
		if (!fits) continue;
		pathExists = true;
		if (candidate.operation.m === method) return { matched: { ...candidate, params }, pathExists };
	}
	return { pathExists };
}

/** Names of required query parameters and body fields that a request lacks. */
export function missingParameters(match: MatchedOperation, query: URLSearchParams, body: unknown): string[] {
	const missing: string[] = [];
	const object = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
	for (const param of match.operation.q ?? []) {
		if (!param.r) continue;
		if (param.in === 'query' && !query.has(param.n)) missing.push(param.n);
		if ((param.in ?? 'body') === 'body' && object[param.n] === undefined) missing.push(param.n);
	}
	const model = match.operation.b ? match.family.models[match.operation.b] : undefined;
	if (model && (match.operation.br || Object.keys(object).length)) {
		for (const field of model) if (field.r && object[field.n] === undefined) missing.push(field.n);
	} else if (match.operation.b && match.operation.br && body === undefined) {
		missing.push('body');
	}
	return missing;
}

/** A plausible answer of the operation's response type, for operations the emulator has no data for. */
export function genericAnswer(match: MatchedOperation, body: unknown): unknown {
	const type = match.operation.r;
	if (type === 'void') return null;
	if (type.endsWith('[]')) return [];
	if (['long', 'double', 'int'].includes(type)) return 0;
	if (type === 'boolean') return true;
	if (type === 'string' || type === 'password') return '';
	const input = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
	return { ...match.params, ...input };
}
