/**
 * Startup, each run in a fresh process (after n8n-core itself is loaded, which is the same for every package):
 * loading this package the way n8n loads a community package (n8n-core's PackageDirectoryLoader: every node and
 * credential of package.json, required and described), against requiring n8n's HTTP Request node; and the first
 * use of the largest OVHcloud catalog family through the node's own catalog loader.
 */
import { PackageDirectoryLoader } from 'n8n-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';

import { loadHttpRequestNode } from './http-request';
import type { BenchCase, FreshSample, Suite } from './model';
import { ROOT } from './processes';

const MB = 1024 * 1024;

const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Times `work` in this (fresh) process: wall, CPU, and how much resident and heap memory it keeps (after a GC). */
async function timed(work: () => Promise<number>): Promise<FreshSample> {
	gc();
	const rss0 = process.memoryUsage.rss();
	const heap0 = getHeapStatistics().used_heap_size;
	const cpu0 = process.cpuUsage();
	const started = process.hrtime.bigint();
	const items = await work();
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpu0);
	gc();
	return {
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		items,
		errors: 0,
		rssDeltaMB: (process.memoryUsage.rss() - rss0) / MB,
		heapDeltaMB: (getHeapStatistics().used_heap_size - heap0) / MB,
	};
}

interface CatalogLoader {
	loadFamily(value: string): Promise<{ operations: unknown[] } | undefined>;
}

export function startupSuite(): Suite {
	const declared = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } }).n8n;
	return {
		name: 'startup',
		cases: (): BenchCase[] => [
			{
				name: 'Package load (PackageDirectoryLoader)',
				latencyMs: 0,
				items: 1,
				startup: {
					node: async () =>
						await timed(async () => {
							const loader = new PackageDirectoryLoader(ROOT);
							await loader.loadAll();
							return Object.keys(loader.nodeTypes).length;
						}),
					http: async () =>
						await timed(async () => {
							loadHttpRequestNode();
							return 1;
						}),
				},
				expect: { node: { items: declared.nodes.length }, http: { items: 1 } },
				note: `${declared.nodes.length} nodes and ${declared.credentials.length} credentials; the HTTP Request side requires and instantiates n8n's HTTP Request node (all its versions), as n8n does on its first use`,
			},
			{
				name: 'OVHcloud catalog first use (v1/cloud, node\'s loader)',
				latencyMs: 0,
				items: 1,
				startup: {
					node: async () =>
						await timed(async () => {
							// The built node's own lazy loader, as the node and its editor methods call it.
							// eslint-disable-next-line @typescript-eslint/no-require-imports
							const catalog = require(path.join(ROOT, 'dist', 'nodes', 'OvhCloud', 'catalog', 'index.js')) as CatalogLoader;
							const family = await catalog.loadFamily('v1/cloud');
							return family?.operations.length ? 1 : 0;
						}),
				},
				expect: { node: { items: 1 } },
			},
		],
	};
}
