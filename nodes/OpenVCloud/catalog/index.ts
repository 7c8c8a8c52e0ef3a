/** The whole Cloud API catalog: 10 actors, 90 methods. */
import { accounts } from './accounts';
import { cloudspaces } from './cloudspaces';
import { disks } from './disks';
import { machines } from './machines';
import { portforwarding } from './portforwarding';
import { externalnetwork, images, locations, sizes } from './small-actors';
import type { CatalogActor, CatalogMethod } from './types';
import { users } from './users';

export type { ApiType, CatalogActor, CatalogMethod, CatalogParam, LongRunning, Picker, WaitKind } from './types';

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

export interface CatalogEntry {
	actor: CatalogActor;
	method: CatalogMethod;
	/** `cloudapi/<actor>/<method>`, the path under /restmachine/. */
	path: string;
}

const entries = new Map<string, CatalogEntry>();
for (const actor of CATALOG) {
	for (const method of actor.methods) {
		entries.set(`${actor.resource}.${method.name}`, { actor, method, path: `cloudapi/${actor.actor}/${method.name}` });
	}
}

/** The catalog entry behind a resource and operation of the node. */
export function catalogEntry(resource: string, operation: string): CatalogEntry | undefined {
	return entries.get(`${resource}.${operation}`);
}

export function allEntries(): CatalogEntry[] {
	return [...entries.values()];
}

/** Whether "Wait for Completion" applies: long-running and run as a task (not a file or background job). */
export function isWaitable(method: CatalogMethod): boolean {
	return method.longRunning !== undefined && (method.longRunning.via ?? 'task') === 'task';
}
