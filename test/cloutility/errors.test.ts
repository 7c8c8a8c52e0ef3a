/** Bad input is refused before any request; portal errors carry its message; answers the node cannot use are named. */
import { byId, cloutilitySetup, NODE_NAME, type CloutilityEnv } from './setup';

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.emulator.reset());

const activate = (tsmName: string) => ({ resource: 'backupNode', operation: 'activate', bunitId: byId(94), consumerId: byId(410), tsmName });

describe('refused before any request', () => {
	test('a node name that breaks IBM Storage Protect\'s naming rules', async () => {
		const cases: Array<[string, string]> = [
			['={{ "laptop 07" }}', '"Node Name" may only contain letters A–Z, digits 0–9 and _ . - + & (IBM Storage Protect node name rules); not allowed: " "'],
			['HR/LAPTOP#7', '"Node Name" may only contain letters A–Z, digits 0–9 and _ . - + & (IBM Storage Protect node name rules); not allowed: "/", "#"'],
			['SÖDERMALM', '"Node Name" may only contain letters A–Z, digits 0–9 and _ . - + & (IBM Storage Protect node name rules); not allowed: "Ö"'],
			[`N${'X'.repeat(64)}`, '"Node Name" is 65 characters long; IBM Storage Protect node names have at most 64'],
			['={{ "" }}', '"Node Name" must not be empty'],
		];
		for (const [tsmName, message] of cases) {
			const run = await env.run(activate(tsmName));
			expect(run.nodeError(NODE_NAME)?.message).toBe(message);
		}
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('the longest valid name with every allowed character passes the check', async () => {
		env.emulator.world.nodes.set(410, env.emulator.world.newNode(410, { operatingSystemId: 2, typeId: 1, domainId: 11, clientOptionSetId: 22 }));
		const name = `Az09_.-+&${'Q'.repeat(55)}`;
		const run = await env.run(activate(name));
		expect(run.json(NODE_NAME)[0].tsmName).toBe(name);
		expect(env.emulator.world.nodes.get(410)?.tsmName).toBe(name.toUpperCase());
	});

	test('IDs that are not positive whole numbers name their field', async () => {
		const cases: Array<[string, string, string]> = [
			['abc', '408', '"Business Unit" must be a number (got "abc")'],
			['76', '4.5', '"Consumption Unit" must be a whole number (got "4.5")'],
			['76', '-3', '"Consumption Unit" must be a positive whole number (got "-3")'],
			['={{ $json.nothing }}', '408', '"Business Unit" must not be empty'],
		];
		for (const [bunitId, consumerId, message] of cases) {
			const run = await env.run({ resource: 'consumptionUnit', operation: 'get', bunitId: byId(bunitId), consumerId: byId(consumerId) });
			expect(run.nodeError(NODE_NAME)?.message).toBe(message);
		}
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('dates, JSON and limits are checked too', async () => {
		const badDate = await env.run({ resource: 'consumption', operation: 'getForBusinessUnit', bunitId: byId(76), startDate: 'last tuesday' });
		expect(badDate.nodeError(NODE_NAME)?.message).toBe('"Start Date" must be a date such as 2024-05-31 or 2024-05-31T12:00:00Z (got "last tuesday")');
		const badJson = await env.run({ resource: 'consumptionUnit', operation: 'create', bunitId: byId(76), name: 'x', additionalFields: { otherFields: '{"a": ' } });
		expect(badJson.nodeError(NODE_NAME)?.message).toBe('"Other Fields (JSON)" must be valid JSON');
		const notObject = await env.run({ resource: 'consumptionUnit', operation: 'create', bunitId: byId(76), name: 'x', additionalFields: { otherFields: '[1]' } });
		expect(notObject.nodeError(NODE_NAME)?.message).toBe('"Other Fields (JSON)" must be a JSON object');
		const badLimit = await env.run({ resource: 'consumptionUnit', operation: 'getMany', bunitId: byId(76), limit: '={{ 0 }}' });
		expect(badLimit.nodeError(NODE_NAME)?.message).toBe('"Limit" must be a positive whole number (got "0")');
		const badTypes = await env.run({ resource: 'auditLog', operation: 'getManyForBusinessUnit', bunitId: byId(76), additionalFields: { types: '={{ [100, 150] }}' } });
		expect(badTypes.nodeError(NODE_NAME)?.message).toContain('"Types" must be among info (0), create (100)');
		expect(env.emulator.requests).toHaveLength(0);
	});

	test('with "Continue On Fail", only the bad item fails and nothing is sent for it', async () => {
		const run = await env.run(
			{ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId('={{ $json.id }}') },
			{ input: [{ id: 408 }, { id: 'JennysWS' }, { id: 409 }], continueOnFail: true },
		);
		const items = run.items(NODE_NAME);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((item) => item.json.name ?? item.json.error)).toEqual(['JennysWS', '"Consumption Unit" must be a number (got "JennysWS")', 'FileServer01']);
		expect(env.emulator.apiRequests).toHaveLength(2);
	});
});

describe('portal errors', () => {
	test('carry the portal\'s message, developer message and code, naming the item', async () => {
		env.emulator.fault('GET', '/v1/bunits/76/consumers/408', {
			status: 500,
			body: { status: 500, code: 'internal_error', message: 'The consumer could not be loaded', developerMessage: 'NullReferenceException in ConsumersController.Get' },
		});
		const run = await env.run({ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId(408) });
		const error = run.nodeError(NODE_NAME) as unknown as { message: string; description: string; httpCode: string; context: { itemIndex: number } };
		expect(error.message).toBe('The consumer could not be loaded');
		expect(error.description).toBe(
			'NullReferenceException in ConsumersController.Get. Code: internal_error. HTTP 500 on GET /v1/bunits/{bunitId}/consumers/{consumerId}',
		);
		expect(error.httpCode).toBe('500');
		expect(error.context.itemIndex).toBe(0);
	});

	test('under "Continue On Fail" a refusal becomes an error item for that item only', async () => {
		const run = await env.run(
			{ resource: 'consumptionUnit', operation: 'get', bunitId: byId('={{ $json.bunit }}'), consumerId: byId(408) },
			{ input: [{ bunit: 76 }, { bunit: 13 }, { bunit: 94 }], continueOnFail: true },
		);
		expect(run.json(NODE_NAME)).toEqual([
			expect.objectContaining({ id: 408 }),
			{ error: 'You have no access to business unit 13', description: expect.stringContaining('may not do this here'), httpCode: '403' },
			{ error: 'Consumption unit 408 of business unit 94 was not found', description: expect.stringContaining('check the IDs'), httpCode: '404' },
		]);
	});

	test('a second activation is refused by the portal with its reason', async () => {
		const run = await env.run({ resource: 'backupNode', operation: 'activate', bunitId: byId(76), consumerId: byId(408), tsmName: 'OTHER' });
		expect(run.nodeError(NODE_NAME)?.message).toBe('The backup node is already activated as JENNYSWS');
	});

	test('a dropped connection is reported as a failed request', async () => {
		env.emulator.fault('GET', '/v1/me', { drop: true });
		const run = await env.run({ resource: 'account', operation: 'getMe' }, { continueOnFail: true });
		expect(String(run.json(NODE_NAME)[0].error)).toMatch(/^Cloutility request failed: /);
	});

	test('a wrong password stops the node with a message that says so', async () => {
		const run = await env.harness.run(env.workflow({ resource: 'account', operation: 'getMe' }), {
			credentials: { cloutilityApi: env.credentials({ password: 'not the password' }) },
		});
		expect(run.nodeError(NODE_NAME)?.message).toContain('Cloutility refused the username or password');
		// In full, not masked as if it held a secret.
		expect(run.nodeError(NODE_NAME)?.message).toBe(
			'Cloutility refused the username or password (the portal said: The user name or password is incorrect.)',
		);
	});
});

describe('answers the node cannot use are named, not passed on as success', () => {
	test('a create answered with an empty body', async () => {
		env.emulator.fault('POST', '/v1/bunits/:bunitId/consumers', { status: 200, body: '' });
		const run = await env.run({ resource: 'consumptionUnit', operation: 'create', bunitId: byId(76), name: 'no-answer' });
		expect(run.nodeError(NODE_NAME)?.message).toBe(
			'Cloutility answered "Consumption Unit: Create" with an empty body, where it returns what it created or changed',
		);
	});

	test('a read answered with a web page instead of JSON', async () => {
		env.emulator.fault('GET', '/v1/bunits/:bunitId/consumers/:consumerId', {
			status: 200,
			headers: { 'Content-Type': 'text/html' },
			body: '<html><body>Maintenance</body></html>',
		});
		const run = await env.run({ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId(408) }, { continueOnFail: true });
		expect(run.json(NODE_NAME)).toEqual([{ error: 'Cloutility answered "Consumption Unit: Get" with a body that is not JSON' }]);
		env.emulator.fault('GET', '/v1/bunits/:bunitId/consumers', { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'OK' });
		const list = await env.run({ resource: 'consumptionUnit', operation: 'getMany', bunitId: byId(76) });
		expect(list.nodeError(NODE_NAME)?.message).toBe('Cloutility answered "Consumption Unit: Get Many" with a body that is not JSON');
	});

	test('answers documented as empty, and reads that find nothing, stay items', async () => {
		env.emulator.fault('GET', '/v1/bunits/:bunitId/consumers/:consumerId/pointrepository', { status: 200, body: '' });
		const none = await env.run({ resource: 'consumptionUnit', operation: 'getPointRepository', bunitId: byId(76), consumerId: byId(408) });
		expect(none.json(NODE_NAME)).toEqual([{ bunitId: 76, consumerId: 408, success: true }]);
		env.emulator.fault('POST', '/v1/bunits/:bunitId/consumers/:consumerId/tags', { status: 204 });
		const tagged = await env.run({ resource: 'tag', operation: 'addToConsumptionUnit', bunitId: byId(76), consumerId: byId(409), id: byId(7) });
		expect(tagged.json(NODE_NAME)).toEqual([{ bunitId: 76, consumerId: 409, added: true }]);
	});
});
