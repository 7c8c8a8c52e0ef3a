/** The node as the editor loads it: description, versions, field order, the Options collection, and the pickers. */
import type { IDataObject, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { OPERATIONS, SHARED_FIELDS, type PortalOperation } from '../../nodes/Cloutility/catalog';
import { exactDisplay, isList, mergeOrdered, type Pair } from '../../nodes/Cloutility/description';
import { parameterName } from '../../nodes/shared/operation-fields';
import { Harness, listSearch } from '../harness';
import { CLOUTILITY_NODE, cloutilitySetup, fromList, type CloutilityEnv } from './setup';

let description: INodeTypeDescription;

beforeAll(async () => {
	const harness = await Harness.load();
	description = harness.nodeTypes.getByNameAndVersion(CLOUTILITY_NODE, 1).description;
});

/**
 * The node's properties shown for an operation in a version, in the order the editor shows them: decided by
 * n8n's own display rules (show, hide, versions), with Return All at its default (on in version 2, off in 1).
 */
function shownFor(operation: PortalOperation, version: number, returnAll = version >= 2): INodeProperties[] {
	const values: INodeParameters = { resource: operation.resource, operation: operation.operation, returnAll };
	return description.properties.filter((property) => NodeHelpers.displayParameter(values, property, { typeVersion: version }, description));
}

describe('the node as n8n loads it', () => {
	test('an action node usable as a tool, with a subtitle, themed icons and the credential', () => {
		expect(description).toMatchObject({
			displayName: 'Cloutility',
			usableAsTool: true,
			subtitle: expect.stringContaining('$parameter["operation"]'),
			// n8n's loader turns the icon files into icon URLs.
			iconUrl: { light: expect.stringMatching(/Cloutility\/cloutility\.svg$/), dark: expect.stringMatching(/Cloutility\/cloutility\.dark\.svg$/) },
			credentials: [{ name: 'cloutilityApi', required: true }],
			inputs: ['main'],
			outputs: ['main'],
		});
	});

	test('resources use the portal\'s own words, and every operation has an action', () => {
		const resource = description.properties.find((property) => property.name === 'resource')!;
		expect((resource.options as Array<{ name: string }>).map((option) => option.name)).toEqual([
			'Account',
			'Activity Log Filter',
			'Activity Report',
			'Activity Report Subscription',
			'Audit Log',
			'Backup Node',
			'Backup Server',
			'Billing',
			'Business Unit',
			'Catalog',
			'Consumption',
			'Consumption Unit',
			'Delete Request',
			'Job',
			'Job Subscription',
			'Microsoft 365 Account',
			'Microsoft 365 Tenant',
			'Node Rule',
			'PoINT Bucket',
			'Report',
			'Service Level Agreement',
			'Status Report',
			'Subscription',
			'Tag',
			'User',
		]);
		const consumptionUnit = (resource.options as Array<{ value: string; description: string }>).find((option) => option.value === 'consumptionUnit')!;
		expect(consumptionUnit.description).toContain('the API calls it consumer');
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options as Array<{ action?: string }>);
		expect(operations).toHaveLength(147);
		expect(operations.every((operation) => typeof operation.action === 'string' && operation.action.length > 5)).toBe(true);
	});

	test('list operations, and only they, offer Return All and Limit; the editor description stays small', () => {
		for (const operation of OPERATIONS) {
			const names = shownFor(operation, 1, false).map((property) => property.name);
			expect([operation.resource, operation.operation, names.includes('returnAll'), names.includes('limit')]).toEqual([
				operation.resource,
				operation.operation,
				isList(operation),
				isList(operation),
			]);
		}
		// 73,184 characters with 72 operations before the help pages' endpoints; merged fields keep 147 near 110,000.
		expect(JSON.stringify(description).length).toBeLessThan(115_000);
	});

	test('the business unit and consumption unit pickers keep one parameter across operations', () => {
		expect(SHARED_FIELDS.has('bunitId')).toBe(true);
		expect(SHARED_FIELDS.has('consumerId')).toBe(true);
		const pickers = description.properties.filter((property) => property.name === 'bunitId');
		expect(pickers.every((property) => property.type === 'resourceLocator')).toBe(true);
		// One property serves almost every operation (merged across resources), not one per resource.
		expect(pickers.length).toBeLessThanOrEqual(4);
		// No catalog field takes a name the node uses for itself.
		const own = new Set(['resource', 'operation', 'returnAll', 'limit', 'additionalFields', 'offset', 'options']);
		expect(OPERATIONS.flatMap((operation) => operation.fields.map((field) => field.name)).filter((name) => own.has(name))).toEqual([]);
	});

	test('the node password field is masked', () => {
		const password = description.properties.find((property) => property.name === 'tsmPassword')!;
		expect(password.typeOptions?.password).toBe(true);
	});
});

describe('versions', () => {
	test('version 2 is the default; version 1 stays loadable for saved workflows', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	test.each([
		[1, false],
		[2, true],
	])('in version %i every list\'s Return All defaults to %s; Limit is 50 in both', (version, returnAll) => {
		for (const operation of OPERATIONS.filter(isList)) {
			const shown = shownFor(operation, version, false);
			expect([operation.operation, shown.filter((property) => property.name === 'returnAll').map((property) => property.default)]).toEqual([
				operation.operation,
				[returnAll],
			]);
			expect(shown.find((property) => property.name === 'limit')).toMatchObject({ default: 50, displayOptions: { show: { returnAll: [false] } } });
		}
	});
});

describe('field order', () => {
	test.each([1, 2])('version %i: every operation shows its required fields in the API\'s order, then Return All / Limit, Additional Fields and Options', (version) => {
		for (const operation of OPERATIONS) {
			const names = shownFor(operation, version, false).map((property) => property.name);
			const required = operation.fields.filter((field) => field.required).map((field) => parameterName(operation, field, SHARED_FIELDS));
			const expected = [
				'resource',
				'operation',
				...required,
				...(isList(operation) ? ['returnAll', 'limit'] : []),
				...(operation.fields.some((field) => !field.required) ? ['additionalFields'] : []),
				'options',
			];
			expect([operation.resource, operation.operation, names]).toEqual([operation.resource, operation.operation, expected]);
		}
	});

	test('Additional Fields are sorted by name, with a range\'s start right before its end', () => {
		const optional = (resource: string, operation: string) => {
			const found = OPERATIONS.find((candidate) => candidate.resource === resource && candidate.operation === operation)!;
			const collection = shownFor(found, 2).find((property) => property.name === 'additionalFields')!;
			return (collection.options as INodeProperties[]).map((option) => option.displayName);
		};
		expect(optional('auditLog', 'getManyForBusinessUnit')).toEqual(['Include Descendants', 'Newest First', 'Start Time', 'End Time', 'Types']);
		expect(optional('auditLog', 'getManyForConsumptionUnit')).toEqual(['Include Descendants', 'Newest First', 'Start Time', 'End Time', 'Types']);
		expect(optional('job', 'getMany')).toEqual(['Start Time', 'End Time']);
		expect(optional('report', 'getMany')).toEqual(['Start Date', 'End Date', 'Include Status', 'Include Warnings']);
		// Everywhere: each start comes right before its end.
		for (const operation of OPERATIONS) {
			const collection = shownFor(operation, 2).find((property) => property.name === 'additionalFields');
			const names = ((collection?.options ?? []) as INodeProperties[]).map((option) => option.displayName);
			names.forEach((name, index) => {
				const end = /^Start (.+)$/.exec(name);
				if (end && names.includes(`End ${end[1]}`)) expect([operation.operation, names[index + 1]]).toEqual([operation.operation, `End ${end[1]}`]);
			});
		}
	});

	test('Options hold Items in Parallel (50 by default) and Retry Transient Errors (on), for every operation', () => {
		const options = description.properties.filter((property) => property.name === 'options');
		expect(options).toHaveLength(1);
		expect(options[0]).toMatchObject({ type: 'collection', default: {} });
		expect(options[0].displayOptions).toBeUndefined();
		expect((options[0].options as INodeProperties[]).map((option) => [option.name, option.default])).toEqual([
			['parallelItems', 50],
			['retryTransientErrors', true],
		]);
	});

	test('merging fields keeps each operation\'s order, and each merged field shows for exactly its operations', () => {
		const field = (name: string, resource: string, operation: string): INodeProperties => ({
			displayName: name,
			name,
			type: 'string',
			default: '',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		});
		const all: Pair[] = [
			{ resource: 'r', operation: 'a' },
			{ resource: 'r', operation: 'b' },
			{ resource: 'other', operation: 'a' },
			{ resource: 'other', operation: 'b' },
		];
		const groups = [
			[field('p', 'r', 'a'), field('q', 'r', 'a')],
			[field('q', 'r', 'b'), field('p', 'r', 'b')],
			[field('p', 'other', 'a')],
			[field('q', 'other', 'b')],
		];
		const merged = mergeOrdered(groups, all);
		const description = { properties: merged } as unknown as INodeTypeDescription;
		const shown = (resource: string, operation: string) =>
			merged.filter((property) => NodeHelpers.displayParameter({ resource, operation }, property, { typeVersion: 1 }, description)).map((property) => property.name);
		// The tables above pretend the node has only these four operations.
		expect(all.map((pair) => shown(pair.resource, pair.operation))).toEqual([['p', 'q'], ['q', 'p'], ['p'], ['q']]);
		// "p" of r:a and other:a is one field; "q" after "p" cannot also serve r:b, where it comes first.
		expect(merged.filter((property) => property.name === 'p').length).toBeLessThan(3);
	});

	test('display options for a set of operations hold for exactly those, whatever their resources', () => {
		const all: Pair[] = ['r1', 'r2', 'r3'].flatMap((resource) => ['get', 'getMany', 'create'].map((operation) => ({ resource, operation })));
		const cases: Pair[][] = [
			all.filter((pair) => pair.operation !== 'create'),
			all.filter((pair) => pair.resource !== 'r3' && pair.operation === 'getMany'),
			[all[0], all[4], all[8]],
			all.filter((pair) => !(pair.resource === 'r1' && pair.operation === 'get')),
		];
		for (const pairs of cases) {
			const properties = exactDisplay(pairs, {}, all).map((displayOptions) => ({ displayName: 'X', name: 'x', type: 'string', default: '', displayOptions }) as INodeProperties);
			const shown = all.filter((pair) =>
				properties.some((property) => NodeHelpers.displayParameter({ ...pair }, property, { typeVersion: 1 }, { properties } as unknown as INodeTypeDescription)),
			);
			expect(shown).toEqual(pairs);
		}
	});
});

describe('pickers', () => {
	let env: CloutilityEnv;

	beforeAll(async () => {
		env = await cloutilitySetup();
	});
	afterAll(async () => await env.emulator.stop());
	beforeEach(() => env.emulator.reset());

	const credentials = () => ({ cloutilityApi: env.credentials() });
	const spec = (parameters: INodeParameters) => ({ type: CLOUTILITY_NODE, parameters: parameters as IDataObject, credentials: credentials() });

	test('business units: the tree flattened, each shown with its path, searchable', async () => {
		const node = spec({ resource: 'consumptionUnit', operation: 'getMany' });
		const all = await listSearch(env.harness, node, 'searchBusinessUnits');
		expect(all.results).toEqual([
			{ name: 'Company AB', value: '22' },
			{ name: 'Company AB / Marketing Department', value: '76' },
			{ name: 'Company AB / HR Department', value: '94' },
			{ name: 'Company AB / HR Department / Payroll', value: '95' },
		]);
		const searched = await listSearch(env.harness, node, 'searchBusinessUnits', 'hr');
		expect(searched.results.map((result) => result.value)).toEqual(['94', '95']);
	});

	test('consumption units of the chosen business unit; a clear message until one is chosen', async () => {
		const found = await listSearch(env.harness, spec({ resource: 'consumptionUnit', operation: 'get', bunitId: fromList('76') }), 'searchConsumptionUnits', 'server');
		expect(found.results).toEqual([
			{ name: 'BuildServer (411)', value: '411' },
			{ name: 'FileServer01 (409)', value: '409' },
		]);
		await expect(listSearch(env.harness, spec({ resource: 'consumptionUnit', operation: 'get' }), 'searchConsumptionUnits')).rejects.toThrow(
			'Choose the business unit first',
		);
	});

	test('time zones, node types for the chosen OS, and tags', async () => {
		const zones = await listSearch(env.harness, spec({ resource: 'catalog', operation: 'getTimeZone' }), 'searchTimeZones', 'stockholm');
		expect(zones.results).toEqual([{ name: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', value: '4' }]);
		const allTypes = await listSearch(env.harness, spec({ resource: 'catalog', operation: 'getNodeType' }), 'searchNodeTypes');
		expect(allTypes.results).toHaveLength(4);
		const windowsTypes = await listSearch(
			env.harness,
			spec({ resource: 'backupNode', operation: 'update', bunitId: fromList('76'), additionalFields: { operatingSystem: fromList('1') } }),
			'searchNodeTypes',
		);
		expect(windowsTypes.results.map((result) => result.name)).toEqual(['File', 'Microsoft SQL Server']);
		const tags = await listSearch(env.harness, spec({ resource: 'tag', operation: 'addToConsumptionUnit', bunitId: fromList('76') }), 'searchTags');
		expect(tags.results.map((result) => result.name)).toEqual(['campaign-data', 'laptop', 'production']);
	});

	test('a long list comes page by page, every word of the search must match', async () => {
		for (let index = 0; index < 230; index++) {
			const id = 5000 + index;
			env.emulator.world.consumers.set(id, {
				id,
				bunitId: 94,
				name: `hr-laptop-${String(index).padStart(3, '0')}`,
				limitHighStorage: 0,
				allowNoActivity: false,
				tagIds: [],
				createdDate: '2024-01-01T00:00:00Z',
				extra: {},
			});
		}
		const node = spec({ resource: 'consumptionUnit', operation: 'get', bunitId: fromList('94') });
		const pages: string[][] = [];
		let token: string | undefined;
		do {
			const page = await listSearch(env.harness, node, 'searchConsumptionUnits', 'laptop', token);
			pages.push(page.results.map((result) => String(result.value)));
			token = page.paginationToken as string | undefined;
		} while (token && pages.length < 10);
		expect(pages.map((page) => page.length)).toEqual([100, 100, 30]);
		expect(new Set(pages.flat()).size).toBe(230);
		const narrowed = await listSearch(env.harness, node, 'searchConsumptionUnits', 'Laptop 129');
		expect(narrowed).toEqual({ results: [{ name: 'hr-laptop-129 (5129)', value: '5129' }] });
	});
});
