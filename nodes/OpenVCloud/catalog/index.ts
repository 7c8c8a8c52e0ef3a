/**
 * The whole Cloud API catalog (10 actors, 90 methods) and the lookup built from it once, when the module
 * loads: per resource and operation, the method, its path, its field list (the shared field model), the
 * parameter names its fields use in the editor, and the conversions its values need.
 */
import { sharedFieldNames, type OperationSpec } from '../../shared/operation-fields';
import { accounts } from './accounts';
import { cloudspaces } from './cloudspaces';
import { disks } from './disks';
import { machines } from './machines';
import { apiConversion } from './params';
import { portforwarding } from './portforwarding';
import { externalnetwork, images, locations, sizes } from './small-actors';
import type { CatalogActor, CatalogMethod } from './types';
import { users } from './users';

export type { CatalogActor, CatalogMethod, WaitKind } from './types';
export { apiType } from './params';

export const CATALOG: readonly CatalogActor[] = [
	accounts,
	cloudspaces,
	disks,
	externalnetwork,
	images,
	locations,
	machines,
	portforwarding,
	sizes,
	users,
];

/** One node operation: a catalogued method, with what every item of a run needs worked out beforehand. */
export interface Operation {
	actor: CatalogActor;
	method: CatalogMethod;
	/** `cloudapi/<actor>/<method>`, the path under /restmachine/. */
	path: string;
	/** The method's fields, for the shared field reader and the editor. */
	spec: OperationSpec;
	/** Parameters Extra Parameters must not set: the operation's own fields, and what the transport sets. */
	reserved: ReadonlySet<string>;
	/** Values that change form before they are sent (dates as Unix seconds, IDs the API takes as text). */
	conversions: ReadonlyArray<[name: string, convert: (value: unknown) => unknown]>;
	/** Fields whose values are secret (scrubbed from errors, never put out). */
	secrets: readonly string[];
}

const operations = new Map<string, Operation>();
for (const actor of CATALOG) {
	for (const method of actor.methods) {
		const conversions: Array<[string, (value: unknown) => unknown]> = [];
		for (const param of method.params) {
			const convert = apiConversion(param);
			if (convert) conversions.push([param.name, convert]);
		}
		operations.set(`${actor.resource}.${method.name}`, {
			actor,
			method,
			path: `cloudapi/${actor.actor}/${method.name}`,
			spec: { resource: actor.resource, operation: method.name, fields: method.params },
			reserved: new Set([...method.params.map((param) => param.name), '_async', 'authkey']),
			conversions,
			secrets: method.params.filter((param) => param.secret).map((param) => param.name),
		});
	}
}

/** Every operation of the catalog, in catalog order. */
export const OPERATIONS: readonly Operation[] = [...operations.values()];

/** Required fields that share one editor parameter across operations (the rest are named per operation). */
export const SHARED_FIELDS = sharedFieldNames(OPERATIONS.map((operation) => operation.spec));

/** The operation behind a resource and operation of the node. */
export function operationOf(resource: string, operation: string): Operation | undefined {
	return operations.get(`${resource}.${operation}`);
}

/** Whether "Wait for Completion" applies: long-running and run as a task (not a file or background job). */
export function isWaitable(method: CatalogMethod): boolean {
	return method.longRunning !== undefined && (method.longRunning.via ?? 'task') === 'task';
}
