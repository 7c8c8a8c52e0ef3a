/** The pickers ("From List" of the resource locators): what the editor shows while a workflow is built. */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyObject } from '../shared/http';
import { pathSegment } from '../shared/path';
import { pickerPage } from '../shared/pickers';
import { locatorValue } from '../shared/validate';
import { listItems, connect, apiRequest } from './transport';
import { flattenTree } from './tree';

/** The value of a parameter the node holds (a plain value or a resource locator's), when it is a numeric ID. */
function pickedId(ctx: ILoadOptionsFunctions, ...names: string[]): string | undefined {
	for (const name of names) {
		let value: unknown;
		try {
			value = locatorValue(ctx.getCurrentNodeParameter(name, { extractValue: true }));
		} catch {
			value = undefined;
		}
		const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
		if (/^\d+$/.test(text)) return text;
	}
	return undefined;
}

/** An ID chosen in the node that a list depends on, as a path segment; a clear message while there is none. */
function chosen(ctx: ILoadOptionsFunctions, name: string, label: string, what: string): string {
	const value = pickedId(ctx, name);
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `Choose the ${label.toLowerCase()} first (from the list or by its numeric ID) to see its ${what}`);
	}
	return pathSegment(value, label);
}

/** The business unit chosen in the node, which several lists depend on, as a path segment. */
const chosenBusinessUnit = (ctx: ILoadOptionsFunctions, what: string) => chosen(ctx, 'bunitId', 'Business Unit', what);

async function read(ctx: ILoadOptionsFunctions, path: string): Promise<unknown> {
	return await apiRequest(ctx, await connect(ctx), { method: 'GET', path });
}

async function entries(ctx: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	return listItems(await read(ctx, path)).filter((entry): entry is IDataObject => !!entry && typeof entry === 'object');
}

function named(
	list: IDataObject[],
	filter: string | undefined,
	paginationToken: unknown,
	label = (entry: IDataObject) => String(entry.name ?? entry.id),
): INodeListSearchResult {
	const results: INodeListSearchItems[] = list
		.filter((entry) => entry.id !== undefined)
		.map((entry) => ({ name: label(entry), value: String(entry.id) }));
	return pickerPage(results, filter, paginationToken);
}

/** Business units: the tree below the user's own unit, flattened, each shown with its path, in tree order. */
export async function searchBusinessUnits(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const tree = flattenTree(await read(this, '/v1/bunits'));
	// Tree order (parents before their children) reads better than alphabetical order here.
	return pickerPage(
		tree.map((unit) => ({ name: unit.path, value: String(unit.id) })),
		filter,
		paginationToken,
		{ keepOrder: true },
	);
}

/** Consumption units (the API's consumers) of the chosen business unit. */
export async function searchConsumptionUnits(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'consumption units');
	const list = await entries(this, `/v1/bunits/${bunitId}/consumers`);
	return named(list, filter, paginationToken, (unit) => `${String(unit.name ?? '')} (${String(unit.id)})`);
}

export async function searchTimeZones(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return named(await entries(this, '/v1/timezones'), filter, paginationToken);
}

export async function searchOperatingSystems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	return named(await entries(this, '/v1/nodeoperatingsystems'), filter, paginationToken);
}

/** Node types; once an operating system is chosen, only the types it supports (when the portal says which). */
export async function searchNodeTypes(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	let list = await entries(this, '/v1/nodetypes');
	const osId = pickedId(this, 'operatingSystem', 'additionalFields.operatingSystem');
	if (osId) {
		const os = (await read(this, `/v1/nodeoperatingsystems/${pathSegment(osId, 'Operating System')}`)) as IDataObject;
		const supported = Array.isArray(os?.supportedNodeTypes) ? (os.supportedNodeTypes as IDataObject[]) : undefined;
		if (supported && supported.length > 0) {
			const ids = new Set(supported.map((type) => String(type.id)));
			list = list.filter((type) => ids.has(String(type.id)));
		}
	}
	return named(list, filter, paginationToken);
}

export async function searchPolicyDomains(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'policy domains');
	const list = await entries(this, `/v1/bunits/${bunitId}/defaultserver/domains`);
	return named(list, filter, paginationToken, (domain) =>
		domain.description ? `${String(domain.name)}: ${String(domain.description)}` : String(domain.name),
	);
}

export async function searchClientOptionSets(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'client option sets');
	return named(await entries(this, `/v1/bunits/${bunitId}/defaultserver/clientoptionsets`), filter, paginationToken);
}

/** Tags the chosen business unit can use. */
export async function searchTags(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'tags');
	const list = await entries(this, `/v1/bunits/${bunitId}/tags/available`);
	return named(list, filter, paginationToken, (tag) => String(tag.text ?? tag.name ?? tag.id));
}

/** Users of the chosen business unit. */
export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'users');
	return named(await entries(this, `/v1/bunits/${bunitId}/users`), filter, paginationToken, (user) =>
		user.email ? `${String(user.name ?? user.id)} (${String(user.email)})` : String(user.name ?? user.id),
	);
}

/** Roles of the chosen business unit. */
export async function searchRoles(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'roles');
	return named(await entries(this, `/v1/bunits/${bunitId}/roles`), filter, paginationToken);
}

/** Billing subscriptions the chosen business unit can see: those of its contract and those it could be given. */
export async function searchSubscriptions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'subscriptions');
	const contract = bodyObject(await read(this, `/v1/bunits/${bunitId}/contract`));
	const own = Array.isArray(contract?.subscriptions) ? (contract.subscriptions as IDataObject[]) : [];
	const unassigned = await entries(this, `/v1/bunits/${bunitId}/unassignedsubscriptions`);
	const byId = new Map([...own, ...unassigned].filter((entry) => entry && typeof entry === 'object').map((entry) => [String(entry.id), entry]));
	return named([...byId.values()], filter, paginationToken);
}

/** Price components of the chosen billing subscription. */
export async function searchSubscriptionComponents(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'subscriptions');
	const subscriptionId = chosen(this, 'subscriptionId', 'Subscription', 'components');
	const list = await entries(this, `/v1/bunits/${bunitId}/subscriptions/${subscriptionId}/components`);
	return named(list, filter, paginationToken, (component) => {
		const product = component.product as IDataObject | undefined;
		return `${String(product?.name ?? 'Component')} (${String(component.id)})`;
	});
}

/** Activity log filters of the chosen consumption unit's backup node. */
export async function searchActivityLogFilters(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'consumption units');
	const consumerId = chosen(this, 'consumerId', 'Consumption Unit', 'activity log filters');
	const list = await entries(this, `/v1/bunits/${bunitId}/consumers/${consumerId}/node/activitylogfilters`);
	return named(list, filter, paginationToken, (entry) => String(entry.filter ?? entry.messageNumber ?? entry.id));
}

/** Activity report subscriptions of the chosen business unit. */
export async function searchActivityReportSubscriptions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'activity report subscriptions');
	return named(await entries(this, `/v1/bunits/${bunitId}/activityreportsubscriptions`), filter, paginationToken);
}

/** Exceptions of the chosen business unit's contract. */
export async function searchContractExceptions(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const bunitId = chosenBusinessUnit(this, 'contract exceptions');
	const list = await entries(this, `/v1/bunits/${bunitId}/contract/exceptions`);
	return named(list, filter, paginationToken, (exception) => {
		const unit = exception.businessUnit as IDataObject | undefined;
		const subscription = exception.subscription as IDataObject | undefined;
		return [unit?.name, subscription?.name].filter(Boolean).join(': ') || String(exception.id);
	});
}
