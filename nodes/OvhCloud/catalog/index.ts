/**
 * The generated catalog, loaded lazily: nothing parses a family file until one of its operations is listed,
 * described or run; each file is read once per process (Node's module cache), and its lookups (operation by
 * key, the placeholder a list's IDs stand for) are built once per family, the first time they are asked for.
 */
import { FAMILIES } from './families';
import type { CatalogFamily, CatalogOperation } from './types';

const KNOWN = new Set(FAMILIES.map((family) => family.value));

const loaded = new Map<string, Promise<CatalogFamily>>();

/** The catalog of one family (`v1/domain`); undefined for a value that is not a family. */
export async function loadFamily(value: string): Promise<CatalogFamily | undefined> {
	if (!KNOWN.has(value)) return undefined;
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

interface FamilyIndex {
	/** Operations by key. */
	byKey: Map<string, CatalogOperation>;
	/** For a path, the placeholder that follows it in the catalog: `/domain/zone` → `zoneName`. */
	child: Map<string, string>;
}

const indexes = new WeakMap<CatalogFamily, FamilyIndex>();

function indexOf(family: CatalogFamily): FamilyIndex {
	let index = indexes.get(family);
	if (!index) {
		index = { byKey: new Map(), child: new Map() };
		for (const operation of family.operations) {
			index.byKey.set(operationKey(operation), operation);
			const last = /^(.*)\/\{([^}]*)\}$/.exec(operation.p);
			if (last && !index.child.has(last[1])) index.child.set(last[1], last[2]);
		}
		indexes.set(family, index);
	}
	return index;
}

/** Finds an operation by its key; the method is case-insensitive, spaces around are ignored. */
export function findOperation(family: CatalogFamily, key: string): CatalogOperation | undefined {
	const match = /^\s*([a-z]+)\s+(\S+)\s*$/i.exec(key);
	if (!match) return undefined;
	return indexOf(family).byKey.get(`${match[1].toUpperCase()} ${match[2]}`);
}

/** Primitive element types of ID lists (`long[]`, `string[]`, `ipBlock[]`...), as opposed to lists of models. */
const ID_TYPES = new Set(['string', 'long', 'int', 'uuid', 'ip', 'ipBlock', 'ipv4', 'ipv6', 'ipv4Block', 'ipv6Block', 'phoneNumber', 'date', 'datetime']);

/** Whether a GET returns a list of IDs (which OVHcloud can also return as full objects, page by page). */
export function returnsIds(operation: CatalogOperation): boolean {
	return operation.m === 'GET' && /\[\]$/.test(operation.r) && ID_TYPES.has(operation.r.slice(0, -2));
}

/** The placeholder an ID of a list stands for: `/domain/zone` → `zoneName` (from `/domain/zone/{zoneName}`). */
export function childParameter(family: CatalogFamily, operation: CatalogOperation): string | undefined {
	return indexOf(family).child.get(operation.p);
}

/**
 * The collection whose IDs a path placeholder takes: for `{zoneName}` in `/domain/zone/{zoneName}/record`,
 * `GET /domain/zone` when the catalog has it and it lists IDs.
 */
export function parentCollection(family: CatalogFamily, path: string, placeholder: string): CatalogOperation | undefined {
	const at = path.indexOf(`/{${placeholder}}`);
	if (at <= 0) return undefined;
	const parent = indexOf(family).byKey.get(`GET ${path.slice(0, at)}`);
	return parent && returnsIds(parent) ? parent : undefined;
}

/** The placeholders of a path template, in order. */
export function placeholders(path: string): string[] {
	return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}
