/** Builds workflow JSON in the shape n8n's editor exports: a trigger followed by a chain of nodes. */
import type { IConnections, INode, INodeParameters } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import type { WorkflowJson } from './harness';

export const TRIGGER_NAME = "When clicking 'Execute workflow'";

export interface NodeSpec {
	type: string;
	parameters: INodeParameters;
	name?: string;
	typeVersion?: number;
	/** Credential type → id (the display name is derived). */
	credentials?: Record<string, string>;
	continueOnFail?: boolean;
}

export function chain(...specs: NodeSpec[]): WorkflowJson {
	const trigger: INode = {
		id: randomUUID(),
		name: TRIGGER_NAME,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes: INode[] = [trigger];
	specs.forEach((spec, index) => {
		const node: INode = {
			id: randomUUID(),
			name: spec.name ?? `Node ${index + 1}`,
			type: spec.type,
			typeVersion: spec.typeVersion ?? 1,
			position: [220 * (index + 1), 0],
			parameters: spec.parameters,
		};
		if (spec.credentials) {
			node.credentials = Object.fromEntries(
				Object.entries(spec.credentials).map(([type, id]) => [type, { id, name: `${type} ${id}` }]),
			);
		}
		if (spec.continueOnFail) node.onError = 'continueRegularOutput';
		nodes.push(node);
	});
	const connections: IConnections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { name: 'test', nodes, connections };
}
