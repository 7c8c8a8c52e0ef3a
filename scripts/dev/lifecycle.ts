/**
 * Stopping `npm run dev` (and `npm run screenshots`) cleanly, however it is stopped.
 *
 * `npm run dev` runs as npm -> sh -> tsx -> node (this script) -> n8n -> n8n's task runner. A signal sent to
 * npm alone (a supervisor, an IDE's stop button) does not reach this script: npm and sh die and tsx, this
 * script, n8n and the emulators would run on, holding ports 5678 and 5731-5734. So:
 * - SIGINT, SIGTERM and SIGHUP all stop everything (SIGHUP's default would kill this script and leave n8n);
 * - this script watches the processes that started it (up to npm) and stops everything when one of them is gone;
 * - n8n is started with a watchdog (parent-watch.cjs) that stops it when this script is gone, even by SIGKILL;
 * - a second signal while stopping kills what is left at once.
 * Writing to a terminal that was closed (EIO, EPIPE) does not crash the shutdown.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { processCommand } from './ports';

/** Preloaded into n8n (`node --require`): stops n8n when the process that started it is gone. */
export const PARENT_WATCH = path.join(__dirname, 'parent-watch.cjs');

const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void>> = [];
let installed = false;
let stopping: Promise<void> | undefined;

/** A child process to stop on shutdown (SIGTERM, then SIGKILL). */
export function trackChild(child: ChildProcess) {
	children.add(child);
	child.once('exit', () => children.delete(child));
}

/** Something to stop on shutdown (n8n, the emulators), newest first. */
export function onShutdown(cleanup: () => Promise<void>) {
	cleanups.unshift(cleanup);
}

function say(message: string) {
	try {
		process.stdout.write(`${message}\n`);
	} catch {
		// The terminal is gone.
	}
}

function parentOf(pid: number): number | undefined {
	try {
		// /proc/<pid>/stat: "pid (comm) state ppid ...", comm may hold spaces and parentheses.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The processes this one depends on: its parent, and up the chain to the npm that ran `npm run dev` (at most
 * five levels; Linux). Elsewhere only the parent, watched through process.ppid.
 */
function ancestorsToWatch(): Array<{ pid: number; label: string }> {
	const watched: Array<{ pid: number; label: string }> = [];
	let pid = process.ppid;
	for (let level = 0; level < 5 && pid > 1; level++) {
		const command = processCommand(pid);
		const label = !command ? `process ${pid}` : command.length > 60 ? `${command.slice(0, 57)}...` : command;
		watched.push({ pid, label });
		if (/(^|\/)npm( |$)|npm-cli\.js|(^|\/)npx( |$)/.test(command)) return watched;
		const parent = parentOf(pid);
		if (parent === undefined) break;
		pid = parent;
	}
	// No npm above: started directly (tsx, node); the parent alone decides.
	return watched.slice(0, 1);
}

/** Stops everything registered and exits. */
export async function shutdown(reason: string, code = 0): Promise<never> {
	await stopEverything(reason, code);
	process.exit(code);
}

/**
 * Stops everything registered, once: cleanups first (n8n, emulators), then any tracked child still running.
 * `code` is the exit code if stopping takes over 30 s.
 */
export async function stopEverything(reason: string, code = 0): Promise<void> {
	stopping ??= (async () => {
		say(`\n[dev] ${reason}: stopping n8n and the emulators`);
		const deadline = setTimeout(() => {
			say('[dev] still stopping after 30 s: killing what is left');
			for (const child of children) child.kill('SIGKILL');
			process.exit(code || 1);
		}, 30000);
		deadline.unref();
		for (const cleanup of cleanups) {
			await cleanup().catch((error: unknown) => say(`[dev] while stopping: ${(error as Error).message}`));
		}
		for (const child of children) child.kill('SIGTERM');
		for (let waited = 0; children.size && waited < 10000; waited += 200) await new Promise((resolve) => setTimeout(resolve, 200));
		for (const child of children) child.kill('SIGKILL');
		say('[dev] stopped');
	})();
	await stopping;
}

/**
 * Installs the signal handlers and the watch on the processes that started this one. Call first thing, before
 * anything is started, so that a signal during start-up stops what has started so far.
 */
export function stopOnSignalsAndParentExit() {
	if (installed) return;
	installed = true;
	for (const stream of [process.stdout, process.stderr]) {
		stream.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
		});
	}
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			if (stopping) {
				say(`[dev] ${signal} again: killing what is left`);
				for (const child of children) child.kill('SIGKILL');
				process.exit(1);
			}
			void shutdown(`${signal} received`, 0);
		});
	}
	const watched = ancestorsToWatch();
	const parent = process.ppid;
	const timer = setInterval(() => {
		const gone = watched.find(({ pid }) => !alive(pid)) ?? (process.ppid !== parent ? watched[0] : undefined);
		if (gone) void shutdown(`${gone.label} (PID ${gone.pid}), which started this, has exited`, 0);
	}, 1000);
	timer.unref();
}
