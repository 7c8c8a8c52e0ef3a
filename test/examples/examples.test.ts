/** Every example workflow runs in n8n's engine against the emulators, and its nodes put out what they should. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { startFixtures, type Fixtures } from '../emulators/fixtures';
import { Harness, type WorkflowJson } from '../harness';
import { Checks, SCENARIOS } from './scenarios';

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

test.each(SCENARIOS.map((scenario) => [scenario.file, scenario] as const))('%s', async (file, scenario) => {
	const workflow = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as WorkflowJson;
	const run = await harness.run(workflow, { input: scenario.input, credentials: fixtures.byType });
	expect(run.error).toBeUndefined();
	const checks = new Checks(file);
	scenario.check((node) => run.json(node), checks);
	expect(checks.count).toBeGreaterThan(0);
});
