/** Every example workflow runs in n8n's engine against the emulators, and its nodes put out what they should. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode, INodeExecutionData } from 'n8n-workflow';

import { startFixtures, type Fixtures } from '../emulators/fixtures';
import { Harness, pollSession, type WorkflowJson } from '../harness';
import { loadPackage } from '../harness/package-types';
import { httpRequestWorkflow } from '../../scripts/e2e/workflows';
import { Checks, HTTP_REQUEST_CHECKS, SCENARIOS, type Scenario } from './scenarios';

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
	expect(SCENARIOS.map((scenario) => scenario.file).sort()).toEqual(files);
});

/** One of this package's polling triggers (`n8n-nodes-eurocloud.<provider>Trigger`). */
const isPackageTrigger = (node: INode) => node.type.startsWith('n8n-nodes-eurocloud.') && node.type.endsWith('Trigger');

test('every example has an id, a real trigger (webhook, schedule or one of the package\'s triggers) and only credentials the fixtures provide', () => {
	const known = new Set(fixtures.credentials.map((credential) => credential.id));
	for (const scenario of SCENARIOS) {
		const workflow = JSON.parse(readFileSync(path.join(EXAMPLES, scenario.file), 'utf8')) as WorkflowJson & { id?: string };
		expect([scenario.file, typeof workflow.id]).toEqual([scenario.file, 'string']);
		const triggers = workflow.nodes.filter((node) => ['n8n-nodes-base.webhook', 'n8n-nodes-base.scheduleTrigger'].includes(node.type) || isPackageTrigger(node));
		expect([scenario.file, triggers.length]).toEqual([scenario.file, 1]);
		expect([scenario.file, isPackageTrigger(triggers[0])]).toEqual([scenario.file, scenario.poll !== undefined]);
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

/**
 * An example started by one of the package's triggers: its poll (baseline, then `change`, then the poll that
 * emits) through n8n-core's poll context; the workflow then runs from the trigger's place with what it emitted.
 */
async function polled(workflow: WorkflowJson, poll: NonNullable<Scenario['poll']>): Promise<{ workflow: WorkflowJson; input: INodeExecutionData[] }> {
	const trigger = workflow.nodes.find(isPackageTrigger)!;
	const credentials = Object.fromEntries(Object.entries(trigger.credentials ?? {}).map(([type, { id }]) => [type, id!]));
	const session = pollSession(harness, { type: trigger.type, typeVersion: trigger.typeVersion, parameters: trigger.parameters, credentials }, fixtures.byType);
	expect(await session.emitted()).toEqual([]);
	poll.change();
	const { items, error } = await session.poll();
	if (error) throw error;
	const start = { ...trigger, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {}, credentials: undefined };
	return { workflow: { ...workflow, nodes: workflow.nodes.map((node) => (node === trigger ? start : node)) }, input: items ?? [] };
}

test.each(SCENARIOS.map((scenario) => [scenario.file, scenario] as const))('%s', async (file, scenario) => {
	const saved = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowJson;
	const { workflow, input } = scenario.poll ? await polled(saved, scenario.poll) : { workflow: saved, input: scenario.input };
	const run = await harness.run(workflow, { input, credentials: fixtures.byType });
	expect(run.error).toBeUndefined();
	const checks = new Checks(file);
	scenario.check((node) => run.json(node), checks);
	expect(checks.count).toBeGreaterThan(0);
});
