/**
 * Workflows for the real n8n run: the example workflows with their trigger swapped for a Manual Trigger
 * followed by a Code node (named like the original trigger) that emits the scenario's input (and any node
 * that writes to disk swapped for a Code node that passes its items on), and one HTTP Request workflow per
 * credential type.
 */
import type { IDataObject, INode, IWorkflowBase } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { FixtureCredential } from '../../test/emulators/fixtures';
import type { Checks, HttpRequestCheck, Outputs, Scenario } from '../../test/examples/scenarios';


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
