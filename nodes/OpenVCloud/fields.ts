/**
 * The catalog as operation specs (nodes/shared/operation-fields): each method's parameters become editor
 * fields (required ones as parameters, optional ones under Additional Fields, pickers as resource locators),
 * and an item's values are read back, checked and converted to the types the API declares.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	allOperationProperties,
	parameterName,
	readOperationFields,
	sharedFieldNames,
	type FieldSpec,
	type FieldType,
	type OperationSpec,
} from '../shared/operation-fields';
import { allEntries, type CatalogMethod, type CatalogParam, type Picker } from './catalog';

/** The listSearch method behind each picker. */
export const PICKER_METHODS: Record<Picker, string> = {
	account: 'searchAccounts',
	cloudSpace: 'searchCloudSpaces',
	machine: 'searchMachines',
	disk: 'searchDisks',
	image: 'searchImages',
	size: 'searchSizes',
	location: 'searchLocations',
	externalNetwork: 'searchExternalNetworks',
};

function fieldType(param: CatalogParam): FieldType {
	if (param.options) return 'options';
	if (param.date) return 'dateTime';
	switch (param.type) {
		case 'int':
		case 'float':
			return 'number';
		case 'bool':
			return 'boolean';
		case 'list(int)':
			return 'numberList';
		case 'list(str)':
			return 'stringList';
		case 'obj':
			return 'json';
		default:
			return 'string';
	}
}

function placeholder(param: CatalogParam): string | undefined {
	if (param.picker === 'location') return 'e.g. be-g8-3';
	if (param.picker) return 'e.g. 42';
	if (param.type === 'list(int)') return 'e.g. 10, 20';
	if (param.date) return 'e.g. 2024-01-31T00:00:00Z';
	return undefined;
}

export function fieldSpec(param: CatalogParam): FieldSpec {
	const spec: FieldSpec = {
		name: param.name,
		displayName: param.label,
		type: fieldType(param),
		required: param.required,
		description: param.description,
		meta: { api: param.type },
	};
	if (param.default !== undefined) spec.default = param.default;
	if (param.options) spec.options = param.options.map(({ name, value }) => ({ name, value }));
	// Machine IDs are numbers even where the API declares them as text (getConsoleUrl).
	if (param.type === 'int' || (param.picker && param.picker !== 'location')) spec.integer = true;
	if (spec.integer) spec.type = 'number';
	if (param.picker) spec.picker = PICKER_METHODS[param.picker];
	const example = placeholder(param);
	if (example) spec.placeholder = example;
	return spec;
}

export function operationSpec(resource: string, method: CatalogMethod): OperationSpec {
	return { resource, operation: method.name, fields: method.params.map(fieldSpec) };
}

const SPECS: OperationSpec[] = allEntries().map(({ actor, method }) => operationSpec(actor.resource, method));
const SHARED = sharedFieldNames(SPECS);

export function specFor(resource: string, operation: string): OperationSpec | undefined {
	return SPECS.find((spec) => spec.resource === resource && spec.operation === operation);
}

/** The editor parameter holding a required field (shared by operations that agree on it, else per operation). */
export function requiredParameterName(resource: string, operation: string, apiName: string): string | undefined {
	const spec = specFor(resource, operation);
	const field = spec?.fields.find((candidate) => candidate.name === apiName && candidate.required);
	return spec && field ? parameterName(spec, field, SHARED) : undefined;
}

/** The editor fields of every catalogued operation; secrets are masked. */
export function catalogFieldProperties(): INodeProperties[] {
	const secrets = new Set<string>();
	for (const { actor, method } of allEntries()) {
		const spec = operationSpec(actor.resource, method);
		for (const param of method.params.filter((candidate) => candidate.secret)) {
			const field = spec.fields.find((candidate) => candidate.name === param.name)!;
			secrets.add(param.required ? parameterName(spec, field, SHARED) : param.name);
		}
	}
	const mask = (property: INodeProperties): INodeProperties =>
		secrets.has(property.name) && property.type === 'string'
			? { ...property, typeOptions: { ...property.typeOptions, password: true } }
			: property;
	return allOperationProperties(SPECS).map((property) =>
		property.type === 'collection' ? { ...property, options: (property.options as INodeProperties[]).map(mask) } : mask(property),
	);
}

/** A date (ISO text, Date, or a number of seconds) as Unix seconds; undefined when it is none of those. */
function unixSeconds(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string') {
		if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
		const parsed = Date.parse(value);
		return Number.isFinite(parsed) ? parsed / 1000 : undefined;
	}
	if (value instanceof Date) return value.getTime() / 1000;
	return undefined;
}

/** A checked value in the form the API declares for the parameter. */
function apiValue(param: CatalogParam, value: unknown): IDataObject[string] | undefined {
	if (param.date) return unixSeconds(value);
	switch (param.type) {
		case 'str':
			if (typeof value === 'string') return value;
			return typeof value === 'object' ? JSON.stringify(value) : String(value);
		default:
			return value as IDataObject[string];
	}
}

/**
 * An item's parameters for a method, keyed by the API's names and converted to the API's types. Anything
 * wrong is reported with the field's name before a request is sent.
 */
export function readMethodParams(ctx: IExecuteFunctions, resource: string, method: CatalogMethod, itemIndex: number): IDataObject {
	const spec = specFor(resource, method.name);
	if (!spec) throw new NodeOperationError(ctx.getNode(), `Unknown operation "${method.name}" for resource "${resource}"`);
	const values = readOperationFields(ctx, spec, SHARED, itemIndex);
	const params: IDataObject = {};
	for (const param of method.params) {
		if (!(param.name in values)) continue;
		const converted = apiValue(param, values[param.name]);
		if (converted === undefined) {
			throw new NodeOperationError(ctx.getNode(), `"${param.label}" must be a date or a number of seconds (got "${String(values[param.name])}")`, {
				itemIndex,
			});
		}
		params[param.name] = converted;
	}
	return params;
}
