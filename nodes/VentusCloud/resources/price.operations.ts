import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ventusRequest, type VentusAccount } from '../transport';

type Operation = (ctx: IExecuteFunctions, account: VentusAccount, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/** The price list keyed by currency ({ chf: { storage, flavors: [...] } }) as one item per flavor. */
export function flavorItems(prices: IDataObject): IDataObject[] {
	const items: IDataObject[] = [];
	for (const [currency, list] of Object.entries(prices)) {
		const flavors = (list as IDataObject | undefined)?.flavors;
		if (!Array.isArray(flavors)) continue;
		for (const flavor of flavors as IDataObject[]) items.push({ currency, ...flavor });
	}
	return items;
}

export const priceOperations: Record<string, Operation> = {
	async get(ctx, account, itemIndex) {
		const split = ctx.getNodeParameter('splitFlavors', itemIndex, false) as boolean;
		const currency = String(ctx.getNodeParameter('currency', itemIndex, '')).trim().toLowerCase();
		let prices = ((await ventusRequest(ctx, account, 'getPrices', {}, undefined, itemIndex)) ?? {}) as IDataObject;
		if (currency) {
			if (!(currency in prices)) {
				const available = Object.keys(prices).join(', ') || 'none';
				throw new NodeOperationError(ctx.getNode(), `"Currency" ${currency} is not in the price list (available: ${available})`, { itemIndex });
			}
			prices = { [currency]: prices[currency] };
		}
		return split ? flavorItems(prices) : prices;
	},
};
