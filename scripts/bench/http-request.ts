/**
 * n8n's real HTTP Request node (n8n-nodes-base, the version that goes with n8n-core), the yardstick of every
 * case: the same calls, with the same credential ("Predefined Credential Type"), in the same engine. Loaded only
 * by the bench; the tests keep the harness's stand-in.
 */
import type { IDataObject, IVersionedNodeType } from 'n8n-workflow';

import type { NodeSpec } from '../../test/harness';

export const HTTP_REQUEST = 'n8n-nodes-base.httpRequest';

/** The version n8n's editor adds today (also the one the end-to-end run uses). */
export const HTTP_REQUEST_VERSION = 4.2;

const MODULE = 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js';

/** Requires and instantiates the node type (all its versions), as n8n does on first use. */
export function loadHttpRequestNode(): IVersionedNodeType {
	// A CommonJS file of n8n-nodes-base, required on demand so that startup cases can time it cold.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(MODULE) as { HttpRequest: new () => IVersionedNodeType };
	return new HttpRequest();
}

export interface HttpCall {
	method: 'GET' | 'POST';
	/** An expression (`=...`) or a plain URL. */
	url: string;
	credentialType: string;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	/** A JSON body, as an expression. */
	jsonBody?: string;
	/** Pages: the parameters to update per request and when the last page has come. */
	pagination?: { parameters: Array<{ type: 'qs' | 'headers'; name: string; value: string }>; completeWhen: string };
}

const pairs = (values: Record<string, string>) => ({ parameters: Object.entries(values).map(([name, value]) => ({ name, value })) });

/** The HTTP Request node as the editor would save it for this call. */
export function httpRequestNode(call: HttpCall, name = 'HTTP Request'): NodeSpec {
	const parameters: IDataObject = {
		method: call.method,
		url: call.url,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: call.credentialType,
		options: {},
	};
	if (call.query) Object.assign(parameters, { sendQuery: true, queryParameters: pairs(call.query) });
	if (call.headers) Object.assign(parameters, { sendHeaders: true, headerParameters: pairs(call.headers) });
	if (call.jsonBody) Object.assign(parameters, { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: call.jsonBody });
	if (call.pagination) {
		parameters.options = {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: { parameters: call.pagination.parameters },
					paginationCompleteWhen: 'other',
					completeExpression: call.pagination.completeWhen,
				},
			},
		};
	}
	return {
		type: HTTP_REQUEST,
		typeVersion: HTTP_REQUEST_VERSION,
		name,
		parameters: parameters as NodeSpec['parameters'],
		credentials: { [call.credentialType]: 'bench' },
	};
}
