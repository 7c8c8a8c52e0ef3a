/**
 * `npm run dev`: a real n8n with this package, against the provider emulators, ready to click on.
 *
 * Installs Node 24 and n8n into .dev/ on first use, starts the emulators on fixed loopback ports, installs
 * the freshly built package into the n8n user folder .dev/home, imports one credential per provider and
 * the example workflows, starts n8n, creates the owner account and prints where to log in.
 * Ctrl-C stops everything it started. Re-running keeps the user folder (your own workflows stay; the
 * example workflows and emulator credentials are imported again).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { DEV_PORTS, startFixtures, type Fixtures } from '../../test/emulators/fixtures';
import { installPackage, n8nCli, n8nEnv } from './n8n-home';
import { setupOwner, startN8nServer, type N8nServer, type Owner } from './n8n-server';
import { DEV_DIR, ensureToolchain, ROOT } from './toolchain';

export const DEV_OWNER: Owner = {
	email: 'dev@eurocloud.test',
	password: 'Eurocloud-dev-1',
	firstName: 'Dev',
	lastName: 'Eurocloud',
};

export interface DevOptions {
	/** The n8n user folder. */
	home: string;
	port: number;
	/** Emulator ports by provider (0 or missing: ephemeral). */
	emulatorPorts?: Record<string, number>;
	/** Create the owner account through n8n's REST API (otherwise the first visit asks for it). */
	createOwner: boolean;
	/** Print n8n's own output. */
	echo: boolean;
}

export interface DevEnvironment {
	server: N8nServer;
	fixtures: Fixtures;
	owner: 'created' | 'exists' | 'not created';
	stop(): Promise<void>;
}

/** Emulators, the package installed into a user folder, credentials and examples imported, n8n started. */
export async function startDevEnvironment(options: DevOptions): Promise<DevEnvironment> {
	const toolchain = ensureToolchain();
	mkdirSync(options.home, { recursive: true });
	installPackage(options.home);
	console.log(`[dev] package installed into ${path.relative(ROOT, options.home)}/.n8n/nodes`);

	const fixtures = await startFixtures(options.emulatorPorts ?? {});
	for (const provider of fixtures.providers) console.log(`[dev] ${provider.provider} emulator: ${provider.url}`);
	const env = n8nEnv(toolchain, { userFolder: options.home, port: options.port, brokerPort: options.port + 1 });
	try {
		const credentialsFile = path.join(options.home, 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(fixtures.credentials, null, 2));
		const credentials = await n8nCli(toolchain, env, ['import:credentials', `--input=${credentialsFile}`]);
		if (credentials.status !== 0) throw new Error(`import:credentials failed:\n${credentials.stderr}${credentials.stdout}`);
		const examplesDir = path.join(ROOT, 'examples');
		const examples = readdirSync(examplesDir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as unknown);
		const workflowsFile = path.join(options.home, 'examples.json');
		writeFileSync(workflowsFile, JSON.stringify(examples, null, 2));
		const workflows = await n8nCli(toolchain, env, ['import:workflow', `--input=${workflowsFile}`]);
		if (workflows.status !== 0) throw new Error(`import:workflow failed:\n${workflows.stderr}${workflows.stdout}`);
		console.log(`[dev] imported ${fixtures.credentials.length} credentials and ${examples.length} example workflows`);
	} catch (error) {
		await fixtures.stop();
		throw error;
	}

	const server = await startN8nServer(toolchain, env, { echo: options.echo }).catch(async (error: unknown) => {
		await fixtures.stop();
		throw error;
	});
	const owner = options.createOwner ? await setupOwner(server.url, DEV_OWNER) : 'not created';
	return {
		server,
		fixtures,
		owner,
		stop: async () => {
			await server.stop();
			await fixtures.stop();
		},
	};
}

async function main() {
	const port = Number(process.env.N8N_PORT ?? 5678);
	const dev = await startDevEnvironment({
		home: path.join(DEV_DIR, 'home'),
		port,
		emulatorPorts: DEV_PORTS,
		createOwner: true,
		echo: process.env.DEV_QUIET !== '1',
	});
	console.log(
		[
			'',
			`[dev] n8n is ready: ${dev.server.url}`,
			`[dev] log in as ${DEV_OWNER.email} / ${DEV_OWNER.password}${dev.owner === 'exists' ? ' (or the owner you created earlier)' : ''}`,
			'[dev] credentials point at the emulators above; Ctrl-C stops n8n and the emulators',
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\n[dev] stopping n8n and the emulators');
		await dev.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}
