/**
 * Runs a trigger node's `poll()` the way n8n does for an active workflow: n8n-core's PollContext for the
 * node (credentials through the harness's credentials helper), called through n8n-core's
 * TriggersAndPollers.runPollFunction, with the node's static data kept between polls as n8n keeps it
 * (a PollSession holds it, as the database would). Manual mode is the editor's "Fetch Test Event".
 */
import { ExecutionLifecycleHooks, PollContext, TriggersAndPollers } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { CredentialStore } from './credentials-helper';
import type { Harness } from './harness';

export interface PollNodeSpec {
	type: string;
	parameters: IDataObject;
	typeVersion?: number;
	/** Credential type → id. */
	credentials?: Record<string, string>;
}

export interface PollResult {
	/** What the poll emitted: the items, or null when it emitted nothing. */
	items: INodeExecutionData[] | null;
	/** The error the poll threw (n8n shows it as a trigger error and keeps the state). */
	error?: Error;
}

/** One active trigger: its node, its credentials and the static data n8n keeps for it between polls. */
export class PollSession {
	/** The node's static data as n8n stores it with the workflow. */
	staticData: IDataObject = {};

	readonly node: INode;

	/** Every poll's result, in order. */
	readonly history: PollResult[] = [];

	constructor(
		private readonly harness: Harness,
		spec: PollNodeSpec,
		readonly store: CredentialStore,
	) {
		this.node = {
			id: randomUUID(),
			name: 'Trigger',
			type: spec.type,
			typeVersion: spec.typeVersion ?? 1,
			position: [0, 0],
			parameters: spec.parameters as INode['parameters'],
		};
		if (spec.credentials) {
			this.node.credentials = Object.fromEntries(
				Object.entries(spec.credentials).map(([type, id]) => [type, { id, name: `${type} ${id}` }]),
			);
		}
	}

	/** One poll, as the trigger's schedule runs it ('trigger'), or "Fetch Test Event" ('manual'). */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<PollResult> {
		const staticCopy = structuredClone(this.staticData);
		const workflow = new Workflow({
			id: 'poll-workflow',
			name: 'poll',
			nodes: [structuredClone(this.node)],
			connections: {},
			nodeTypes: this.harness.nodeTypes,
			active: mode === 'trigger',
			staticData: { [`node:${this.node.name}`]: staticCopy },
		});
		const node = workflow.getNode(this.node.name)!;
		const hooks = new ExecutionLifecycleHooks(mode, 'poll', {
			id: 'poll-workflow',
			nodes: [node],
			connections: {},
		} as unknown as IWorkflowBase);
		const additionalData = this.harness.additionalData(this.harness.credentialsHelper(this.store), hooks);
		const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
		let result: PollResult;
		try {
			const output = await new TriggersAndPollers().runPollFunction(workflow, node, context);
			result = { items: output ? output[0] : null };
			// n8n saves the static data of an active workflow after a successful poll.
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData[`node:${this.node.name}`] ?? {})) as IDataObject;
		} catch (error) {
			result = { items: null, error: error as Error };
		}
		this.history.push(result);
		return result;
	}

	/** The items of a poll, failing the test when the poll threw. */
	async emitted(mode: 'trigger' | 'manual' = 'trigger'): Promise<IDataObject[]> {
		const { items, error } = await this.poll(mode);
		if (error) throw error;
		return (items ?? []).map((item) => item.json);
	}

	/** Size of the stored state, as JSON characters. */
	stateSize(): number {
		return JSON.stringify(this.staticData).length;
	}
}

/** Starts a poll session for one trigger node with the given credential data. */
export function pollSession(
	harness: Harness,
	spec: PollNodeSpec,
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
	store = new CredentialStore(),
): PollSession {
	const session = new PollSession(harness, spec, store);
	for (const [type, id] of Object.entries(spec.credentials ?? {})) {
		const data = credentials[type];
		if (data) store.add({ id, name: `${type} ${id}`, type, data });
	}
	return session;
}
