import { NODE_NAME, op, ovhSetup, params, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());

test('smoke', async () => {
	const run = await env.run({ resource: 'v1/me', endpoint: op('GET /me'), parameters: params({}) });
	console.log(JSON.stringify(run.error ?? run.nodeError(NODE_NAME)), env.emulator.requests.map((r) => `${r.method} ${r.url}`));
	console.log(run.json(NODE_NAME));
	const run2 = await env.run({ resource: 'v1/domain', endpoint: op('GET /domain/zone/{zoneName}/record'), parameters: params({ zoneName: 'example.eu' }), options: { fullObjects: true } });
	console.log(JSON.stringify(run2.nodeError(NODE_NAME)), run2.json(NODE_NAME));
});
