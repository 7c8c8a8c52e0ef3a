/**
 * The node's editor fields, all derived from the catalog rows.
 *
 * What n8n sends to the editor stays small by merging: a field that several operations show alike (the
 * business unit picker, Return All and Limit, an Additional Fields collection two operations share) is one
 * property whose display options name every operation it belongs to, across resources. Display options can
 * only say "these resources and these operations", so each merged property gets conditions that hold for
 * exactly its operations (split into a few when one condition cannot say it). The properties come in layers,
 * so every operation shows its required fields in the API's order, then Return All / Limit, then Additional
 * Fields, then Options.
 */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../shared/list-limit';
import { ADDITIONAL_FIELDS, operationProperties, type FieldOrder } from '../shared/operation-fields';
import { runOptionProperties } from '../shared/run-options';
import { PARALLEL_DEFAULT } from './api';
import { OPERATIONS, RESOURCES, SHARED_FIELDS, type PortalOperation } from './catalog';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Whether an operation puts out a list (and so offers Return All / Limit). */
export const isList = (operation: PortalOperation) => operation.answer !== undefined && operation.answer !== 'object';

/** One operation of the node, as display options name it. */
export interface Pair {
	resource: string;
	operation: string;
}

const ALL_PAIRS: Pair[] = OPERATIONS.map(({ resource, operation }) => ({ resource, operation }));

const pairKey = (pair: Pair) => `${pair.resource}\u0000${pair.operation}`;

const unique = (values: string[]) => [...new Set(values)];

type Show = NonNullable<IDisplayOptions['show']>;

/** One rectangle of resources × operations per set of `by` keys that share the same list of the other. */
function rectangles(pairs: Pair[], by: 'resource' | 'operation', extra: Show): IDisplayOptions[] {
	const other = by === 'resource' ? 'operation' : 'resource';
	const lists = new Map<string, string[]>();
	for (const pair of pairs) lists.set(pair[by], [...(lists.get(pair[by]) ?? []), pair[other]]);
	const groups = new Map<string, string[]>();
	for (const [key, values] of lists) {
		const signature = JSON.stringify(unique(values).sort());
		groups.set(signature, [...(groups.get(signature) ?? []), key]);
	}
	return [...groups].map(([signature, keys]) => ({ show: { ...extra, [by]: keys, [other]: JSON.parse(signature) as string[] } }));
}

/**
 * Resources grouped so that, within a group, no operation that must show is one that must not show in
 * another resource of the group: each group is then "these resources, but not these operations".
 */
function resourcesWithHidden(pairs: Pair[], all: Pair[], extra: Show): IDisplayOptions[] {
	const wanted = new Set(pairs.map(pairKey));
	const groups: Array<{ resources: string[]; shown: Set<string>; hidden: Set<string> }> = [];
	for (const resource of unique(pairs.map((pair) => pair.resource))) {
		const own = all.filter((pair) => pair.resource === resource);
		const shown = own.filter((pair) => wanted.has(pairKey(pair))).map((pair) => pair.operation);
		const hidden = own.filter((pair) => !wanted.has(pairKey(pair))).map((pair) => pair.operation);
		const group = groups.find((candidate) => !shown.some((operation) => candidate.hidden.has(operation)) && !hidden.some((operation) => candidate.shown.has(operation)));
		if (group) {
			group.resources.push(resource);
			for (const operation of shown) group.shown.add(operation);
			for (const operation of hidden) group.hidden.add(operation);
		} else groups.push({ resources: [resource], shown: new Set(shown), hidden: new Set(hidden) });
	}
	return groups.map(({ resources, hidden }) =>
		hidden.size ? { show: { ...extra, resource: resources }, hide: { operation: [...hidden] } } : { show: { ...extra, resource: resources } },
	);
}

/**
 * Display options under which a property shows for exactly these operations (and no other operation of the
 * node), on top of `extra` conditions. Of three exact forms the shortest wins: groups of resources with the
 * operations that must not show hidden; one rectangle per set of operations; one rectangle per set of resources.
 */
export function exactDisplay(pairs: Pair[], extra: Show = {}, all: Pair[] = ALL_PAIRS): IDisplayOptions[] {
	const candidates = [resourcesWithHidden(pairs, all, extra), rectangles(pairs, 'resource', extra), rectangles(pairs, 'operation', extra)];
	const size = (options: IDisplayOptions[]) => JSON.stringify(options).length;
	return candidates.reduce((best, candidate) => (size(candidate) < size(best) ? candidate : best));
}

/** A property of one operation, split into what it is and where it shows. */
interface Placed {
	/** The property without its resource/operation conditions. */
	template: INodeProperties;
	/** Its other show conditions (a version, Return All). */
	extra: Show;
	pair: Pair;
}

function place(property: INodeProperties): Placed {
	const { resource, operation, ...extra } = property.displayOptions?.show ?? {};
	const template = { ...property };
	delete template.displayOptions;
	return { template, extra, pair: { resource: String(resource?.[0]), operation: String(operation?.[0]) } };
}

const keyOf = (placed: Placed) => JSON.stringify([placed.template, placed.extra]);

/** One merged property and the operations it shows for. */
interface Slot {
	key: string;
	first: Placed;
	pairs: Pair[];
}

/** The merged properties, each with display options for exactly its operations (among `all`). */
function expand(slots: Slot[], all: Pair[]): INodeProperties[] {
	return slots.flatMap((slot) => exactDisplay(slot.pairs, slot.first.extra, all).map((displayOptions) => ({ ...slot.first.template, displayOptions })));
}

/**
 * Merges the fields of operations that must keep their order (each group: one operation's fields, in order).
 * A field joins an identical one already placed only if that one comes after the group's previous field, so
 * every operation still sees its fields in its own order; otherwise it (and every field after it) is placed
 * anew at the end.
 */
export function mergeOrdered(groups: INodeProperties[][], all: Pair[] = ALL_PAIRS): INodeProperties[] {
	const slots: Slot[] = [];
	const seen = new Map<string, number>();
	for (const group of groups) {
		let last = -1;
		let leading = true;
		for (const property of group) {
			const placed = place(property);
			const key = keyOf(placed);
			const earlier = leading ? seen.get(key) : undefined;
			if (earlier !== undefined && earlier > last) {
				slots[earlier].pairs.push(placed.pair);
				last = earlier;
				continue;
			}
			leading = false;
			if (!seen.has(key)) seen.set(key, slots.length);
			last = slots.length;
			slots.push({ key, first: placed, pairs: [placed.pair] });
		}
	}
	return expand(slots, all);
}

/** Merges fields that each operation shows at most once, where order does not matter (Return All, Additional Fields). */
function mergeAlike(properties: INodeProperties[]): INodeProperties[] {
	const slots = new Map<string, Slot>();
	for (const property of properties) {
		const placed = place(property);
		const key = keyOf(placed);
		const slot = slots.get(key);
		if (slot) slot.pairs.push(placed.pair);
		else slots.set(key, { key, first: placed, pairs: [placed.pair] });
	}
	return expand([...slots.values()], ALL_PAIRS);
}

/**
 * Return All defaults to off with a Limit of 50 in version 1 and to on in version 2 (as in the other nodes
 * of this package). n8n does not store default values in workflows, so a saved version 1 node keeps
 * reading 50 entries unless it says otherwise.
 */
function paging(operation: PortalOperation): INodeProperties[] {
	const show = { resource: [operation.resource], operation: [operation.operation] };
	const [returnAll, limit] = returnAllProperties({ show });
	return [
		{ ...returnAll, default: false, displayOptions: { show: { ...show, '@version': [1] } } },
		{ ...returnAll, default: true, displayOptions: { show: { ...show, '@version': [{ _cnd: { gte: 2 } }] } } },
		limit,
	];
}

/** The sort key of an optional field: its name, with a range's start right before its end ("Start Time", "End Time"). */
const rangeKey = (property: INodeProperties) =>
	property.displayName.replace(/^(Start|End) (.+)$/, (_match, edge: string, what: string) => `${what} ${edge === 'Start' ? 1 : 2}`);

/** Additional Fields in name order, except that a range's start comes right before its end. */
const naturalOrder: FieldOrder = (a, b) => rangeKey(a).localeCompare(rangeKey(b));

function fieldsOf(operation: PortalOperation) {
	const properties = operationProperties(operation, SHARED_FIELDS, naturalOrder);
	return {
		required: properties.filter((property) => property.name !== ADDITIONAL_FIELDS),
		paging: isList(operation) ? paging(operation) : [],
		additional: properties.filter((property) => property.name === ADDITIONAL_FIELDS),
	};
}

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: RESOURCES.map(({ name, value, description }) => ({ name, value, description })).sort(byName),
	default: 'consumptionUnit',
};

const operationSelectors: INodeProperties[] = RESOURCES.map((resource) => {
	const options = resource.operations
		.map(({ name, operation, action, description }) => ({ name, value: operation, action, description }))
		.sort(byName);
	const first = resource.operations.find((operation) => operation.operation === 'getMany') ?? resource.operations[0];
	const defaultOperation = first.operation;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource.value] } },
		options,
		default: defaultOperation,
	};
});

/** Items in Parallel and Retry Transient Errors, for every operation. */
const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: runOptionProperties(PARALLEL_DEFAULT),
};

const layers = OPERATIONS.map(fieldsOf);

export const nodeProperties: INodeProperties[] = [
	resourceProperty,
	...operationSelectors,
	...mergeOrdered(layers.map((layer) => layer.required)),
	...mergeAlike(layers.flatMap((layer) => layer.paging)),
	...mergeAlike(layers.flatMap((layer) => layer.additional)),
	optionsProperty,
];
