/**
 * The compact catalog format: one JSON file per OVHcloud API family (`catalog/<branch>/<family>.json`),
 * generated from OVHcloud's machine-readable schema by `npm run ovh:catalog`. Keys are short because the
 * files are shipped in the package; each one is described here.
 */

/** Where a parameter goes. */
export type ParamLocation = 'path' | 'query' | 'body' | 'header';

/** One parameter of an operation, or one field of a body model. */
export interface CatalogParam {
	/** Name (path placeholder, query key, body field or header). */
	n: string;
	/** Where it goes (absent for model fields: always the body). */
	in?: ParamLocation;
	/** The schema's type: `string`, `long`, `boolean`, `datetime`, `ipBlock`, an enum or model name, `x[]`... */
	t: string;
	/** 1 when required. */
	r?: 1;
	/** Description. */
	d?: string;
}

/** Deprecation facts of an operation. */
export interface CatalogDeprecation {
	/** When it is (or was) removed, ISO date. */
	on?: string;
	/** The path that replaces it, without the branch prefix (e.g. `/cloud/project/{serviceName}/database/cassandra`). */
	by?: string;
}

/**
 * How to wait for what an operation starts (Wait for Completion), derived from the schema by the generator
 * (scripts/ovh-catalog/waits.ts): the GET route to read until the work is done, on the operation's branch.
 */
export interface CatalogWait {
	/** What is waited for: a task, an order (until delivered), or a v2 resource (until its resourceStatus is READY). */
	k: 'task' | 'order' | 'resource';
	/**
	 * The GET route read until done: the task route (`/dedicated/server/{serviceName}/task/{taskId}`), the order
	 * status (`/me/order/{orderId}/status`), or the resource's own route. Its placeholders come from the
	 * operation's path values, and the last one, when the path does not have it, from the answer's `i` field.
	 */
	p: string;
	/** The field of the answer that identifies what to read: `taskId`, `id`, `orderId`. */
	i?: string;
	/** Tasks: the field that holds the task's state (`status` or `state`). */
	s?: string;
}

export interface CatalogOperation {
	/** HTTP method. */
	m: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** Path template inside the branch, e.g. `/domain/zone/{zoneName}/record`. */
	p: string;
	/** Status when not PRODUCTION: BETA, ALPHA, DEPRECATED... */
	s?: string;
	/** Description. */
	d?: string;
	/** Path, query and header parameters, and body fields sent one by one. */
	q?: CatalogParam[];
	/** The model the whole body is (when the body is one model), as a key of `models`, or a plain type (`map[string]string`). */
	b?: string;
	/** 1 when the body model is required. */
	br?: 1;
	/** Response type, e.g. `long[]`, `domain.zone.Record`, `void`. */
	r: string;
	/** 1 when the operation needs no authentication. */
	na?: 1;
	/** Deprecation facts. */
	x?: CatalogDeprecation;
	/** How to wait for what the operation starts; absent when it starts nothing that can be waited for. */
	w?: CatalogWait;
}

export interface CatalogFamily {
	/** `v1` or `v2`. */
	branch: 'v1' | 'v2';
	/** The family's key (the schema file's name). */
	family: string;
	/** The family's root path, e.g. `/domain`. */
	root: string;
	operations: CatalogOperation[];
	/** Body models: their writable fields. */
	models: Record<string, CatalogParam[]>;
	/** Enumerations used by parameters and model fields. */
	enums: Record<string, Array<string | number>>;
}

/** One entry of the static family list (the node's Resource options). */
export interface FamilyEntry {
	/** `v1/domain`: branch and family key. */
	value: string;
	/** Display name. */
	name: string;
	/** The family's root path as called (`/domain`, `/v2/domain`). */
	path: string;
	/** Number of operations. */
	count: number;
}
