/**
 * The Ventus Cloud catalog: one row per API call. The editor's resources, operations and fields
 * (description.ts) and the request sent per item (execute.ts) are both derived from these rows:
 * a new Ventus endpoint is a new row.
 */
import { priceRows } from './prices';
import { projectRows } from './projects';
import type { VentusField, VentusRow } from './types';

export type { VentusField, VentusRow } from './types';

export const RESOURCES = [
	{ name: 'Price', value: 'price' },
	{ name: 'Project', value: 'project' },
] as const;

export const DEFAULT_RESOURCE = 'project';

export const ROWS: readonly VentusRow[] = [...projectRows, ...priceRows];

/** Path placeholders that are not fields, with the name a person knows them by. */
export const ACCOUNT_PLACEHOLDERS: Record<string, string> = { organizationId: 'Organization ID' };

const byOperation = new Map(ROWS.map((row) => [`${row.resource}.${row.operation}`, row]));

/** The row behind a resource and operation of the node. */
export function rowFor(resource: string, operation: string): VentusRow | undefined {
	return byOperation.get(`${resource}.${operation}`);
}

/**
 * The fields the trigger filters its events with, the same as the action node's: the project list's
 * filters (Region, Name Contains) for project events, the price list's Currency for price events.
 */
export const TRIGGER_FILTERS: Record<'project' | 'price', VentusField[]> = {
	project: rowFor('project', 'list')!.fields.filter((field) => field.filter),
	price: rowFor('price', 'get')!.fields.filter((field) => field.name === 'currency'),
};

/** The name of a field's node parameter (or of its entry in the collection it sits in). */
export function parameterOf(field: VentusField): string {
	return field.parameter ?? field.name;
}

/** The collection parameters a row's fields sit in, in order. */
export function collectionsOf(row: VentusRow): string[] {
	return [...new Set(row.fields.map((field) => field.within).filter((name): name is string => !!name))];
}
