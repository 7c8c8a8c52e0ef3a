import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { apiError, bodyObject, readHttpFailure } from '../shared/http-failure';
import { portalBase } from './portal';

export const CREDENTIAL = 'cloutilityApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface Portal {
	baseUrl: string;
}

/** Where calls go; read once per node run. */
export async function portalOf(ctx: Context): Promise<Portal> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	return { baseUrl: portalBase(credentials.baseUrl) };
}

export interface PortalCall {
	method: IHttpRequestMethods;
	/** The path with its placeholders filled in (and encoded). */
	path: string;
	/** The catalog's path template, for error messages. */
	template?: string;
	/** Query parameters in order; a name may repeat (`types=0&types=100`). */
	query?: Array<[string, string]>;
	body?: IDataObject | Buffer;
	headers?: Record<string, string>;
	itemIndex?: number;
}

/** The portal's error envelope ({status, code, message, developerMessage}), or what can be read of another shape. */
function envelope(body: unknown): { message?: string; developerMessage?: string; code?: string } {
	const object = bodyObject(body);
	const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
	if (object) {
		return {
			message: text(object.message) ?? text(object.Message) ?? text(object.error_description) ?? text(object.error),
			developerMessage: text(object.developerMessage) ?? text(object.MessageDetail) ?? text(object.ExceptionMessage),
			code: typeof object.code === 'number' ? String(object.code) : text(object.code),
		};
	}
	if (typeof body === 'string' && body.trim() && body.length < 300 && !body.includes('<')) return { message: body.trim() };
	return {};
}

const STATUS_HINTS: Record<number, string> = {
	400: 'The portal refused the request as invalid',
	401: 'The access token was refused even after signing in again; check the Cloutility credential',
	403: 'The signed-in user may not do this here, or the origin is not the one registered for the client ID',
	404: 'Not found: check the IDs (business unit, consumption unit...) and that the user can see them',
	409: 'Conflicts with the current state (e.g. the node already exists or is already activated)',
};

export function queryString(query: Array<[string, string]> = []): string {
	if (query.length === 0) return '';
	return `?${query.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}`;
}

/** The one place that sends Cloutility requests and turns failures into readable errors. */
export async function portalRequest(ctx: Context, portal: Portal, call: PortalCall): Promise<unknown> {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${portal.baseUrl}${call.path}${queryString(call.query)}`,
		json: true,
	};
	if (call.headers) options.headers = { ...call.headers };
	if (call.body !== undefined) options.body = call.body;
	try {
		return await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, options);
	} catch (error) {
		const failure = readHttpFailure(error);
		const said = envelope(failure.body);
		const hint = failure.status ? STATUS_HINTS[failure.status] : undefined;
		const message =
			said.message ??
			said.developerMessage ??
			(failure.status ? `Cloutility answered HTTP ${failure.status}` : `Cloutility request failed: ${failure.message}`);
		const description = [
			said.developerMessage && said.developerMessage !== message ? said.developerMessage : undefined,
			said.code ? `Code: ${said.code}` : undefined,
			hint,
			failure.status ? `HTTP ${failure.status} on ${call.method} ${call.template ?? call.path}` : undefined,
		]
			.filter(Boolean)
			.join('. ');
		throw apiError(ctx.getNode(), failure, { message, description: description || undefined, itemIndex: call.itemIndex });
	}
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
