/** The one place that sends Cloutility requests: the portal's address, retries, and failures handed to errors.ts. */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

import { bodyObject } from '../shared/http';
import { sendWithRetries } from '../shared/retry';
import { CREDENTIAL, portalBase } from './api';
import { providerError } from './errors';

/** The action node, its pickers, and the trigger's polls. */
export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface Connection {
	baseUrl: string;
}

/** Where calls go; read once per node run. */
export async function connect(ctx: Context): Promise<Connection> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	return { baseUrl: portalBase(credentials.baseUrl) };
}

export interface ApiCall {
	method: IHttpRequestMethods;
	/** The path with its placeholders filled in (each value one encoded segment). */
	path: string;
	/** The catalog's path template, for error messages. */
	template?: string;
	/** Query parameters in order; a name may repeat (`types=0&types=100`). */
	query?: Array<[string, string]>;
	body?: IDataObject | unknown[] | Buffer;
	headers?: Record<string, string>;
	itemIndex?: number;
	/** Whether sending it twice is harmless (default: GET is, anything else is not). */
	safe?: boolean;
	/** Secret values the call carries (a node password), masked in any error. */
	secrets?: string[];
}

function queryString(query: Array<[string, string]> = []): string {
	if (query.length === 0) return '';
	return `?${query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}`;
}

/**
 * Sends one call under the shared retry policy: 429 and 503 are sent again after the pause the portal asks
 * for; 502, 504 and dropped connections only for calls that are safe to repeat. A failure becomes a
 * NodeApiError with the portal's message and no secret.
 */
export async function apiRequest(ctx: Context, portal: Connection, call: ApiCall): Promise<unknown> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${portal.baseUrl}${call.path}${queryString(call.query)}`,
		json: true,
	};
	if (call.headers) options.headers = { ...call.headers };
	if (call.body !== undefined) options.body = call.body;
	const attempt = await sendWithRetries(ctx, async () => await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, options), {
		safe: call.safe ?? call.method === 'GET',
		signal: 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined,
	});
	if (attempt.ok) return attempt.value;
	throw await providerError(ctx, attempt.failure, call, attempt.tries);
}

/** The entries of a list answer: the `items` of the portal's envelope, a bare array, or nothing. */
export function listItems(answer: unknown): unknown[] {
	if (Array.isArray(answer)) return answer;
	const object = bodyObject(answer);
	if (object && Array.isArray(object.items)) return object.items as unknown[];
	// An empty list envelope may leave `items` out altogether.
	if (object && typeof object.total === 'number' && ('href' in object || 'offset' in object)) return [];
	if (object && Object.keys(object).length > 0) return [object];
	return [];
}

/** The total a list envelope reports, if it does. */
export function listTotal(answer: unknown): number | undefined {
	const total = bodyObject(answer)?.total;
	return typeof total === 'number' && Number.isFinite(total) ? total : undefined;
}
