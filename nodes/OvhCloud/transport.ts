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
	IPollFunctions,
} from 'n8n-workflow';

import { lowerCaseHeaders } from '../shared/http';
import { sendWithRetries, type Attempt } from '../shared/retry';
import { scrubberFor } from '../shared/secrets';
import { branchUrl, oauth2ApiUrl, SECRET_FIELDS, SERVICE_ACCOUNT, SIGNED, signedApiUrl, type OvhCredentialType } from './api';
import { ClockCheck } from './clock';
import { providerError } from './errors';

export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface Connection {
	credential: OvhCredentialType;
	/** The v1 base URL (`…/1.0`); v2 is derived from it. */
	v1Url: string;
	/** Sent alone on unauthenticated calls (signed credential only). */
	applicationKey?: string;
	/** The run's clock re-measure (signed credential). */
	clock: ClockCheck;
}

/** Which credential the node uses and where it points; read once per run. */
export async function connect(ctx: Context): Promise<Connection> {
	const parameter =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, SIGNED)
			: 'getCurrentNodeParameter' in ctx
				? (ctx.getCurrentNodeParameter('authentication') ?? SIGNED)
				: ctx.getNodeParameter('authentication', SIGNED);
	const credential = parameter === SERVICE_ACCOUNT ? SERVICE_ACCOUNT : SIGNED;
	const data = await ctx.getCredentials(credential);
	const clock = new ClockCheck();
	if (credential === SERVICE_ACCOUNT) return { credential, v1Url: oauth2ApiUrl(data), clock };
	return { credential, v1Url: signedApiUrl(data), applicationKey: String(data.applicationKey ?? ''), clock };
}

export interface ApiCall {
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

function requestOptions(session: Connection, call: ApiCall): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${branchUrl(session.v1Url, call.branch)}${call.path}`,
		headers: { Accept: 'application/json', ...(call.headers ?? {}) },
		json: true,
		returnFullResponse: true,
	};
	if (call.qs && Object.keys(call.qs).length) {
		options.qs = call.qs;
		// Lists as OVHcloud reads them: `priority=HIGH&priority=LOW` (with any credential, or none).
		options.arrayFormat = 'repeat';
	}
	if (call.body !== undefined) options.body = call.body as IHttpRequestOptions['body'];
	return options;
}

/** Sends a call once. `retryStatus`: the statuses after which n8n runs the credential's preAuthentication and sends again. */
async function send(ctx: Context, session: Connection, call: ApiCall, retryStatus?: number[] | number): Promise<IN8nHttpFullResponse> {
	const options = requestOptions(session, call);
	if (call.unauthenticated) {
		// No credential involved: only the application key, as OVHcloud asks for unauthenticated calls.
		if (session.applicationKey) (options.headers as IDataObject)['X-Ovh-Application'] = session.applicationKey;
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
export async function apiRequest(ctx: Context, session: Connection, call: ApiCall): Promise<OvhResponse> {
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
		throw providerError(ctx.getNode(), outcome.failure, { route, tries: outcome.tries, itemIndex: call.itemIndex }, scrubber);
	}
	let body = outcome.value.body;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	return { body, headers: lowerCaseHeaders(outcome.value.headers) };
}

/** Thrown while reading a document that is larger than allowed (never retried). */
export class DocumentTooLarge extends Error {
	constructor(readonly maxBytes: number) {
		super(`The document is larger than ${maxBytes} bytes`);
	}
}

export interface DocumentHop {
	/** 2xx: the document's bytes. */
	body: Buffer;
	headers: Record<string, string>;
}

/** A response body read as a stream. */
interface ByteStream extends AsyncIterable<Buffer | string> {
	destroy(): void;
}

interface ErrorWithBody {
	response?: { data?: unknown };
	cause?: ErrorWithBody;
}

/** A refusal's body (an HTML page) is not read: its stream is closed and dropped; the failure goes on as it is. */
async function dropBody(error: unknown): Promise<never> {
	for (const layer of [error as ErrorWithBody | undefined, (error as ErrorWithBody | undefined)?.cause]) {
		const data = layer?.response?.data as Partial<ByteStream> | undefined;
		if (typeof data?.destroy === 'function') data.destroy();
		if (layer?.response) layer.response.data = undefined;
	}
	return await Promise.reject(error as Error);
}

async function readAtMost(stream: ByteStream, maxBytes: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
		size += bytes.length;
		if (size > maxBytes) {
			stream.destroy();
			throw new DocumentTooLarge(maxBytes);
		}
		chunks.push(bytes);
	}
	return Buffer.concat(chunks);
}

/**
 * One GET of a document link (a bill's PDF on OVHcloud's web site), under the retry policy: the URL exactly as
 * given, no credential and no X-Ovh-* header (the link carries its own token), redirects not followed (a 3xx is
 * a failure whose headers name the next hop), the body read as it arrives and refused past `maxBytes`.
 */
export async function fetchDocumentHop(ctx: Context, url: string, maxBytes: number): Promise<Attempt<DocumentHop>> {
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal?.() : undefined;
	return await sendWithRetries(
		ctx,
		async () => {
			const response = (await ctx.helpers
				.httpRequest({
					method: 'GET',
					url,
					headers: { Accept: 'application/pdf, */*' },
					encoding: 'stream',
					returnFullResponse: true,
					disableFollowRedirect: true,
				})
				.catch(dropBody)) as IN8nHttpFullResponse;
			const headers = lowerCaseHeaders(response.headers);
			const stream = response.body as ByteStream;
			if (Number(headers['content-length']) > maxBytes) {
				stream.destroy();
				throw new DocumentTooLarge(maxBytes);
			}
			return { body: await readAtMost(stream, maxBytes), headers };
		},
		{ safe: true, signal },
	);
}
