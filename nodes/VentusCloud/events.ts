/**
 * The Ventus Cloud Trigger's events. The API has no event feed and no time filter: the organization's
 * project list and the price list each come whole in one request, and each poll compares what it reads
 * with what the previous poll saw (the shared `diffSnapshot`), remembering one short state per project
 * (its region and name) and per price (a flavor's price, or a priced entry such as storage, per currency).
 * Filters narrow what is emitted, not what is remembered, so changing a filter never makes existing
 * projects look new.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { diffSnapshot, type ObjectState, type PollOutcome, type TriggerMemory } from '../shared/trigger';

export type VentusEvent = 'projectCreated' | 'projectDeleted' | 'projectRenamed' | 'priceChanged';

export const EVENTS: ReadonlyArray<{ value: VentusEvent; name: string; description: string }> = [
	{
		value: 'priceChanged',
		name: 'Price Changed',
		description: 'A flavor price or the storage price changes in a currency; emitted with the previous and the new price',
	},
	{
		value: 'projectCreated',
		name: 'Project Created',
		description: 'A project appears in the organization; emitted with its ID, name and region',
	},
	{
		value: 'projectDeleted',
		name: 'Project Deleted',
		description: 'A project is gone from the organization; emitted with its ID and its last known name and region',
	},
	{
		value: 'projectRenamed',
		name: 'Project Renamed',
		description: 'A project gets another name; emitted with the new name and the previous one',
	},
];

const NO_MEMORY: TriggerMemory = { seen: [] };

/** Whether an emitted object passes the trigger's filters. */
export type Passes = (object: IDataObject) => boolean;

const isObject = (value: unknown): value is IDataObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** JSON with object keys in sorted order, so the same value always gives the same text. */
export function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (isObject(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** A remembered state read back; a state this code did not write reads as `fallback`. */
function parseState<T>(state: string, fallback: T): T {
	try {
		const parsed = JSON.parse(state) as unknown;
		return Array.isArray(parsed) ? (parsed as T) : fallback;
	} catch {
		return fallback;
	}
}

// Projects ------------------------------------------------------------------------------------------------

/** What is remembered of a project: its region and name. */
const projectState = (project: IDataObject): string => JSON.stringify([String(project.region ?? ''), String(project.name ?? '')]);

/** A project as last seen, from its remembered state. */
function lastSeenProject(id: string, state: string): IDataObject {
	const [region, name] = parseState<[string, string]>(state, ['', '']);
	return { id, name, region };
}

/**
 * The project events of one poll. `projects` is the organization's whole list. Manual mode ("Fetch Test
 * Event") gives the last matching project of the list in the event's shape, without comparing anything.
 */
export function projectEvents(
	event: Exclude<VentusEvent, 'priceChanged'>,
	projects: IDataObject[],
	memory: TriggerMemory | undefined,
	passes: Passes,
	manual: boolean,
): PollOutcome {
	const emit = (project: IDataObject, extra: IDataObject = {}): INodeExecutionData => ({ json: { event, ...project, ...extra } });
	const current: ObjectState[] = projects
		.filter((project) => isObject(project) && project.id !== undefined && project.id !== null && project.id !== '')
		.map((project) => ({ id: String(project.id), state: projectState(project), item: { json: project } }));
	if (manual) {
		const sample = current.map((object) => object.item.json).filter(passes).slice(-1);
		// A deletion or a rename cannot be seen without an earlier poll: the sample shows an existing project in the event's shape.
		return { items: sample.map((project) => emit(project, event === 'projectRenamed' ? { previousName: project.name } : {})), memory: NO_MEMORY };
	}
	const diff = diffSnapshot(memory ?? NO_MEMORY, current);
	let items: INodeExecutionData[];
	if (event === 'projectCreated') {
		items = diff.created.map((object) => object.item.json).filter(passes).map((project) => emit(project));
	} else if (event === 'projectDeleted') {
		items = diff.deleted.map(({ id, previous }) => lastSeenProject(id, previous)).filter(passes).map((project) => emit(project));
	} else {
		items = diff.changed.flatMap(({ id, item, previous }) => {
			const before = lastSeenProject(id, previous);
			const project = item.json;
			if (before.name === String(project.name ?? '')) return [];
			// A rename into or out of what the filters look for counts: the old name or the new one may match.
			if (!passes(project) && !passes({ ...project, name: before.name })) return [];
			return [emit(project, { previousName: before.name })];
		});
	}
	return { items, memory: diff.memory };
}

// Prices --------------------------------------------------------------------------------------------------

/** One price of the price list: a flavor's, or a priced entry of the currency such as `storage`. */
interface Price {
	/** Unique in the list: currency, kind and ID. */
	key: string;
	currency: string;
	/** `flavor`, or the price list's own name of the entry (e.g. `storage`). */
	kind: string;
	/** The flavor's ID, or the entry's name. */
	id: string;
	name: string;
	/** As the API gives it: a flavor's `{ base, windows }`, or a number. */
	price: unknown;
}

const priceKey = (currency: string, kind: string, id: string) => JSON.stringify([currency, kind, id]);

/** Every price of the list, in its order: the flavors and the other priced entries (numbers or objects) of each currency. */
function pricesOf(list: IDataObject): Price[] {
	const prices: Price[] = [];
	for (const [currency, section] of Object.entries(list)) {
		if (!isObject(section)) continue;
		for (const [kind, value] of Object.entries(section)) {
			if (kind === 'flavors') {
				if (!Array.isArray(value)) continue;
				for (const flavor of value as unknown[]) {
					if (!isObject(flavor) || flavor.id === undefined || flavor.id === null || flavor.id === '') continue;
					const id = String(flavor.id);
					const name = String(flavor.name ?? id);
					prices.push({ key: priceKey(currency, 'flavor', id), currency, kind: 'flavor', id, name, price: flavor.price ?? null });
				}
			} else if (typeof value === 'number' || isObject(value)) {
				prices.push({ key: priceKey(currency, kind, kind), currency, kind, id: kind, name: kind, price: value });
			}
		}
	}
	return prices;
}

/**
 * Why a currency filter cannot be right, or undefined: a currency neither in the price list now nor at
 * the last poll is a typo (one that was there before is a currency whose prices were removed).
 */
export function currencyProblem(list: IDataObject, memory: TriggerMemory | undefined, currency: string): string | undefined {
	const remembered = Object.keys(memory?.states ?? {}).map((key) => String(parseState<unknown[]>(key, [])[0] ?? ''));
	const known = [...new Set([...Object.keys(list), ...remembered])].filter(Boolean);
	if (known.some((candidate) => candidate.toLowerCase() === currency)) return undefined;
	return `${currency} is not in the price list (available: ${Object.keys(list).join(', ') || 'none'})`;
}

/** For two price objects, the keys whose values differ (a flavor's `base`, `windows`...); undefined for plain numbers. */
function changedFields(previous: unknown, current: unknown): string[] | undefined {
	if (!isObject(previous) || !isObject(current)) return undefined;
	const keys = [...new Set([...Object.keys(previous), ...Object.keys(current)])];
	return keys.filter((key) => canonical(previous[key]) !== canonical(current[key]));
}

export interface PriceSettings {
	/** Only this currency (lower case), or every currency. */
	currency?: string;
	/** Also emit prices that appear (`added`) and disappear (`removed`). */
	addedAndRemoved: boolean;
}

/**
 * The price events of one poll: one item per price whose value changed (and, when asked, per price that
 * appeared or disappeared), in the list's order, removed prices last. A name that changes alone (same
 * price) is no event. Manual mode gives every matching price as it is now, in the event's shape.
 */
export function priceEvents(list: IDataObject, memory: TriggerMemory | undefined, settings: PriceSettings, manual: boolean): PollOutcome {
	const prices = pricesOf(list);
	const inCurrency = (currency: string) => settings.currency === undefined || currency.toLowerCase() === settings.currency;
	const emit = (price: Omit<Price, 'key' | 'price'>, change: string, previous: unknown, current: unknown, fields?: string[]): INodeExecutionData => ({
		json: {
			event: 'priceChanged',
			change,
			currency: price.currency,
			kind: price.kind,
			id: price.id,
			name: price.name,
			previous: previous as IDataObject[string],
			current: current as IDataObject[string],
			...(fields ? { changedFields: fields } : {}),
		},
	});
	if (manual) {
		const sample = prices.filter((price) => inCurrency(price.currency));
		return { items: sample.map((price) => emit(price, 'changed', price.price, price.price, changedFields(price.price, price.price))), memory: NO_MEMORY };
	}
	const current: ObjectState[] = prices.map((price) => ({ id: price.key, state: canonical([price.name, price.price]), item: { json: {} } }));
	const diff = diffSnapshot(memory ?? NO_MEMORY, current);
	const created = new Set(diff.created.map((object) => object.id));
	const changed = new Map(diff.changed.map((object) => [object.id, object.previous]));
	const items: INodeExecutionData[] = [];
	for (const price of prices) {
		if (!inCurrency(price.currency)) continue;
		if (created.has(price.key) && settings.addedAndRemoved) items.push(emit(price, 'added', null, price.price));
		const previous = changed.get(price.key);
		if (previous === undefined) continue;
		const [, before] = parseState<[string, unknown]>(previous, ['', null]);
		if (canonical(before) === canonical(price.price)) continue;
		items.push(emit(price, 'changed', before, price.price, changedFields(before, price.price)));
	}
	if (settings.addedAndRemoved) {
		for (const { id: key, previous } of diff.deleted) {
			const [currency, kind, id] = parseState<[string, string, string]>(key, ['', '', key]);
			if (!inCurrency(currency)) continue;
			const [name, before] = parseState<[string, unknown]>(previous, [id, null]);
			items.push(emit({ currency, kind, id, name }, 'removed', before, null));
		}
	}
	return { items, memory: diff.memory };
}
