/**
 * `npm run bench [-- options] [filters]`: runs the benchmark cases against the provider emulators (served by a
 * process of their own) through the real engine, each case side by side with n8n's HTTP Request node, and prints
 * one table. See the README's "Benchmarks" section for what the columns mean.
 *
 *   filters            suite names (ovh, ventus...) or parts of "suite: case" names, case-insensitive
 *   --quick            small sizes and few repetitions (under 2 minutes)
 *   --repeat N         pairs per case (default 5, quick 3; cold and startup cases 2, quick 1; big cases fewer)
 *   --memory-repeat N  fresh-process runs per side of the memory cases (default 2, quick 1)
 *   --latency 0,20     only cases at these emulator latencies (ms)
 *   --json FILE        where the results go (default bench/results.json)
 *   --compare FILE     compare with an earlier results file: per case ratio change
 *   --list             list the cases that would run, and stop
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Harness } from '../../test/harness';
import { Emulators } from './emulators/client';
import { benchEnv } from './env';
import { HTTP_REQUEST, loadHttpRequestNode } from './http-request';
import type { BenchCase, Suite } from './model';
import { ROOT } from './processes';
import {
	comparisonTable,
	describeMachine,
	goalLines,
	loadNow,
	machine,
	mainTable,
	memoryTable,
	num,
	scalingLines,
	type BenchReport,
} from './report';
import { Runner, type CaseResult } from './runner';
import { hasGc } from './sample';
import { SUITES } from './suites';

interface Options {
	quick: boolean;
	repeat?: number;
	memoryRepeat?: number;
	latencies?: number[];
	json: string;
	compare?: string;
	list: boolean;
	filters: string[];
}

function parse(argv: string[]): Options {
	const options: Options = { quick: false, json: path.join(ROOT, 'bench', 'results.json'), list: false, filters: [] };
	const value = (index: number, flag: string) => {
		const given = argv[index + 1];
		if (given === undefined || given.startsWith('--')) throw new Error(`${flag} needs a value`);
		return given;
	};
	const count = (text: string, flag: string) => {
		const parsed = Number(text);
		if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${flag} needs a whole number from 1 on, not "${text}"`);
		return parsed;
	};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--quick') options.quick = true;
		else if (arg === '--list') options.list = true;
		else if (arg === '--repeat') options.repeat = count(value(index++, arg), arg);
		else if (arg === '--memory-repeat') options.memoryRepeat = count(value(index++, arg), arg);
		else if (arg === '--json') options.json = path.resolve(value(index++, arg));
		else if (arg === '--compare') options.compare = path.resolve(value(index++, arg));
		else if (arg === '--latency') {
			options.latencies = value(index++, arg)
				.split(',')
				.map((text) => Number(text.trim()));
			if (options.latencies.some((latency) => !Number.isFinite(latency) || latency < 0)) throw new Error('--latency takes milliseconds, e.g. 0,20');
		} else if (arg === '--help' || arg === '-h') {
			console.log(readFileSync(__filename, 'utf8').split('*/')[0].replace(/^\/\*\*?|^ \* ?/gm, ''));
			process.exit(0);
		} else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg} (see --help)`);
		else options.filters.push(arg.toLowerCase());
	}
	return options;
}

const selected = (options: Options, suite: Suite, benchCase: BenchCase) =>
	(!options.latencies || options.latencies.includes(benchCase.latencyMs)) &&
	(!options.filters.length ||
		options.filters.some((filter) => filter === suite.name || `${suite.name}: ${benchCase.name}`.toLowerCase().includes(filter)));

const progress = (text: string) => process.stderr.write(text);

async function main(): Promise<number> {
	const options = parse(process.argv.slice(2));
	const repeat = options.repeat ?? (options.quick ? 3 : 5);
	const freshRepeat = options.repeat ?? (options.quick ? 1 : 2);
	const memoryRepeat = options.memoryRepeat ?? (options.quick ? 1 : 2);
	const compareWith = options.compare ? (JSON.parse(readFileSync(options.compare, 'utf8')) as BenchReport) : undefined;
	const started = new Date();
	const info = machine();
	if (!hasGc()) progress('note: run with node --expose-gc (npm run bench does) so garbage of one run is not collected during the next\n');

	const emulators = await Emulators.start();
	const results: CaseResult[] = [];
	try {
		const { env, load } = benchEnv(emulators, options.quick);
		const plan: Array<{ suite: Suite; cases: BenchCase[] }> = [];
		for (const [name, factory] of Object.entries(SUITES)) {
			const suite = factory();
			try {
				await suite.setup?.({ emulators, quick: options.quick });
				plan.push({ suite, cases: suite.cases(env).filter((benchCase) => selected(options, suite, benchCase)) });
			} catch (error) {
				results.push({ suite: name, case: 'setup', latencyMs: 0, items: 0, kind: 'in-process', error: (error as Error).message, seconds: 0 });
			}
		}
		const total = plan.reduce((sum, entry) => sum + entry.cases.length, 0);
		const unmatched = options.filters.filter(
			(filter) => !plan.some(({ suite, cases }) => cases.some((benchCase) => selected({ ...options, filters: [filter] }, suite, benchCase))),
		);
		if (unmatched.length) throw new Error(`No case matches ${unmatched.map((filter) => `"${filter}"`).join(', ')} (suites: ${Object.keys(SUITES).join(', ')})`);
		if (options.list) {
			for (const { suite, cases } of plan) for (const benchCase of cases) console.log(`${suite.name}: ${benchCase.name} @ ${benchCase.latencyMs} ms, ${benchCase.items} items`);
			return 0;
		}

		load(await Harness.load(undefined, { [HTTP_REQUEST]: loadHttpRequestNode() }));
		const runner = new Runner(emulators, { repeat, freshRepeat, memoryRepeat, quick: options.quick });
		let done = 0;
		for (const { suite, cases } of plan) {
			for (const benchCase of cases) {
				done++;
				progress(`[${done}/${total}] ${suite.name}: ${benchCase.name} @ ${benchCase.latencyMs} ms, ${benchCase.items} items ... `);
				const result = await runner.run(suite, benchCase, (text) => progress(`${text} `));
				results.push(result);
				const ratio = result.ratio ? `, wall ratio ${num(result.ratio.wall.median)}x` : '';
				progress(result.error ? `FAILED (${result.seconds.toFixed(0)} s): ${result.error}\n` : `${result.seconds.toFixed(0)} s${ratio}\n`);
			}
		}
	} finally {
		await emulators.stop();
	}

	info.load.end = loadNow();
	const report: BenchReport = {
		schema: 1,
		startedAt: started.toISOString(),
		seconds: (Date.now() - started.getTime()) / 1000,
		machine: info,
		settings: { quick: options.quick, repeat, freshRepeat, memoryRepeat, filters: options.filters, latencies: options.latencies },
		results,
	};
	console.log(`\n${describeMachine(info)}; ${options.quick ? 'quick run, ' : ''}${repeat} paired runs per case; ${Math.round(report.seconds)} s\n`);
	console.log(mainTable(results));
	const memory = memoryTable(results);
	if (memory) console.log(`\nPeak memory during one run, each in a fresh process (median of ${memoryRepeat}):\n${memory}`);
	const scaling = scalingLines(results);
	if (scaling.length) console.log(`\nScaling (node):\n${scaling.join('\n')}`);
	const goals = goalLines(results);
	if (goals.length) console.log(`\nGoals:\n${goals.join('\n')}`);
	const notes = results.filter((result) => result.note).map((result) => `${result.suite}: ${result.case}: ${result.note}`);
	if (notes.length) console.log(`\nNotes:\n${notes.join('\n')}`);
	if (compareWith) console.log(`\nCompared with ${options.compare} (${compareWith.startedAt}):\n${comparisonTable(compareWith, results)}`);

	mkdirSync(path.dirname(options.json), { recursive: true });
	writeFileSync(options.json, `${JSON.stringify(report, null, '\t')}\n`);
	const shown = path.relative(process.cwd(), options.json);
	console.log(`\nResults: ${shown.startsWith('..') ? options.json : shown}`);

	const failed = results.filter((result) => result.error);
	if (failed.length) {
		console.log(`\n${failed.length} case(s) FAILED:`);
		for (const result of failed) console.log(`- ${result.suite}: ${result.case} @ ${result.latencyMs} ms: ${result.error}`);
		return 1;
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(2);
	},
);
