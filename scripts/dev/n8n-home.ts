/**
 * An n8n user folder with this package installed: the way n8n's Community Nodes screen installs it (`npm pack`,
 * extracted into `.n8n/nodes/node_modules/<name>`, peer and dev dependencies stripped from its package.json,
 * listed in `.n8n/nodes/package.json`; what `npm run dev` does), or by the README's route (`npm install` of the
 * tarball; what `npm run test:e2e` does). Either way n8n resolves `n8n-workflow` from its own install.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { packPackage, type Packed } from '../release/package-files';
import { readmeCommands } from '../release/readme';
import { PARENT_WATCH, trackChild } from './lifecycle';
import { ROOT, type Toolchain } from './toolchain';

const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

function check(result: ReturnType<typeof spawnSync>, what: string) {
	if (result.status !== 0) {
		throw new Error(`${what} failed (${result.status}): ${String(result.stderr ?? '')}${String(result.stdout ?? '')}`);
	}
	return String(result.stdout ?? '');
}

/** Packs the built package (dist/ must be current) into `destination`. */
export function pack(destination: string): Packed {
	return packPackage(ROOT, destination);
}

/**
 * Installs the package into the user folder the way n8n's Community Nodes screen does: the tarball
 * extracted into `.n8n/nodes/node_modules/<name>`, peer and dev dependencies stripped from its package.json,
 * listed in `.n8n/nodes/package.json`. Packs the built package first unless given a tarball.
 */
export function installPackage(userFolder: string, packed?: Packed) {
	const scratch = mkdtempSync(path.join(tmpdir(), 'eurocloud-pack-'));
	try {
		const tarball = (packed ?? pack(scratch)).tarball;
		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		const target = path.join(nodesDir, 'node_modules', PACKAGE.name);
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		check(spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']), 'tar');
		const manifestPath = path.join(target, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
			readFileSync(manifestPath, 'utf8'),
		) as Record<string, unknown>;
		void devDependencies;
		void peerDependencies;
		void optionalDependencies;
		writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
		writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE.name]: PACKAGE.version } }, null, 2),
		);
		return target;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}

/**
 * Installs the tarball by the README's route (the commands after `<!-- install:commands -->`), run by bash
 * in the tarball's folder with HOME set to the user folder, as a person would run them. Returns what npm
 * put into `.n8n/nodes/node_modules`.
 */
export function installByReadme(userFolder: string, packed: Packed): { commands: string[]; installed: string[]; ms: number } {
	const commands = readmeCommands(ROOT, 'install:commands').map((command) =>
		command.replace(/n8n-nodes-eurocloud-\d+\.\d+\.\d+[^\s/]*\.tgz/g, packed.filename),
	);
	const env: NodeJS.ProcessEnv = { HOME: userFolder, PATH: process.env.PATH };
	const started = Date.now();
	for (const command of commands) {
		check(spawnSync('bash', ['-euo', 'pipefail', '-c', command], { cwd: path.dirname(packed.tarball), env, encoding: 'utf8' }), command);
	}
	const modules = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
	const installed = readdirSync(modules).filter((name) => !name.startsWith('.'));
	return { commands, installed, ms: Date.now() - started };
}

export interface N8nEnvOptions {
	userFolder: string;
	port?: number;
	brokerPort?: number;
}

/** The environment n8n runs with here: its user folder, no telemetry or update checks, distinct ports. */
export function n8nEnv(toolchain: Toolchain, options: N8nEnvOptions): NodeJS.ProcessEnv {
	return {
		...toolchain.env,
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(options.port ?? 5678),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort ?? 5679),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		NODE_ENV: 'production',
	};
}

export interface CliResult {
	status: number;
	stdout: string;
	stderr: string;
	ms: number;
}

/**
 * Runs an n8n CLI command to completion and returns what it printed. Asynchronous, so emulators served
 * by this same process keep answering while n8n runs.
 */
export async function n8nCli(toolchain: Toolchain, env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
	const started = Date.now();
	return await new Promise((resolve, reject) => {
		const child = spawn(toolchain.nodeBin, ['--require', PARENT_WATCH, toolchain.n8nBin, ...args], { env });
		trackChild(child);
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			resolve({
				status: code ?? -1,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms: Date.now() - started,
			}),
		);
	});
}
