/** The node as the editor loads it: description, versions, field order, the Options collection, and the pickers. */
import type { IDataObject, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { OPERATIONS, SHARED_FIELDS, type PortalOperation } from '../../nodes/Cloutility/catalog';
import { isList, mergeLeadingFields } from '../../nodes/Cloutility/description';
import { parameterName } from '../../nodes/shared/operation-fields';
import { Harness, listSearch } from '../harness';
import { CLOUTILITY_NODE, cloutilitySetup, fromList, type CloutilityEnv } from './setup';

let description: INodeTypeDescription;

beforeAll(async () => {
	const harness = await Harness.load();
	description = harness.nodeTypes.getByNameAndVersion(CLOUTILITY_NODE, 1).description;
});

/** Whether a `@version` condition holds for a version ([1], or [{ _cnd: { gte: 2 } }]). */
function versionMatches(condition: unknown, version: number): boolean {
	if (!Array.isArray(condition)) return true;
	return condition.some((entry) =>
		typeof entry === 'number' ? entry === version : version >= Number((entry as { _cnd: { gte: number } })._cnd.gte),
	);
}

/** The node's properties shown for an operation in a version, in the order the editor shows them. */
function shownFor(operation: PortalOperation, version: number): INodeProperties[] {
	return description.properties.filter((property) => {
		const show = property.displayOptions?.show ?? {};
		return (
			(!show.resource || (show.resource as string[]).includes(operation.resource)) &&
			(!show.operation || (show.operation as string[]).includes(operation.operation)) &&
			versionMatches(show['@version'], version)
		);
	});
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
			'Audit Log',
			'Backup Node',
			'Backup Server',
			'Billing',
			'Business Unit',
			'Catalog',
			'Consumption',
			'Consumption Unit',
			'Job',
			'Report',
			'Tag',
			'User',
		]);
		const consumptionUnit = (resource.options as Array<{ value: string; description: string }>).find((option) => option.value === 'consumptionUnit')!;
		expect(consumptionUnit.description).toContain('the API calls it consumer');
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options as Array<{ action?: string }>);
		expect(operations).toHaveLength(72);
		expect(operations.every((operation) => typeof operation.action === 'string' && operation.action.length > 5)).toBe(true);
	});

	test('list operations offer Return All and Limit; the editor description stays small', () => {
		for (const operation of OPERATIONS.filter((candidate) => candidate.answer && candidate.answer !== 'object')) {
			const shown = (name: string) =>
				description.properties.some(
					(property) =>
						property.name === name &&
						(property.displayOptions?.show?.resource as string[]).includes(operation.resource) &&
						(property.displayOptions?.show?.operation as string[]).includes(operation.operation),
				);
			expect([operation.operation, shown('returnAll'), shown('limit')]).toEqual([operation.operation, true, true]);
		}
		expect(JSON.stringify(description).length).toBeLessThan(80_000);
	});

	test('the business unit and consumption unit pickers keep one parameter across operations', () => {
		expect(SHARED_FIELDS.has('bunitId')).toBe(true);
		expect(SHARED_FIELDS.has('consumerId')).toBe(true);
		const pickers = description.properties.filter((property) => property.name === 'bunitId');
		expect(pickers.every((property) => property.type === 'resourceLocator')).toBe(true);
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
			const shown = shownFor(operation, version);
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
			const names = shownFor(operation, version).map((property) => property.name);
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

	test('Options hold Items in Parallel (10 by default) and Retry Transient Errors (on), for every operation', () => {
		const options = description.properties.filter((property) => property.name === 'options');
		expect(options).toHaveLength(1);
		expect(options[0]).toMatchObject({ type: 'collection', default: {} });
		expect(options[0].displayOptions).toBeUndefined();
		expect((options[0].options as INodeProperties[]).map((option) => [option.name, option.default])).toEqual([
			['parallelItems', 10],
			['retryTransientErrors', true],
		]);
	});

	test('merging fields keeps each operation\'s order and never crosses resources', () => {
		const field = (name: string, resource: string, operation: string): INodeProperties => ({
			displayName: name,
			name,
			type: 'string',
			default: '',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		});
		const merged = mergeLeadingFields([
			[field('p', 'r', 'a'), field('q', 'r', 'a')],
			[field('q', 'r', 'b'), field('p', 'r', 'b')],
			[field('p', 'other', 'a')],
		]);
		expect(merged.map((property) => [property.name, property.displayOptions?.show?.resource, property.displayOptions?.show?.operation])).toEqual([
			['p', ['r'], ['a']],
			['q', ['r'], ['a', 'b']],
			['p', ['r'], ['b']],
			['p', ['other'], ['a']],
		]);
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
