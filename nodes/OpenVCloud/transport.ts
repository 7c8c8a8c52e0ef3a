/**
 * The one place that sends OpenvCloud requests. Every call is `POST {base}/restmachine/<path>` with the
 * parameters as a JSON body (the G8 merges query, form and JSON parameters) and `Accept: application/json`,
 * so the answer is the method's raw JSON result. Authentication comes from the credential; an expired
 * session key (419) or JWT (401) makes n8n renew it and retry once. A 429 is retried after the pause the
 * G8 asks for (Retry-After) or an exponential one, up to three times.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { readHttpFailure } from '../shared/http-failure';
import { retryDelayMs } from '../shared/polling';
import { authMode, normalizeBaseUrl, type AuthMode } from './auth';
import { callError } from './errors';

export const CREDENTIAL = 'openVCloudApi';

export type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** Where calls go and how the credential authenticates; read once per node run. */
export interface Connection {
	baseUrl: string;
	mode: AuthMode;
}

export async function openVCloudConnection(ctx: Context): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	return { baseUrl: normalizeBaseUrl(credentials.baseUrl), mode: authMode(credentials) };
}

export interface CallOptions {
	itemIndex?: number;
	/** The method may be called without authentication: a 401 is its own answer, not an expired JWT. */
	noAuth?: boolean;
	/** Answer with the status code and headers too (task polling tells 202 "pending" apart this way). */
	fullResponse?: boolean;
	/** The answer is a file: returned as a Buffer, with status and headers. */
	file?: boolean;
	statusMessages?: Record<number, string>;
}

export interface FullResponse {
	body: unknown;
	headers: Record<string, string>;
	statusCode: number;
}

export const RATE_LIMIT_RETRIES = 3;

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
		if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
	}
	return result;
}

/** Sends one call (`cloudapi/<actor>/<method>` or `system/<actor>/<method>`) and returns its result. */
export async function ovcCall(
	ctx: Context,
	connection: Connection,
	path: string,
	params: IDataObject,
	options: CallOptions = {},
): Promise<unknown> {
	const request: IHttpRequestOptions = {
		method: 'POST',
		url: `${connection.baseUrl}/restmachine/${path}`,
		body: params,
		json: !options.file,
		headers: { Accept: options.file ? 'application/octet-stream, application/json' : 'application/json' },
	};
	if (options.file) {
		request.encoding = 'arraybuffer';
		request.headers = { ...request.headers, 'Content-Type': 'application/json' };
		request.body = JSON.stringify(params);
	}
	if (options.fullResponse || options.file) request.returnFullResponse = true;
	// A session key that expired is 419; a JWT that expired is 401 (unless the method needs no login, where
	// 401 is the method's own answer).
	const retryStatus = options.noAuth ? [419] : [401, 419];
	for (let retry = 0; ; retry++) {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, request, {
				preAuthenticationRetryStatusCode: retryStatus,
			})) as unknown;
			if (!request.returnFullResponse) return response;
			const full = response as { body: unknown; headers: unknown; statusCode: number };
			return { body: full.body, headers: lowerCaseHeaders(full.headers), statusCode: full.statusCode } satisfies FullResponse;
		} catch (error) {
			const failure = readHttpFailure(error);
			if (failure.status === 429 && retry < RATE_LIMIT_RETRIES && !cancelled(ctx)) {
				await sleep(retryDelayMs(failure.headers['retry-after'], retry));
				continue;
			}
			throw callError(ctx.getNode(), failure, {
				path,
				itemIndex: options.itemIndex,
				statusMessages: options.statusMessages,
			});
		}
	}
}

/** Whether the execution was cancelled (pickers have no execution to cancel). */
export function cancelled(ctx: Context): boolean {
	return 'getExecutionCancelSignal' in ctx ? Boolean(ctx.getExecutionCancelSignal()?.aborted) : false;
}
