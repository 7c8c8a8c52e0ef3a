/**
 * What n8n's editor asks the backend for, done the way n8n's server does it:
 * - credential tests (the "Test" button / save): a credential's `test` request is run by n8n-core's
 *   RoutingNode on a temporary No-Op node, preAuthentication forced, rules applied (CredentialsTester);
 * - resource locator lists, option lists and resource mapper fields (`listSearch`, `loadOptions`,
 *   `resourceMapping`) through a LoadOptionsContext on a temporary workflow holding the node with its
 *   current parameters and credentials.
 */
import { ExecuteContext, ExecutionLifecycleHooks, LoadOptionsContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IWorkflowBase,
	ResourceMapperFields,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { CredentialStore } from './credentials-helper';
import type { Harness } from './harness';

const NOOP = 'n8n-nodes-base.noOp';

function hooks() {
	return new ExecutionLifecycleHooks('internal', 'editor-call', { id: 'editor', nodes: [], connections: {} } as unknown as IWorkflowBase);
}

function valueAt(data: IDataObject | undefined, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], data);
}

/** Tests credential data as n8n does when the user clicks "Test" (or saves the credential). */
export async function testCredential(
	harness: Harness,
	type: string,
	data: ICredentialDataDecryptedObject,
	store = new CredentialStore(),
): Promise<INodeCredentialTestResult> {
	const credentialType = harness.credentialTypes.getByName(type);
	if (!credentialType.test) return { status: 'Error', message: 'No testing function found for this credential.' };
	const { test } = credentialType;
	store.add({ id: 'credential-test', name: 'test', type, data });
	const helper = harness.credentialsHelper(store);
	const filled = helper.withDefaults(type, data);

	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation',
			name: NOOP,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NOOP,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: 'credential-test', name: 'test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const runExecutionData = createRunExecutionData({ executionData: null });
	const additionalData = harness.additionalData(helper, hooks());
	const context = new ExecuteContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, { id: 'credential-test', name: 'test', type, data: filled });

	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }).cause;
		if (cause?.response) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === cause.response.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			return {
				status: 'Error',
				message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
			};
		}
		if (cause?.code) return { status: 'Error', message: cause.code };
		return { status: 'Error', message: String((error as Error).message) };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json;
		if (valueAt(json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

export interface EditorNode {
	type: string;
	parameters: IDataObject;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

function editorContext(harness: Harness, spec: EditorNode, store: CredentialStore, path: string) {
	const node: INode = {
		id: 'editor-node',
		name: 'Editor Node',
		type: spec.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: spec.parameters as INode['parameters'],
		credentials: Object.fromEntries(Object.keys(spec.credentials ?? {}).map((type) => [type, { id: `editor-${type}`, name: type }])),
	};
	for (const [type, data] of Object.entries(spec.credentials ?? {})) {
		store.add({ id: `editor-${type}`, name: type, type, data });
	}
	const nodeType = harness.nodeTypes.getByNameAndVersion(spec.type, 1);
	node.parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, node.parameters, true, false, node, nodeType.description)!;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: harness.nodeTypes });
	const additionalData = harness.additionalData(harness.credentialsHelper(store), hooks());
	additionalData.currentNodeParameters = node.parameters;
	return { context: new LoadOptionsContext(workflow, workflow.getNode(node.name)!, additionalData, path), nodeType };
}

/** Runs a node's listSearch method as the editor's resource locator "From list" does. */
export async function listSearch(
	harness: Harness,
	spec: EditorNode,
	method: string,
	filter?: string,
	paginationToken?: string,
	store = new CredentialStore(),
): Promise<INodeListSearchResult> {
	const { context, nodeType } = editorContext(harness, spec, store, `parameters.${method}`);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`${spec.type} has no listSearch method "${method}"`);
	return await search.call(context, filter, paginationToken);
}

/** Runs a node's loadOptions method as an options dropdown does. */
export async function loadOptions(
	harness: Harness,
	spec: EditorNode,
	method: string,
	store = new CredentialStore(),
): Promise<INodePropertyOptions[]> {
	const { context, nodeType } = editorContext(harness, spec, store, `parameters.${method}`);
	const load = nodeType.methods?.loadOptions?.[method];
	if (!load) throw new Error(`${spec.type} has no loadOptions method "${method}"`);
	return await load.call(context);
}

/** Runs a node's resource mapper method as the editor does when it shows a resourceMapper parameter. */
export async function resourceMapperFields(
	harness: Harness,
	spec: EditorNode,
	method: string,
	store = new CredentialStore(),
): Promise<ResourceMapperFields> {
	const { context, nodeType } = editorContext(harness, spec, store, `parameters.${method}`);
	const mapping = nodeType.methods?.resourceMapping?.[method];
	if (!mapping) throw new Error(`${spec.type} has no resourceMapping method "${method}"`);
	return await mapping.call(context);
}
