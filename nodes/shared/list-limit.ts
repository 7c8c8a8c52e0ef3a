import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * "Return All" and "Limit" for operations that read a list. `where` says where they show, as `show` or
 * `hide` display options; Limit shows only while Return All is off.
 */
export function returnAllProperties(where: IDisplayOptions, returnAllDefault = true): INodeProperties[] {
	const limitWhere: IDisplayOptions = where.show
		? { ...where, show: { ...where.show, returnAll: [false] } }
		: { ...where, hide: { ...where.hide, returnAll: [true] } };
	const returnAll: INodeProperties = {
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		displayOptions: where,
		description: 'Whether to return all results or only up to a given limit',
	};
	return [
		{ ...returnAll, default: returnAllDefault },
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: limitWhere,
			description: 'Max number of results to return',
		},
	];
}

/** How many entries an item wants: Infinity with Return All, else its Limit (checked before any request). */
export function wantedCount(ctx: IExecuteFunctions, itemIndex: number, returnAllDefault = true): number {
	if (ctx.getNodeParameter('returnAll', itemIndex, returnAllDefault) as boolean) return Infinity;
	const limit = Number(ctx.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(ctx.getNode(), `"Limit" must be a positive whole number (got "${String(limit)}")`, {
			itemIndex,
		});
	}
	return limit;
}
