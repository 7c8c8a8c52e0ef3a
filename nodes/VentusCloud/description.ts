/**
 * The editor properties of both nodes. The action node's are built from the catalog rows: a Resource
 * selector, an Operation selector per resource, each row's fields in the row's order (a field used by
 * several operations of a resource is one parameter shown for all of them), Return All / Limit for lists,
 * the collections fields sit in, and the Options every action node has. The trigger's filters are fields
 * of the same rows.
 */
import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../shared/list-limit';
import { fieldProperty } from '../shared/operation-fields';
import { runOptionProperties } from '../shared/run-options';
import { eventSubtitle } from '../shared/trigger';
import { PARALLEL_DEFAULT } from './api';
import { collectionsOf, DEFAULT_RESOURCE, parameterOf, RESOURCES, ROWS, TRIGGER_FILTERS, type VentusField, type VentusRow } from './catalog';
import { EVENTS } from './events';

/** The collections fields can sit in (`within`). */
const COLLECTIONS: Record<string, { displayName: string; placeholder: string }> = {
	filters: { displayName: 'Filters', placeholder: 'Add Filter' },
};

function operationSelector(resource: string, rows: VentusRow[]): INodeProperties {
	const sorted = [...rows].sort((a, b) => a.name.localeCompare(b.name));
	const defaultOperation = (rows.find((row) => row.isDefault) ?? sorted[0]).operation;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: sorted.map((row) => ({
			name: row.name,
			value: row.operation,
			action: row.action,
			...(row.description ? { description: row.description } : {}),
		})),
		default: defaultOperation,
	};
}

/** The properties of one row, shown for that row's operation only. */
function rowProperties(row: VentusRow): INodeProperties[] {
	const where = { show: { resource: [row.resource], operation: [row.operation] } };
	const properties: INodeProperties[] = row.fields
		.filter((field) => !field.within)
		.map((field) => ({
			...fieldProperty(field, parameterOf(field)),
			...(field.required ? { required: true } : {}),
			displayOptions: where,
		}));
	if (row.list) properties.push(...returnAllProperties(where));
	const collections = collectionsOf(row);
	for (const name of collections) {
		properties.push({
			displayName: COLLECTIONS[name].displayName,
			name,
			type: 'collection',
			placeholder: COLLECTIONS[name].placeholder,
			default: {},
			displayOptions: where,
			options: row.fields
				.filter((field) => field.within === name)
				.map((field) => fieldProperty(field, parameterOf(field)))
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	return properties;
}

/**
 * The properties of a resource's rows, a parameter used by several operations becoming one property shown
 * for all of them (it must be the same in each: a saved value means the same thing for every operation).
 */
function resourceProperties(resource: string, rows: VentusRow[]): INodeProperties[] {
	const merged = new Map<string, { property: INodeProperties; shape: string }>();
	for (const property of rows.flatMap(rowProperties)) {
		const { displayOptions, ...rest } = property;
		const shape = JSON.stringify(rest);
		const known = merged.get(property.name);
		if (!known) {
			merged.set(property.name, { property: { ...property, displayOptions: { show: { ...displayOptions!.show } } }, shape });
			continue;
		}
		if (known.shape !== shape) throw new Error(`Ventus catalog: parameter "${property.name}" of ${resource} differs between operations`);
		const show = known.property.displayOptions!.show!;
		show.operation = [...(show.operation ?? []), ...(displayOptions!.show!.operation ?? [])];
	}
	return [...merged.values()].map(({ property }) => property);
}

/** Everything the editor shows for the node. */
export function nodeProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: RESOURCES.map(({ name, value }) => ({ name, value })),
			default: DEFAULT_RESOURCE,
		},
	];
	const fields: INodeProperties[] = [];
	for (const { value: resource } of RESOURCES) {
		const rows = ROWS.filter((row) => row.resource === resource);
		properties.push(operationSelector(resource, rows));
		fields.push(...resourceProperties(resource, rows));
	}
	properties.push(...fields, {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: runOptionProperties(PARALLEL_DEFAULT),
	});
	return properties;
}

/** The trigger's Event selector, as n8n's subtitle expression shows it. */
export const TRIGGER_SUBTITLE = eventSubtitle(EVENTS);

/** The trigger's fields for the events of `events`, in a Filters collection (the fields the catalog row has). */
function triggerFilters(events: string[], fields: VentusField[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { event: events } },
		options: fields.map((field) => fieldProperty(field, parameterOf(field))).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/**
 * Everything the editor shows for the trigger: the event, its filters (the project list's Region and
 * Name Contains, the price list's Currency: the same fields as in the action node), and its options.
 */
export function triggerProperties(): INodeProperties[] {
	const projectEvents = EVENTS.map(({ value }) => value).filter((value) => value !== 'priceChanged');
	return [
		{
			displayName: 'Event',
			name: 'event',
			type: 'options',
			noDataExpression: true,
			options: EVENTS.map(({ value, name, description }) => ({ name, value, description })),
			default: 'projectCreated',
		},
		triggerFilters(projectEvents, TRIGGER_FILTERS.project),
		triggerFilters(['priceChanged'], TRIGGER_FILTERS.price),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { event: ['priceChanged'] } },
			options: [
				{
					displayName: 'Include Added and Removed Prices',
					name: 'addedAndRemoved',
					type: 'boolean',
					default: false,
					description:
						'Whether to emit prices that appear in the price list (a new flavor or currency: `change` is "added") or disappear from it ("removed"), besides prices that change',
				},
			],
		},
	];
}
