/** Every example workflow runs in n8n's engine against the emulators, and its nodes put out what they should. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { startFixtures, type Fixtures } from '../emulators/fixtures';
import { chain, Harness, pollSession, type WorkflowJson } from '../harness';
import { loadPackage } from '../harness/package-types';
import { httpRequestWorkflow } from '../../scripts/e2e/workflows';
import { Checks, HTTP_REQUEST_CHECKS, SCENARIOS, TRIGGER_SCENARIOS } from './scenarios';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');

let fixtures: Fixtures;
let harness: Harness;

beforeAll(async () => {
	fixtures = await startFixtures();
	harness = await Harness.load();
});
afterAll(async () => await fixtures.stop());

test('every file in examples/ has a scenario, and every scenario a file', () => {
	const files = readdirSync(EXAMPLES).filter((file) => file.endsWith('.json')).sort();
	expect([...SCENARIOS, ...TRIGGER_SCENARIOS].map((scenario) => scenario.file).sort()).toEqual(files);
});

test('every example has an id, a real trigger (webhook or schedule) and only credentials the fixtures provide', () => {
	const known = new Set(fixtures.credentials.map((credential) => credential.id));
	for (const scenario of SCENARIOS) {
		const workflow = JSON.parse(readFileSync(path.join(EXAMPLES, scenario.file), 'utf8')) as WorkflowJson & { id?: string };
		expect([scenario.file, typeof workflow.id]).toEqual([scenario.file, 'string']);
		const triggers = workflow.nodes.filter((node) => ['n8n-nodes-base.webhook', 'n8n-nodes-base.scheduleTrigger'].includes(node.type));
		expect([scenario.file, triggers.length]).toEqual([scenario.file, 1]);
		for (const node of workflow.nodes) {
			for (const credential of Object.values(node.credentials ?? {})) expect(known).toContain(credential.id);
		}
	}
});

/** An example's nodes, and its one node that is a polling trigger of this package (if any). */
function readExample(file: string) {
	const workflow = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowJson & { id?: string };
	const polling = workflow.nodes.filter(
		(node) => node.type.startsWith(`${harness.packageName}.`) && harness.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.polling,
	);
	return { workflow, polling };
}

test('every trigger example has an id, one polling trigger of this package and only credentials the fixtures provide', () => {
	const known = new Set(fixtures.credentials.map((credential) => credential.id));
	for (const scenario of TRIGGER_SCENARIOS) {
		const { workflow, polling } = readExample(scenario.file);
		expect([scenario.file, typeof workflow.id, polling.length]).toEqual([scenario.file, 'string', 1]);
		for (const node of workflow.nodes) {
			for (const credential of Object.values(node.credentials ?? {})) expect(known).toContain(credential.id);
		}
	}
});

test('every credential type of the package has a fixture credential and an HTTP Request check', async () => {
	const declared = Object.keys((await loadPackage()).known.credentials).sort();
	expect(Object.keys(fixtures.byType).sort()).toEqual(declared);
	expect(HTTP_REQUEST_CHECKS.map((check) => check.credentialType).sort()).toEqual(declared);
});

test.each(HTTP_REQUEST_CHECKS.map((check, index) => [check.credentialType, check, index] as const))(
	'HTTP Request node with %s',
	async (type, check, index) => {
		const credential = fixtures.credentials.find((candidate) => candidate.type === type)!;
		const { workflow } = httpRequestWorkflow(check, credential, index);
		const run = await harness.run(workflow as unknown as WorkflowJson, { credentials: fixtures.byType });
		const checks = new Checks(`HTTP Request with ${type}`);
		check.check((node) => run.json(node), checks);
		expect(checks.count).toBeGreaterThan(0);
	},
);

test.each(SCENARIOS.map((scenario) => [scenario.file, scenario] as const))('%s', async (file, scenario) => {
	const workflow = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowJson;
	const run = await harness.run(workflow, { input: scenario.input, credentials: fixtures.byType });
	expect(run.error).toBeUndefined();
	const checks = new Checks(file);
	scenario.check((node) => run.json(node), checks);
	expect(checks.count).toBeGreaterThan(0);
});

// Last: the changes they make to the demo world come after the checks above that count its objects.
test.each(TRIGGER_SCENARIOS.map((scenario) => [scenario.file, scenario] as const))(
	'%s: its trigger polled, a baseline, the event, then nothing more',
	async (file, scenario) => {
		const { polling } = readExample(file);
		const [trigger] = polling;
		const session = pollSession(
			harness,
			{
				type: trigger.type,
				typeVersion: trigger.typeVersion,
				parameters: trigger.parameters,
				credentials: Object.fromEntries(Object.entries(trigger.credentials ?? {}).map(([type, { id }]) => [type, String(id)])),
			},
			fixtures.byType,
		);
		const checks = new Checks(file);
		if (scenario.manual) scenario.manual(await session.emitted('manual'), checks);
		expect(await session.emitted()).toEqual([]);
		if (scenario.change) {
			const change = await harness.run(chain(scenario.change), { credentials: fixtures.byType });
			expect(change.error).toBeUndefined();
		}
		scenario.providerEvent?.();
		if (scenario.change || scenario.providerEvent) scenario.check?.(await session.emitted(), checks);
		expect(checks.count).toBeGreaterThan(0);
		expect(await session.emitted()).toEqual([]);
	},
);
