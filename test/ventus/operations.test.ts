/** Every Ventus Cloud operation, run as a workflow against the emulator. */
import { VENTUS_PRICES } from '../emulators/ventus';
import { byId, fromList, NODE_NAME, ORG, ventusSetup } from './setup';

let env: Awaited<ReturnType<typeof ventusSetup>>;

beforeAll(async () => {
	env = await ventusSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

describe('Project', () => {
	test('List returns one item per project, with the region as the API reports it', async () => {
		env.emulator.addProject(ORG, 'eastern-switzerland', 'Swiss');
		env.emulator.addProject(ORG, 'upper-austria', 'Upper');
		env.emulator.addProject('another-org', 'vienna', 'Not ours');
		const run = await env.run({ resource: 'project', operation: 'list' });
		const projects = run.json(NODE_NAME);
		expect(projects.map((project) => [project.name, project.region]).sort()).toEqual([
			['Swiss', 'Eastern-Switzerland'],
			['Upper', 'Upper-Austria'],
		]);
		expect(run.items(NODE_NAME).every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const [list] = env.emulator.requestsTo('GET', '/v1.0/invoke/gotham-enterprises/method/orgs/:org/projects');
		expect(list.url).toBe(`/v1.0/invoke/gotham-enterprises/method/orgs/${ORG}/projects`);
	});

	test('List filters by region and name, and honours Limit', async () => {
		for (const name of ['web-1', 'web-2', 'web-3', 'db-1']) env.emulator.addProject(ORG, 'vienna', name);
		env.emulator.addProject(ORG, 'upper-austria', 'web-4');
		const filtered = await env.run({
			resource: 'project',
			operation: 'list',
			filters: { region: 'vienna', nameContains: 'WEB' },
		});
		expect(filtered.json(NODE_NAME).map((project) => project.name).sort()).toEqual(['web-1', 'web-2', 'web-3']);
		const limited = await env.run({ resource: 'project', operation: 'list', returnAll: false, limit: 2 });
		expect(limited.json(NODE_NAME)).toHaveLength(2);
	});

	test('Create sends the name as one encoded path segment in the lower-case region', async () => {
		const run = await env.run({
			resource: 'project',
			operation: 'create',
			region: 'upper-austria',
			projectName: 'Team A/B ü',
		});
		const [created] = run.json(NODE_NAME);
		expect(created).toEqual({ id: expect.any(String), name: 'Team A/B ü' });
		const [post] = env.emulator.requestsTo('POST', '/v1.0/invoke/:app/method/*');
		expect(post.url).toBe(
			`/v1.0/invoke/gotham-upper-austria-identity/method/${ORG}/projects/Team%20A%2FB%20%C3%BC`,
		);
		expect(env.emulator.projects.get(String(created.id))?.region).toBe('Upper-Austria');
	});

	test('Get reads a project by ID, in ID mode and picked from the list', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'Vienna');
		for (const projectId of [byId(project.id), fromList(project.id, 'Vienna (Vienna)')]) {
			const run = await env.run({ resource: 'project', operation: 'get', region: 'vienna', projectId });
			expect(run.json(NODE_NAME)).toEqual([{ id: project.id, name: 'Vienna' }]);
		}
		expect(env.emulator.requestsTo('GET', `/v1.0/invoke/gotham-vienna-identity/method/projects/${project.id}`)).toHaveLength(2);
	});

	test('Get accepts the region in the display form a List returns (e.g. from an expression)', async () => {
		const project = env.emulator.addProject(ORG, 'eastern-switzerland', 'Swiss');
		const run = await env.run(
			{ resource: 'project', operation: 'get', region: '={{ $json.region }}', projectId: byId('={{ $json.id }}') },
			{ input: [{ id: project.id, region: 'Eastern-Switzerland' }] },
		);
		expect(run.json(NODE_NAME)).toEqual([{ id: project.id, name: 'Swiss' }]);
	});

	test('Rename sends the new name as JSON and returns the project', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'old');
		const run = await env.run({
			resource: 'project',
			operation: 'rename',
			region: 'vienna',
			projectId: byId(project.id),
			newName: 'new name',
		});
		expect(run.json(NODE_NAME)).toEqual([{ id: project.id, name: 'new name' }]);
		const [put] = env.emulator.requestsTo('PUT', '/v1.0/invoke/:app/method/*');
		expect(JSON.parse(put.body.toString('utf8'))).toEqual({ name: 'new name' });
		expect(put.url).toBe(`/v1.0/invoke/gotham-vienna-identity/method/${ORG}/projects/${project.id}`);
	});

	test('Delete removes the project and says so', async () => {
		const project = env.emulator.addProject(ORG, 'upper-austria', 'doomed');
		const run = await env.run({
			resource: 'project',
			operation: 'delete',
			region: 'upper-austria',
			projectId: byId(project.id),
		});
		expect(run.json(NODE_NAME)).toEqual([{ id: project.id, region: 'upper-austria', deleted: true }]);
		expect(env.emulator.projects.has(project.id)).toBe(false);
	});
});

describe('Price', () => {
	test('Get returns the whole price list as one item', async () => {
		const run = await env.run({ resource: 'price', operation: 'get' });
		expect(run.json(NODE_NAME)).toEqual([VENTUS_PRICES]);
		expect(env.emulator.requestsTo('GET', '/v1.0/invoke/gotham-bank/method/prices')).toHaveLength(1);
	});

	test('Get with "One Item per Flavor" returns an item per flavor and currency', async () => {
		const run = await env.run({ resource: 'price', operation: 'get', splitFlavors: true });
		const items = run.json(NODE_NAME);
		const expected = VENTUS_PRICES.chf.flavors.length + VENTUS_PRICES.eur.flavors.length;
		expect(items).toHaveLength(expected);
		expect(items[0]).toEqual({ currency: 'chf', ...VENTUS_PRICES.chf.flavors[0] });
		expect(items.filter((item) => item.currency === 'eur').map((item) => item.name)).toEqual(['VC-1', 'VC-4']);
	});

	test('Get narrowed to one currency, and an unknown currency named in the error', async () => {
		const run = await env.run({ resource: 'price', operation: 'get', splitFlavors: true, currency: 'EUR' });
		expect(run.json(NODE_NAME).map((item) => item.currency)).toEqual(['eur', 'eur']);
		const missing = await env.run({ resource: 'price', operation: 'get', currency: 'usd' });
		expect(missing.nodeError(NODE_NAME)?.message).toBe('"Currency" usd is not in the price list (available: chf, eur)');
	});
});
