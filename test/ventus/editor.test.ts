/** What the editor shows of the Ventus Cloud node: resources, operations, fields in order, Options, and the project picker. */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { listSearch } from '../harness/editor-calls';
import { NODE_NAME, ORG, VENTUS_NODE, ventusSetup } from './setup';

let env: Awaited<ReturnType<typeof ventusSetup>>;
let description: INodeTypeDescription;

beforeAll(async () => {
	env = await ventusSetup();
	description = env.harness.nodeTypes.getByNameAndVersion(VENTUS_NODE, 1).description;
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

/** The parameters the editor shows for these values, in order (Limit only while Return All is off). */
function shown(values: Record<string, unknown>): INodeProperties[] {
	const nodeValues = NodeHelpers.getNodeParameters(description.properties, values as never, true, false, null, description)!;
	return description.properties.filter((property) => NodeHelpers.displayParameter(nodeValues, property, { typeVersion: 1 }, description));
}
const namesShown = (values: Record<string, unknown>) => shown(values).map((property) => property.name);

test('resources and operations, each with an action text for the node panel', () => {
	const resource = description.properties.find((property) => property.name === 'resource')!;
	expect(resource.options!.map((option) => 'value' in option && option.value)).toEqual(['price', 'project']);
	const operations = description.properties.filter((property) => property.name === 'operation');
	const byResource = Object.fromEntries(
		operations.map((property) => [
			property.displayOptions!.show!.resource![0],
			(property.options as Array<{ value: string; action: string }>).map(({ value, action }) => [value, action]),
		]),
	);
	expect(byResource).toEqual({
		project: [
			['create', 'Create a project'],
			['delete', 'Delete a project'],
			['get', 'Get a project'],
			['list', 'List projects'],
			['rename', 'Rename a project'],
		],
		price: [['get', 'Get the price list']],
	});
	const defaults = Object.fromEntries(operations.map((property) => [property.displayOptions!.show!.resource![0], property.default]));
	expect(defaults).toEqual({ project: 'list', price: 'get' });
});

test('every operation shows its fields in a natural order, under the parameter names saved workflows use', () => {
	const project = (operation: string) => namesShown({ resource: 'project', operation });
	expect(project('create')).toEqual(['resource', 'operation', 'region', 'projectName', 'options']);
	expect(project('get')).toEqual(['resource', 'operation', 'region', 'projectId', 'options']);
	expect(project('rename')).toEqual(['resource', 'operation', 'region', 'projectId', 'newName', 'options']);
	expect(project('delete')).toEqual(['resource', 'operation', 'region', 'projectId', 'options']);
	expect(project('list')).toEqual(['resource', 'operation', 'returnAll', 'filters', 'options']);
	expect(namesShown({ resource: 'project', operation: 'list', returnAll: false })).toEqual([
		'resource',
		'operation',
		'returnAll',
		'limit',
		'filters',
		'options',
	]);
	expect(namesShown({ resource: 'price', operation: 'get' })).toEqual(['resource', 'operation', 'currency', 'splitFlavors', 'options']);
	const filters = shown({ resource: 'project', operation: 'list' }).find((property) => property.name === 'filters')!;
	expect((filters.options as INodeProperties[]).map((option) => option.name)).toEqual(['nameContains', 'region']);
});

test('the fields keep their types, defaults and requirements', () => {
	const field = (name: string, operation = 'get') =>
		shown({ resource: 'project', operation }).find((property) => property.name === name)!;
	expect(field('region')).toMatchObject({ type: 'options', default: 'vienna', required: true });
	expect((field('region').options as Array<{ value: string }>).map((option) => option.value)).toEqual([
		'vienna',
		'upper-austria',
		'eastern-switzerland',
	]);
	expect(field('projectId')).toMatchObject({ type: 'resourceLocator', required: true, default: { mode: 'list', value: '' } });
	expect(field('projectId').modes!.map((mode) => mode.name)).toEqual(['list', 'id']);
	expect(field('projectName', 'create')).toMatchObject({ type: 'string', default: '', required: true });
	expect(field('newName', 'rename')).toMatchObject({ type: 'string', default: '', required: true });
	expect(field('returnAll', 'list')).toMatchObject({ type: 'boolean', default: true });
	const price = shown({ resource: 'price', operation: 'get' });
	expect(price.find((property) => property.name === 'splitFlavors')).toMatchObject({ type: 'boolean', default: false });
	expect(price.find((property) => property.name === 'currency')).toMatchObject({ type: 'string', default: '' });
});

test('Options: Items in Parallel (default 50) and Retry Transient Errors, for every operation', () => {
	const options = description.properties.find((property) => property.name === 'options')!;
	expect(options.displayOptions).toBeUndefined();
	expect((options.options as INodeProperties[]).map((option) => [option.name, option.default])).toEqual([
		['parallelItems', 50],
		['retryTransientErrors', true],
	]);
});

test('the node description stays small', () => {
	expect(JSON.stringify(description).length).toBeLessThan(12_000);
	expect(description.defaults.name).toBe(NODE_NAME);
});

describe('Project picker (resource locator "From list")', () => {
	const spec = (region: string) => ({
		type: VENTUS_NODE,
		parameters: { resource: 'project', operation: 'get', region },
		credentials: { ventusCloudApi: env.credentials() },
	});

	test('lists the projects of the chosen region, searchable by name', async () => {
		env.emulator.addProject(ORG, 'vienna', 'billing');
		env.emulator.addProject(ORG, 'vienna', 'web');
		env.emulator.addProject(ORG, 'upper-austria', 'web-upper');
		const all = await listSearch(env.harness, spec('vienna'), 'searchProjects');
		expect(all.results.map((result) => result.name)).toEqual(['billing (Vienna)', 'web (Vienna)']);
		const searched = await listSearch(env.harness, spec('vienna'), 'searchProjects', 'WE');
		expect(searched.results).toEqual([{ name: 'web (Vienna)', value: expect.any(String) }]);
	});

	test('takes the region in the display form a List returns', async () => {
		env.emulator.addProject(ORG, 'upper-austria', 'upper');
		env.emulator.addProject(ORG, 'vienna', 'vienna');
		const result = await listSearch(env.harness, spec('Upper-Austria'), 'searchProjects');
		expect(result.results.map((entry) => entry.name)).toEqual(['upper (Upper-Austria)']);
	});

	test('pages through a long list with paginationToken, one request per page', async () => {
		for (let index = 0; index < 230; index++) env.emulator.addProject(ORG, 'vienna', `p${String(index).padStart(3, '0')}`);
		const first = await listSearch(env.harness, spec('vienna'), 'searchProjects');
		expect(first.results).toHaveLength(100);
		expect(first.results[0].name).toBe('p000 (Vienna)');
		const second = await listSearch(env.harness, spec('vienna'), 'searchProjects', undefined, first.paginationToken as string);
		const third = await listSearch(env.harness, spec('vienna'), 'searchProjects', undefined, second.paginationToken as string);
		expect(third.results).toHaveLength(30);
		expect(third.paginationToken).toBeUndefined();
		const names = [...first.results, ...second.results, ...third.results].map((entry) => entry.name);
		expect(new Set(names).size).toBe(230);
		expect(env.emulator.apiRequests).toHaveLength(3);
	});
});
