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
import { ventusRequest, type VentusAccount } from './transport';

const isEmpty = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** An option given loosely (an expression may give "Upper-Austria" for upper-austria) as the option's value. */
function optionValue(field: VentusField, raw: unknown): unknown {
	const wanted = looseKey(raw);
	return field.options?.find((option) => looseKey(option.value) === wanted)?.value ?? raw;
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

/** Runs one row for items; what is the same for every item is worked out once. */
export function rowExecutor(ctx: IExecuteFunctions, row: VentusRow, account: VentusAccount) {
	const resourceName = RESOURCES.find((resource) => resource.value === row.resource)?.name ?? row.resource;
	const operation = `"${resourceName}: ${row.name}"`;
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
			let raw = locatorValue(
				field.within
					? inCollection.get(field.within)?.[parameterOf(field)]
					: ctx.getNodeParameter(parameterOf(field), itemIndex, undefined, { extractValue: true }),
			);
			if (isEmpty(raw)) {
				if (field.required) throw fail(`"${field.displayName}" must not be empty`, itemIndex);
				continue;
			}
			if (field.options) raw = optionValue(field, raw);
			const converted = convertField(field, raw);
			if ('error' in converted) throw fail(`"${field.displayName}" ${converted.error}`, itemIndex);
			const problem = field.in === 'path' ? segmentProblem(String(converted.value).trim()) : undefined;
			if (problem) throw fail(`"${field.displayName}" ${problem}`, itemIndex);
			values[field.name] = converted.value as IDataObject[string];
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
				const filters = row.fields.filter((field) => field.filter && values[field.name] !== undefined);
				return (answer as IDataObject[])
					.filter((entry) =>
						filters.every((field) => {
							const { entry: key, match } = field.filter!;
							const value = values[field.name];
							return match === 'equals'
								? looseKey(entry?.[key]) === looseKey(value)
								: String(entry?.[key] ?? '').toLowerCase().includes(String(value).toLowerCase());
						}),
					)
					.slice(0, wanted);
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
		const answer = await ventusRequest(ctx, {
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
