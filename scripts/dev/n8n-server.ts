/** A real n8n server (`n8n start`) for the dev environment, the e2e type checks and browser checks. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PARENT_WATCH, trackChild } from './lifecycle';
import type { Toolchain } from './toolchain';

export interface N8nServer {
	url: string;
	/** The n8n process. */
	pid?: number;
	/** Everything n8n printed so far. */
	log(): string;
	/** The type files n8n generated for the editor (what the editor downloads). */
	typesFile(name: 'nodes' | 'credentials'): string;
	stop(): Promise<void>;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** n8n answers /healthz before its REST routes exist; it is ready when /rest/settings answers JSON. */
async function restReady(url: string): Promise<boolean> {
	try {
		const response = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(2000) });
		return response.ok && (response.headers.get('content-type') ?? '').includes('json');
	} catch {
		return false;
	}
}

export async function startN8nServer(
	toolchain: Toolchain,
	env: NodeJS.ProcessEnv,
	options: { echo?: boolean; waitForTypes?: string; timeoutMs?: number } = {},
): Promise<N8nServer> {
	const port = Number(env.N8N_PORT ?? 5678);
	const url = `http://127.0.0.1:${port}`;
	const userFolder = String(env.N8N_USER_FOLDER);
	const output: string[] = [];
	// The watchdog stops n8n if this process dies without stopping it (see lifecycle.ts).
	const child: ChildProcess = spawn(toolchain.nodeBin, ['--require', PARENT_WATCH, toolchain.n8nBin, 'start'], { env });
	trackChild(child);
	const collect = (chunk: Buffer) => {
		const text = chunk.toString('utf8');
		output.push(text);
		if (options.echo) process.stdout.write(text.replace(/^/gm, '[n8n] '));
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	let exited = false;
	child.on('exit', () => (exited = true));

	const typesFile = (name: 'nodes' | 'credentials') =>
		path.join(userFolder, '.cache', 'n8n', 'public', 'types', `${name}.json`);
	const stop = async () => {
		if (exited) return;
		child.kill('SIGTERM');
		for (let waited = 0; waited < 20000 && !exited; waited += 200) await sleep(200);
		if (!exited) child.kill('SIGKILL');
	};

	const deadline = Date.now() + (options.timeoutMs ?? 180000);
	const ready = async () => {
		if (!(await restReady(url))) return false;
		if (!options.waitForTypes) return true;
		const file = typesFile('nodes');
		return existsSync(file) && readFileSync(file, 'utf8').includes(options.waitForTypes);
	};
	while (!(await ready())) {
		if (exited) throw new Error(`n8n exited while starting:\n${output.join('').slice(-3000)}`);
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n did not become ready at ${url}:\n${output.join('').slice(-3000)}`);
		}
		await sleep(500);
	}
	return { url, pid: child.pid, log: () => output.join(''), typesFile, stop };
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** Creates the owner account on a fresh instance (what the first visit to the editor asks for). */
export async function setupOwner(url: string, owner: Owner): Promise<'created' | 'exists'> {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (response.ok) return 'created';
	const text = await response.text();
	if (response.status === 400 && /already|setup/i.test(text)) return 'exists';
	throw new Error(`Owner setup failed (${response.status}): ${text}`);
}
