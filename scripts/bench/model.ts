/**
 * What a benchmark is made of. A suite (one per provider, plus startup) seeds the emulators and lists its
 * cases; a case has two sides, our node and n8n's HTTP Request node doing the same calls with the same
 * credential, which the runner runs in pairs, interleaved, so machine noise falls on both.
 */
import type { Harness } from '../../test/harness';
import type { Emulators, Tallies } from './emulators/client';

export interface BenchEnv {
	/** The engine with this package and n8n's real HTTP Request node. */
	harness: Harness;
	emulators: Emulators;
	/** `--quick`: suites pick small sizes. */
	quick: boolean;
}

/** What came out of one run. */
export interface RunOutput {
	/** Output items that are not errors. */
	items: number;
	/** Output items that carry an error (Continue On Fail). */
	errors: number;
}

/** One side of a case. */
export interface Variant {
	/** Not timed, before every run: emulator reset, planned faults (token expiry...). */
	prepare?(): Promise<void>;
	/** Timed: one run. */
	run(): Promise<RunOutput>;
	/** Not timed, after every run: the emulator's counts of the requests of the run. */
	tallies?(): Promise<Tallies>;
}

/** Measurements a fresh process reports for one run (cold cases, memory). */
export interface FreshSample {
	wallMs: number;
	cpuMs: number;
	items?: number;
	errors?: number;
	tallies?: Tallies;
	/** Peak resident set size during the run, above the resident size just before it (MB). */
	rssDeltaMB?: number;
	/** Peak V8 heap used during the run, above the heap used just before it (MB). */
	heapDeltaMB?: number;
}

/** A startup measurement, made in a fresh process where nothing is loaded yet: it times what it loads itself. */
export type Probe = (env: ProbeEnv) => Promise<FreshSample>;

export interface ProbeEnv {
	emulators: Emulators;
	quick: boolean;
}

/** Counts a side must show on every run; only counts that do not depend on timing belong here. */
export type Expected = Partial<Record<'items' | 'errors' | string, number>>;

export interface BenchCase {
	name: string;
	/** Emulator latency for the case, in milliseconds. */
	latencyMs: number;
	/** The units of work (input items for per-item operations, entries for lists): "per item" divides by this. */
	items: number;
	/** At most this many repetitions (pairs), for the big ones; the command line sets the number. */
	maxRepeat?: number;
	/** An untimed run of each side first (default: at 0 ms latency, except in --quick runs). */
	warmup?: boolean;
	/** Our node (a workflow run, an editor call...). Required unless the case is a startup case. */
	node?: Variant;
	/** n8n's HTTP Request node doing the same calls; absent when it cannot (waits, catalog work). */
	http?: Variant;
	/** Cold: every run of each side happens in a fresh process, after the engine and package are loaded (untimed). */
	cold?: boolean;
	/** Startup: every run of each side is a probe in a fresh process that has loaded nothing yet. */
	startup?: { node: Probe; http?: Probe };
	/** Also measure each side's peak memory, one run per fresh process. */
	memory?: boolean;
	expect?: { node?: Expected; http?: Expected };
	/** Issue goals this case measures: wall time (and peak memory) of the node at most this many times the HTTP Request node's. */
	goal?: { wallRatio?: number; memoryRatio?: number };
	/** What the reader should know about the comparison (printed under the table). */
	note?: string;
}

export interface Suite {
	name: string;
	/**
	 * Not timed, once before the suite's cases (also in fresh processes): seeds the emulators. Every suite's setup
	 * runs before any case, and again in each fresh process against the same emulators: it must be idempotent and
	 * only add (never reset what other suites seeded, or the sessions the bench holds).
	 */
	setup?(env: ProbeEnv): Promise<void>;
	cases(env: BenchEnv): BenchCase[];
}
