/**
 * This package's polling triggers in a running n8n, through n8n's REST API (as the editor does it):
 *
 * 1. "Fetch Test Event" of each trigger example (a manual run that stops after the trigger): it succeeds,
 *    and gives what the scenario's `manual` says.
 * 2. Every trigger example is activated at once. n8n polls each trigger while activating it (the first poll:
 *    a baseline), which must start no execution.
 * 3. Each scenario's event is made to happen: its action workflow is run in n8n (the OVHcloud node pays an
 *    order, the OpenvCloud node stops a machine, the Ventus Cloud node creates a project), or the event is
 *    made in the emulator itself (a Cloutility backup fails).
 * 4. n8n's next scheduled poll (every minute, at a second n8n picks at random) must start exactly one execution
 *    per workflow, in mode "trigger", that succeeds, whose trigger put out what the scenario's `check` says and
 *    whose every node ran (a chat alert arrived at the receiver standing in for the chat).
 * 5. Each workflow is deactivated and activated again: that activation's poll reads the memory n8n stored in
 *    the workflow's static data (checked to be there) and must start nothing, so an event is emitted once, also
 *    across a reactivation. Where the event can be made again in the emulator (a second backup error), it is
 *    made while the workflow is inactive: the reactivation's poll must then start exactly one execution for it,
 *    which shows that the memory was kept, not a new baseline taken. The workflows are left inactive.
 *
 * Waiting for the scheduled poll is what makes this take about a minute (the four wait together): n8n refuses
 * Poll Times under a minute. Step 5 gets a poll at once by reactivating, which runs the same poll code on the
 * stored memory; step 4 deliberately waits for n8n's scheduler, the path a real event takes.
 */
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { nodeOutput, type ExecutionSummary, type N8nRest } from '../dev/n8n-rest';
import { Checks } from '../../test/examples/scenarios';
import type { E2eTriggerWorkflow } from './workflows';

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** What the e2e's stand-in for a chat's incoming webhook received (and from which process, when asked). */
export interface Receiver {
	url: string;
	received: Array<{ path: string; body: string; from?: string }>;
	stop(): Promise<void>;
}

export async function startReceiver(identify?: (socket: Socket) => string): Promise<Receiver> {
	const received: Receiver['received'] = [];
	const server = createServer((request, response) => {
		const from = identify?.(request.socket);
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			received.push({ path: request.url ?? '/', body: Buffer.concat(chunks).toString('utf8'), from });
			response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		stop: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export interface TriggerResult {
	label: string;
	/** Items "Fetch Test Event" gave. */
	testEventItems: number;
	/** Executions started by the trigger: after activation, after the event, after reactivation. */
	afterActivation: number;
	afterEvent: number;
	afterReactivation: number;
	/** Events made while the workflow was inactive (emitted by the reactivation's poll). */
	whileInactive: number;
	/** Items (events) the trigger put out in the event's execution. */
	events: number;
	/** Seconds from the event made to its execution started. */
	latencySeconds?: number;
	executionId?: string;
}

export interface TriggerOutcome {
	results: TriggerResult[];
	failures: string[];
	assertions: number;
	/** IDs of the executions the events started (for the queue-mode check of who ran them). */
	executionIds: string[];
}

const triggerExecutions = async (rest: N8nRest, workflowId: string): Promise<ExecutionSummary[]> =>
	(await rest.executions(workflowId)).filter((execution) => execution.mode === 'trigger');

/** Runs steps 1-5 for every trigger workflow (already imported, inactive). `say` prints a line. */
export async function checkTriggers(
	rest: N8nRest,
	entries: E2eTriggerWorkflow[],
	receiver: Receiver,
	say: (line: string) => void,
	options: { eventTimeoutMs?: number } = {},
): Promise<TriggerOutcome> {
	const failures: string[] = [];
	const executionIds: string[] = [];
	let assertions = 0;
	const results = new Map<string, TriggerResult>(
		entries.map((entry) => [entry.id, { label: entry.label, testEventItems: 0, afterActivation: 0, afterEvent: 0, afterReactivation: 0, whileInactive: 0, events: 0 }]),
	);
	const fail = (entry: E2eTriggerWorkflow, message: string) => {
		failures.push(`${entry.label}: ${message}`);
		say(`FAIL ${entry.label}: ${message}`);
	};
	const live = new Set(entries);
	const guarded = async (entry: E2eTriggerWorkflow, what: (checks: Checks) => Promise<void>) => {
		if (!live.has(entry)) return;
		const checks = new Checks(entry.label);
		try {
			await what(checks);
		} catch (error) {
			live.delete(entry);
			fail(entry, (error as Error).message);
		}
		assertions += checks.count;
	};

	// 1. Fetch Test Event.
	await Promise.all(
		entries.map(async (entry) =>
			await guarded(entry, async (checks) => {
				const execution = await rest.finished(await rest.run(entry.id, entry.trigger.name, true));
				checks.equal(execution.status, 'success', 'Fetch Test Event succeeded');
				const task = execution.data.resultData.runData[entry.trigger.name]?.[0];
				const items = (task?.data?.main?.[0] ?? []).map((item) => item.json);
				entry.scenario.manual?.(items, checks);
				results.get(entry.id)!.testEventItems = items.length;
				say(`ok   ${entry.label}: Fetch Test Event gave ${items.length} item(s) (execution ${execution.id}, manual)`);
			}),
		),
	);

	// 2. Activation: the first poll records a baseline and starts nothing.
	await Promise.all(entries.map(async (entry) => await guarded(entry, async () => await rest.activate(entry.id))));
	await sleep(3000);
	await Promise.all(
		entries.map(async (entry) =>
			await guarded(entry, async (checks) => {
				checks.ok(await rest.isActive(entry.id), 'the workflow is active');
				const started = await triggerExecutions(rest, entry.id);
				results.get(entry.id)!.afterActivation = started.length;
				checks.equal(started.length, 0, 'activation (the baseline poll) started no execution');
				say(`ok   ${entry.label}: activated, its first poll started no execution`);
			}),
		),
	);

	// 3. The events.
	const madeAt = new Map<string, number>();
	await Promise.all(
		entries.map(async (entry) =>
			await guarded(entry, async (checks) => {
				if (entry.change) {
					const execution = await rest.finished(await rest.run(String(entry.change.id), 'Start'));
					const node = entry.change.nodes[1].name;
					checks.equal(execution.status, 'success', `"${node}" ran (${execution.data.resultData.error?.message ?? 'no error'})`);
					say(`ok   ${entry.label}: event made by running "${node}" in n8n (execution ${execution.id})`);
				}
				if (entry.scenario.providerEvent) {
					entry.scenario.providerEvent();
					say(`ok   ${entry.label}: event made in the emulator`);
				}
				madeAt.set(entry.id, Date.now());
			}),
		),
	);

	// 4. The next scheduled poll: exactly one execution, and what it carries.
	const receivedBefore = receiver.received.length;
	const deadline = Date.now() + (options.eventTimeoutMs ?? 100000);
	say(`waiting for n8n's next scheduled poll of each trigger (every minute; at most ${Math.round((deadline - Date.now()) / 1000)} s)`);
	await Promise.all(
		entries.map(async (entry) =>
			await guarded(entry, async (checks) => {
				let started: ExecutionSummary[] = [];
				while (!started.length) {
					if (Date.now() > deadline) throw new Error('no execution started within the time of a scheduled poll after the event');
					await sleep(1000);
					started = await triggerExecutions(rest, entry.id);
				}
				const result = results.get(entry.id)!;
				result.afterEvent = started.length;
				const execution = await rest.finished(started[0].id);
				result.executionId = execution.id;
				executionIds.push(execution.id);
				result.latencySeconds = (Date.parse(execution.startedAt ?? '') - madeAt.get(entry.id)!) / 1000;
				checks.equal(execution.status, 'success', `the execution succeeded (${execution.data.resultData.error?.message ?? 'no error'})`);
				const events = nodeOutput(execution, entry.trigger.name);
				result.events = events.length;
				entry.scenario.check?.(events, checks);
				const ran = Object.keys(execution.data.resultData.runData).sort();
				checks.equal(ran, entry.workflow.nodes.map((node) => node.name).sort(), 'every node of the workflow ran');
				say(
					`ok   ${entry.label}: execution ${execution.id} (mode trigger, ${execution.status}) started ${result.latencySeconds.toFixed(0)} s after the event, ${events.length} event(s): ${describe(events[0])}`,
				);
			}),
		),
	);
	const posted = receiver.received.slice(receivedBefore);
	if (posted.length) say(`the chat receiver got ${posted.length} message(s): ${posted.map((message) => message.body).join(' | ')}`);

	// 5. Reactivation: a poll on the stored memory; nothing new, or only what happened while inactive.
	for (const entry of entries) {
		await guarded(entry, async (checks) => {
			const memory = await rest.staticData(entry.id);
			checks.ok(Object.keys(memory[`node:${entry.trigger.name}`] ?? {}).length > 0, "the trigger's memory is in the workflow's static data");
			await rest.deactivate(entry.id);
			if (entry.scenario.providerEvent) {
				entry.scenario.providerEvent();
				results.get(entry.id)!.whileInactive = 1;
			}
			await rest.activate(entry.id);
		});
	}
	await sleep(3000);
	await Promise.all(
		entries.map(async (entry) =>
			await guarded(entry, async (checks) => {
				const started = await triggerExecutions(rest, entry.id);
				const result = results.get(entry.id)!;
				result.afterReactivation = started.length;
				const others = started.filter((execution) => execution.id !== result.executionId);
				checks.ok(started.some((execution) => execution.id === result.executionId), 'the event\'s execution is listed');
				checks.equal(others.length, result.whileInactive, `executions from the reactivation's poll: one per event made while inactive (${result.whileInactive})`);
				for (const execution of others) {
					const finished = await rest.finished(execution.id);
					checks.equal(finished.status, 'success', 'the execution of the event made while inactive succeeded');
					entry.scenario.check?.(nodeOutput(finished, entry.trigger.name), checks);
					executionIds.push(finished.id);
				}
				say(
					`ok   ${entry.label}: reactivated, its poll on the stored memory started ${others.length ? `execution ${others.map((execution) => execution.id).join(', ')} for the event made while inactive` : 'no execution'}; ${started.length} execution(s) in all`,
				);
			}),
		),
	);
	for (const entry of entries) await rest.deactivate(entry.id).catch(() => undefined);
	const alerts = entries.flatMap((entry) => entry.workflow.nodes.filter((node) => String(node.parameters.url ?? '').startsWith(receiver.url)));
	if (alerts.length && posted.length !== alerts.length) failures.push(`the chat receiver got ${posted.length} message(s), expected ${alerts.length}`);
	return { results: [...results.values()], failures, assertions, executionIds };
}

/** A short description of an event item for the log. */
function describe(event: IDataObject | undefined): string {
	if (!event) return 'none';
	const entry = event.entry as IDataObject | undefined;
	const parts = [event.event, event.name ?? event.billId ?? entry?.message, event.previousStatus && `${String(event.previousStatus)} -> ${String(event.status)}`];
	return parts.filter(Boolean).map(String).join(', ');
}
