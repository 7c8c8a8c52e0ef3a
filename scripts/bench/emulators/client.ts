/** The bench's side of the emulator process: starts it, and sends it commands over its control channel. */
import type { ChildProcess } from 'node:child_process';

import { forkTs } from '../processes';
import type { CommandArgs, CommandName, CommandResult, Provider, Tallies } from './controls';
import type { HostInfo } from './host';

export type { Provider, Tallies } from './controls';

export class Emulators {
	private constructor(
		readonly info: HostInfo,
		private readonly child?: ChildProcess,
	) {}

	/** Starts the emulator process and waits until it serves. */
	static async start(): Promise<Emulators> {
		const child = forkTs('emulators/host.ts', []);
		const info = await new Promise<HostInfo>((resolve, reject) => {
			child.once('message', (message) => resolve(message as HostInfo));
			child.once('error', reject);
			child.once('exit', (code) => reject(new Error(`The emulator process exited (${code}) before it served`)));
		});
		return new Emulators(info, child);
	}

	/** Uses an emulator process another process started (the fresh processes of cold and memory cases). */
	static connect(info: HostInfo): Emulators {
		return new Emulators(info);
	}

	url(provider: Provider): string {
		return this.info.urls[provider];
	}

	private async post(path: string, args: unknown): Promise<unknown> {
		const response = await fetch(`${this.info.control}${path}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(args ?? {}),
		});
		const answer = (await response.json()) as unknown;
		if (!response.ok) throw new Error(`Emulator control ${path}: ${(answer as { error?: string })?.error ?? response.status}`);
		return answer;
	}

	async call<P extends Provider, C extends CommandName<P>>(provider: P, command: C, args?: CommandArgs<P, C>): Promise<CommandResult<P, C>> {
		return (await this.post(`/${provider}/${command}`, args)) as CommandResult<P, C>;
	}

	async reset(provider: Provider): Promise<void> {
		await this.post(`/${provider}/reset`, {});
	}

	async tallies(provider: Provider): Promise<Tallies> {
		return (await this.post(`/${provider}/tallies`, {})) as Tallies;
	}

	/** Every emulator answers after `ms` milliseconds. */
	async latency(ms: number): Promise<void> {
		await this.post('/latency', { ms });
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.disconnect();
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
		if (child.exitCode === null && child.pid) process.kill(child.pid);
	}
}
