/**
 * `npm run test:e2e`: this package in the real n8n (2.41.x), from the command line.
 *
 * 1. Installs Node 24 and n8n into .dev/ on first use (scripts/dev/toolchain.ts), packs this package and
 *    installs it into a fresh n8n user folder the way n8n's Community Nodes screen does.
 * 2. Starts the provider emulators, imports one credential per provider and the workflows (every example,
 *    trigger swapped for a manual start; one HTTP Request workflow per credential type) with n8n's CLI,
 *    runs them all with `n8n execute-batch --snapshot`, and checks values in each node's output.
 * 3. Starts the n8n server and checks the node and credential types it generated for the editor: every type
 *    this package declares is there, and n8n's log has no error about the package.
 * The last line says how many workflows and assertions were checked. E2E_N8N_PORT moves n8n off port 5688
 * (its task broker goes 101 above).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { IDataObject, IRun } from 'n8n-workflow';

import { installPackage, n8nCli, n8nEnv } from '../dev/n8n-home';
import { startN8nServer } from '../dev/n8n-server';
import { DEV_DIR, ensureToolchain, N8N_VERSION, ROOT } from '../dev/toolchain';
import { startFixtures } from '../../test/emulators/fixtures';
import { Checks, HTTP_REQUEST_CHECKS, SCENARIOS, TRIGGER_SCENARIOS } from '../../test/examples/scenarios';
import { exampleWorkflow, httpRequestWorkflow, type E2eWorkflow } from './workflows';

const HOME = path.join(DEV_DIR, 'e2e');
const PACKAGE_NAME = 'n8n-nodes-eurocloud';

function step(message: string) {
	console.log(`[e2e] ${message}`);
}

/** The JSON document a CLI command printed after its log lines. */
function snapshotOutputs(file: string): (node: string) => IDataObject[] {
	const run = JSON.parse(readFileSync(file, 'utf8')) as IRun | IRun['data'];
	const runData = ('data' in run ? run.data : run).resultData.runData;
	return (node: string) => {
		const task = runData[node]?.[0];
		if (!task) throw new Error(`node "${node}" did not run (ran: ${Object.keys(runData).join(', ')})`);
		if (task.error) throw new Error(`node "${node}" failed: ${task.error.message}`);
		return (task.data?.main?.[0] ?? []).map((item) => item.json);
	};
}

async function declaredTypes() {
	const loader = new PackageDirectoryLoader(ROOT);
	await loader.loadAll();
	return {
		nodes: Object.keys(loader.known.nodes).map((name) => `${PACKAGE_NAME}.${name}`),
		credentials: Object.keys(loader.known.credentials),
	};
}

async function main() {
	const started = Date.now();
	const toolchain = ensureToolchain();
	rmSync(HOME, { recursive: true, force: true });
	mkdirSync(HOME, { recursive: true });
	installPackage(HOME);
	step(`package installed into ${path.relative(ROOT, HOME)}/.n8n/nodes/node_modules/${PACKAGE_NAME}`);

	const fixtures = await startFixtures();
	const port = Number(process.env.E2E_N8N_PORT ?? 5688);
	const env = n8nEnv(toolchain, { userFolder: HOME, port, brokerPort: port + 101 });
	let checked = 0;
	let workflowsChecked = 0;
	const failures: string[] = [];
	try {
		const credentialsFile = path.join(HOME, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(fixtures.credentials, null, 2));
		const imported = await n8nCli(toolchain, env, ['import:credentials', `--input=${credentialsFile}`]);
		if (imported.status !== 0) throw new Error(`import:credentials failed:\n${imported.stderr}${imported.stdout}`);
		step(`imported ${fixtures.credentials.length} credentials`);

		const examplesDir = path.join(ROOT, 'examples');
		const workflows: E2eWorkflow[] = SCENARIOS.map((scenario) => exampleWorkflow(examplesDir, scenario));
		// Examples that start with a polling trigger cannot be started by hand here: npm test polls their triggers.
		for (const scenario of TRIGGER_SCENARIOS) step(`skipped ${scenario.file}: starts with a polling trigger (its poll is checked by npm test)`);
		HTTP_REQUEST_CHECKS.forEach((check, index) => {
			const credential = fixtures.credentials.find((candidate) => candidate.type === check.credentialType);
			if (!credential) throw new Error(`no fixture credential of type ${check.credentialType}`);
			workflows.push(httpRequestWorkflow(check, credential, index));
		});
		const workflowsFile = path.join(HOME, 'workflows.json');
		writeFileSync(workflowsFile, JSON.stringify(workflows.map((entry) => entry.workflow), null, 2));
		const importedWorkflows = await n8nCli(toolchain, env, ['import:workflow', `--input=${workflowsFile}`]);
		if (importedWorkflows.status !== 0) {
			throw new Error(`import:workflow failed:\n${importedWorkflows.stderr}${importedWorkflows.stdout}`);
		}
		step(`imported ${workflows.length} workflows`);

		const snapshots = path.join(HOME, 'snapshots');
		mkdirSync(snapshots, { recursive: true });
		const batch = await n8nCli(toolchain, env, [
			'execute-batch',
			`--ids=${workflows.map((entry) => entry.id).join(',')}`,
			`--snapshot=${snapshots}`,
			'--retries=0',
			'--shortOutput',
		]);
		step(`execute-batch ran ${workflows.length} workflows in ${Math.round(batch.ms / 1000)} s (exit ${batch.status})`);
		const written = new Set(readdirSync(snapshots));
		for (const entry of workflows) {
			const file = [...written].find((name) => name.startsWith(entry.id));
			const checks = new Checks(entry.label);
			try {
				if (!file) throw new Error(`no snapshot written (n8n said:\n${batch.stdout.slice(-2000)}${batch.stderr.slice(-2000)})`);
				entry.check(snapshotOutputs(path.join(snapshots, file)), checks);
				workflowsChecked++;
				step(`ok   ${entry.label}: ${checks.count} assertions`);
			} catch (error) {
				failures.push(`${entry.label}: ${(error as Error).message}`);
				step(`FAIL ${entry.label}: ${(error as Error).message}`);
			}
			checked += checks.count;
		}

		const declared = await declaredTypes();
		const server = await startN8nServer(toolchain, env, { waitForTypes: PACKAGE_NAME });
		try {
			const nodes = JSON.parse(readFileSync(server.typesFile('nodes'), 'utf8')) as Array<{ name: string }>;
			const credentials = JSON.parse(readFileSync(server.typesFile('credentials'), 'utf8')) as Array<{ name: string }>;
			const types = new Checks('types n8n generated for the editor');
			for (const name of declared.nodes) {
				const description = nodes.find((node) => node.name === name);
				types.ok(description, `node type ${name} loaded`);
				const kb = Buffer.byteLength(JSON.stringify(description)) / 1024;
				step(`node type ${name}: ${kb.toFixed(1)} KB in the editor's nodes.json`);
			}
			for (const name of declared.credentials) {
				types.ok(credentials.some((credential) => credential.name === name), `credential type ${name} loaded`);
			}
			const problems = server
				.log()
				.split('\n')
				.filter((line) => /error|failed/i.test(line) && line.includes(PACKAGE_NAME));
			types.equal(problems, [], `no errors about ${PACKAGE_NAME} in n8n's log`);
			checked += types.count;
			step(`ok   ${declared.nodes.length} node types and ${declared.credentials.length} credential types loaded, log clean`);
		} catch (error) {
			failures.push((error as Error).message);
			step(`FAIL ${(error as Error).message}`);
		} finally {
			await server.stop();
		}
	} finally {
		await fixtures.stop();
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	if (failures.length) {
		console.log(`e2e: FAILED: ${failures.length} problem(s); ${workflowsChecked} workflows and ${checked} assertions passed (${seconds} s)`);
		process.exit(1);
	}
	console.log(`e2e: passed: ${workflowsChecked} workflows and ${checked} assertions checked in the real n8n ${N8N_VERSION} (${seconds} s)`);
}

main().catch((error: unknown) => {
	console.error(error);
	console.log('e2e: FAILED');
	process.exit(1);
});
