/** Child processes of the bench: the emulator process and fresh processes for cold and memory cases. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const BENCH_DIR = __dirname;
export const ROOT = path.resolve(__dirname, '..', '..');

/** Runs a TypeScript file of scripts/bench in a new Node.js process (through tsx) with an IPC channel. */
export function forkTs(file: string, args: string[], execArgv: string[] = []): ChildProcess {
	return fork(path.join(BENCH_DIR, file), args, {
		cwd: ROOT,
		execArgv: ['--import', 'tsx', ...execArgv],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
}

/** Runs a file in a fresh process and resolves with the one message it sends (then it exits). */
export async function oneMessage<T>(file: string, args: string[], execArgv: string[] = [], timeoutMs = 180_000): Promise<T> {
	const child = forkTs(file, args, execArgv);
	return await new Promise<T>((resolve, reject) => {
		let answer: { ok: true; value: T } | { ok: false; error: string } | undefined;
		const timer = setTimeout(() => {
			if (child.pid && child.exitCode === null) process.kill(child.pid);
			reject(new Error(`${file} ${args.join(' ')} took longer than ${timeoutMs / 1000} s`));
		}, timeoutMs);
		child.on('message', (message) => (answer = message as typeof answer));
		child.once('error', reject);
		child.once('exit', (code) => {
			clearTimeout(timer);
			if (answer?.ok) resolve(answer.value);
			else reject(new Error(answer ? answer.error : `${file} exited (${code}) without an answer`));
		});
	});
}

/** The child's side of oneMessage: runs `work` and sends its result or its error, then exits. */
export function answerOnce<T>(work: () => Promise<T>) {
	work().then(
		(value) => process.send!({ ok: true, value }, () => process.exit(0)),
		(error: unknown) => process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
	);
}
