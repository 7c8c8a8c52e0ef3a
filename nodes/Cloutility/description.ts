/** The node's editor fields, all derived from the catalog rows. */
import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../shared/list-limit';
import { ADDITIONAL_FIELDS, operationProperties } from '../shared/operation-fields';
import { OPERATIONS, RESOURCES, SHARED_FIELDS, type PortalOperation } from './catalog';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

const isList = (operation: PortalOperation) => operation.answer !== undefined && operation.answer !== 'object';

function paging(operation: PortalOperation): INodeProperties[] {
	return returnAllProperties({ show: { resource: [operation.resource], operation: [operation.operation] } }, false);
}

/** Secret fields (a backup node's password) are masked in the editor. */
function masked(properties: INodeProperties[], operation: PortalOperation): INodeProperties[] {
	const secrets = new Set(operation.fields.filter((field) => field.meta.secret).map((field) => field.name));
	if (secrets.size === 0) return properties;
	const mask = (property: INodeProperties): INodeProperties =>
		[...secrets].some((name) => property.name === name || property.name.startsWith(`${name}__`))
			? { ...property, typeOptions: { ...property.typeOptions, password: true } }
			: property;
	return properties.map((property) =>
		property.name === ADDITIONAL_FIELDS && property.options
			? { ...property, options: (property.options as INodeProperties[]).map(mask) }
			: mask(property),
	);
}

function fieldsOf(operation: PortalOperation): INodeProperties[] {
	const properties = masked(operationProperties(operation, SHARED_FIELDS), operation);
	if (!isList(operation)) return properties;
	const additional = properties.findIndex((property) => property.name === ADDITIONAL_FIELDS);
	const at = additional === -1 ? properties.length : additional;
	return [...properties.slice(0, at), ...paging(operation), ...properties.slice(at)];
}

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: RESOURCES.map(({ name, value, description }) => ({ name, value, description })).sort(byName),
	default: 'consumptionUnit',
};

export const operationSelectors: INodeProperties[] = RESOURCES.map((resource) => {
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
];
