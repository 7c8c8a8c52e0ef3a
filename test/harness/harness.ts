/**
 * Runs workflow JSON (the format n8n's editor exports) through n8n-core's WorkflowExecute with the
 * built package, a credentials helper that follows n8n's rules, and the test's input items.
 */
import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { CredentialStore, HarnessCredentialsHelper } from './credentials-helper';
import { captureN8nLog } from './n8n-log';
import { loadPackage, PackageCredentialTypes, PackageNodeTypes, type NodeTypeOverrides } from './package-types';
import { triggerTypes } from './base-nodes';
import { WorkflowRun } from './workflow-run';

export type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'> &
	Partial<Pick<IWorkflowBase, 'name' | 'settings' | 'pinData'>>;

export interface RunOptions {
	/** Items the trigger emits (plain objects become `{ json }`). Default: one empty item. */
	input?: Array<IDataObject | INodeExecutionData>;
	/** Credential data by credential type; registered under the ids the workflow's nodes reference. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** A store kept from an earlier run: tokens it holds are reused, updates keep being counted. */
	store?: CredentialStore;
	mode?: WorkflowExecuteMode;
}

function unsupported(what: string) {
	return async () => {
		throw new Error(`${what} is not available in the test harness`);
	};
}

export class Harness {
	private constructor(
		readonly nodeTypes: PackageNodeTypes,
		readonly credentialTypes: PackageCredentialTypes,
		readonly packageName: string,
	) {}

	/**
	 * The harness with this package (or, for the harness's own tests, another package directory).
	 * `nodeTypes` replaces stand-ins by real node types (the bench runs n8n's own HTTP Request node).
	 */
	static async load(packageDir?: string, nodeTypes?: NodeTypeOverrides): Promise<Harness> {
		captureN8nLog();
		const loader = await loadPackage(packageDir);
		return new Harness(
			new PackageNodeTypes(loader, nodeTypes),
			new PackageCredentialTypes(loader),
			loader.packageName,
		);
	}

	/** A helper bound to a store, e.g. for credential tests or listSearch calls. */
	credentialsHelper(store = new CredentialStore()) {
		return new HarnessCredentialsHelper(this.credentialTypes, store);
	}

	additionalData(helper: HarnessCredentialsHelper, hooks: ExecutionLifecycleHooks) {
		const additionalData: IWorkflowExecuteAdditionalData = {
			credentialsHelper: helper,
			hooks,
			externalSecretsProxy: new ExternalSecretsProxy(),
			executeWorkflow: unsupported('Executing sub-workflows'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('The task runner'),
			logAiEvent: () => {},
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
			mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
			variables: {},
		};
		return additionalData;
	}

	/** Registers the test's credential data under every id the workflow's nodes reference. */
	private registerCredentials(nodes: INode[], store: CredentialStore, data: RunOptions['credentials']) {
		for (const node of nodes) {
			for (const [type, details] of Object.entries(node.credentials ?? {})) {
				const given = data?.[type];
				if (!given || !details.id) continue;
				store.add({ id: details.id, name: details.name, type, data: given });
			}
		}
	}

	async run(workflowJson: WorkflowJson, options: RunOptions = {}): Promise<WorkflowRun> {
		const nodes = structuredClone(workflowJson.nodes);
		const store = options.store ?? new CredentialStore();
		if (!options.store || options.credentials) this.registerCredentials(nodes, store, options.credentials);
		const helper = this.credentialsHelper(store);

		const workflow = new Workflow({
			id: 'test-workflow',
			name: workflowJson.name ?? 'test',
			nodes,
			connections: structuredClone(workflowJson.connections),
			nodeTypes: this.nodeTypes,
			settings: workflowJson.settings,
			active: false,
		});
		const start = nodes.find((node) => node.type in triggerTypes && !node.disabled);
		if (!start) throw new Error('The workflow has no Manual, Webhook or Schedule trigger to start from');

		const mode = options.mode ?? 'manual';
		const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {
			id: 'test-workflow',
			name: workflowJson.name ?? 'test',
			nodes,
			connections: workflowJson.connections,
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as unknown as IWorkflowBase);
		const nodeOrder: string[] = [];
		hooks.addHandler('nodeExecuteAfter', (nodeName) => {
			nodeOrder.push(nodeName);
		});
		let resolveRun: (run: IRun) => void = () => {};
		const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

		const input = (options.input ?? [{}]).map((item): INodeExecutionData =>
			'json' in item && typeof item.json === 'object' ? (item as INodeExecutionData) : { json: item as IDataObject },
		);
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: start, data: { main: [input] }, source: null }] },
		});

		const additionalData = this.additionalData(helper, hooks);
		const execution = new WorkflowExecute(additionalData, mode, runExecutionData);
		await execution.processRunExecutionData(workflow);
		return new WorkflowRun(await finished, store, nodeOrder);
	}
}
