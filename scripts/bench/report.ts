/** The bench's output: the table, memory, scaling and goals, the comparison with an earlier run, and the JSON file. */
import os from 'node:os';

import type { CaseResult, SideResult, Stat } from './runner';

export interface Machine {
	nproc: number;
	cpu: string;
	node: string;
	platform: string;
	memoryGB: number;
	/** Load average (1 minute) when the run started and when it ended: other work on the machine shows here. */
	load: { start: number; end?: number };
}

export interface BenchReport {
	schema: 1;
	startedAt: string;
	seconds: number;
	machine: Machine;
	settings: { quick: boolean; repeat: number; freshRepeat: number; memoryRepeat: number; filters: string[]; latencies?: number[] };
	results: CaseResult[];
}

export function machine(): Machine {
	return {
		nproc: os.availableParallelism(),
		cpu: os.cpus()[0]?.model ?? 'unknown',
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		memoryGB: Math.round(os.totalmem() / 1024 ** 3),
		load: { start: Math.round(os.loadavg()[0] * 100) / 100 },
	};
}

export const loadNow = () => Math.round(os.loadavg()[0] * 100) / 100;

/** A number to three significant digits at most (whole numbers from 100 on). */
export function num(value: number): string {
	if (!Number.isFinite(value)) return '-';
	const magnitude = Math.abs(value);
	if (magnitude >= 100) return value.toFixed(0);
	if (magnitude >= 10) return value.toFixed(1);
	if (magnitude >= 1) return value.toFixed(2);
	return value.toFixed(3);
}

const range = (value: Stat, unit = '') => (value.min === value.max ? `${num(value.median)}${unit}` : `${num(value.median)}${unit} (${num(value.min)}-${num(value.max)})`);
const counted = (value: Stat | undefined) => (!value ? '-' : value.min === value.max ? num(value.median) : `${num(value.median)} (${num(value.min)}-${num(value.max)})`);

function requests(side: SideResult | undefined, items: number): string {
	if (!side) return '';
	const api = side.tallies.api;
	const perItem = api ? num(api.median / items) : '-';
	return `${perItem} (${counted(side.tallies.logins)})`;
}

export function table(rows: string[][], header: string[]): string {
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (column < 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
			.join('  ')
			.trimEnd();
	return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

const caseLabel = (result: CaseResult) => `${result.suite}: ${result.case}${result.error ? ' [FAILED]' : ''}`;

/** The main table: one row per case. */
export function mainTable(results: CaseResult[]): string {
	const header = [
		'case',
		'latency',
		'items',
		'node req/item (logins)',
		'node wall/item ms',
		'node CPU/item ms',
		'HTTP req/item (logins)',
		'HTTP wall/item ms',
		'HTTP CPU/item ms',
		'wall ratio',
		'CPU ratio',
	];
	const rows = results.map((result) => [
		caseLabel(result),
		`${result.latencyMs} ms`,
		String(result.items),
		requests(result.node, result.items),
		result.node ? range(result.node.wallPerItemMs) : '',
		result.node ? num(result.node.cpuPerItemMs.median) : '',
		result.http ? requests(result.http, result.items) : 'n/a',
		result.http ? num(result.http.wallPerItemMs.median) : 'n/a',
		result.http ? num(result.http.cpuPerItemMs.median) : 'n/a',
		result.ratio ? range(result.ratio.wall, 'x') : 'n/a',
		result.ratio ? `${num(result.ratio.cpu.median)}x` : 'n/a',
	]);
	return table(rows, header);
}

export function memoryTable(results: CaseResult[]): string | undefined {
	const rows = results
		.filter((result) => result.memory)
		.map((result) => {
			const memory = result.memory!;
			return [
				caseLabel(result),
				String(result.items),
				range(memory.node.rssDeltaMB),
				range(memory.node.heapDeltaMB),
				memory.http ? range(memory.http.rssDeltaMB) : 'n/a',
				memory.http ? range(memory.http.heapDeltaMB) : 'n/a',
				memory.ratio ? `${num(memory.ratio.rss.median)}x` : 'n/a',
				memory.ratio ? `${num(memory.ratio.heap.median)}x` : 'n/a',
			];
		});
	if (!rows.length) return undefined;
	return table(rows, ['case', 'items', 'node RSS Δ MB', 'node heap Δ MB', 'HTTP RSS Δ MB', 'HTTP heap Δ MB', 'RSS ratio', 'heap ratio']);
}

/** Cases run at several sizes (same name and latency): the node's wall and CPU per item by size. */
export function scalingLines(results: CaseResult[]): string[] {
	const groups = new Map<string, CaseResult[]>();
	for (const result of results) {
		if (result.kind !== 'in-process' || !result.node) continue;
		const key = `${result.suite}: ${result.case} @ ${result.latencyMs} ms`;
		groups.set(key, [...(groups.get(key) ?? []), result]);
	}
	const lines: string[] = [];
	for (const [key, group] of groups) {
		if (group.length < 2) continue;
		group.sort((a, b) => a.items - b.items);
		const perItem = group.map((result) => `${result.items}: ${num(result.node!.wallPerItemMs.median)} / ${num(result.node!.cpuPerItemMs.median)}`);
		const growth = group[group.length - 1].node!.wallPerItemMs.median / group[0].node!.wallPerItemMs.median;
		lines.push(`${key}  items: wall / CPU per item ms  ${perItem.join('  ')}  (largest/smallest wall per item: ${num(growth)}x)`);
	}
	return lines;
}

export function goalLines(results: CaseResult[]): string[] {
	const lines: string[] = [];
	for (const result of results) {
		const goal = result.goal;
		if (!goal) continue;
		if (goal.wallRatio !== undefined) {
			const ratio = result.ratio?.wall.median;
			const met = ratio !== undefined && ratio <= goal.wallRatio;
			lines.push(`${met ? 'met    ' : 'NOT MET'}  ${result.suite}: ${result.case} @ ${result.latencyMs} ms: wall ratio ${ratio === undefined ? '-' : num(ratio)}x (goal <= ${goal.wallRatio}x)`);
		}
		if (goal.memoryRatio !== undefined) {
			const ratio = result.memory?.ratio;
			const met = ratio !== undefined && ratio.rss.median <= goal.memoryRatio && ratio.heap.median <= goal.memoryRatio;
			lines.push(
				`${met ? 'met    ' : 'NOT MET'}  ${result.suite}: ${result.case}: peak memory ratio RSS ${ratio ? num(ratio.rss.median) : '-'}x, heap ${ratio ? num(ratio.heap.median) : '-'}x (goal <= ${goal.memoryRatio}x)`,
			);
		}
	}
	return lines;
}

const percent = (before: number, after: number) => (Number.isFinite(before) && before !== 0 && Number.isFinite(after) ? `${after >= before ? '+' : ''}${((after / before - 1) * 100).toFixed(0)}%` : '-');

/** Per case present in both runs: the wall ratio and the node's wall and CPU per item, before and now. */
export function comparisonTable(before: BenchReport, now: CaseResult[]): string {
	const key = (result: CaseResult) => `${result.suite}|${result.case}|${result.latencyMs}|${result.items}`;
	const earlier = new Map(before.results.map((result) => [key(result), result]));
	const rows: string[][] = [];
	for (const result of now) {
		const old = earlier.get(key(result));
		if (!old) continue;
		const ratioBefore = old.ratio?.wall.median ?? NaN;
		const ratioNow = result.ratio?.wall.median ?? NaN;
		const wallBefore = old.node?.wallPerItemMs.median ?? NaN;
		const wallNow = result.node?.wallPerItemMs.median ?? NaN;
		const cpuBefore = old.node?.cpuPerItemMs.median ?? NaN;
		const cpuNow = result.node?.cpuPerItemMs.median ?? NaN;
		rows.push([
			caseLabel(result),
			`${result.latencyMs} ms`,
			`${num(ratioBefore)}x -> ${num(ratioNow)}x`,
			percent(ratioBefore, ratioNow),
			`${num(wallBefore)} -> ${num(wallNow)}`,
			percent(wallBefore, wallNow),
			`${num(cpuBefore)} -> ${num(cpuNow)}`,
			percent(cpuBefore, cpuNow),
		]);
	}
	return table(rows, ['case', 'latency', 'wall ratio', 'change', 'node wall/item ms', 'change', 'node CPU/item ms', 'change']);
}

export function describeMachine(info: Machine): string {
	const load = `load average ${info.load.start}${info.load.end === undefined ? '' : ` -> ${info.load.end}`}`;
	return `${info.nproc} cores (nproc), ${info.cpu}, ${info.memoryGB} GB, Node.js ${info.node}, ${info.platform}, ${load}`;
}
