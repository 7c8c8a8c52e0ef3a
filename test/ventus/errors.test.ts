/** Bad input is refused before any request, naming the field; API errors carry the provider's message, per item. */
import { byId, NODE_NAME, ORG, ventusSetup } from './setup';

let env: Awaited<ReturnType<typeof ventusSetup>>;

beforeAll(async () => {
	env = await ventusSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

test('a 404 under "Continue On Fail" becomes an error item for that item only, paired to it', async () => {
	const first = env.emulator.addProject(ORG, 'vienna', 'first');
	const last = env.emulator.addProject(ORG, 'vienna', 'last');
	const run = await env.run(
		{ resource: 'project', operation: 'get', region: 'vienna', projectId: byId('={{ $json.id }}') },
		{ input: [{ id: first.id }, { id: 'missing-project' }, { id: last.id }], continueOnFail: true },
	);
	const items = run.items(NODE_NAME);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items[0].json).toEqual({ id: first.id, name: 'first' });
	expect(items[1].json).toEqual({
		error: 'Project missing-project not found',
		description: expect.stringContaining('HTTP 404'),
		httpCode: '404',
	});
	expect(items[2].json).toEqual({ id: last.id, name: 'last' });
});

test('without "Continue On Fail" the node stops with the provider\'s message, naming the item', async () => {
	const run = await env.run(
		{ resource: 'project', operation: 'get', region: 'vienna', projectId: byId('={{ $json.id }}') },
		{ input: [{ id: 'gone' }] },
	);
	const error = run.nodeError(NODE_NAME) as unknown as { message: string; httpCode: string; context: { itemIndex: number } };
	expect(error.message).toBe('Project gone not found');
	expect(error.httpCode).toBe('404');
	expect(error.context.itemIndex).toBe(0);
});

test('a conflict and a gateway failure carry what the service said', async () => {
	env.emulator.addProject(ORG, 'vienna', 'taken');
	const conflict = await env.run({ resource: 'project', operation: 'create', region: 'vienna', projectName: 'taken' });
	expect(conflict.nodeError(NODE_NAME)?.message).toBe('Project taken already exists');
	env.emulator.fault('GET', '/v1.0/invoke/gotham-bank/method/prices', {
		status: 500,
		body: { errorCode: 'ERR_DIRECT_INVOKE', message: 'failed to invoke, id: gotham-bank' },
	});
	const gateway = await env.run({ resource: 'price', operation: 'get' });
	expect(gateway.nodeError(NODE_NAME)?.message).toBe('failed to invoke, id: gotham-bank');
});

describe('bad input is refused before any request is sent', () => {
	test('an invalid region names the field and the allowed values', async () => {
		const run = await env.run(
			{ resource: 'project', operation: 'get', region: '={{ "mars" }}', projectId: byId('abc') },
			{ input: [{}] },
		);
		expect(run.nodeError(NODE_NAME)?.message).toBe(
			'"Region" must be one of vienna, upper-austria, eastern-switzerland (got "mars")',
		);
		expect(env.emulator.requests).toHaveLength(0);
	});

	// A literally empty required field stops n8n before the run starts; what reaches the node at run
	// time is an expression that resolves to nothing.
	test('an empty or blank project name names the field', async () => {
		for (const projectName of ['={{ $json.missing }}', '={{ "   " }}']) {
			const run = await env.run({ resource: 'project', operation: 'create', region: 'vienna', projectName });
			expect(run.nodeError(NODE_NAME)?.message).toBe('"Project Name" must not be empty');
		}
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('an empty project ID and an empty new name name their fields', async () => {
		const noId = await env.run({
			resource: 'project',
			operation: 'delete',
			region: 'vienna',
			projectId: byId('={{ $json.id }}'),
		});
		expect(noId.nodeError(NODE_NAME)?.message).toBe('"Project" must not be empty');
		const noName = await env.run({
			resource: 'project',
			operation: 'rename',
			region: 'vienna',
			projectId: byId('abc'),
			newName: '={{ "" }}',
		});
		expect(noName.nodeError(NODE_NAME)?.message).toBe('"New Name" must not be empty');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('with "Continue On Fail", only the bad item fails and nothing is sent for it', async () => {
		const project = env.emulator.addProject(ORG, 'vienna', 'ok');
		const run = await env.run(
			{ resource: 'project', operation: 'get', region: '={{ $json.region }}', projectId: byId(project.id) },
			{ input: [{ region: 'vienna' }, { region: 'atlantis' }], continueOnFail: true },
		);
		const items = run.json(NODE_NAME);
		expect(items[0]).toEqual({ id: project.id, name: 'ok' });
		expect(String(items[1].error)).toContain('"Region" must be one of');
		expect(env.emulator.apiRequests).toHaveLength(1);
	});
});
