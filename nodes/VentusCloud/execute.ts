/**
 * The one executor: a catalog row and an item's parameters -> a checked request -> output items.
 * Every value is read and checked before anything is sent (errors name the field): path values must be
 * one segment (not empty, `.` or `..`), the region one of the known regions.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyObject } from '../shared/http';
import { wantedCount } from '../shared/list-limit';
import { convertField } from '../shared/operation-fields';
import { fillPath, PathValueError, segmentProblem } from '../shared/path';
import type { OperationOutput } from '../shared/runner';
import { locatorValue } from '../shared/validate';
import { invokeUrl, looseKey } from './api';
import { ACCOUNT_PLACEHOLDERS, collectionsOf, parameterOf, RESOURCES, type VentusField, type VentusRow } from './catalog';
import { unexpectedAnswer } from './errors';
import { apiRequest, type Connection, type Context } from './transport';

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** An option given loosely (an expression may give "Upper-Austria" for upper-austria) as the option's value. */
function optionValue(field: VentusField, raw: unknown): unknown {
	const wanted = looseKey(raw);
	return field.options?.find((option) => looseKey(option.value) === wanted)?.value ?? raw;
}

/**
 * A field's value as the editor gives it (a resource locator's value too), converted and checked: an
 * option given loosely becomes the option's value, a path value must be one segment. Undefined when empty
 * (an error when the field is required).
 */
export function fieldValue(field: VentusField, given: unknown): { value: unknown } | { error: string } {
	let raw = locatorValue(given);
	if (isEmpty(raw)) return field.required ? { error: 'must not be empty' } : { value: undefined };
	if (field.options) raw = optionValue(field, raw);
	const converted = convertField(field, raw);
	if ('error' in converted) return converted;
	const problem = field.in === 'path' ? segmentProblem(String(converted.value).trim()) : undefined;
	return problem ? { error: problem } : converted;
}

/**
 * Whether a list entry passes the filter fields (`filter`) that have a value in `values` (by API name):
 * `equals` ignores case, spaces and underscores, `contains` ignores case. Fields without a value pass.
 */
export function passesFilters(entry: IDataObject | undefined, fields: readonly VentusField[], values: IDataObject): boolean {
	return fields.every((field) => {
		const value = values[field.name];
		if (!field.filter || value === undefined) return true;
		const { entry: key, match } = field.filter;
		return match === 'equals'
			? looseKey(entry?.[key]) === looseKey(value)
			: String(entry?.[key] ?? '').toLowerCase().includes(String(value).toLowerCase());
	});
}

/** The price list keyed by currency ({ chf: { storage, flavors: [...] } }) as one item per flavor. */
function flavorItems(prices: IDataObject): IDataObject[] {
	const items: IDataObject[] = [];
	for (const [currency, list] of Object.entries(prices)) {
		const flavors = (list as IDataObject | undefined)?.flavors;
		if (!Array.isArray(flavors)) continue;
		for (const flavor of flavors as IDataObject[]) items.push({ currency, ...flavor });
	}
	return items;
}

/**
 * One call of a read that needs no field (the organization's project list, the price list), for the
 * pickers and the trigger: one request, the answer as the API sent it.
 */
export async function readWhole(ctx: Context, account: Connection, row: VentusRow): Promise<unknown> {
	const placeholders = { organizationId: account.organizationId };
	const label = (name: string) => ACCOUNT_PLACEHOLDERS[name] ?? name;
	let app: string;
	let path: string;
	try {
		app = fillPath(row.app, placeholders, label);
		path = fillPath(row.path, placeholders, label);
	} catch (error) {
		throw error instanceof PathValueError ? new NodeOperationError(ctx.getNode(), error.message) : error;
	}
	return await apiRequest(ctx, { method: row.method, url: invokeUrl(account.apiUrl, app, path), safe: true, app });
}

/** How errors name a row's operation: `"Project: List"`. */
export function operationName(row: VentusRow): string {
	const resourceName = RESOURCES.find((resource) => resource.value === row.resource)?.name ?? row.resource;
	return `"${resourceName}: ${row.name}"`;
}

/** Runs one row for items; what is the same for every item is worked out once. */
export function itemOperation(ctx: IExecuteFunctions, row: VentusRow, account: Connection) {
	const operation = operationName(row);
	const safe = row.safe ?? row.method === 'GET';
	const labels = new Map<string, string>(Object.entries(ACCOUNT_PLACEHOLDERS));
	for (const field of row.fields) labels.set(field.name, field.displayName);
	const label = (name: string) => labels.get(name) ?? name;
	const collections = collectionsOf(row);

	const fail = (message: string, itemIndex: number) => new NodeOperationError(ctx.getNode(), message, { itemIndex });

	/** The item's values by API name, converted and checked. */
	const readFields = (itemIndex: number): IDataObject => {
		const values: IDataObject = {};
		const inCollection = new Map(collections.map((name) => [name, ctx.getNodeParameter(name, itemIndex, {}) as IDataObject]));
		for (const field of row.fields) {
			const read = fieldValue(
				field,
				field.within
					? inCollection.get(field.within)?.[parameterOf(field)]
					: ctx.getNodeParameter(parameterOf(field), itemIndex, undefined, { extractValue: true }),
			);
			if ('error' in read) throw fail(`"${field.displayName}" ${read.error}`, itemIndex);
			if (read.value === undefined) continue;
			values[field.name] = read.value as IDataObject[string];
		}
		return values;
	};

	const shape = async (answer: unknown, values: IDataObject, itemIndex: number, wanted: number): Promise<OperationOutput> => {
		const output = row.output;
		const unexpected = async (expected: string) =>
			await unexpectedAnswer(ctx, { operation, expected, changes: !safe, itemIndex });
		switch (output.kind) {
			case 'done': {
				const done: IDataObject = {};
				for (const [name, key] of Object.entries(output.echo)) done[key] = values[name];
				done[output.flag] = true;
				return done;
			}
			case 'list': {
				if (!Array.isArray(answer)) throw await unexpected('a list');
				return (answer as IDataObject[]).filter((entry) => passesFilters(entry, row.fields, values)).slice(0, wanted);
			}
			case 'object': {
				const object = bodyObject(answer);
				if (!object || (output.requires && object[output.requires] === undefined)) {
					throw await unexpected(output.requires ? `an object with "${output.requires}"` : 'an object');
				}
				return object;
			}
			case 'priceList': {
				let prices = bodyObject(answer);
				if (!prices) throw await unexpected('the price list');
				const currency = String(values.currency ?? '').toLowerCase();
				if (currency) {
					if (!(currency in prices)) {
						const available = Object.keys(prices).join(', ') || 'none';
						throw fail(`"Currency" ${currency} is not in the price list (available: ${available})`, itemIndex);
					}
					prices = { [currency]: prices[currency] };
				}
				return values.splitFlavors === true ? flavorItems(prices) : prices;
			}
		}
	};

	return async (itemIndex: number): Promise<OperationOutput> => {
		const values = readFields(itemIndex);
		const wanted = row.list ? wantedCount(ctx, itemIndex) : Infinity;
		let app: string;
		let path: string;
		try {
			const placeholders = { ...values, organizationId: account.organizationId };
			app = fillPath(row.app, placeholders, label);
			path = fillPath(row.path, placeholders, label);
		} catch (error) {
			throw error instanceof PathValueError ? fail(error.message, itemIndex) : new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		}
		const body = Object.fromEntries(row.fields.filter((field) => field.in === 'body').map((field) => [field.name, values[field.name]]));
		const answer = await apiRequest(ctx, {
			method: row.method,
			url: invokeUrl(account.apiUrl, app, path),
			body: Object.keys(body).length ? (body as IDataObject) : undefined,
			safe,
			app,
			itemIndex,
		});
		return await shape(answer, values, itemIndex, wanted);
	};
}
