/** A tiny benchmark runner: each case runs a few times; the median wall time and the request tallies are printed. */
export interface CaseResult {
	/** Counts that must not vary between repetitions (requests, items...). */
	tallies: Record<string, number>;
}

export interface BenchCase {
	name: string;
	repeat?: number;
	run: () => Promise<CaseResult>;
}

export interface Suite {
	name: string;
	setup?: () => Promise<void>;
	teardown?: () => Promise<void>;
	cases: BenchCase[];
}

export interface Measured {
	suite: string;
	case: string;
	medianMs: number;
	minMs: number;
	tallies: Record<string, number>;
}

export async function runSuite(suite: Suite): Promise<Measured[]> {
	await suite.setup?.();
	const results: Measured[] = [];
	try {
		for (const benchCase of suite.cases) {
			const times: number[] = [];
			let tallies: Record<string, number> = {};
			for (let index = 0; index < (benchCase.repeat ?? 5); index++) {
				const started = process.hrtime.bigint();
				const result = await benchCase.run();
				times.push(Number(process.hrtime.bigint() - started) / 1e6);
				if (index > 0 && JSON.stringify(result.tallies) !== JSON.stringify(tallies)) {
					throw new Error(`${benchCase.name}: tallies changed between runs: ${JSON.stringify(result.tallies)}`);
				}
				tallies = result.tallies;
			}
			times.sort((a, b) => a - b);
			results.push({
				suite: suite.name,
				case: benchCase.name,
				medianMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
				minMs: Math.round(times[0] * 10) / 10,
				tallies,
			});
		}
	} finally {
		await suite.teardown?.();
	}
	return results;
}

export function print(results: Measured[]) {
	const rows = results.map((result) => [
		result.suite,
		result.case,
		`${result.medianMs} ms`,
		`${result.minMs} ms`,
		Object.entries(result.tallies)
			.map(([key, value]) => `${key}=${value}`)
			.join(' '),
	]);
	const header = ['suite', 'case', 'median', 'min', 'tallies'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
	console.log(line(header));
	console.log(widths.map((width) => '-'.repeat(width)).join('  '));
	for (const row of rows) console.log(line(row));
}
