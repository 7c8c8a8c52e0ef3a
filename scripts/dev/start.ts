/**
 * `npm run dev`: a real n8n with this package, against the provider emulators, ready to click on.
 *
 * Installs Node 24 and n8n into .dev/ on first use, starts the emulators on fixed loopback ports, installs
 * the freshly built package into the n8n user folder .dev/home, imports one credential per provider and
 * the example workflows, starts n8n, creates the owner account and prints where to log in.
 * Ctrl-C stops everything it started. Re-running keeps the user folder (your workflows stay).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { DEV_PORTS, startFixtures } from '../../test/emulators/fixtures';
import { installPackage, n8nCli, n8nEnv } from './n8n-home';
import { setupOwner, startN8nServer, type Owner } from './n8n-server';
import { DEV_DIR, ensureToolchain, ROOT } from './toolchain';

export const DEV_OWNER: Owner = {
	email: 'dev@eurocloud.test',
	password: 'Eurocloud-dev-1',
	firstName: 'Dev',
	lastName: 'Eurocloud',
};

const HOME = path.join(DEV_DIR, 'home');

async function main() {
	const port = Number(process.env.N8N_PORT ?? 5678);
	const toolchain = ensureToolchain();
	mkdirSync(HOME, { recursive: true });
	installPackage(HOME);
	console.log(`[dev] package installed into ${path.relative(ROOT, HOME)}/.n8n/nodes`);

	const fixtures = await startFixtures(DEV_PORTS);
	for (const provider of fixtures.providers) console.log(`[dev] ${provider.provider} emulator: ${provider.url}`);
	const env = n8nEnv(toolchain, { userFolder: HOME, port, brokerPort: port + 1 });

	const credentialsFile = path.join(HOME, 'credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(fixtures.credentials, null, 2));
	const credentials = await n8nCli(toolchain, env, ['import:credentials', `--input=${credentialsFile}`]);
	if (credentials.status !== 0) throw new Error(`import:credentials failed:\n${credentials.stderr}`);
	const examplesDir = path.join(ROOT, 'examples');
	const examples = readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as unknown);
	const workflowsFile = path.join(HOME, 'examples.json');
	writeFileSync(workflowsFile, JSON.stringify(examples, null, 2));
	const workflows = await n8nCli(toolchain, env, ['import:workflow', `--input=${workflowsFile}`]);
	if (workflows.status !== 0) throw new Error(`import:workflow failed:\n${workflows.stderr}`);
	console.log(`[dev] imported ${fixtures.credentials.length} credentials and ${examples.length} example workflows`);

	const server = await startN8nServer(toolchain, env, { echo: process.env.DEV_QUIET !== '1' });
	const owner = await setupOwner(server.url, DEV_OWNER);
	console.log(
		[
			'',
			`[dev] n8n is ready: ${server.url}`,
			`[dev] log in as ${DEV_OWNER.email} / ${DEV_OWNER.password}${owner === 'exists' ? ' (or the owner you created earlier)' : ''}`,
			'[dev] credentials point at the emulators above; Ctrl-C stops n8n and the emulators',
			'',
		].join('\n'),
	);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\n[dev] stopping n8n and the emulators');
		await server.stop();
		await fixtures.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
