/**
 * The Ventus Cloud Trigger, polled through n8n-core's poll context (static data kept between polls as n8n
 * keeps it) against the emulator, whose world changes between polls: projects created, deleted, renamed,
 * prices changed. For each event: the baseline emits nothing, one change emits exactly one item, polls
 * without a change emit nothing, a failed poll loses nothing, "Fetch Test Event" moves nothing, the state
 * stays bounded, and one poll costs one request.
 */
import type { IDataObject, INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import type { VentusProject } from '../emulators/ventus';
import { pollSession, type PollSession } from '../harness';
import { ORG, VENTUS_NODE, ventusSetup } from './setup';

let env: Awaited<ReturnType<typeof ventusSetup>>;

beforeAll(async () => {
	env = await ventusSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const TRIGGER = 'n8n-nodes-eurocloud.ventusCloudTrigger';
const LIST = '/v1.0/invoke/gotham-enterprises/method/orgs/:org/projects';
const PRICES = '/v1.0/invoke/gotham-bank/method/prices';

const trigger = (parameters: IDataObject): PollSession =>
	pollSession(
		env.harness,
		{ type: TRIGGER, parameters, credentials: { ventusCloudApi: 'ventus-1' } },
		{ ventusCloudApi: env.credentials() },
	);

/** One poll's items and the API requests it made (token calls are not API requests). */
async function poll(session: PollSession, mode: 'trigger' | 'manual' = 'trigger') {
	const before = env.emulator.apiRequests.length;
	const items = await session.emitted(mode);
	return { items, requests: env.emulator.apiRequests.length - before };
}

const chf = () => env.emulator.prices.chf;
const vc1 = () => chf().flavors[0];

/**
 * One event: how its world is set up, the one change it reacts to, and the item that change must give.
 * `change` returns the expected item.
 */
interface EventCase {
	event: string;
	parameters?: IDataObject;
	/** The request one poll makes. */
	path: string;
	setup(): void;
	change(): IDataObject;
	/** Something else that happens in the same world and is not this event. */
	other(): void;
}

let kept: VentusProject;
let doomed: VentusProject;
let counter = 0;

const EVENTS: EventCase[] = [
	{
		event: 'projectCreated',
		path: LIST,
		setup() {
			kept = env.emulator.addProject(ORG, 'vienna', 'kept');
		},
		change() {
			const project = env.emulator.addProject(ORG, 'upper-austria', `new-${++counter}`);
			return { event: 'projectCreated', id: project.id, name: project.name, region: 'Upper-Austria' };
		},
		other() {
			kept.name = `kept-${++counter}`;
		},
	},
	{
		event: 'projectDeleted',
		path: LIST,
		setup() {
			kept = env.emulator.addProject(ORG, 'vienna', 'kept');
			doomed = env.emulator.addProject(ORG, 'eastern-switzerland', 'doomed');
		},
		change() {
			const gone = doomed;
			env.emulator.projects.delete(gone.id);
			doomed = env.emulator.addProject(ORG, 'eastern-switzerland', `doomed-${++counter}`);
			return { event: 'projectDeleted', id: gone.id, name: gone.name, region: 'Eastern-Switzerland' };
		},
		other() {
			env.emulator.addProject(ORG, 'vienna', `other-${++counter}`);
		},
	},
	{
		event: 'projectRenamed',
		path: LIST,
		setup() {
			kept = env.emulator.addProject(ORG, 'vienna', 'kept');
		},
		change() {
			const previousName = kept.name;
			kept.name = `renamed-${++counter}`;
			return { event: 'projectRenamed', id: kept.id, name: kept.name, region: 'Vienna', previousName };
		},
		other() {
			env.emulator.addProject(ORG, 'vienna', `other-${++counter}`);
		},
	},
	{
		event: 'priceChanged',
		path: PRICES,
		setup() {},
		change() {
			const previous = { ...vc1().price };
			vc1().price.base = Math.round((vc1().price.base + 0.001) * 1e6) / 1e6;
			return {
				event: 'priceChanged',
				change: 'changed',
				currency: 'chf',
				kind: 'flavor',
				id: '0000-0020-vc-1',
				name: 'VC-1',
				previous,
				current: { ...vc1().price },
				changedFields: ['base'],
			};
		},
		other() {
			chf().flavors.push({ id: `new-${++counter}`, name: 'VC-new', price: { base: 1, windows: 2 } });
		},
	},
];

describe.each(EVENTS.map((event) => [event.event, event] as const))('%s', (_name, spec) => {
	let session: PollSession;
	beforeEach(() => {
		spec.setup();
		session = trigger({ event: spec.event, ...spec.parameters });
	});

	test('the first poll records a baseline and emits nothing; one change then emits exactly one item, in one request', async () => {
		expect(await poll(session)).toEqual({ items: [], requests: 1 });
		expect(session.history[0].items).toBeNull();
		const expected = spec.change();
		spec.other();
		expect(await poll(session)).toEqual({ items: [expected], requests: 1 });
		expect(env.emulator.requestsTo('GET', spec.path)).toHaveLength(2);
	});

	test('polls with no change emit nothing and cost one request each', async () => {
		await poll(session);
		spec.other();
		expect(await poll(session)).toEqual({ items: [], requests: 1 });
		expect(await poll(session)).toEqual({ items: [], requests: 1 });
		expect(await poll(session)).toEqual({ items: [], requests: 1 });
		expect(env.emulator.tokenRequests).toHaveLength(1);
	});

	test('a failed poll emits nothing and keeps the state; the next poll catches up and loses nothing', async () => {
		await poll(session);
		const state = structuredClone(session.staticData);
		const expected = spec.change();
		env.emulator.fault('GET', spec.path, { status: 500, body: { message: 'gateway down' }, times: 1 });
		const failed = await session.poll();
		expect(failed.items).toBeNull();
		expect(failed.error?.message).toBe('gateway down');
		expect(session.staticData).toEqual(state);
		expect(await poll(session)).toEqual({ items: [expected], requests: 1 });
		expect(await poll(session)).toEqual({ items: [], requests: 1 });
	});

	test('"Fetch Test Event" returns an item in the event\'s shape at once and moves nothing', async () => {
		await poll(session);
		const state = structuredClone(session.staticData);
		const expected = spec.change();
		const manual = await poll(session, 'manual');
		expect(manual.requests).toBe(1);
		const shape = (item: IDataObject) => Object.keys(item).sort().join();
		expect(manual.items.map(shape)).toContain(shape(expected));
		expect(manual.items.every((item) => item.event === spec.event)).toBe(true);
		expect(session.staticData).toEqual(state);
		expect(await poll(session)).toEqual({ items: [expected], requests: 1 });
	});

	test('an event is emitted once, also when the trigger is restarted with the static data n8n kept', async () => {
		await poll(session);
		const expected = spec.change();
		expect((await poll(session)).items).toEqual([expected]);
		const restarted = trigger({ event: spec.event, ...spec.parameters });
		restarted.staticData = structuredClone(session.staticData);
		expect(await poll(restarted)).toEqual({ items: [], requests: 1 });
	});

	test('another event starts from a baseline of its own', async () => {
		const other =
			EVENTS.find((candidate) => candidate.path === spec.path && candidate.event !== spec.event) ??
			EVENTS.find((candidate) => candidate.event !== spec.event)!;
		other.setup();
		await poll(session);
		other.change();
		session.node.parameters.event = other.event;
		expect((await poll(session)).items).toEqual([]);
		expect(Object.keys(session.staticData)).toHaveLength(1);
		const expected = other.change();
		expect((await poll(session)).items).toEqual([expected]);
	});
});

describe('projects', () => {
	test('K new projects in one poll: K items in the order of the list, still one request', async () => {
		const session = trigger({ event: 'projectCreated' });
		await poll(session);
		const made = ['a', 'b', 'c'].map((name) => env.emulator.addProject(ORG, 'vienna', name));
		const { items, requests } = await poll(session);
		expect(requests).toBe(1);
		expect(items.map((item) => item.id)).toEqual(made.map((project) => project.id));
		expect(items[0]).toEqual({ event: 'projectCreated', id: made[0].id, name: 'a', region: 'Vienna' });
	});

	test('the filters narrow what is emitted: region and name (case-insensitive)', async () => {
		const session = trigger({ event: 'projectCreated', filters: { region: 'upper-austria', nameContains: 'WEB' } });
		await poll(session);
		env.emulator.addProject(ORG, 'vienna', 'web-vienna');
		const wanted = env.emulator.addProject(ORG, 'upper-austria', 'Web-Shop');
		env.emulator.addProject(ORG, 'upper-austria', 'database');
		expect((await poll(session)).items.map((item) => item.id)).toEqual([wanted.id]);
	});

	test('a region filter given in the display form (an expression from a list) is taken', async () => {
		const session = trigger({ event: 'projectDeleted', filters: { region: '={{ "Eastern-Switzerland" }}' } });
		const swiss = env.emulator.addProject(ORG, 'eastern-switzerland', 'swiss');
		const vienna = env.emulator.addProject(ORG, 'vienna', 'vienna');
		await poll(session);
		env.emulator.projects.delete(swiss.id);
		env.emulator.projects.delete(vienna.id);
		expect((await poll(session)).items).toEqual([{ event: 'projectDeleted', id: swiss.id, name: 'swiss', region: 'Eastern-Switzerland' }]);
	});

	test('changing a filter keeps the memory: projects that existed do not come as new', async () => {
		env.emulator.addProject(ORG, 'vienna', 'web-old');
		const session = trigger({ event: 'projectCreated', filters: { nameContains: 'db' } });
		await poll(session);
		session.node.parameters.filters = { nameContains: 'web' };
		const fresh = env.emulator.addProject(ORG, 'vienna', 'web-new');
		expect((await poll(session)).items.map((item) => item.id)).toEqual([fresh.id]);
	});

	test('a rename into or out of the name filter is emitted; a rename elsewhere is not', async () => {
		const session = trigger({ event: 'projectRenamed', filters: { nameContains: 'prod' } });
		const into = env.emulator.addProject(ORG, 'vienna', 'staging');
		const outOf = env.emulator.addProject(ORG, 'vienna', 'prod-1');
		const elsewhere = env.emulator.addProject(ORG, 'vienna', 'test-1');
		await poll(session);
		into.name = 'prod-2';
		outOf.name = 'retired-1';
		elsewhere.name = 'test-2';
		const { items } = await poll(session);
		expect(items.map((item) => [item.id, item.previousName, item.name])).toEqual([
			[into.id, 'staging', 'prod-2'],
			[outOf.id, 'prod-1', 'retired-1'],
		]);
	});

	test('Project Created emits the whole object the list gives, whatever fields it has', async () => {
		const session = trigger({ event: 'projectCreated' });
		await poll(session);
		env.emulator.addProject(ORG, 'vienna', 'x');
		const [item] = (await poll(session)).items;
		expect(Object.keys(item).sort()).toEqual(['event', 'id', 'name', 'region']);
	});

	test('"Fetch Test Event" returns the last matching project of the list, also before any poll', async () => {
		env.emulator.addProject(ORG, 'vienna', 'first');
		const last = env.emulator.addProject(ORG, 'vienna', 'last');
		env.emulator.addProject(ORG, 'upper-austria', 'elsewhere');
		const renamed = trigger({ event: 'projectRenamed', filters: { region: 'vienna' } });
		expect((await poll(renamed, 'manual')).items).toEqual([
			{ event: 'projectRenamed', id: last.id, name: 'last', region: 'Vienna', previousName: 'last' },
		]);
		expect(renamed.staticData).toEqual({});
		const nothing = trigger({ event: 'projectCreated', filters: { nameContains: 'no such project' } });
		expect((await nothing.poll('manual')).items).toBeNull();
	});

	test('expired tokens between polls: the poll logs in again and the event still comes', async () => {
		const session = trigger({ event: 'projectCreated' });
		await poll(session);
		env.emulator.clock.advance(env.emulator.tokenLifetimeSeconds + 1);
		const project = env.emulator.addProject(ORG, 'vienna', 'after-expiry');
		expect((await poll(session)).items.map((item) => item.id)).toEqual([project.id]);
		expect(env.emulator.tokenRequests).toHaveLength(2);
	});

	test('an answer that is not a list fails the poll, naming the operation, and keeps the state', async () => {
		const session = trigger({ event: 'projectDeleted' });
		env.emulator.addProject(ORG, 'vienna', 'p');
		await poll(session);
		const state = structuredClone(session.staticData);
		env.emulator.fault('GET', LIST, { status: 200, body: { projects: [] }, times: 1 });
		const failed = await session.poll();
		expect(failed.error?.message).toMatch(/"Project: List" is not what it documents: expected a list/);
		expect(session.staticData).toEqual(state);
		expect((await poll(session)).items).toEqual([]);
	});

	test('the state stays bounded after 10,000 projects were seen: one short state per project that exists now', async () => {
		const session = trigger({ event: 'projectCreated' });
		env.emulator.addProject(ORG, 'vienna', 'stays');
		await poll(session);
		const small = session.stateSize();
		let emitted = 0;
		for (let round = 0; round < 10; round++) {
			const batch = Array.from({ length: 1000 }, (_, index) => env.emulator.addProject(ORG, 'vienna', `r${round}-${index}`));
			const { items, requests } = await poll(session);
			expect(requests).toBe(1);
			emitted += items.length;
			for (const project of batch) env.emulator.projects.delete(project.id);
		}
		expect(emitted).toBe(10_000);
		await poll(session);
		expect(session.stateSize()).toBe(small);
		expect(session.stateSize()).toBeLessThan(300);
	}, 60_000);
});

describe('prices', () => {
	test('the storage price: previous and new value as numbers', async () => {
		const session = trigger({ event: 'priceChanged' });
		await poll(session);
		chf().storage = 0.00035;
		expect((await poll(session)).items).toEqual([
			{ event: 'priceChanged', change: 'changed', currency: 'chf', kind: 'storage', id: 'storage', name: 'storage', previous: 0.0003, current: 0.00035 },
		]);
	});

	test('K prices changed in one poll: K items in the order of the list, one request', async () => {
		const session = trigger({ event: 'priceChanged' });
		await poll(session);
		chf().flavors[2].price.windows = 0.2;
		env.emulator.prices.eur.flavors[0].price = { base: 0.02, windows: 0.03 };
		chf().flavors[0].price.base = 0.013;
		const { items, requests } = await poll(session);
		expect(requests).toBe(1);
		expect(items.map((item) => [item.currency, item.id, item.changedFields])).toEqual([
			['chf', '0000-0020-vc-1', ['base']],
			['chf', '0000-0080-vc-8', ['windows']],
			['eur', '0000-0020-vc-1', ['base', 'windows']],
		]);
	});

	test('the currency filter (any case) narrows what is emitted; the memory keeps every currency', async () => {
		const session = trigger({ event: 'priceChanged', filters: { currency: 'EUR' } });
		await poll(session);
		chf().flavors[0].price.base = 1;
		expect((await poll(session)).items).toEqual([]);
		env.emulator.prices.eur.storage = 0.5;
		expect((await poll(session)).items.map((item) => [item.currency, item.kind])).toEqual([['eur', 'storage']]);
	});

	test('an unknown currency is an error naming the field and the currencies there are', async () => {
		const session = trigger({ event: 'priceChanged', filters: { currency: 'usd' } });
		const failed = await session.poll();
		expect(failed.error?.message).toBe('"Currency" usd is not in the price list (available: chf, eur)');
		expect((await session.poll('manual')).error?.message).toBe('"Currency" usd is not in the price list (available: chf, eur)');
	});

	test('new and removed prices: only with the option, as "added" and "removed" with the price they had', async () => {
		const plain = trigger({ event: 'priceChanged' });
		const all = trigger({ event: 'priceChanged', options: { addedAndRemoved: true } });
		await poll(plain);
		await poll(all);
		chf().flavors.push({ id: '0000-0160-vc-16', name: 'VC-16', price: { base: 0.19, windows: 0.29 } });
		const removed = env.emulator.prices.eur.flavors.splice(1, 1)[0];
		expect((await poll(plain)).items).toEqual([]);
		expect((await poll(all)).items).toEqual([
			{ event: 'priceChanged', change: 'added', currency: 'chf', kind: 'flavor', id: '0000-0160-vc-16', name: 'VC-16', previous: null, current: { base: 0.19, windows: 0.29 } },
			{ event: 'priceChanged', change: 'removed', currency: 'eur', kind: 'flavor', id: removed.id, name: removed.name, previous: removed.price, current: null },
		]);
	});

	test('a currency that disappears after the baseline is no typo: its prices are removed', async () => {
		const session = trigger({ event: 'priceChanged', filters: { currency: 'eur' }, options: { addedAndRemoved: true } });
		await poll(session);
		delete env.emulator.prices.eur;
		const { items } = await poll(session);
		expect(items.map((item) => [item.change, item.id])).toEqual([
			['removed', 'storage'],
			['removed', '0000-0020-vc-1'],
			['removed', '0000-0040-vc-4'],
		]);
	});

	test('a flavor renamed at the same price, or keys sent in another order, is no event', async () => {
		const session = trigger({ event: 'priceChanged' });
		await poll(session);
		vc1().name = 'VC-1 (legacy)';
		vc1().price = { windows: vc1().price.windows, base: vc1().price.base };
		expect((await poll(session)).items).toEqual([]);
	});

	test('"Fetch Test Event" returns every matching price as it is now, before any poll', async () => {
		const session = trigger({ event: 'priceChanged', filters: { currency: 'eur' } });
		const { items } = await poll(session, 'manual');
		expect(items.map((item) => [item.kind, item.id])).toEqual([
			['storage', 'storage'],
			['flavor', '0000-0020-vc-1'],
			['flavor', '0000-0040-vc-4'],
		]);
		expect(items[1]).toEqual({
			event: 'priceChanged',
			change: 'changed',
			currency: 'eur',
			kind: 'flavor',
			id: '0000-0020-vc-1',
			name: 'VC-1',
			previous: { base: 0.0113, windows: 0.0169 },
			current: { base: 0.0113, windows: 0.0169 },
			changedFields: [],
		});
		expect(session.staticData).toEqual({});
	});

	test('the state stays bounded after 10,000 prices were seen: one short state per price listed now', async () => {
		const session = trigger({ event: 'priceChanged', options: { addedAndRemoved: true } });
		const flavors = (round: number) =>
			Array.from({ length: 1000 }, (_, index) => ({ id: `r${round}-${index}`, name: `F${index}`, price: { base: index, windows: index * 2 } }));
		env.emulator.prices = { chf: { storage: 1, flavors: flavors(0) } };
		await poll(session);
		const first = session.stateSize();
		for (let round = 1; round < 10; round++) {
			env.emulator.prices = { chf: { storage: 1, flavors: flavors(round) } };
			const { items, requests } = await poll(session);
			expect(requests).toBe(1);
			expect(items).toHaveLength(2000);
		}
		expect(session.stateSize()).toBeLessThan(first * 1.1);
	}, 60_000);
});

describe('in the editor', () => {
	const description = (type: string): INodeTypeDescription => env.harness.nodeTypes.getByNameAndVersion(type, 1).description;
	const shown = (values: IDataObject) => {
		const node = description(TRIGGER);
		const resolved = NodeHelpers.getNodeParameters(node.properties, values as never, true, false, null, node)!;
		return node.properties.filter((property) => NodeHelpers.displayParameter(resolved, property, { typeVersion: 1 }, node));
	};
	const options = (property: INodeProperties | undefined) =>
		(property?.options as INodeProperties[] | undefined)?.map((option) => option.name);

	test('a polling trigger in the node panel\'s trigger list, with the credential, the icons and a subtitle naming the event', () => {
		const node = description(TRIGGER);
		expect(node).toMatchObject({
			displayName: 'Ventus Cloud Trigger',
			name: 'ventusCloudTrigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'ventusCloudApi', required: true }],
			// n8n's loader turns the icon files into icon URLs: the action node's icons.
			iconUrl: { light: expect.stringMatching(/VentusCloud\/ventusCloud\.svg$/), dark: expect.stringMatching(/VentusCloud\/ventusCloud\.dark\.svg$/) },
		});
		const event = node.properties.find((property) => property.name === 'event')!;
		const events = event.options as Array<{ name: string; value: string; description?: string }>;
		expect(events.map(({ value }) => value)).toEqual(['priceChanged', 'projectCreated', 'projectDeleted', 'projectRenamed']);
		expect(events.every((option) => (option.description ?? '').length > 20)).toBe(true);
		const subtitle = (event: string) => {
			const trigger: INode = { id: 't', name: 'Trigger', type: TRIGGER, typeVersion: 1, position: [0, 0], parameters: { event } };
			const workflow = new Workflow({ nodes: [trigger], connections: {}, active: false, nodeTypes: env.harness.nodeTypes });
			return workflow.expression.getSimpleParameterValue(trigger, node.subtitle!, 'internal', {});
		};
		expect(events.map(({ value }) => subtitle(value))).toEqual(events.map(({ name }) => name));
	});

	test('each event shows its filters, the same fields the action node has; n8n adds Poll Times itself', () => {
		const names = (values: IDataObject) => shown(values).map((property) => property.name);
		expect(names({ event: 'projectCreated' })).toEqual(['pollTimes', 'event', 'filters']);
		expect(names({ event: 'priceChanged' })).toEqual(['pollTimes', 'event', 'filters', 'options']);
		expect(options(shown({ event: 'projectDeleted' }).find((property) => property.name === 'filters'))).toEqual(['nameContains', 'region']);
		expect(options(shown({ event: 'priceChanged' }).find((property) => property.name === 'filters'))).toEqual(['currency']);
		const listFilters = description(VENTUS_NODE).properties.find(
			(property) => property.name === 'filters' && property.displayOptions?.show?.operation?.includes('list'),
		);
		const triggerFilters = shown({ event: 'projectRenamed' }).find((property) => property.name === 'filters');
		expect(triggerFilters?.options).toEqual(listFilters?.options);
	});
});
