/**
 * `npm run dev`: a real n8n with this package, against the provider emulators, ready to click on.
 *
 * Installs Node 24 and n8n into .dev/ on first use, starts the emulators on fixed loopback ports, installs
 * the freshly built package into the n8n user folder .dev/home, imports one credential per provider and
 * the example workflows, starts n8n, creates the owner account and prints where to log in.
 * Ctrl-C, SIGTERM, SIGHUP, or the end of the npm that started it stop everything it started (lifecycle.ts).
 * Before starting anything it checks its ports and says which process holds a taken one (ports.ts).
 * Re-running keeps the user folder (your own workflows stay; the example workflows and emulator credentials are
 * imported again).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { DEV_PORTS, startFixtures, type Fixtures } from '../../test/emulators/fixtures';
import { onShutdown, shutdown, stopOnSignalsAndParentExit } from './lifecycle';
import { installPackage, n8nCli, n8nEnv } from './n8n-home';
import { setupOwner, startN8nServer, type N8nServer, type Owner } from './n8n-server';
import { describeTaken, takenPorts } from './ports';
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
	onShutdown(fixtures.stop);
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
	onShutdown(server.stop);
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

const EMULATOR_NAMES: Record<string, string> = {
	ventus: 'Ventus Cloud',
	ovh: 'OVHcloud',
	cloutility: 'Cloutility',
	openvcloud: 'OpenvCloud',
};

/**
 * Exits, having started nothing, when one of the ports is taken, saying by which process (name, PID, command)
 * and what to do, instead of n8n or an emulator failing later with a raw EADDRINUSE.
 */
export async function ensurePortsFree(ports: Array<{ port: number; role: string }>, portVariable: string) {
	const taken = await takenPorts(ports);
	if (!taken.length) return;
	const lines = describeTaken(taken, ROOT);
	const pids = [...new Set(taken.flatMap((entry) => entry.owners.map((owner) => owner.pid)))];
	console.error(
		[
			`[dev] cannot start: ${taken.length === 1 ? 'a port it needs is' : `${taken.length} ports it needs are`} already in use. Nothing was started.`,
			...lines.map((line) => `[dev]   ${line}`),
			pids.length ? `[dev] Stop ${pids.length === 1 ? 'that process' : 'those processes'} (kill ${pids.join(' ')}) and run it again.` : '',
			taken.some((entry) => entry.role.startsWith('n8n')) ? `[dev] Or give n8n other ports: ${portVariable}=5690 (it also uses the port above it).` : '',
		]
			.filter(Boolean)
			.join('\n'),
	);
	process.exit(1);
}

/** `npm run build`, after the port check so that a taken port is reported at once. */
function build() {
	const started = Date.now();
	const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`npm run build failed (${result.status ?? result.signal})`);
	console.log(`[dev] built in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function main() {
	stopOnSignalsAndParentExit();
	const port = Number(process.env.N8N_PORT ?? 5678);
	await ensurePortsFree(
		[
			{ port, role: 'n8n' },
			{ port: port + 1, role: "n8n's task runner broker" },
			...Object.entries(DEV_PORTS).map(([provider, emulatorPort]) => ({ port: emulatorPort, role: `${EMULATOR_NAMES[provider] ?? provider} emulator` })),
		],
		'N8N_PORT',
	);
	build();
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
			'[dev] credentials point at the emulators above; Ctrl-C (or SIGTERM, SIGHUP) stops n8n and the emulators',
			'',
		].join('\n'),
	);
}

if (require.main === module) {
	main().catch(async (error: unknown) => {
		console.error(error);
		await shutdown('start-up failed', 1);
	});
}
