/**
 * `npx tsx scripts/bench/profile.ts SUITE CASE [node|http] [--items N] [--latency MS] [--runs N]`: runs one side of
 * one bench case alone (after 3 warm-up runs), under V8's CPU profiler, and prints its wall and CPU time per item
 * (user and system) and where the main thread's time went, by package. The profile is written to
 * `bench/<suite>-<side>.cpuprofile` (open it in Chrome's DevTools, Performance tab). Example:
 *
 *   npx tsx scripts/bench/profile.ts ventus "Project: Get" node --items 1000
 *
 * CASE is a part of the case's name; with several sizes or latencies, --items and --latency pick one (default:
 * the first that matches).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import path from 'node:path';

import { Harness } from '../../test/harness';
import { Emulators } from './emulators/client';
import { benchEnv } from './env';
import { HTTP_REQUEST, loadHttpRequestNode } from './http-request';
import { ROOT } from './processes';
import { SUITES } from './suites';

function parse(argv: string[]) {
	const positional: string[] = [];
	const flags: Record<string, number> = {};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg.startsWith('--')) flags[arg.slice(2)] = Number(argv[++index]);
		else positional.push(arg);
	}
	const [suite, name, side = 'node'] = positional;
	if (!suite || !name || !SUITES[suite] || (side !== 'node' && side !== 'http')) {
		throw new Error(`usage: profile.ts SUITE CASE [node|http] [--items N] [--latency MS] [--runs N] (suites: ${Object.keys(SUITES).join(', ')})`);
	}
	return { suite, name, side, items: flags.items, latency: flags.latency, runs: flags.runs || 5 };
}

/** Self time per package (or Node.js module, or V8 category) in ms per item, largest first. */
function byPackage(profile: Profiler.Profile, items: number): string[] {
	const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
	const samples = profile.samples ?? [];
	const usPerSample = (profile.endTime - profile.startTime) / Math.max(1, samples.length);
	const totals = new Map<string, number>();
	for (const id of samples) {
		const { url, functionName } = nodes.get(id)!.callFrame;
		const dependency = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
		const group = dependency ?? (url.startsWith('node:') ? url.split('/')[0] : url.includes('/dist/') ? 'this package' : url ? path.relative(ROOT, url.replace('file://', '')) : functionName);
		totals.set(group, (totals.get(group) ?? 0) + usPerSample);
	}
	return [...totals]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 20)
		.map(([group, us]) => `${(us / 1000 / items).toFixed(3).padStart(8)} ms/item  ${group}`);
}

async function main() {
	const options = parse(process.argv.slice(2));
	const emulators = await Emulators.start();
	try {
		const { env, load } = benchEnv(emulators, false);
		const suite = SUITES[options.suite]();
		await suite.setup?.({ emulators, quick: false });
		const found = suite
			.cases(env)
			.find(
				(candidate) =>
					candidate.name.toLowerCase().includes(options.name.toLowerCase()) &&
					(options.items === undefined || candidate.items === options.items) &&
					(options.latency === undefined || candidate.latencyMs === options.latency),
			);
		if (!found) throw new Error(`No ${options.suite} case matches "${options.name}" with those items and latency (see npm run bench -- --list)`);
		const side = options.side === 'http' ? found.http : found.node;
		if (!side || !('run' in side)) throw new Error(`"${found.name}" has no in-process ${options.side} side to profile`);
		load(await Harness.load(undefined, { [HTTP_REQUEST]: loadHttpRequestNode() }));
		for (let warm = 0; warm < 3; warm++) {
			await side.prepare?.();
			await side.run();
		}
		const session = new Session();
		session.connect();
		await session.post('Profiler.enable');
		await session.post('Profiler.setSamplingInterval', { interval: 100 });
		await session.post('Profiler.start');
		let wallMs = 0;
		let cpu = { user: 0, system: 0 };
		for (let run = 0; run < options.runs; run++) {
			await side.prepare?.();
			const before = process.cpuUsage();
			const started = performance.now();
			await side.run();
			wallMs += performance.now() - started;
			const used = process.cpuUsage(before);
			cpu = { user: cpu.user + used.user, system: cpu.system + used.system };
		}
		const { profile } = await session.post('Profiler.stop');
		session.disconnect();
		const items = found.items * options.runs;
		const file = path.join(ROOT, 'bench', `${options.suite}-${options.side}.cpuprofile`);
		mkdirSync(path.dirname(file), { recursive: true });
		writeFileSync(file, JSON.stringify(profile));
		const perItem = (us: number) => (us / 1000 / items).toFixed(3);
		console.log(`${options.suite}: ${found.name} @ ${found.latencyMs} ms, ${found.items} items, ${options.side} side, ${options.runs} runs`);
		console.log(`wall ${(wallMs / items).toFixed(3)} ms/item; CPU ${perItem(cpu.user + cpu.system)} ms/item (user ${perItem(cpu.user)}, system ${perItem(cpu.system)})`);
		console.log(`main thread, by package (profile: ${path.relative(process.cwd(), file)}; includes each run's untimed preparation):`);
		for (const line of byPackage(profile, items)) console.log(line);
	} finally {
		await emulators.stop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(2);
	},
);
