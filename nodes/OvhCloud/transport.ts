/**
 * The one place that sends OVHcloud requests: base URLs per branch, the two credentials, unauthenticated
 * calls, the retry after a rejected timestamp, and errors carrying OVHcloud's code, message and query ID.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { apiError, bodyObject, readHttpFailure, type HttpFailure } from '../shared/http-failure';
import { branchUrl, oauth2ApiUrl, signedApiUrl } from './endpoints';

export const SIGNED = 'ovhCloudApi';
export const SERVICE_ACCOUNT = 'ovhCloudOAuth2Api';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface OvhSession {
	credential: typeof SIGNED | typeof SERVICE_ACCOUNT;
	/** The v1 base URL (`…/1.0`); v2 is derived from it. */
	v1Url: string;
	/** Sent alone on unauthenticated calls (signed credential only). */
	applicationKey?: string;
	/** Set once the clock offset was measured again in this run: a second INVALID_SIGNATURE is then final. */
	clockRechecked: boolean;
}

/** Which credential the node uses and where it points; read once per run. */
export async function ovhSession(ctx: Context): Promise<OvhSession> {
	const parameter =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, SIGNED)
			: (ctx.getCurrentNodeParameter('authentication') ?? SIGNED);
	const credential = parameter === SERVICE_ACCOUNT ? SERVICE_ACCOUNT : SIGNED;
	const data = await ctx.getCredentials(credential);
	if (credential === SERVICE_ACCOUNT) return { credential, v1Url: oauth2ApiUrl(data), clockRechecked: false };
	return {
		credential,
		v1Url: signedApiUrl(data),
		applicationKey: String(data.applicationKey ?? ''),
		clockRechecked: false,
	};
}

export interface OvhCall {
	method: IHttpRequestMethods;
	branch: 'v1' | 'v2';
	/** The path inside the branch, placeholders already filled and encoded. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	/** Send only X-Ovh-Application: no signature, no token. */
	unauthenticated?: boolean;
	itemIndex?: number;
}

export interface OvhResponse {
	body: unknown;
	headers: Record<string, string>;
}

/** Error codes behind which a wrong clock may hide (the timestamp is part of the signature). */
const CLOCK_SUSPECTS = new Set(['INVALID_SIGNATURE', 'QUERY_TIME_OUT']);

/** What to tell a person, by OVHcloud error code. */
const HINTS: Record<string, string> = {
	INVALID_SIGNATURE:
		'The signature was refused even with a fresh clock offset: check that the application secret belongs to the application key, and the consumer key',
	INVALID_KEY: 'The application key is not known to this endpoint: check the application key and the endpoint of the credential',
	INVALID_CREDENTIAL:
		'The consumer key is not valid: it was never validated at its validation URL, has expired or was revoked. Request a new one',
	NOT_CREDENTIAL: 'No consumer key was given: request one with the Auth Helper operation "Request Consumer Key"',
	NOT_GRANTED_CALL: "The consumer key's access rules do not include this call: request a consumer key whose rules do",
	QUERY_TIME_OUT: 'The request timestamp was refused even with a fresh clock offset',
};

function headerMap(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
		if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
	}
	return result;
}

function errorCode(failure: HttpFailure): string | undefined {
	const code = bodyObject(failure.body)?.errorCode;
	return typeof code === 'string' ? code : undefined;
}

/** Turns a failure into a NodeApiError with OVHcloud's message, error code, the route and the query ID. */
function ovhError(ctx: Context, call: OvhCall, failure: HttpFailure) {
	const body = bodyObject(failure.body);
	const code = errorCode(failure);
	const queryId = failure.headers['x-ovh-queryid'];
	const route = `${call.method} ${call.branch === 'v2' ? '/v2' : ''}${call.path}`;
	const ovhMessage = typeof body?.message === 'string' && body.message.trim() ? body.message.trim() : undefined;
	let message: string;
	if (code === 'NOT_GRANTED_CALL') message = `This consumer key may not call ${route} (NOT_GRANTED_CALL)`;
	else if (ovhMessage) message = code ? `${ovhMessage} (${code})` : ovhMessage;
	else if (failure.status) message = `OVHcloud answered HTTP ${failure.status}`;
	else message = `OVHcloud request failed: ${failure.message}`;
	const description = [
		code ? HINTS[code] : undefined,
		ovhMessage && code === 'NOT_GRANTED_CALL' ? `OVHcloud said: ${ovhMessage}` : undefined,
		failure.status ? `HTTP ${failure.status} on ${route}` : `On ${route}`,
		queryId ? `OVHcloud query ID: ${queryId}` : undefined,
	]
		.filter(Boolean)
		.join('. ');
	return apiError(ctx.getNode(), failure, { message, description, itemIndex: call.itemIndex });
}

function requestOptions(session: OvhSession, call: OvhCall): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${branchUrl(session.v1Url, call.branch)}${call.path}`,
		headers: { Accept: 'application/json', ...(call.headers ?? {}) },
		json: true,
		returnFullResponse: true,
	};
	if (call.qs && Object.keys(call.qs).length) options.qs = call.qs;
	if (call.body !== undefined) options.body = call.body as IHttpRequestOptions['body'];
	return options;
}

async function send(ctx: Context, session: OvhSession, call: OvhCall, retryStatus?: number[] | number) {
	const options = requestOptions(session, call);
	if (call.unauthenticated) {
		// No credential involved: only the application key, as OVHcloud asks for unauthenticated calls.
		if (session.applicationKey) (options.headers as IDataObject)['X-Ovh-Application'] = session.applicationKey;
		options.arrayFormat = 'repeat';
		return (await ctx.helpers.httpRequest(options)) as IN8nHttpFullResponse;
	}
	const extra = retryStatus === undefined ? undefined : { preAuthenticationRetryStatusCode: retryStatus };
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, session.credential, options, extra)) as IN8nHttpFullResponse;
}

/**
 * Sends one call. Signed calls are not retried on 401 (the clock has nothing to do with it). When a signed
 * call comes back 400 INVALID_SIGNATURE, the clock offset may be stale: the call is sent again allowing n8n to
 * re-measure the offset if that is refused too (preAuthentication on 400, stored with the credential, one
 * last attempt). This happens at most once per run, so a wrong secret does not cost a re-measure per item.
 * Service-account calls keep n8n's default: a 401 fetches a new token once and retries.
 */
export async function ovhRequest(ctx: Context, session: OvhSession, call: OvhCall): Promise<OvhResponse> {
	const signed = session.credential === SIGNED && !call.unauthenticated;
	let response: IN8nHttpFullResponse | undefined;
	let failure: HttpFailure | undefined;
	try {
		response = await send(ctx, session, call, signed ? [] : undefined);
	} catch (error) {
		failure = readHttpFailure(error);
	}
	const code = failure ? errorCode(failure) : undefined;
	if (failure && signed && !session.clockRechecked && code && CLOCK_SUSPECTS.has(code)) {
		session.clockRechecked = true;
		failure = undefined;
		try {
			response = await send(ctx, session, call, 400);
		} catch (error) {
			failure = readHttpFailure(error);
		}
	}
	if (failure || !response) throw ovhError(ctx, call, failure ?? readHttpFailure(undefined));
	let body = response.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	return { body, headers: headerMap(response.headers) };
}
