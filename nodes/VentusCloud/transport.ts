/**
 * The one place that sends Ventus Cloud API requests: with the credential's tokens (n8n logs in through
 * the credential when they are missing and once more on a 401), under the shared retry policy, and with
 * every failure turned into a scrubbed error (errors.ts).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { sendWithRetries } from '../shared/retry';
import { CREDENTIAL } from './api';
import { providerError } from './errors';

/** Where calls are made from: the action node, a picker, the trigger's poll. */
export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface Connection {
	apiUrl: string;
	organizationId: string;
}

/** Where calls go and for which organization; read once per node run. */
export async function connect(ctx: Context): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	return { apiUrl: String(credentials.apiUrl ?? ''), organizationId: String(credentials.organizationId ?? '').trim() };
}

interface ApiCall {
	method: IHttpRequestMethods;
	url: string;
	body?: IDataObject;
	/** Whether sending it twice is harmless. */
	safe: boolean;
	/** The gateway app it goes to, for error descriptions (never the URL: it may hold a name the user typed). */
	app: string;
	itemIndex?: number;
}

/** Sends a call and returns the parsed answer; throws a NodeApiError (after retries) when it failed. */
export async function apiRequest(ctx: Context, call: ApiCall): Promise<unknown> {
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	const attempt = await sendWithRetries(
		ctx,
		async () =>
			(await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, {
				method: call.method,
				url: call.url,
				json: true,
				...(call.body ? { body: call.body } : {}),
			})) as unknown,
		{ safe: call.safe, signal },
	);
	if (attempt.ok) return attempt.value;
	throw await providerError(ctx, attempt.failure, { method: call.method, app: call.app, tries: attempt.tries, itemIndex: call.itemIndex });
}
