/** The node's editor fields, all derived from the catalog rows. */
import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../shared/list-limit';
import { ADDITIONAL_FIELDS, operationProperties, type FieldOrder } from '../shared/operation-fields';
import { runOptionProperties } from '../shared/run-options';
import { PARALLEL_DEFAULT } from './api';
import { OPERATIONS, RESOURCES, SHARED_FIELDS, type PortalOperation } from './catalog';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** Whether an operation puts out a list (and so offers Return All / Limit). */
export const isList = (operation: PortalOperation) => operation.answer !== undefined && operation.answer !== 'object';

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

function fieldsOf(operation: PortalOperation): INodeProperties[] {
	const properties = operationProperties(operation, SHARED_FIELDS, naturalOrder);
	if (!isList(operation)) return properties;
	const additional = properties.findIndex((property) => property.name === ADDITIONAL_FIELDS);
	const at = additional === -1 ? properties.length : additional;
	return [...properties.slice(0, at), ...paging(operation), ...properties.slice(at)];
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

/**
 * Fields that open several operations of one resource the same way (the business unit and consumption unit
 * pickers) become one field shown for all of them, which keeps what the editor loads small. Only a common
 * leading run of fields is merged, so every operation still shows its fields in their order; only fields of
 * the same resource are merged, so "show" stays exact.
 */
export function mergeLeadingFields(groups: INodeProperties[][]): INodeProperties[] {
	const merged: INodeProperties[] = [];
	const seen = new Map<string, number>();
	for (const group of groups) {
		let leading = true;
		let lastMerged = -1;
		for (const property of group) {
			const show = property.displayOptions?.show;
			const operations = show?.operation;
			const mergeable = !!show && Array.isArray(operations) && Object.keys(property.displayOptions ?? {}).length === 1;
			const key = mergeable ? JSON.stringify({ ...property, displayOptions: { show: { ...show, operation: null } } }) : '';
			const earlier = leading && mergeable ? seen.get(key) : undefined;
			if (earlier !== undefined && earlier > lastMerged) {
				(merged[earlier].displayOptions!.show!.operation as unknown[]).push(...(operations as unknown[]));
				lastMerged = earlier;
				continue;
			}
			leading = false;
			if (!mergeable) {
				merged.push(property);
				continue;
			}
			if (!seen.has(key)) seen.set(key, merged.length);
			merged.push({ ...property, displayOptions: { show: { ...show, operation: [...(operations as unknown[])] } } } as INodeProperties);
		}
	}
	return merged;
}

export const nodeProperties: INodeProperties[] = [
	resourceProperty,
	...operationSelectors,
	...mergeLeadingFields(OPERATIONS.map(fieldsOf)),
	optionsProperty,
];
