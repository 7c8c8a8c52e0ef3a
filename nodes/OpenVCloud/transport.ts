/**
 * The one place that sends OpenvCloud requests. Every call is `POST {base}/restmachine/<path>` with the
 * parameters as a JSON body (the G8 merges query, form and JSON parameters) and `Accept: application/json`,
 * so the answer is the method's raw JSON result; the path comes from the catalog (or is one of the few
 * `system/...` methods), never from input. Authentication comes from the credential; an expired session key
 * (419) or JWT (401) makes n8n renew it and retry once. Transient faults are retried by the shared policy
 * (`sendWithRetries`): 429 and 503 always, 502, 504 and dropped connections only for calls that are safe to
 * repeat (the catalog marks the methods that only read; a call started as a task never is).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { isHtml } from '../shared/errors';
import { lowerCaseHeaders, type HttpFailure } from '../shared/http';
import { sendWithRetries } from '../shared/retry';
import { CREDENTIAL, normalizeBaseUrl, restmachineUrl } from './api';
import { answerError, providerError, callScrubber } from './errors';

/** The action node, its pickers, and the trigger's polls. */
type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** Where calls go; read once per node run. */
export interface Connection {
	baseUrl: string;
}

export async function connect(ctx: Context): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	return { baseUrl: normalizeBaseUrl(credentials.baseUrl) };
}

interface CallOptions {
	itemIndex?: number;
	/** The call only reads: it may be sent again after a gateway error or a dropped connection. */
	safe?: boolean;
	/** The method may be called without authentication: a 401 is its own answer, not an expired JWT. */
	noAuth?: boolean;
	/** Answer with the status code and headers too, empty bodies included (task polling: 202 is "pending"). */
	fullResponse?: boolean;
	/** The answer is a file: returned as a Buffer, with status and headers. */
	file?: boolean;
	statusMessages?: Record<number, string>;
	/** Values of the call's own secret fields (a password given in the node), scrubbed from errors too. */
	secrets?: readonly unknown[];
	/** A failure of this call that is transient, retried like a 503 (e.g. a proxy's hiccup). */
	alsoRetry?: (failure: HttpFailure) => boolean;
}

export interface FullResponse {
	body: unknown;
	headers: Record<string, string>;
	statusCode: number;
}

const isEmpty = (body: unknown) =>
	body === undefined || body === '' || (Buffer.isBuffer(body) && body.length === 0);

/** Sends one call (`cloudapi/<actor>/<method>` or `system/<actor>/<method>`) and returns its result. */
export async function apiRequest(
	ctx: Context,
	connection: Connection,
	path: string,
	params: IDataObject,
	options: CallOptions = {},
): Promise<unknown> {
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: restmachineUrl(connection.baseUrl, path),
		body: params,
		json: !options.file,
		headers: { Accept: options.file ? 'application/octet-stream, application/json' : 'application/json' },
		returnFullResponse: true,
	};
	if (options.file) {
		request.encoding = 'arraybuffer';
		request.headers = { ...request.headers, 'Content-Type': 'application/json' };
		request.body = JSON.stringify(params);
	}
	// A session key that expired is 419; a JWT that expired is 401 (unless the method needs no login, where
	// 401 is the method's own answer).
	const retryStatus = options.noAuth ? [419] : [401, 419];
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	const attempt = await sendWithRetries(
		ctx,
		async () =>
			(await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, request, {
				preAuthenticationRetryStatusCode: retryStatus,
			})) as { body: unknown; headers: unknown; statusCode: number },
		{ safe: options.safe === true, alsoRetry: options.alsoRetry, signal },
	);
	if (!attempt.ok) {
		const call = { path, itemIndex: options.itemIndex, statusMessages: options.statusMessages, tries: attempt.tries };
		throw providerError(ctx.getNode(), attempt.failure, call, await callScrubber(ctx, options.secrets));
	}
	const { body, headers, statusCode } = attempt.value;
	if (options.fullResponse) return { body, headers: lowerCaseHeaders(headers), statusCode } satisfies FullResponse;
	const problem = isEmpty(body) ? 'an empty body' : typeof body === 'string' && isHtml(body) ? 'an HTML page instead of a JSON result' : undefined;
	if (problem) throw answerError(ctx.getNode(), path, statusCode, problem, options.itemIndex, await callScrubber(ctx, options.secrets));
	if (options.file) return { body, headers: lowerCaseHeaders(headers), statusCode } satisfies FullResponse;
	return body;
}
