/**
 * `npx tsx scripts/dev/check-stop.ts [case ...]`: checks for real that `npm run dev` leaves nothing running
 * however it is stopped, and that it explains a taken port. Not part of CI: it uses the dev ports (5678, 5679,
 * 5731-5734), which must be free, and takes 5 to 10 minutes (each case starts `npm run dev` anew: 25 s on an
 * idle machine, up to 90 s on a busy two-core one).
 *
 * For each case: starts `npm run dev` in its own process group, waits for "n8n is ready", notes every process
 * below npm, sends the case's signal, and checks that within 40 s every one of those processes is gone and every
 * dev port is free again. Then the taken-port case: holds port 5733 with another process and checks that
 * `npm run dev` refuses to start, names that process and its PID, and leaves nothing behind.
 * Logs are in .dev/check-stop/. Case names: term, hup, int, group-term, group-hup, group-int, kill-npm,
 * kill-dev, port-taken.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DEV_PORTS } from '../../test/emulators/fixtures';
import { describeTaken, portOwners, processCommand, processName, takenPorts } from './ports';
import { DEV_DIR, ROOT } from './toolchain';

const LOGS = path.join(DEV_DIR, 'check-stop');
const N8N_PORT = 5678;
const PORTS = [N8N_PORT, N8N_PORT + 1, ...Object.values(DEV_PORTS)].map((port) => ({ port, role: `dev port ${port}` }));

interface StopCase {
	id: string;
	label: string;
	signal: NodeJS.Signals;
	/** npm alone, npm's whole process group, or the dev script (node running scripts/dev/start.ts) alone. */
	target: 'npm' | 'group' | 'dev';
}

const CASES: StopCase[] = [
	{ id: 'term', label: 'SIGTERM to npm (a supervisor, an IDE stop button)', signal: 'SIGTERM', target: 'npm' },
	{ id: 'hup', label: 'SIGHUP to npm', signal: 'SIGHUP', target: 'npm' },
	{ id: 'int', label: 'SIGINT to npm', signal: 'SIGINT', target: 'npm' },
	{ id: 'group-term', label: 'SIGTERM to the process group (timeout)', signal: 'SIGTERM', target: 'group' },
	{ id: 'group-hup', label: 'SIGHUP to the process group (terminal closed)', signal: 'SIGHUP', target: 'group' },
	{ id: 'group-int', label: 'SIGINT to the process group (Ctrl-C)', signal: 'SIGINT', target: 'group' },
	{ id: 'kill-npm', label: 'SIGKILL to npm (the parent dies)', signal: 'SIGKILL', target: 'npm' },
	{ id: 'kill-dev', label: 'SIGKILL to the dev script itself', signal: 'SIGKILL', target: 'dev' },
];

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function say(message: string) {
	console.log(`[check-stop] ${message}`);
}

/** Every process below `root`, from /proc. */
function descendants(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// gone
		}
	}
	const found: number[] = [];
	const walk = (pid: number) => {
		for (const child of children.get(pid) ?? []) {
			found.push(child);
			walk(child);
		}
	};
	walk(root);
	return found;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); // a zombie is gone, only not reaped
	} catch {
		return false;
	}
}

/** The environment a person's shell would give: none of the npm_* variables of an npm that ran this script. */
function cleanEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
	env.DEV_QUIET = '1';
	return env;
}

function startDev(log: string): ChildProcess {
	const fd = openSync(log, 'w');
	const child = spawn('npm', ['run', 'dev'], { cwd: ROOT, detached: true, stdio: ['ignore', fd, fd], env: cleanEnv() });
	closeSync(fd);
	return child;
}

async function waitFor(what: () => boolean, timeoutMs: number): Promise<number | undefined> {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (what()) return Date.now() - started;
		await sleep(250);
	}
	return undefined;
}

async function portsFree(): Promise<boolean> {
	return (await takenPorts(PORTS)).length === 0;
}

/** Kills what a failed case left, so the next one can start. */
async function cleanUp(pids: number[]) {
	for (const pid of pids) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
	for (const { owners } of await takenPorts(PORTS)) {
		for (const { pid, command } of owners) {
			if (command.includes(ROOT) || command.includes('scripts/dev/start')) process.kill(pid, 'SIGKILL');
		}
	}
	await sleep(1000);
}

async function runCase(stopCase: StopCase): Promise<string | undefined> {
	const log = path.join(LOGS, `${stopCase.id}.log`);
	const started = Date.now();
	const npm = startDev(log);
	const ready = await waitFor(() => readFileSync(log, 'utf8').includes('[dev] n8n is ready'), 10 * 60 * 1000);
	if (ready === undefined) {
		await cleanUp([npm.pid!, ...descendants(npm.pid!)]);
		return `npm run dev did not get ready (see ${path.relative(ROOT, log)})`;
	}
	const tree = [npm.pid!, ...descendants(npm.pid!)];
	const names = tree.map((pid) => processName(pid) || String(pid));
	const devScript = portOwners(DEV_PORTS.ventus)[0]?.pid;
	const target = stopCase.target === 'group' ? -npm.pid! : stopCase.target === 'dev' ? devScript : npm.pid!;
	if (target === undefined) return 'could not find the dev script (the process holding the Ventus Cloud emulator port)';
	const signalled = Date.now();
	process.kill(target, stopCase.signal);
	const stopped = await waitFor(() => tree.every((pid) => !alive(pid)), 40000);
	const free = await portsFree();
	const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	if (stopped === undefined || !free) {
		const survivors = tree.filter(alive).map((pid) => `${pid} ${processCommand(pid).slice(0, 100)}`);
		const taken = describeTaken(await takenPorts(PORTS), ROOT);
		await cleanUp(tree);
		return [`still running 40 s after the signal:`, ...survivors, ...taken].join('\n    ');
	}
	say(
		`ok   ${stopCase.label}: ready in ${seconds(signalled - started)}; all ${tree.length} processes (${names.join(', ')}) gone and ports ${PORTS.map((entry) => entry.port).join(' ')} free ${seconds(stopped)} after the signal`,
	);
	return undefined;
}

async function portTakenCase(): Promise<string | undefined> {
	const log = path.join(LOGS, 'port-taken.log');
	// Another program holding an emulator's port (started elsewhere, so not taken for a leftover of this checkout).
	const holder = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${DEV_PORTS.cloutility}, '127.0.0.1')`], {
		stdio: 'ignore',
		cwd: tmpdir(),
	});
	try {
		if ((await waitFor(() => portOwners(DEV_PORTS.cloutility).length > 0, 10000)) === undefined) return 'could not hold the port';
		const started = Date.now();
		const npm = startDev(log);
		const code = await new Promise<number | null>((resolve) => npm.once('exit', (exitCode) => resolve(exitCode)));
		const output = readFileSync(log, 'utf8');
		const problems: string[] = [];
		if (code === 0) problems.push('npm run dev exited with 0');
		if (!output.includes(`port ${DEV_PORTS.cloutility} (Cloutility emulator) is in use by node (PID ${holder.pid})`)) {
			problems.push(`its output does not name the port, the process and its PID:\n${output.slice(-1500)}`);
		}
		if (/EADDRINUSE/.test(output)) problems.push('its output has a raw EADDRINUSE');
		if ((await takenPorts(PORTS.filter((entry) => entry.port !== DEV_PORTS.cloutility))).length) problems.push('it left ports taken');
		if (problems.length) return problems.join('\n    ');
		const line = output.split('\n').find((text) => text.includes(`port ${DEV_PORTS.cloutility}`)) ?? '';
		say(`ok   a taken port: npm run dev refused in ${((Date.now() - started) / 1000).toFixed(1)} s, started nothing, and said:\n       ${line.trim()}`);
		return undefined;
	} finally {
		holder.kill('SIGKILL');
		await sleep(500);
	}
}

async function main() {
	const wanted = process.argv.slice(2);
	const cases = CASES.filter((stopCase) => !wanted.length || wanted.includes(stopCase.id));
	const checkPortTaken = !wanted.length || wanted.includes('port-taken');
	if (process.platform !== 'linux') throw new Error('this check reads /proc: run it on Linux');
	const taken = await takenPorts(PORTS);
	if (taken.length) {
		console.log(`check-stop: the dev ports must be free first:\n  ${describeTaken(taken, ROOT).join('\n  ')}`);
		process.exit(1);
	}
	rmSync(LOGS, { recursive: true, force: true });
	mkdirSync(LOGS, { recursive: true });
	const started = Date.now();
	const failures: string[] = [];
	for (const stopCase of cases) {
		const problem = await runCase(stopCase);
		if (problem) {
			failures.push(`${stopCase.label}: ${problem}`);
			say(`FAIL ${stopCase.label}: ${problem}`);
		}
	}
	if (checkPortTaken) {
		const problem = await portTakenCase();
		if (problem) {
			failures.push(`a taken port: ${problem}`);
			say(`FAIL a taken port: ${problem}`);
		}
	}
	const total = cases.length + (checkPortTaken ? 1 : 0);
	const minutes = ((Date.now() - started) / 60000).toFixed(1);
	if (failures.length) {
		console.log(`check-stop: FAILED: ${failures.length} of ${total} cases (${minutes} min); logs in ${path.relative(ROOT, LOGS)}/`);
		process.exit(1);
	}
	console.log(`check-stop: passed: ${total} cases, nothing left running and the ports free after each (${minutes} min)`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
