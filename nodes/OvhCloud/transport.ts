/**
 * The one place that sends OVHcloud requests: base URLs per branch, the two credentials, unauthenticated
 * calls, the shared retry policy (GET is safe to repeat), the clock re-measure after a refused timestamp
 * (clock.ts), and errors carrying OVHcloud's code, message and query ID (errors.ts), scrubbed of secrets.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { lowerCaseHeaders } from '../shared/http';
import { sendWithRetries } from '../shared/retry';
import { scrubberFor } from '../shared/secrets';
import { branchUrl, oauth2ApiUrl, SECRET_FIELDS, SERVICE_ACCOUNT, SIGNED, signedApiUrl, type OvhCredentialType } from './api';
import { ClockCheck } from './clock';
import { ovhError } from './errors';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface OvhSession {
	credential: OvhCredentialType;
	/** The v1 base URL (`…/1.0`); v2 is derived from it. */
	v1Url: string;
	/** Sent alone on unauthenticated calls (signed credential only). */
	applicationKey?: string;
	/** The run's clock re-measure (signed credential). */
	clock: ClockCheck;
}

/** Which credential the node uses and where it points; read once per run. */
export async function ovhSession(ctx: Context): Promise<OvhSession> {
	const parameter =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, SIGNED)
			: (ctx.getCurrentNodeParameter('authentication') ?? SIGNED);
	const credential = parameter === SERVICE_ACCOUNT ? SERVICE_ACCOUNT : SIGNED;
	const data = await ctx.getCredentials(credential);
	const clock = new ClockCheck();
	if (credential === SERVICE_ACCOUNT) return { credential, v1Url: oauth2ApiUrl(data), clock };
	return { credential, v1Url: signedApiUrl(data), applicationKey: String(data.applicationKey ?? ''), clock };
}

export interface OvhCall {
	method: IHttpRequestMethods;
	branch: 'v1' | 'v2';
	/** The path inside the branch, placeholders already filled, each value one encoded segment. */
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

/** Sends a call once. `retryStatus`: the statuses after which n8n runs the credential's preAuthentication and sends again. */
async function send(ctx: Context, session: OvhSession, call: OvhCall, retryStatus?: number[] | number): Promise<IN8nHttpFullResponse> {
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
 * Sends one call under the retry policy. Signed calls pass no status for n8n's own re-authentication (a 401
 * or 403 is about the keys, not the clock); the clock check decides when the offset is measured again.
 * Service-account calls keep n8n's default: a 401 fetches a new token once and sends again.
 */
export async function ovhRequest(ctx: Context, session: OvhSession, call: OvhCall): Promise<OvhResponse> {
	const signed = session.credential === SIGNED && !call.unauthenticated;
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	let signedIn = 0;
	const attempt = async (retryStatus?: number[] | number) =>
		await sendWithRetries(
			ctx,
			async () => {
				signedIn = session.clock.generation;
				return await send(ctx, session, call, retryStatus);
			},
			{ safe: call.method === 'GET', signal },
		);
	let outcome = await attempt(signed ? [] : undefined);
	if (!outcome.ok && signed) {
		const again = await session.clock.after(
			outcome.failure,
			signedIn,
			async () => await attempt(400),
			async () => await attempt([]),
		);
		outcome = again ?? outcome;
	}
	if (!outcome.ok) {
		const route = `${call.method} ${call.branch === 'v2' ? '/v2' : ''}${call.path}`;
		const scrubber = await scrubberFor(ctx, session.credential, SECRET_FIELDS[session.credential]);
		throw ovhError(ctx.getNode(), outcome.failure, { route, tries: outcome.tries, itemIndex: call.itemIndex }, scrubber);
	}
	let body = outcome.value.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	return { body, headers: lowerCaseHeaders(outcome.value.headers) };
}
