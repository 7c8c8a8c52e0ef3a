/**
 * A credentials helper that follows the rules of n8n's own (packages/cli CredentialsHelper):
 * - authenticate: a credential's `authenticate` function is called as is; a generic one has its
 *   expressions resolved against `$credentials` and its values placed in headers/qs/body/auth;
 * - preAuthentication: runs when the first hidden `expirable` field is empty, when the engine says
 *   the credentials expired (after a 401, or the status codes a call passes), or during a credential
 *   test; its output is stored back only if it contains the expirable field;
 * - getDecrypted: a fresh copy of the stored data with the type's defaults applied.
 * Every stored update is recorded so tests can count token requests.
 */
import { Credentials } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers } from 'n8n-workflow';

import type { PackageCredentialTypes } from './package-types';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialUpdate {
	id: string;
	type: string;
	/** Names of the fields that were written. */
	fields: string[];
	at: number;
}

export class CredentialStore {
	private readonly byId = new Map<string, StoredCredential>();

	readonly updates: CredentialUpdate[] = [];

	add(credential: StoredCredential) {
		this.byId.set(credential.id, { ...credential, data: { ...credential.data } });
	}

	get(details: INodeCredentialsDetails, type: string): StoredCredential {
		const stored = details.id ? this.byId.get(details.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new Error(`No stored credential of type "${type}" with id "${details.id}"`);
		}
		return stored;
	}

	/** The stored data of a credential (for assertions). */
	data(id: string): ICredentialDataDecryptedObject {
		const stored = this.byId.get(id);
		if (!stored) throw new Error(`No stored credential with id "${id}"`);
		return { ...stored.data };
	}

	update(details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		const stored = this.get(details, type);
		const fields = Object.keys(data).filter((key) => data[key] !== stored.data[key]);
		stored.data = { ...data };
		this.updates.push({ id: stored.id, type, fields, at: Date.now() });
	}
}

function isExpression(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith('=');
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: PackageCredentialTypes,
		readonly store: CredentialStore,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.types.getParentTypes(name);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions & Record<string, unknown>;
		const { authenticate } = this.types.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) throw new Error('Generic authentication needs the workflow and node');
			requestOptions.headers ??= {};
			for (const [where, entries] of Object.entries(authenticate.properties)) {
				const target = (requestOptions[where] ??= {}) as Record<string, unknown>;
				for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
					const resolve = (raw: unknown) =>
						isExpression(raw)
							? String(
									workflow.expression.getSimpleParameterValue(
										node,
										raw,
										'internal',
										{ $credentials: credentials },
										undefined,
										'',
									) ?? '',
								)
							: raw;
					target[resolve(key) as string] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.getByName(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const isCredentialTest = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isCredentialTest) {
			return undefined;
		}
		// n8n hands the hook only httpRequest, nothing else of the node's helpers.
		const restricted: IHttpRequestHelper = {
			helpers: { httpRequest: async (options) => await helpers.helpers.httpRequest(options) },
		};
		const output = await type.preAuthentication.call(restricted, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (details) {
			const stored = this.store.get(details, typeName).data;
			this.store.update(details, typeName, { ...stored, ...(output as ICredentialDataDecryptedObject) });
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.types.getByName(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return ((await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject) ?? undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const stored = this.store.get(details, type);
		return new Credentials({ id: stored.id, name: stored.name }, stored.type, '');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		return this.withDefaults(type, this.store.get(details, type).data);
	}

	/** Fills in the defaults of the credential type, as n8n does before handing data to a node. */
	withDefaults(type: string, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type);
		const filled = NodeHelpers.getNodeParameters(
			properties,
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		// Hidden fields that have no default in the stored data still come through.
		return { ...data, ...filled };
	}

	async updateCredentials(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.update(details, type, data);
	}

	async updateCredentialsOauthTokenData(
		details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.update(details, type, { ...this.store.get(details, type).data, ...data });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.types.getByName(type);
		const merged: INodeProperties[] = [];
		for (const parent of credentialType.extends ?? []) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, credentialType.properties);
		return merged;
	}
}
