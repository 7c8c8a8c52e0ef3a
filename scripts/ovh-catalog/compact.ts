/**
 * OVHcloud schema (one family file) → the compact catalog format of nodes/OvhCloud/catalog/types.ts.
 * Pure functions, used by the generator and by the tests that compare the catalog with the schema.
 */
import type {
	CatalogFamily,
	CatalogOperation,
	CatalogParam,
	ParamLocation,
} from '../../nodes/OvhCloud/catalog/types';
import { baseType } from '../../nodes/OvhCloud/catalog/types-util';
import { familyWaits } from './waits';

export interface SchemaParameter {
	name?: string;
	dataType: string;
	fullType?: string;
	paramType: ParamLocation;
	required?: boolean;
	description?: string;
}

export interface SchemaOperation {
	httpMethod: string;
	apiStatus?: { value?: string; deletionDate?: string; replacement?: string };
	noAuthentication?: boolean;
	description?: string;
	parameters?: SchemaParameter[];
	responseType: string;
}

export interface SchemaModelProperty {
	type: string;
	fullType?: string;
	readOnly?: boolean;
	required?: boolean;
	description?: string;
}

export interface SchemaModel {
	enum?: Array<string | number>;
	properties?: Record<string, SchemaModelProperty>;
	description?: string;
}

export interface SchemaFamily {
	resourcePath?: string;
	apis?: Array<{ path: string; operations: SchemaOperation[] }>;
	models?: Record<string, SchemaModel>;
}

const text = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() || undefined;


function param(name: string, type: string, required: boolean | undefined, description: string | undefined, location?: ParamLocation) {
	const result: CatalogParam = location ? { n: name, in: location, t: type } : { n: name, t: type };
	if (required) result.r = 1;
	const words = text(description);
	if (words) result.d = words;
	return result;
}

/**
 * Compacts one family. `lookup` finds a model by name in this family first, then in the whole branch
 * (a few families use models another family defines). `orderStatus`: whether the schema has the route that
 * tells an order's status (`GET /me/order/{orderId}/status`), which operations answering an order wait on.
 */
export function compactFamily(
	branch: 'v1' | 'v2',
	family: string,
	schema: SchemaFamily,
	lookup: (name: string) => SchemaModel | undefined,
	orderStatus = false,
): CatalogFamily {
	const waits = familyWaits(branch, schema, lookup, orderStatus);
	const models: CatalogFamily['models'] = {};
	const enums: CatalogFamily['enums'] = {};
	const noteEnum = (type: string) => {
		const name = baseType(type);
		const model = lookup(name);
		if (model?.enum && !enums[name]) enums[name] = model.enum;
	};
	const noteModel = (name: string) => {
		if (models[name]) return;
		const model = lookup(name);
		if (!model?.properties) return;
		models[name] = Object.entries(model.properties)
			.filter(([, property]) => property.readOnly !== true)
			.map(([field, property]) => {
				noteEnum(property.fullType ?? property.type);
				return param(field, property.fullType ?? property.type, property.required, property.description);
			});
	};

	const operations: CatalogOperation[] = [];
	for (const api of schema.apis ?? []) {
		for (const source of api.operations) {
			const operation: CatalogOperation = {
				m: source.httpMethod.toUpperCase() as CatalogOperation['m'],
				p: api.path,
				r: source.responseType,
			};
			const status = source.apiStatus?.value;
			if (status && status !== 'PRODUCTION') operation.s = status;
			const description = text(source.description);
			if (description) operation.d = description;
			const params: CatalogParam[] = [];
			for (const parameter of source.parameters ?? []) {
				const type = parameter.fullType ?? parameter.dataType;
				if (parameter.paramType === 'body' && !parameter.name) {
					operation.b = type;
					if (parameter.required) operation.br = 1;
					noteModel(type);
					continue;
				}
				noteEnum(type);
				params.push(param(parameter.name ?? '', type, parameter.required, parameter.description, parameter.paramType));
			}
			if (params.length) operation.q = params;
			if (source.noAuthentication) operation.na = 1;
			if (status === 'DEPRECATED') {
				const on = source.apiStatus?.deletionDate?.slice(0, 10);
				const by = source.apiStatus?.replacement;
				operation.x = {};
				if (on) operation.x.on = on;
				if (by) operation.x.by = by;
			}
			const wait = waits.get(`${operation.m} ${operation.p}`);
			if (wait) operation.w = wait;
			operations.push(operation);
		}
	}
	operations.sort((a, b) => a.p.localeCompare(b.p) || a.m.localeCompare(b.m));
	return { branch, family, root: schema.resourcePath ?? '', operations, models, enums };
}
