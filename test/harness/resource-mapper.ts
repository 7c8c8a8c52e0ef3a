/**
 * Runs a node's resource mapper method (`methods.resourceMapping`) as the editor does when it shows a
 * resourceMapper parameter: through n8n-core's LoadOptionsContext on a temporary workflow holding the node
 * with its current parameters and credentials (the same set-up as listSearch and loadOptions).
 */
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import type { INode, IWorkflowBase, ResourceMapperFields } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { CredentialStore } from './credentials-helper';
import type { EditorNode } from './editor-calls';
import type { Harness } from './harness';

export async function resourceMapperFields(
	harness: Harness,
	spec: EditorNode,
	method: string,
	store = new CredentialStore(),
): Promise<ResourceMapperFields> {
	const node: INode = {
		id: 'editor-node',
		name: 'Editor Node',
		type: spec.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: spec.parameters as INode['parameters'],
		credentials: Object.fromEntries(Object.keys(spec.credentials ?? {}).map((type) => [type, { id: `editor-${type}`, name: type }])),
	};
	for (const [type, data] of Object.entries(spec.credentials ?? {})) store.add({ id: `editor-${type}`, name: type, type, data });
	const nodeType = harness.nodeTypes.getByNameAndVersion(spec.type, 1);
	node.parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, node.parameters, true, false, node, nodeType.description)!;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: harness.nodeTypes });
	const hooks = new ExecutionLifecycleHooks('internal', 'editor-call', { id: 'editor', nodes: [], connections: {} } as unknown as IWorkflowBase);
	const additionalData = harness.additionalData(harness.credentialsHelper(store), hooks);
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, `parameters.${method}`);
	const mapping = nodeType.methods?.resourceMapping?.[method];
	if (!mapping) throw new Error(`${spec.type} has no resourceMapping method "${method}"`);
	return await mapping.call(context);
}
