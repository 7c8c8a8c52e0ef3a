/**
 * Which operations can wait for what they start (the node's Wait for Completion), derived from the schema of
 * one family. Pure functions, used by the generator (catalog rows' `w`) and by the tests.
 *
 * - **Tasks.** An operation answers a task: a model whose name says task, with an ID field (`taskId` or `id`) and
 *   a state field (`status` or `state`), or a list of them. It is read back with a GET route of the same family
 *   that ends in `/task/{id}`, `/tasks/{id}` or `/task/<kind>/{id}` and answers a task model with a done state
 *   and the same ID and state fields (usually the very same type). Of those routes, the nearest to the
 *   operation's path: one whose placeholders the operation's path fills (they lie in the part both paths
 *   begin with), its beginning a whole ancestor of the operation's path first, then the longest common
 *   beginning, then the route whose kind (`/task/filter/{id}`) is a word of the path. The task routes
 *   themselves wait for the task they read.
 * - **Orders.** A POST, PUT or DELETE answering an `order.Order` (v1) waits until `GET /me/order/{orderId}/status`
 *   says delivered (when that route is in the schema).
 * - **v2 resources.** A POST, PUT or DELETE answering a resource with `resourceStatus` and `currentTasks` waits on
 *   the resource's own GET: `PUT /x/{id}` and `DELETE /x/{id}` on `GET /x/{id}`, `POST /x` on `GET /x/{id}` with
 *   the answer's `id`.
 */
import type { CatalogWait } from '../../nodes/OvhCloud/catalog/types';
import { stateMeaning } from '../../nodes/OvhCloud/catalog/states';
import type { SchemaFamily, SchemaModel } from './compact';

/** The route of an order's status (v1, family `me`). */
export const ORDER_STATUS_ROUTE = '/me/order/{orderId}/status';

const TASK_ROUTE = /^(.*)\/tasks?(?:\/([A-Za-z]+))?\/\{[^}]+\}$/;

const ID_FIELDS = ['taskId', 'id'];
const STATE_FIELDS = ['status', 'state'];

interface TaskShape {
	id: string;
	state: string;
	/** Whether the state's enumeration has a done state. */
	canFinish: boolean;
}

interface TaskRoute {
	path: string;
	/** The route without its task ending: `/dedicated/server/{serviceName}`. */
	base: string[];
	/** `filter` in `/task/filter/{id}`. */
	kind?: string;
	type: string;
	shape: TaskShape;
}

type Lookup = (name: string) => SchemaModel | undefined;

const segments = (path: string) => path.split('/').slice(1);
const isPlaceholder = (segment: string) => segment.startsWith('{');
const listed = (type: string) => type.replace(/\[\]$/, '');

/** The ID and state fields of a task model, or undefined when the type is not one. */
function taskShape(type: string, lookup: Lookup): TaskShape | undefined {
	if (!/task/i.test(type)) return undefined;
	const properties = lookup(type)?.properties;
	if (!properties) return undefined;
	const id = ID_FIELDS.find((name) => properties[name]);
	const state = STATE_FIELDS.find((name) => properties[name]);
	if (!id || !state) return undefined;
	const values = lookup(properties[state].type)?.enum ?? [];
	return { id, state, canFinish: values.some((value) => stateMeaning(value) === 'done') };
}

/** How many segments two paths begin with in common. */
function commonLength(a: string[], b: string[]): number {
	let length = 0;
	while (length < a.length && length < b.length && a[length] === b[length]) length++;
	return length;
}

/** Compares two scores, most significant number first. */
function compareScores(a: number[], b: number[]): number {
	const at = a.findIndex((value, index) => value !== b[index]);
	return at < 0 ? 0 : a[at] - b[at];
}

/** The task route nearest to `path` among `routes` that answer a task like `shape`, or undefined. */
function nearestTaskRoute(path: string, type: string, shape: TaskShape, routes: TaskRoute[]): TaskRoute | undefined {
	const own = segments(path);
	let best: { route: TaskRoute; score: number[] } | undefined;
	for (const route of routes) {
		if (route.shape.id !== shape.id || route.shape.state !== shape.state) continue;
		const common = commonLength(route.base, own);
		// Every placeholder of the route's beginning must come from the operation's path.
		if (route.base.some((segment, index) => isPlaceholder(segment) && index >= common)) continue;
		const score = [
			common === route.base.length ? 1 : 0,
			common,
			route.kind && own.includes(route.kind) ? 1 : 0,
			route.type === type ? 1 : 0,
			-route.base.length,
		];
		if (!best || compareScores(score, best.score) > 0) best = { route, score };
	}
	return best?.route;
}

function taskRoutes(schema: SchemaFamily, lookup: Lookup): TaskRoute[] {
	const routes: TaskRoute[] = [];
	for (const api of schema.apis ?? []) {
		const match = TASK_ROUTE.exec(api.path);
		if (!match) continue;
		for (const operation of api.operations) {
			if (operation.httpMethod.toUpperCase() !== 'GET') continue;
			const shape = taskShape(operation.responseType, lookup);
			if (!shape?.canFinish) continue;
			routes.push({ path: api.path, base: segments(match[1]), kind: match[2], type: operation.responseType, shape });
		}
	}
	return routes;
}

/** The GET route that reads back the v2 resource an operation answers, or undefined. */
function resourceRoute(method: string, path: string, gets: Map<string, string>, lookup: Lookup): CatalogWait | undefined {
	const readsResource = (route: string) => {
		const type = gets.get(route);
		return type !== undefined && lookup(type)?.properties?.resourceStatus !== undefined;
	};
	if (method === 'PUT' || method === 'DELETE') return readsResource(path) ? { k: 'resource', p: path } : undefined;
	const child = [...gets.keys()].find(
		(route) => route.startsWith(`${path}/{`) && segments(route).length === segments(path).length + 1 && readsResource(route),
	);
	return child ? { k: 'resource', p: child, i: 'id' } : undefined;
}

/**
 * The waits of one family's operations, by `METHOD path`. `orderStatus`: whether the schema has the order
 * status route (v1 `me`).
 */
export function familyWaits(
	branch: 'v1' | 'v2',
	schema: SchemaFamily,
	lookup: Lookup,
	orderStatus: boolean,
): Map<string, CatalogWait> {
	const waits = new Map<string, CatalogWait>();
	const routes = taskRoutes(schema, lookup);
	const gets = new Map<string, string>();
	for (const api of schema.apis ?? []) {
		for (const operation of api.operations) if (operation.httpMethod.toUpperCase() === 'GET') gets.set(api.path, operation.responseType);
	}
	for (const api of schema.apis ?? []) {
		for (const operation of api.operations) {
			const method = operation.httpMethod.toUpperCase();
			const type = listed(operation.responseType);
			const key = `${method} ${api.path}`;
			const shape = taskShape(type, lookup);
			if (shape && (method !== 'GET' || TASK_ROUTE.test(api.path))) {
				const route = nearestTaskRoute(api.path, type, shape, routes);
				if (route) waits.set(key, { k: 'task', p: route.path, i: shape.id, s: shape.state });
				continue;
			}
			if (method === 'GET') continue;
			if (branch === 'v1' && type === 'order.Order' && orderStatus) {
				waits.set(key, { k: 'order', p: ORDER_STATUS_ROUTE, i: 'orderId' });
				continue;
			}
			const properties = lookup(type)?.properties;
			if (branch === 'v2' && properties?.resourceStatus && properties.currentTasks) {
				const wait = resourceRoute(method, api.path, gets, lookup);
				if (wait) waits.set(key, wait);
			}
		}
	}
	return waits;
}
