/**
 * Workflows for the real n8n run: the example workflows with their trigger swapped for a Manual Trigger
 * followed by a Code node (named like the original trigger) that emits the scenario's input (and any node
 * that writes to disk swapped for a Code node that passes its items on), and one HTTP Request workflow per
 * credential type. Examples that start from this package's polling triggers keep their trigger, polled every
 * minute, with what leaves the machine (a chat's webhook, Slack, a disk write) pointed at the e2e's own
 * receiver or passed through; the action that makes their event happen is a workflow of its own.
 */
import type { IDataObject, INode, IWorkflowBase } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { FixtureCredential } from '../../test/emulators/fixtures';
import type { Checks, HttpRequestCheck, Outputs, Scenario, TriggerScenario } from '../../test/examples/scenarios';


const TRIGGERS = new Set(['n8n-nodes-base.webhook', 'n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.manualTrigger']);

export interface E2eWorkflow {
	id: string;
	label: string;
	workflow: IWorkflowBase;
	check(outputs: Outputs, checks: Checks): void;
}

function manualStart(name: string, position: [number, number]): INode {
	return {
		id: `${name}-manual`,
		name: `${name} (manual start)`,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [position[0] - 220, position[1]],
		parameters: {},
	};
}

/** Nodes that write to the disk of the machine n8n runs on: not run by the e2e, which runs on a developer's machine. */
const DISK_WRITERS = new Set(['n8n-nodes-base.readWriteFile']);

/** Nodes that post to a service with a credential of its own (Slack): passed through like disk writes. */
const MESSENGERS = new Set(['n8n-nodes-base.slack']);

/** A Code node, named like `node`, that passes its items on unchanged (in place of a disk write). */
function passThrough(node: INode): INode {
	return { id: node.id, name: node.name, type: 'n8n-nodes-base.code', typeVersion: 2, position: node.position, parameters: { jsCode: 'return $input.all();' } };
}

/** The example with its trigger replaced; the scenario's input comes out of a node named like the trigger. */
export function exampleWorkflow(examplesDir: string, scenario: Scenario): E2eWorkflow {
	const workflow = JSON.parse(readFileSync(path.join(examplesDir, scenario.file), 'utf8')) as IWorkflowBase;
	const trigger = workflow.nodes.find((node) => TRIGGERS.has(node.type));
	if (!trigger) throw new Error(`${scenario.file} has no trigger`);
	const start = manualStart(trigger.name, trigger.position);
	const emit: INode = {
		id: trigger.id,
		name: trigger.name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: trigger.position,
		parameters: {
			jsCode: `return ${JSON.stringify(scenario.input)}.map((json) => ({ json }));`,
		},
	};
	workflow.nodes = [start, emit, ...workflow.nodes.filter((node) => node !== trigger).map((node) => (DISK_WRITERS.has(node.type) ? passThrough(node) : node))];
	workflow.connections = {
		...workflow.connections,
		[start.name]: { main: [[{ node: emit.name, type: 'main', index: 0 }]] },
	};
	return { id: String(workflow.id), label: scenario.file, workflow, check: scenario.check };
}

/** A workflow that calls the API through n8n's HTTP Request node with a predefined credential. */
export function httpRequestWorkflow(check: HttpRequestCheck, credential: FixtureCredential, index: number): E2eWorkflow {
	const { method, url } = check.request(credential);
	const id = `e2eHttpRequest${String(index).padStart(2, '0')}`;
	const start = manualStart('Start', [220, 0]);
	const request: INode = {
		id: `${id}-request`,
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [220, 0],
		parameters: {
			method,
			url,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: check.credentialType,
			options: {},
		} as IDataObject as INode['parameters'],
		credentials: { [check.credentialType]: { id: credential.id, name: credential.name } },
	};
	return {
		id,
		label: `HTTP Request with ${check.credentialType}`,
		workflow: {
			id,
			name: `e2e: HTTP Request with ${check.credentialType}`,
			nodes: [start, request],
			connections: { [start.name]: { main: [[{ node: request.name, type: 'main', index: 0 }]] } },
			active: false,
			settings: { executionOrder: 'v1' },
		} as unknown as IWorkflowBase,
		check: check.check,
	};
}

export interface E2eTriggerWorkflow {
	id: string;
	label: string;
	workflow: IWorkflowBase;
	/** The polling trigger node of this package. */
	trigger: INode;
	scenario: TriggerScenario;
	/** The workflow (manual start, then this package's action node) whose run makes the event happen. */
	change?: IWorkflowBase;
}

/**
 * A trigger example as it is activated in the e2e: its trigger polls every minute (n8n's shortest Poll Times),
 * HTTP Request nodes that post outside (`*.example.com`) post to `receiverUrl`, and Slack or disk writes pass
 * their items on.
 */
export function triggerWorkflow(
	examplesDir: string,
	scenario: TriggerScenario,
	credentials: FixtureCredential[],
	receiverUrl: string,
	packageName: string,
): E2eTriggerWorkflow {
	const workflow = JSON.parse(readFileSync(path.join(examplesDir, scenario.file), 'utf8')) as IWorkflowBase;
	const trigger = workflow.nodes.find((node) => node.type.startsWith(`${packageName}.`) && node.type.endsWith('Trigger'));
	if (!trigger) throw new Error(`${scenario.file} has no trigger of ${packageName}`);
	trigger.parameters = { ...trigger.parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } };
	workflow.nodes = workflow.nodes.map((node) => {
		if (DISK_WRITERS.has(node.type) || MESSENGERS.has(node.type)) return passThrough(node);
		const url = node.parameters.url;
		if (node.type === 'n8n-nodes-base.httpRequest' && typeof url === 'string' && /^https?:\/\/[^/]*example\.com\//.test(url)) {
			return { ...node, parameters: { ...node.parameters, url: `${receiverUrl}${new URL(url).pathname}` } };
		}
		return node;
	});
	const id = String(workflow.id);
	let change: IWorkflowBase | undefined;
	if (scenario.change) {
		const spec = scenario.change;
		const start = manualStart('Start', [220, 0]);
		const action: INode = {
			id: `${id}-change`,
			name: spec.name ?? 'Change',
			type: spec.type,
			typeVersion: spec.typeVersion ?? 1,
			position: [220, 0],
			parameters: spec.parameters,
			credentials: Object.fromEntries(
				Object.entries(spec.credentials ?? {}).map(([type, credentialId]) => {
					const credential = credentials.find((candidate) => candidate.id === credentialId);
					if (!credential) throw new Error(`${scenario.file}: no fixture credential ${credentialId}`);
					return [type, { id: credential.id, name: credential.name }];
				}),
			),
		};
		change = {
			id: `${id.slice(0, 12)}Chg`,
			name: `e2e: make the event of ${scenario.file} happen`,
			nodes: [start, action],
			connections: { [start.name]: { main: [[{ node: action.name, type: 'main', index: 0 }]] } },
			active: false,
			settings: { executionOrder: 'v1' },
		} as unknown as IWorkflowBase;
	}
	return { id, label: scenario.file, workflow, trigger, scenario, change };
}
