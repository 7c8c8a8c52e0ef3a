/**
 * Lazy access to the generated catalog. Nothing here parses a family file until an operation of that
 * family is listed, described or run; each file is read once per process (Node's module cache).
 */
import { FAMILIES } from './families';
import type { CatalogFamily, CatalogOperation } from './types';

const KNOWN = new Set(FAMILIES.map((family) => family.value));

const loaded = new Map<string, Promise<CatalogFamily>>();

export function isFamily(value: unknown): value is string {
	return typeof value === 'string' && KNOWN.has(value);
}

/** The catalog of one family (`v1/domain`); undefined for a value that is not a family. */
export async function loadFamily(value: string): Promise<CatalogFamily | undefined> {
	if (!isFamily(value)) return undefined;
	let family = loaded.get(value);
	if (!family) {
		const [branch, name] = value.split('/');
		family = import(`./${branch}/${name}.json`).then(
			(module: { default?: CatalogFamily } & CatalogFamily) => module.default ?? module,
		);
		loaded.set(value, family);
	}
	return await family;
}

/** An operation's key: `GET /domain/zone/{zoneName}/record`. */
export function operationKey(operation: Pick<CatalogOperation, 'm' | 'p'>): string {
	return `${operation.m} ${operation.p}`;
}

/** Finds an operation by its key; the method is case-insensitive, spaces around are ignored. */
export function findOperation(family: CatalogFamily, key: string): CatalogOperation | undefined {
	const match = /^\s*([a-z]+)\s+(\S+)\s*$/i.exec(key);
	if (!match) return undefined;
	const method = match[1].toUpperCase();
	return family.operations.find((operation) => operation.m === method && operation.p === match[2]);
}

/** Primitive element types of ID lists (`long[]`, `string[]`, `ipBlock[]`...), as opposed to lists of models. */
const ID_TYPES = new Set(['string', 'long', 'int', 'uuid', 'ip', 'ipBlock', 'ipv4', 'ipv6', 'ipv4Block', 'ipv6Block', 'phoneNumber', 'date', 'datetime']);

/** Whether a GET returns a list of IDs (which OVHcloud can also return as full objects, page by page). */
export function returnsIds(operation: CatalogOperation): boolean {
	return operation.m === 'GET' && /\[\]$/.test(operation.r) && ID_TYPES.has(operation.r.slice(0, -2));
}

/** The placeholder an ID of a list stands for: `/domain/zone` → `zoneName` (from `/domain/zone/{zoneName}`). */
export function childParameter(family: CatalogFamily, operation: CatalogOperation): string | undefined {
	const prefix = `${operation.p}/{`;
	for (const candidate of family.operations) {
		if (candidate.p.startsWith(prefix) && candidate.p.indexOf('}', prefix.length) === candidate.p.length - 1) {
			return candidate.p.slice(prefix.length, -1);
		}
	}
	return undefined;
}

/**
 * The collection whose IDs a path placeholder takes: for `{zoneName}` in `/domain/zone/{zoneName}/record`,
 * `GET /domain/zone` when the catalog has it and it lists IDs.
 */
export function parentCollection(family: CatalogFamily, path: string, placeholder: string): CatalogOperation | undefined {
	const marker = `/{${placeholder}}`;
	const at = path.indexOf(marker);
	if (at <= 0) return undefined;
	const parent = path.slice(0, at);
	return family.operations.find((operation) => operation.p === parent && returnsIds(operation));
}

/** The placeholders of a path template, in order. */
export function placeholders(path: string): string[] {
	return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}
