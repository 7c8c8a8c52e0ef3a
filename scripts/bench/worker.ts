/**
 * A fresh process for one run of one side of a case (started by the bench, never by hand):
 * - `startup`: runs the side's probe before anything of the engine or the package is loaded;
 * - `cold`: loads the engine, the package and (on its side) n8n's HTTP Request node, not timed, then times the
 *   first run and samples the process's memory during it;
 * - `memory`: the same, for a case that otherwise runs in the bench process.
 * Argument: the job as JSON. Answer: one FreshSample over the IPC channel.
 */
import { Harness } from '../../test/harness';
import { Emulators } from './emulators/client';
import { benchEnv } from './env';
import type { HostInfo } from './emulators/host';
import { HTTP_REQUEST, loadHttpRequestNode } from './http-request';
import type { BenchCase, FreshSample } from './model';
import { answerOnce } from './processes';
import { sampleRun } from './sample';
import { SUITES } from './suites';

export interface WorkerJob {
	suite: string;
	case: string;
	side: 'node' | 'http';
	mode: 'startup' | 'cold' | 'memory';
	host: HostInfo;
	quick: boolean;
}

async function work(job: WorkerJob): Promise<FreshSample> {
	const emulators = Emulators.connect(job.host);
	const suite = SUITES[job.suite]();
	await suite.setup?.({ emulators, quick: job.quick });
	const { env, load } = benchEnv(emulators, job.quick, 'The harness is not loaded in a startup probe');
	const find = (): BenchCase => {
		const found = suite.cases(env).find((candidate) => candidate.name === job.case);
		if (!found) throw new Error(`No case "${job.case}" in suite ${job.suite}`);
		return found;
	};
	if (job.mode === 'startup') {
		const probe = find().startup?.[job.side];
		if (!probe) throw new Error(`Case "${job.case}" has no ${job.side} startup probe`);
		return await probe({ emulators, quick: job.quick });
	}
	// n8n's HTTP Request node only where it runs: it takes a second and a half to load.
	load(await Harness.load(undefined, job.side === 'http' ? { [HTTP_REQUEST]: loadHttpRequestNode() } : undefined));
	const variant = find()[job.side];
	if (!variant) throw new Error(`Case "${job.case}" has no ${job.side} side`);
	return await sampleRun(variant, true);
}

answerOnce(async () => await work(JSON.parse(process.argv[2]) as WorkerJob));
