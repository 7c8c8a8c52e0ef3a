/**
 * Results as items. The API returns whatever the method returns: a record (one item), a list (one item per
 * element; plain values go under the method's result key), or a plain value (one item with the IDs the call
 * was made for, and the value under the method's result key, e.g. `{ cloudspaceId: 3, machineId: 17 }`).
 */
import type { IDataObject } from 'n8n-workflow';

import type { CatalogMethod } from './catalog';

/** The IDs a call was made for (required `...Id` / `id` parameters), to keep items traceable. */
export function echoedIds(method: CatalogMethod, params: IDataObject): IDataObject {
	const ids: IDataObject = {};
	for (const param of method.params) {
		if (!param.required || param.secret || !(param.name === 'id' || param.name.endsWith('Id'))) continue;
		const value = params[param.name];
		if (typeof value === 'number' || typeof value === 'string') ids[param.name] = value;
	}
	return ids;
}

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

export function resultItems(method: CatalogMethod, params: IDataObject, result: unknown): IDataObject[] {
	if (method.secretResult) return [{ ...echoedIds(method, params), [method.resultKey ?? 'result']: true }];
	if (Array.isArray(result)) {
		const ids = echoedIds(method, params);
		return result.map((element: unknown) =>
			isRecord(element) ? element : { ...ids, [method.resultKey ?? 'value']: element as IDataObject[string] },
		);
	}
	if (isRecord(result)) return [result];
	return [{ ...echoedIds(method, params), [method.resultKey ?? 'result']: (result ?? null) as IDataObject[string] }];
}
