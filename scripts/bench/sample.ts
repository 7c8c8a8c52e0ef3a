/** Timing one run of a side: wall time, CPU time of this process, and (optionally) its peak memory. */
import { getHeapStatistics } from 'node:v8';

import { n8nLog } from '../../test/harness';
import type { FreshSample, Variant } from './model';

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects garbage left by earlier runs, so it is not collected during (and charged to) the next one. */
export function collectGarbage() {
	gc?.();
}

export const hasGc = () => gc !== undefined;

const MB = 1024 * 1024;

/** One run of a side: preparation and counting not timed. With `memory`, peak RSS and heap are sampled every 2 ms. */
export async function sampleRun(variant: Variant, memory = false): Promise<FreshSample> {
	await variant.prepare?.();
	n8nLog.length = 0;
	collectGarbage();
	const rss0 = process.memoryUsage.rss();
	const heap0 = getHeapStatistics().used_heap_size;
	let rssPeak = rss0;
	let heapPeak = heap0;
	const sampleMemory = () => {
		rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
		heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
	};
	const timer = memory ? setInterval(sampleMemory, 2) : undefined;
	const cpu0 = process.cpuUsage();
	const started = process.hrtime.bigint();
	let output;
	try {
		output = await variant.run();
	} finally {
		if (timer) clearInterval(timer);
	}
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpu0);
	if (memory) sampleMemory();
	const sample: FreshSample = { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, items: output.items, errors: output.errors };
	if (memory) {
		sample.rssDeltaMB = (rssPeak - rss0) / MB;
		sample.heapDeltaMB = (heapPeak - heap0) / MB;
	}
	sample.tallies = await variant.tallies?.();
	return sample;
}
