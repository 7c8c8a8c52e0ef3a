/**
 * `npm run test:e2e`: this package in the real n8n (2.41.x), from the command line.
 *
 * 1. Installs Node 24 and n8n into .dev/ on first use (scripts/dev/toolchain.ts), packs this package, checks
 *    the packed file list and size (scripts/release/package-files.ts), and installs the tarball into a fresh
 *    n8n user folder by the README's route (the commands after `<!-- install:commands -->`, with HOME set to
 *    that folder): what a person without the package on the npm registry does.
 * 2. Starts the provider emulators, imports one credential per provider and the workflows (every example,
 *    trigger swapped for a manual start; one HTTP Request workflow per credential type) with n8n's CLI,
 *    runs them all with `n8n execute-batch --snapshot`, and checks values in each node's output.
 * 3. Starts the n8n server and checks the node and credential types it generated for the editor: every type
 *    this package declares is there, and n8n's log has no error about the package.
 * 4. In that server, the examples that start from this package's polling triggers: Fetch Test Event, activated
 *    (no execution from the baseline poll), their event made, exactly one execution from n8n's next scheduled
 *    poll, none from a reactivation (scripts/e2e/triggers.ts). This step waits about a minute.
 * The last line says how many workflows, trigger events and assertions were checked. E2E_N8N_PORT moves n8n off
 * port 5688 (its task broker goes 101 above) and the run's folder from .dev/e2e to .dev/e2e-<port>.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { IDataObject, IRun } from 'n8n-workflow';

import { installByReadme, n8nCli, n8nEnv, pack } from '../dev/n8n-home';
import { N8nRest } from '../dev/n8n-rest';
import { setupOwner, startN8nServer } from '../dev/n8n-server';
import { DEV_OWNER } from '../dev/start';
import { DEV_DIR, ensureToolchain, N8N_VERSION, ROOT } from '../dev/toolchain';
import { checkPackedFiles, describePackage, formatBytes } from '../release/package-files';
import { startFixtures } from '../../test/emulators/fixtures';
import { Checks, HTTP_REQUEST_CHECKS, SCENARIOS, TRIGGER_SCENARIOS } from '../../test/examples/scenarios';
import { checkTriggers, startReceiver, type TriggerOutcome } from './triggers';
import { exampleWorkflow, httpRequestWorkflow, triggerWorkflow, type E2eWorkflow } from './workflows';

const PORT = Number(process.env.E2E_N8N_PORT ?? 5688);
const HOME = path.join(DEV_DIR, PORT === 5688 ? 'e2e' : `e2e-${PORT}`);
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

interface CredentialDescription {
	name: string;
	authenticate?: unknown;
	genericAuth?: boolean;
	extends?: string[];
	hidden?: boolean;
}

/**
 * Whether the editor offers the credential type under the HTTP Request node's "Predefined Credential Type": the
 * rule of n8n's editor for that parameter (`credentialTypes: ['extends:oAuth2Api', 'extends:oAuth1Api',
 * 'has:authenticate']`), applied to the description n8n sends it. (npm run screenshots checks it in the browser.)
 */
function offeredInHttpRequest(credential: CredentialDescription): boolean {
	if (credential.hidden) return false;
	if (credential.authenticate !== undefined && credential.genericAuth !== true) return true;
	return (credential.extends ?? []).some((parent) => parent === 'oAuth2Api' || parent === 'oAuth1Api');
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
	const failures: string[] = [];
	const packed = pack(path.join(HOME, 'download'));
	step(`packed ${packed.filename}: ${describePackage(packed)}`);
	const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Parameters<typeof checkPackedFiles>[1];
	const fileProblems = checkPackedFiles(packed, manifest, ROOT);
	for (const problem of fileProblems) step(`FAIL package file list: ${problem}`);
	failures.push(...fileProblems.map((problem) => `package file list: ${problem}`));
	if (!fileProblems.length) step('ok   package file list: only compiled nodes and credentials, icons, JSON and the root files; size within budget');
	const install = installByReadme(HOME, packed);
	for (const command of install.commands) step(`$ ${command}`);
	if (install.installed.join() !== PACKAGE_NAME) {
		failures.push(`the README's install put ${install.installed.join(', ')} into .n8n/nodes/node_modules (expected only ${PACKAGE_NAME})`);
	}
	step(`installed by the README's route in ${(install.ms / 1000).toFixed(1)} s: .n8n/nodes/node_modules holds ${install.installed.join(', ')}`);

	const fixtures = await startFixtures();
	const receiver = await startReceiver();
	const env = n8nEnv(toolchain, { userFolder: HOME, port: PORT, brokerPort: PORT + 101 });
	let checked = 0;
	let workflowsChecked = 0;
	let triggers: TriggerOutcome | undefined;
	try {
		const credentialsFile = path.join(HOME, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(fixtures.credentials, null, 2));
		const imported = await n8nCli(toolchain, env, ['import:credentials', `--input=${credentialsFile}`]);
		if (imported.status !== 0) throw new Error(`import:credentials failed:\n${imported.stderr}${imported.stdout}`);
		step(`imported ${fixtures.credentials.length} credentials`);

		const examplesDir = path.join(ROOT, 'examples');
		const workflows: E2eWorkflow[] = SCENARIOS.map((scenario) => exampleWorkflow(examplesDir, scenario));
		// Examples that start from this package's polling triggers are activated in the server (step 4).
		const triggerWorkflows = TRIGGER_SCENARIOS.map((scenario) => triggerWorkflow(examplesDir, scenario, fixtures.credentials, receiver.url, PACKAGE_NAME));
		HTTP_REQUEST_CHECKS.forEach((check, index) => {
			const credential = fixtures.credentials.find((candidate) => candidate.type === check.credentialType);
			if (!credential) throw new Error(`no fixture credential of type ${check.credentialType}`);
			workflows.push(httpRequestWorkflow(check, credential, index));
		});
		const workflowsFile = path.join(HOME, 'workflows.json');
		const imports = [
			...workflows.map((entry) => entry.workflow),
			...triggerWorkflows.flatMap((entry) => (entry.change ? [entry.workflow, entry.change] : [entry.workflow])),
		];
		writeFileSync(workflowsFile, JSON.stringify(imports, null, 2));
		const importedWorkflows = await n8nCli(toolchain, env, ['import:workflow', `--input=${workflowsFile}`]);
		if (importedWorkflows.status !== 0) {
			throw new Error(`import:workflow failed:\n${importedWorkflows.stderr}${importedWorkflows.stdout}`);
		}
		step(`imported ${imports.length} workflows (${workflows.length} to run now, ${triggerWorkflows.length} trigger examples and their events' workflows for step 4)`);

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
			const credentials = JSON.parse(readFileSync(server.typesFile('credentials'), 'utf8')) as CredentialDescription[];
			const types = new Checks('types n8n generated for the editor');
			for (const name of declared.nodes) {
				const description = nodes.find((node) => node.name === name);
				types.ok(description, `node type ${name} loaded`);
				const kb = Buffer.byteLength(JSON.stringify(description)) / 1024;
				step(`node type ${name}: ${kb.toFixed(1)} KB in the editor's nodes.json`);
			}
			const notOffered: string[] = [];
			for (const name of declared.credentials) {
				const description = credentials.find((credential) => credential.name === name);
				types.ok(description, `credential type ${name} loaded`);
				if (description && !offeredInHttpRequest(description)) notOffered.push(name);
			}
			types.equal(
				notOffered,
				[],
				`credential types missing from the HTTP Request node's Predefined Credential Type list (the editor offers a type with "authenticate" in its description; n8n 2.41 drops an authenticate written as a class method from a community package's descriptions: write it as a property)`,
			);
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
		}
		try {
			await setupOwner(server.url, DEV_OWNER);
			const rest = await N8nRest.signIn(toolchain, server.url, DEV_OWNER);
			const triggersStarted = Date.now();
			triggers = await checkTriggers(rest, triggerWorkflows, receiver, (line) => step(line));
			failures.push(...triggers.failures);
			checked += triggers.assertions;
			const problems = server
				.log()
				.split('\n')
				.filter((line) => /error|failed/i.test(line) && line.includes(PACKAGE_NAME));
			if (problems.length) failures.push(`errors about ${PACKAGE_NAME} in n8n's log while the triggers ran: ${problems.join(' | ')}`);
			const events = triggers.results.reduce((sum, result) => sum + result.events + result.whileInactive, 0);
			step(
				`triggers: ${triggers.results.length} activated twice, ${triggers.results.reduce((sum, result) => sum + result.afterActivation, 0)} executions from activations, ${events} events, ${triggers.results.reduce((sum, result) => sum + result.afterReactivation, 0)} executions in all (${Math.round((Date.now() - triggersStarted) / 1000)} s)`,
			);
		} catch (error) {
			failures.push(`triggers: ${(error as Error).message}`);
			step(`FAIL triggers: ${(error as Error).message}`);
		} finally {
			await server.stop();
		}
	} finally {
		await receiver.stop();
		await fixtures.stop();
	}
	const seconds = Math.round((Date.now() - started) / 1000);
	const triggered = triggers ? triggers.results.filter((result) => result.afterReactivation === 1 + result.whileInactive && result.events > 0).length : 0;
	if (failures.length) {
		console.log(`e2e: FAILED: ${failures.length} problem(s); ${workflowsChecked} workflows, ${triggered} triggers and ${checked} assertions passed (${seconds} s)`);
		process.exit(1);
	}
	console.log(
		`e2e: passed: ${workflowsChecked} workflows, ${triggered} active triggers (one execution per event) and ${checked} assertions checked in the real n8n ${N8N_VERSION}, package installed from ${packed.filename} (${formatBytes(packed.size)}, ${packed.files.length} files) (${seconds} s)`,
	);
}

main().catch((error: unknown) => {
	console.error(error);
	console.log('e2e: FAILED');
	process.exit(1);
});
