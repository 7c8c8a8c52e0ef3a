/** The pickers ("From List" of the resource locators): what the editor shows while a workflow is built. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listItems, portalOf, portalRequest } from './transport';
import { flattenTree } from './tree';

/** The value of a picker parameter as the editor holds it: a plain value, or a resource locator's. */
function pickedValue(ctx: ILoadOptionsFunctions, ...names: string[]): string | undefined {
	for (const name of names) {
		let value: unknown;
		try {
			value = ctx.getCurrentNodeParameter(name, { extractValue: true });
		} catch {
			value = undefined;
		}
		if (value && typeof value === 'object' && (value as IDataObject).__rl) value = (value as IDataObject).value;
		const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
		if (text) return text;
	}
	return undefined;
}

/** The business unit chosen in the node, which several lists depend on. */
function chosenBusinessUnit(ctx: ILoadOptionsFunctions, what: string): string {
	const value = pickedValue(ctx, 'bunitId');
	if (!value || !/^\d+$/.test(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Choose the business unit first (from the list or by its numeric ID) to see its ${what}`,
		);
	}
	return value;
}

const matches = (filter: string | undefined, ...texts: unknown[]) => {
	const wanted = filter?.trim().toLowerCase();
	return !wanted || texts.some((text) => String(text ?? '').toLowerCase().includes(wanted));
};

async function entries(ctx: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	const portal = await portalOf(ctx);
	const answer = await portalRequest(ctx, portal, { method: 'GET', path });
	return listItems(answer).filter((entry): entry is IDataObject => !!entry && typeof entry === 'object');
}

function named(list: IDataObject[], filter: string | undefined, label = (entry: IDataObject) => String(entry.name ?? entry.id)) {
	const results: INodeListSearchItems[] = list
		.filter((entry) => entry.id !== undefined && matches(filter, label(entry), entry.id))
		.map((entry) => ({ name: label(entry), value: String(entry.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Business units: the tree below the user's own unit, flattened, each shown with its path. */
export async function searchBusinessUnits(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const portal = await portalOf(this);
	const tree = flattenTree(await portalRequest(this, portal, { method: 'GET', path: '/v1/bunits' }));
	// Tree order (parents before their children) reads better than alphabetical order here.
	const results = tree
		.filter((unit) => matches(filter, unit.path, unit.id))
		.map((unit) => ({ name: unit.path, value: String(unit.id) }));
	return { results };
}

/** Consumption units (the API's consumers) of the chosen business unit. */
export async function searchConsumptionUnits(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'consumption units');
	const list = await entries(this, `/v1/bunits/${bunitId}/consumers`);
	return named(list, filter, (unit) => `${String(unit.name ?? '')} (${String(unit.id)})`);
}

export async function searchTimeZones(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return named(await entries(this, '/v1/timezones'), filter);
}

export async function searchOperatingSystems(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return named(await entries(this, '/v1/nodeoperatingsystems'), filter);
}

/** Node types; once an operating system is chosen, only the types it supports (when the portal says which). */
export async function searchNodeTypes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	let list = await entries(this, '/v1/nodetypes');
	const osId = pickedValue(this, 'operatingSystem', 'additionalFields.operatingSystem');
	if (osId && /^\d+$/.test(osId)) {
		const portal = await portalOf(this);
		const os = (await portalRequest(this, portal, { method: 'GET', path: `/v1/nodeoperatingsystems/${osId}` })) as IDataObject;
		const supported = Array.isArray(os?.supportedNodeTypes) ? (os.supportedNodeTypes as IDataObject[]) : undefined;
		if (supported && supported.length > 0) {
			const ids = new Set(supported.map((type) => String(type.id)));
			list = list.filter((type) => ids.has(String(type.id)));
		}
	}
	return named(list, filter);
}

export async function searchPolicyDomains(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'policy domains');
	const list = await entries(this, `/v1/bunits/${bunitId}/defaultserver/domains`);
	return named(list, filter, (domain) => (domain.description ? `${String(domain.name)}: ${String(domain.description)}` : String(domain.name)));
}

export async function searchClientOptionSets(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'client option sets');
	return named(await entries(this, `/v1/bunits/${bunitId}/defaultserver/clientoptionsets`), filter);
}

/** Tags the chosen business unit can use. */
export async function searchTags(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'tags');
	const list = await entries(this, `/v1/bunits/${bunitId}/tags/available`);
	return named(list, filter, (tag) => String(tag.text ?? tag.name ?? tag.id));
}
