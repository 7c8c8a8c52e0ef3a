/**
 * `npx tsx scripts/e2e/queue-mode.ts`: this package's polling triggers in n8n's queue mode, once (not run by CI;
 * Linux with Debian's `redis-server` and `postgresql`, run as root or with sudo; about 3 minutes).
 *
 * Starts a Redis of its own (port 6391, nothing saved), uses the machine's PostgreSQL cluster on 127.0.0.1:5432
 * (started if it is down, and stopped again at the end) with a database and role made for the run and dropped
 * after it, and runs the real n8n (.dev/, as `npm run dev`) as one main process and two workers
 * (`n8n worker`), each with its own user folder holding the package installed by the README's route, sharing
 * the database, Redis and `N8N_ENCRYPTION_KEY`, with distinct task broker and health ports. Then, in the
 * main process, the trigger examples run as `npm run test:e2e` runs them (scripts/e2e/triggers.ts), and this
 * script checks what queue mode adds:
 * - the triggers poll on the main process only: every request the emulators get comes from the main
 *   process (each request's connection is traced to the process holding it, scripts/e2e/socket-owner.ts);
 *   the workers send none;
 * - each event gives exactly one execution, enqueued by the main process ("Enqueued execution N") and run by
 *   exactly one worker ("Worker started/finished execution N"), never by the main process; the chat alert of
 *   the OpenvCloud example is sent by the worker that ran its execution.
 * The last line gives the figures. QUEUE_N8N_PORT (5790) and QUEUE_REDIS_PORT (6391) move the ports; the task
 * brokers go 101 above the main port and up, the workers' health checks 11 above and up.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

import { Emulator } from '../../test/emulators/kit';
import { startFixtures } from '../../test/emulators/fixtures';
import { TRIGGER_SCENARIOS } from '../../test/examples/scenarios';
import { onShutdown, PARENT_WATCH, shutdown, stopEverything, stopOnSignalsAndParentExit, trackChild } from '../dev/lifecycle';
import { installByReadme, n8nCli, n8nEnv, pack } from '../dev/n8n-home';
import { N8nRest } from '../dev/n8n-rest';
import { setupOwner, startN8nServer } from '../dev/n8n-server';
import { DEV_OWNER, ensurePortsFree } from '../dev/start';
import { DEV_DIR, ensureToolchain, N8N_VERSION, ROOT, type Toolchain } from '../dev/toolchain';
import { socketOwner } from './socket-owner';
import { checkTriggers, startReceiver } from './triggers';
import { triggerWorkflow } from './workflows';

const PACKAGE_NAME = 'n8n-nodes-eurocloud';
const HOME = path.join(DEV_DIR, 'queue-mode');
const MAIN_PORT = Number(process.env.QUEUE_N8N_PORT ?? 5790);
const REDIS_PORT = Number(process.env.QUEUE_REDIS_PORT ?? 6391);
const WORKERS = 2;
const DATABASE = { host: '127.0.0.1', port: 5432, name: 'n8n_eurocloud_queue', user: 'n8n_eurocloud_queue', password: randomBytes(12).toString('hex') };

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function step(message: string) {
	console.log(`[queue] ${message}`);
}

function run(command: string, args: string[], what: string): string {
	const result = spawnSync(command, args, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${what} failed (${result.status ?? result.error?.message}): ${result.stderr}${result.stdout}`);
	return result.stdout;
}

function have(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** psql as the database's superuser (the `postgres` system user, over the local socket). */
function psql(sql: string) {
	const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : ['sudo', '-u', 'postgres'];
	run(asPostgres[0], [...asPostgres.slice(1), 'psql', '-p', String(DATABASE.port), '-v', 'ON_ERROR_STOP=1', '-qc', sql], 'psql');
}

/** The machine's PostgreSQL cluster on port 5432: started if it is down. Returns how to stop it again, if started. */
function ensurePostgres(): (() => void) | undefined {
	if (!have('pg_lsclusters')) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
	const clusters = run('pg_lsclusters', ['--no-header'], 'pg_lsclusters')
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.filter((fields) => fields.length >= 4 && Number(fields[2]) === DATABASE.port);
	if (!clusters.length) throw new Error(`no PostgreSQL cluster on port ${DATABASE.port} (pg_lsclusters)`);
	const [version, name, , status] = clusters[0];
	if (status === 'online') return undefined;
	run('pg_ctlcluster', [version, name, 'start'], `pg_ctlcluster ${version} ${name} start`);
	step(`started PostgreSQL ${version}/${name} (it was down; stopped again at the end)`);
	return () => void spawnSync('pg_ctlcluster', [version, name, 'stop']);
}

async function redisAnswers(): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = connect(REDIS_PORT, '127.0.0.1');
		socket.setTimeout(1000);
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
		socket.on('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

async function startRedis(): Promise<ChildProcess> {
	if (!have('redis-server')) throw new Error('redis-server is not installed: apt-get install -y redis-server');
	const redis = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
	trackChild(redis);
	for (let waited = 0; !(await redisAnswers()); waited += 200) {
		if (waited > 15000) throw new Error(`redis-server did not answer on port ${REDIS_PORT}`);
		await sleep(200);
	}
	return redis;
}

interface Worker {
	name: string;
	pid: number;
	log(): string;
	stop(): Promise<void>;
}

async function startWorker(toolchain: Toolchain, env: NodeJS.ProcessEnv, name: string, healthPort: number): Promise<Worker> {
	const output: string[] = [];
	const child = spawn(toolchain.nodeBin, ['--require', PARENT_WATCH, toolchain.n8nBin, 'worker', '--concurrency=5'], { env });
	trackChild(child);
	child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
	let exited = false;
	child.on('exit', () => (exited = true));
	const stop = async () => {
		if (exited) return;
		child.kill('SIGTERM');
		for (let waited = 0; waited < 20000 && !exited; waited += 200) await sleep(200);
		if (!exited) child.kill('SIGKILL');
	};
	for (let waited = 0; ; waited += 500) {
		if (exited) throw new Error(`${name} exited while starting:\n${output.join('').slice(-3000)}`);
		const ready = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)
			.then((response) => response.ok)
			.catch(() => false);
		if (ready) break;
		if (waited > 180000) {
			await stop();
			throw new Error(`${name} did not become ready:\n${output.join('').slice(-3000)}`);
		}
		await sleep(500);
	}
	return { name, pid: child.pid!, log: () => output.join(''), stop };
}

async function main() {
	stopOnSignalsAndParentExit();
	const started = Date.now();
	const brokerPorts = Array.from({ length: WORKERS + 1 }, (_, index) => MAIN_PORT + 101 + index);
	const healthPorts = Array.from({ length: WORKERS }, (_, index) => MAIN_PORT + 11 + index);
	await ensurePortsFree(
		[
			{ port: MAIN_PORT, role: 'n8n main' },
			{ port: REDIS_PORT, role: 'Redis' },
			...brokerPorts.map((port) => ({ port, role: "an n8n process's task runner broker" })),
			...healthPorts.map((port) => ({ port, role: "an n8n worker's health check" })),
		],
		'QUEUE_N8N_PORT',
	);
	const toolchain = ensureToolchain();
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('npm run build failed');

	rmSync(HOME, { recursive: true, force: true });
	mkdirSync(HOME, { recursive: true });
	const packed = pack(path.join(HOME, 'download'));
	const names = ['main', ...Array.from({ length: WORKERS }, (_, index) => `worker-${index + 1}`)];
	for (const name of names) {
		mkdirSync(path.join(HOME, name), { recursive: true });
		const install = installByReadme(path.join(HOME, name), packed);
		step(`${name}: package installed by the README's route into ${path.relative(ROOT, path.join(HOME, name))}/.n8n/nodes (${(install.ms / 1000).toFixed(1)} s)`);
	}

	const stopPostgres = ensurePostgres();
	if (stopPostgres) onShutdown(async () => stopPostgres());
	psql(`DROP DATABASE IF EXISTS ${DATABASE.name}`);
	psql(`DROP ROLE IF EXISTS ${DATABASE.user}`);
	psql(`CREATE ROLE ${DATABASE.user} LOGIN PASSWORD '${DATABASE.password}'`);
	psql(`CREATE DATABASE ${DATABASE.name} OWNER ${DATABASE.user}`);
	onShutdown(async () => {
		psql(`DROP DATABASE IF EXISTS ${DATABASE.name}`);
		psql(`DROP ROLE IF EXISTS ${DATABASE.user}`);
	});
	step(`PostgreSQL: database ${DATABASE.name} on ${DATABASE.host}:${DATABASE.port} (dropped at the end)`);
	const redis = await startRedis();
	onShutdown(async () => void redis.kill('SIGTERM'));
	step(`Redis: redis-server on 127.0.0.1:${REDIS_PORT}, nothing saved`);

	// Who sends what: every emulator request's connection traced to the n8n process holding it.
	const processes = new Map<number, string>();
	const requests: Array<{ from: string; emulator: string; what: string; at: number }> = [];
	Emulator.observe = (request, socket, emulator) => {
		requests.push({ from: socketOwner(socket.remotePort ?? 0, socket.localPort ?? 0, processes), emulator, what: `${request.method} ${request.path}`, at: request.at });
	};
	const fixtures = await startFixtures();
	onShutdown(fixtures.stop);
	const receiver = await startReceiver((socket) => socketOwner(socket.remotePort ?? 0, socket.localPort ?? 0, processes));
	onShutdown(receiver.stop);

	const encryptionKey = randomBytes(24).toString('hex');
	const queueEnv = (name: string, index: number): NodeJS.ProcessEnv => ({
		...n8nEnv(toolchain, { userFolder: path.join(HOME, name), port: MAIN_PORT, brokerPort: brokerPorts[index] }),
		N8N_ENCRYPTION_KEY: encryptionKey,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(REDIS_PORT),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: DATABASE.host,
		DB_POSTGRESDB_PORT: String(DATABASE.port),
		DB_POSTGRESDB_DATABASE: DATABASE.name,
		DB_POSTGRESDB_USER: DATABASE.user,
		DB_POSTGRESDB_PASSWORD: DATABASE.password,
		// Manual runs (the actions that make the events happen) stay on the main process: the workers then
		// run only what the triggers start.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'false',
		...(index > 0 ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPorts[index - 1]), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' } : {}),
	});
	const mainEnv = queueEnv('main', 0);

	const examplesDir = path.join(ROOT, 'examples');
	const entries = TRIGGER_SCENARIOS.map((scenario) => triggerWorkflow(examplesDir, scenario, fixtures.credentials, receiver.url, PACKAGE_NAME));
	const credentialsFile = path.join(HOME, 'credentials.json');
	writeFileSync(credentialsFile, JSON.stringify(fixtures.credentials, null, 2));
	const imported = await n8nCli(toolchain, mainEnv, ['import:credentials', `--input=${credentialsFile}`]);
	if (imported.status !== 0) throw new Error(`import:credentials failed:\n${imported.stderr}${imported.stdout}`);
	const workflowsFile = path.join(HOME, 'workflows.json');
	writeFileSync(workflowsFile, JSON.stringify(entries.flatMap((entry) => (entry.change ? [entry.workflow, entry.change] : [entry.workflow])), null, 2));
	const importedWorkflows = await n8nCli(toolchain, mainEnv, ['import:workflow', `--input=${workflowsFile}`]);
	if (importedWorkflows.status !== 0) throw new Error(`import:workflow failed:\n${importedWorkflows.stderr}${importedWorkflows.stdout}`);
	step(`imported ${fixtures.credentials.length} credentials and ${entries.length} trigger examples (with their events' workflows) into the shared database`);

	const server = await startN8nServer(toolchain, mainEnv, { waitForTypes: PACKAGE_NAME });
	onShutdown(server.stop);
	processes.set(server.pid!, 'main');
	const workers: Worker[] = [];
	for (let index = 1; index <= WORKERS; index++) {
		const worker = await startWorker(toolchain, queueEnv(names[index], index), names[index], healthPorts[index - 1]);
		onShutdown(worker.stop);
		workers.push(worker);
		processes.set(worker.pid, worker.name);
	}
	step(`n8n ${N8N_VERSION} in queue mode: main (PID ${server.pid}, ${server.url}) and ${workers.map((worker) => `${worker.name} (PID ${worker.pid})`).join(', ')} ready`);

	const failures: string[] = [];
	await setupOwner(server.url, DEV_OWNER);
	const rest = await N8nRest.signIn(toolchain, server.url, DEV_OWNER);
	const triggersFrom = Date.now();
	const outcome = await checkTriggers(rest, entries, receiver, (line) => step(line));
	failures.push(...outcome.failures);

	// Who polled: the emulators' requests of the trigger step, by process.
	const during = requests.filter((request) => request.at >= triggersFrom);
	const byProcess = new Map<string, number>();
	for (const request of during) byProcess.set(request.from, (byProcess.get(request.from) ?? 0) + 1);
	step(`requests to the emulators during the trigger step: ${[...names, 'other'].map((name) => `${name} ${byProcess.get(name) ?? 0}`).join(', ')}`);
	const notMain = during.filter((request) => request.from !== 'main');
	if (notMain.length) failures.push(`requests to the emulators not from the main process: ${notMain.slice(0, 5).map((request) => `${request.from}: ${request.emulator} ${request.what}`).join('; ')}`);

	// Who ran what: each event's execution enqueued by main, run by exactly one worker.
	const ranBy = new Map<string, number>();
	const runnerOf = new Map<string, string>();
	const mainLog = server.log();
	for (const id of outcome.executionIds) {
		const enqueued = new RegExp(`Enqueued execution ${id} \\(job`).test(mainLog);
		const runners = workers.filter((worker) => new RegExp(`Worker started execution ${id} \\(job`).test(worker.log()));
		const finished = workers.filter((worker) => new RegExp(`Worker finished execution ${id} \\(job`).test(worker.log()));
		const where = `execution ${id}: enqueued by main ${enqueued ? 'yes' : 'NO'}, run by ${runners.map((worker) => worker.name).join(', ') || 'no worker'}`;
		if (!enqueued || runners.length !== 1 || finished.length !== 1 || finished[0] !== runners[0]) failures.push(where);
		else {
			ranBy.set(runners[0].name, (ranBy.get(runners[0].name) ?? 0) + 1);
			runnerOf.set(id, runners[0].name);
		}
		step(`${enqueued && runners.length === 1 ? 'ok  ' : 'FAIL'} ${where}`);
	}
	if (/Worker started execution/.test(mainLog)) failures.push('the main process ran an execution as a worker');
	// The chat alerts: sent by the workers that ran the executions of the workflows that post them.
	const alerts = receiver.received.map((message) => message.from ?? 'unknown');
	const posting = outcome.results.filter((result) => entries.find((entry) => entry.label === result.label)?.workflow.nodes.some((node) => String(node.parameters.url ?? '').startsWith(receiver.url)));
	const expectedSenders = posting.map((result) => runnerOf.get(result.executionId ?? '') ?? 'no worker');
	step(`chat alert(s) sent by: ${alerts.join(', ') || 'none'}; ran the alerting execution(s): ${expectedSenders.join(', ') || 'none'}`);
	if (alerts.sort().join() !== expectedSenders.sort().join()) failures.push(`chat alerts sent by ${alerts.join(', ') || 'nobody'}, expected by the worker(s) that ran their executions: ${expectedSenders.join(', ')}`);

	await stopEverything('done');
	const events = outcome.results.reduce((sum, result) => sum + result.events + result.whileInactive, 0);
	const seconds = Math.round((Date.now() - started) / 1000);
	const figures = `1 main + ${WORKERS} workers; ${outcome.results.length} triggers activated on main (twice); ${events} events -> ${outcome.executionIds.length} executions, each enqueued by main and run by one worker (${[...ranBy].map(([name, count]) => `${name}: ${count}`).join(', ') || 'none'}); emulator requests: main ${byProcess.get('main') ?? 0}, workers ${[...byProcess].filter(([name]) => name.startsWith('worker-')).reduce((sum, [, count]) => sum + count, 0)}`;
	if (failures.length) {
		console.log(`queue mode: FAILED: ${failures.join('; ')}\n(${figures}) (${seconds} s)`);
		process.exit(1);
	}
	console.log(`queue mode: passed: ${figures} (${seconds} s)`);
}

main().catch(async (error: unknown) => {
	console.error(error);
	console.log('queue mode: FAILED');
	await shutdown('failed', 1);
});
