/**
 * The emulator process of the bench: serves the four provider emulators on loopback, in a process of its own so
 * that their CPU time is not counted as the engine's and the node's. It is controlled over a small HTTP channel
 * (also on loopback), so the bench and the fresh processes it starts for cold and memory cases can all use it:
 *   POST /latency            {"ms": 20}           every emulator answers after this many milliseconds
 *   POST /<provider>/<cmd>   JSON argument        a command of controls.ts; answers its JSON result
 * When started with an IPC channel (fork), it sends `{ control, urls }` once listening, and exits when the
 * channel closes (the bench ended, however it ended).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Emulator } from '../../../test/emulators/kit';
import { controls, PROVIDERS, type Provider } from './controls';

export interface HostInfo {
	control: string;
	urls: Record<Provider, string>;
}

async function body(request: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? (JSON.parse(text) as unknown) : {};
}

async function main() {
	const emulators = {} as Record<Provider, Emulator>;
	for (const provider of PROVIDERS) emulators[provider] = await controls[provider].start();

	const server = createServer((request, response) => {
		void (async () => {
			let status = 200;
			let answer: unknown;
			try {
				const args = await body(request);
				const [, provider, command] = (request.url ?? '').split('/');
				if (provider === 'latency') {
					for (const emulator of Object.values(emulators)) emulator.latencyMs = Number((args as { ms: number }).ms) || 0;
				} else if (provider in controls && command) {
					const commands = controls[provider as Provider].commands as unknown as Record<string, (emulator: Emulator, args: unknown) => unknown>;
					if (!commands[command]) throw new Error(`The ${provider} emulator has no command "${command}"`);
					answer = commands[command](emulators[provider as Provider], args);
				} else {
					throw new Error(`Unknown control request ${request.url}`);
				}
			} catch (error) {
				status = 500;
				answer = { error: (error as Error).message };
			}
			const payload = JSON.stringify(answer ?? null);
			response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
			response.end(payload);
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const info: HostInfo = {
		control: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		urls: Object.fromEntries(PROVIDERS.map((provider) => [provider, emulators[provider].url])) as Record<Provider, string>,
	};
	if (process.send) {
		process.send(info);
		process.on('disconnect', () => process.exit(0));
	} else {
		console.log(JSON.stringify(info));
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
