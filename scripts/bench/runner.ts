/**
 * Runs cases in paired repetitions: each repetition runs our node and n8n's HTTP Request node once, one right
 * after the other, alternating which goes first, so that machine noise falls on both; ratios are taken per pair.
 * A case that fails (a run throws, or a count that must not vary comes out different) is recorded with its error
 * and the next case runs.
 */
import type { Emulators, Tallies } from './emulators/client';
import type { BenchCase, Expected, FreshSample, Suite, Variant } from './model';
import { oneMessage } from './processes';
import { sampleRun } from './sample';
import type { WorkerJob } from './worker';

export interface Stat {
	median: number;
	min: number;
	max: number;
}

export interface SideResult {
	runs: number;
	wallPerItemMs: Stat;
	cpuPerItemMs: Stat;
	/** Every count the emulator reported, per run. */
	tallies: Record<string, Stat>;
	/** Output items and error items per run. */
	items: Stat;
	errors: Stat;
}

export interface MemoryResult {
	rssDeltaMB: Stat;
	heapDeltaMB: Stat;
}

export interface CaseResult {
	suite: string;
	case: string;
	latencyMs: number;
	items: number;
	kind: 'in-process' | 'cold' | 'startup';
	node?: SideResult;
	http?: SideResult;
	/** Node / HTTP Request, per pair. */
	ratio?: { wall: Stat; cpu: Stat };
	memory?: { node: MemoryResult; http?: MemoryResult; ratio?: { rss: Stat; heap: Stat } };
	goal?: BenchCase['goal'];
	note?: string;
	error?: string;
	seconds: number;
}

export interface RunSettings {
	/** Pairs per case. */
	repeat: number;
	/** Pairs per cold or startup case (each run is a fresh process). */
	freshRepeat: number;
	/** Fresh-process memory runs per side of a memory case. */
	memoryRepeat: number;
	quick: boolean;
}

export function stat(values: number[]): Stat {
	const sorted = [...values].filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
	if (!sorted.length) return { median: NaN, min: NaN, max: NaN };
	const middle = sorted.length >> 1;
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

function sideResult(samples: FreshSample[], items: number): SideResult {
	const keys = [...new Set(samples.flatMap((sample) => Object.keys(sample.tallies ?? {})))];
	return {
		runs: samples.length,
		wallPerItemMs: stat(samples.map((sample) => sample.wallMs / items)),
		cpuPerItemMs: stat(samples.map((sample) => sample.cpuMs / items)),
		tallies: Object.fromEntries(keys.map((key) => [key, stat(samples.map((sample) => sample.tallies?.[key] ?? NaN))])),
		items: stat(samples.map((sample) => sample.items ?? NaN)),
		errors: stat(samples.map((sample) => sample.errors ?? NaN)),
	};
}

/** What differs from the counts a side must show (only counts that do not depend on timing are expected). */
function mismatches(side: string, expected: Expected | undefined, sample: FreshSample): string[] {
	if (!expected) return [];
	const actual: Tallies = { ...(sample.tallies ?? {}), items: sample.items ?? NaN, errors: sample.errors ?? NaN };
	return Object.entries(expected)
		.filter(([key, value]) => actual[key] !== value)
		.map(([key, value]) => `${side} ${key}: expected ${value}, got ${actual[key]}`);
}

type Side = 'node' | 'http';

const memoryOf = (samples: FreshSample[]): MemoryResult => ({
	rssDeltaMB: stat(samples.map((sample) => sample.rssDeltaMB ?? NaN)),
	heapDeltaMB: stat(samples.map((sample) => sample.heapDeltaMB ?? NaN)),
});

/** Peak memory of both sides, and the ratio per pair of runs. */
function memoryResult(node: FreshSample[], http: FreshSample[]): NonNullable<CaseResult['memory']> {
	const memory: NonNullable<CaseResult['memory']> = { node: memoryOf(node) };
	if (http.length) {
		const pairs = node.slice(0, http.length).map((sample, index) => [sample, http[index]] as const);
		memory.http = memoryOf(http);
		memory.ratio = {
			rss: stat(pairs.map(([one, other]) => (one.rssDeltaMB ?? NaN) / (other.rssDeltaMB ?? NaN))),
			heap: stat(pairs.map(([one, other]) => (one.heapDeltaMB ?? NaN) / (other.heapDeltaMB ?? NaN))),
		};
	}
	return memory;
}

export class Runner {
	constructor(
		private readonly emulators: Emulators,
		private readonly settings: RunSettings,
	) {}

	private async fresh(suite: Suite, benchCase: BenchCase, side: Side, mode: WorkerJob['mode']): Promise<FreshSample> {
		const job: WorkerJob = { suite: suite.name, case: benchCase.name, side, mode, host: this.emulators.info, quick: this.settings.quick };
		return await oneMessage<FreshSample>('worker.ts', [JSON.stringify(job)], ['--expose-gc']);
	}

	/** One run of one side, in this process or in a fresh one. */
	private async once(suite: Suite, benchCase: BenchCase, side: Side): Promise<FreshSample> {
		if (benchCase.startup) return await this.fresh(suite, benchCase, side, 'startup');
		if (benchCase.cold) return await this.fresh(suite, benchCase, side, 'cold');
		return await sampleRun(benchCase[side] as Variant);
	}

	async run(suite: Suite, benchCase: BenchCase, onProgress: (text: string) => void): Promise<CaseResult> {
		const started = Date.now();
		const result: CaseResult = {
			suite: suite.name,
			case: benchCase.name,
			latencyMs: benchCase.latencyMs,
			items: benchCase.items,
			kind: benchCase.startup ? 'startup' : benchCase.cold ? 'cold' : 'in-process',
			goal: benchCase.goal,
			note: benchCase.note,
			seconds: 0,
		};
		const samples: Record<Side, FreshSample[]> = { node: [], http: [] };
		const failures = new Set<string>();
		try {
			const sides: Side[] = benchCase.startup
				? benchCase.startup.http ? ['node', 'http'] : ['node']
				: (['node', 'http'] as Side[]).filter((side) => benchCase[side] !== undefined);
			if (!sides.includes('node')) throw new Error('The case has no node side');
			await this.emulators.latency(benchCase.latencyMs);
			const inProcess = !benchCase.startup && !benchCase.cold;
			if (inProcess && (benchCase.warmup ?? (benchCase.latencyMs === 0 && !this.settings.quick))) {
				for (const side of sides) await sampleRun(benchCase[side] as Variant);
			}
			const repeat = Math.min(benchCase.maxRepeat ?? Infinity, inProcess ? this.settings.repeat : this.settings.freshRepeat);
			for (let repetition = 0; repetition < repeat; repetition++) {
				const order = repetition % 2 === 0 ? sides : [...sides].reverse();
				for (const side of order) {
					const sample = await this.once(suite, benchCase, side);
					samples[side].push(sample);
					for (const failure of mismatches(side === 'node' ? 'node' : 'HTTP Request', benchCase.expect?.[side], sample)) failures.add(failure);
				}
				onProgress(`${repetition + 1}/${repeat}`);
			}
			if (benchCase.memory && !benchCase.startup) {
				const memory: Record<Side, FreshSample[]> = { node: [], http: [] };
				for (let repetition = 0; repetition < this.settings.memoryRepeat; repetition++) {
					const order = repetition % 2 === 0 ? sides : [...sides].reverse();
					for (const side of order) memory[side].push(await this.fresh(suite, benchCase, side, 'memory'));
					onProgress(`memory ${repetition + 1}/${this.settings.memoryRepeat}`);
				}
				result.memory = memoryResult(memory.node, memory.http);
			}
			if (!inProcess && samples.node.some((sample) => sample.heapDeltaMB !== undefined)) {
				result.memory = memoryResult(samples.node, samples.http);
			}
			if (failures.size) throw new Error([...failures].join('; '));
		} catch (error) {
			result.error = error instanceof Error ? error.message : String(error);
		} finally {
			if (samples.node.length) result.node = sideResult(samples.node, benchCase.items);
			if (samples.http.length) result.http = sideResult(samples.http, benchCase.items);
			const pairs = Math.min(samples.node.length, samples.http.length);
			if (pairs) {
				const ratio = (key: 'wallMs' | 'cpuMs') => stat(samples.node.slice(0, pairs).map((sample, index) => sample[key] / samples.http[index][key]));
				result.ratio = { wall: ratio('wallMs'), cpu: ratio('cpuMs') };
			}
			result.seconds = (Date.now() - started) / 1000;
		}
		return result;
	}
}
