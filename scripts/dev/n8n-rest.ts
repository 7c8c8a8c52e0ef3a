/**
 * n8n's own REST API (what its editor calls), signed in as the owner: activating and deactivating
 * workflows, running one as the editor's "Execute workflow" does, and reading executions. Used by
 * `npm run test:e2e` and `scripts/e2e/queue-mode.ts` to watch polling triggers in a running n8n.
 */
import { createRequire } from 'node:module';
import type { IDataObject, IRunExecutionData } from 'n8n-workflow';

import type { Owner } from './n8n-server';
import type { Toolchain } from './toolchain';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	startedAt?: string;
	stoppedAt?: string;
}

export interface Execution extends ExecutionSummary {
	data: IRunExecutionData;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

export class N8nRest {
	private constructor(
		readonly url: string,
		private readonly cookie: string,
		private readonly parseFlatted: (text: string) => unknown,
	) {}

	/** Signs in as `owner` (n8n's login, without a browser ID: the cookie is then valid for any client). */
	static async signIn(toolchain: Toolchain, url: string, owner: Owner): Promise<N8nRest> {
		const response = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
		});
		if (!response.ok) throw new Error(`n8n login failed (${response.status}): ${await response.text()}`);
		const cookie = (response.headers.getSetCookie?.() ?? [])
			.map((line) => line.split(';')[0])
			.find((pair) => pair.startsWith('n8n-auth='));
		if (!cookie) throw new Error('n8n login answered without an n8n-auth cookie');
		// n8n keeps execution data "flatted"; it is read with n8n's own copy of the library.
		const { parse } = createRequire(toolchain.n8nBin)('flatted') as { parse(text: string): unknown };
		return new N8nRest(url, cookie, parse);
	}

	async call<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: { Cookie: this.cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${route} answered ${response.status}: ${text.slice(0, 500)}`);
		const parsed = (text ? JSON.parse(text) : {}) as { data?: T };
		return (parsed.data ?? parsed) as T;
	}

	/** Activates (publishes) the workflow's current version: n8n runs each polling trigger's first poll now. */
	async activate(workflowId: string): Promise<void> {
		const workflow = await this.call<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		await this.call('POST', `/workflows/${workflowId}/activate`, { versionId: workflow.versionId });
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.call('POST', `/workflows/${workflowId}/deactivate`, {});
	}

	/** The workflow's static data as n8n stored it (polling triggers keep their memory there, per node). */
	async staticData(workflowId: string): Promise<Record<string, IDataObject>> {
		const workflow = await this.call<{ staticData?: string | Record<string, IDataObject> | null }>('GET', `/workflows/${workflowId}`);
		const data = workflow.staticData ?? {};
		return typeof data === 'string' ? (JSON.parse(data) as Record<string, IDataObject>) : data;
	}

	async isActive(workflowId: string): Promise<boolean> {
		const workflow = await this.call<{ active?: boolean; activeVersionId?: string | null }>('GET', `/workflows/${workflowId}`);
		return Boolean(workflow.active ?? workflow.activeVersionId);
	}

	/**
	 * Runs the workflow as the editor's "Execute workflow" from `trigger`; with `only` the run stops after that
	 * node (what the editor's "Fetch Test Event" of a trigger does). Returns the execution's ID.
	 */
	async run(workflowId: string, trigger: string, only = false): Promise<string> {
		const body: IDataObject = { triggerToStartFrom: { name: trigger } };
		if (only) body.destinationNode = { nodeName: trigger, mode: 'inclusive' };
		const started = await this.call<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/workflows/${workflowId}/run`, body);
		if (!started.executionId) throw new Error(`running workflow ${workflowId} gave no execution ID: ${JSON.stringify(started)}`);
		return started.executionId;
	}

	/** The workflow's executions, newest first. */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = await this.call<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${filter}&limit=100`);
		return list.results.map((execution) => ({ ...execution, id: String(execution.id), workflowId: String(execution.workflowId) }));
	}

	async execution(id: string): Promise<Execution> {
		const execution = await this.call<ExecutionSummary & { data: string }>('GET', `/executions/${id}`);
		return { ...execution, id: String(execution.id), data: this.parseFlatted(execution.data) as IRunExecutionData };
	}

	/** Waits until the execution has finished (at most `timeoutMs`) and returns it. */
	async finished(id: string, timeoutMs = 60000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const summary = await this.call<ExecutionSummary>('GET', `/executions/${id}`);
			if (FINISHED.has(summary.status)) return await this.execution(id);
			if (Date.now() > deadline) throw new Error(`execution ${id} did not finish within ${timeoutMs / 1000} s (status ${summary.status})`);
			await sleep(500);
		}
	}
}

/** The items a node put out in an execution (its first run, first output). */
export function nodeOutput(execution: Execution, node: string): IDataObject[] {
	const task = execution.data.resultData.runData[node]?.[0];
	if (!task) throw new Error(`node "${node}" did not run in execution ${execution.id} (ran: ${Object.keys(execution.data.resultData.runData).join(', ')})`);
	if (task.error) throw new Error(`node "${node}" failed in execution ${execution.id}: ${task.error.message}`);
	return (task.data?.main?.[0] ?? []).map((item) => item.json);
}
