import { createHash } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { ENDPOINT_OPTIONS, ENDPOINT_URLS, signedApiUrl } from '../nodes/OvhCloud/api';
import { readHttpFailure } from '../nodes/shared/http';
import { loginFailure, sharedLogin } from '../nodes/shared/login';
import { encodeStrict } from '../nodes/shared/path';

/*
 * OVHcloud signed requests. Every authenticated call carries X-Ovh-Application (application key),
 * X-Ovh-Consumer (consumer key), X-Ovh-Timestamp and X-Ovh-Signature = "$1$" + SHA-1 hex of
 *     applicationSecret + consumerKey + METHOD + URL + BODY + TIMESTAMP     (joined with "+")
 * where URL and BODY must be exactly what goes on the wire. `authenticate` therefore decides the wire form
 * itself before signing: it puts the query string into the URL (strict percent-encoding, keys in order,
 * arrays as repeated keys) in the form Node's URL parser keeps as is, and turns any body into the exact
 * bytes to send (objects become JSON with a JSON Content-Type). It then returns those options, so n8n sends
 * what was signed, from this package's node as well as from n8n's HTTP Request node.
 *
 * The timestamp is the local clock plus the offset to OVHcloud's clock, a hidden expirable field
 * (`clockOffset`, seconds) that `preAuthentication` fills with one `GET /auth/time` (concurrent requests
 * share it); with none stored, the local clock is used as is. When it is measured again: nodes/OvhCloud/clock.ts.
 */

type ArrayFormat = 'repeat' | 'brackets' | 'indices';

function queryValue(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/** A query object as text: keys in the order given, arrays as repeated keys, undefined and null left out. */
export function queryString(qs: IDataObject | undefined, arrayFormat: ArrayFormat = 'repeat'): string {
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === null) continue;
		if (Array.isArray(value)) {
			value.forEach((element, index) => {
				if (element === undefined || element === null) return;
				const name = arrayFormat === 'brackets' ? `${key}[]` : arrayFormat === 'indices' ? `${key}[${index}]` : key;
				pairs.push(`${encodeStrict(name)}=${encodeStrict(queryValue(element))}`);
			});
		} else {
			pairs.push(`${encodeStrict(key)}=${encodeStrict(queryValue(value))}`);
		}
	}
	return pairs.join('&');
}

/** `X-Ovh-Signature` for one request. */
export function ovhSignature(
	applicationSecret: string,
	consumerKey: string,
	method: string,
	url: string,
	body: string | Buffer,
	timestamp: number,
): string {
	const hash = createHash('sha1');
	hash.update(`${applicationSecret}+${consumerKey}+${method.toUpperCase()}+${url}+`);
	hash.update(body);
	hash.update(`+${timestamp}`);
	return `$1$${hash.digest('hex')}`;
}

/** Options as either of n8n's request helpers pass them (`url` or the legacy `uri`, `qsStringifyOptions`). */
type RequestLike = IHttpRequestOptions & {
	uri?: string;
	qsStringifyOptions?: { arrayFormat?: string };
	useQuerystring?: boolean;
	form?: unknown;
	formData?: unknown;
};

const ABSOLUTE = /^[a-z][a-z\d+\-.]*:\/\//i;

/** The URL a request goes to, query string included, in the exact form that is sent. */
export function wireUrl(options: RequestLike): string {
	const target = String(options.url ?? options.uri ?? '');
	const joined =
		ABSOLUTE.test(target) || !options.baseURL
			? target
			: `${String(options.baseURL).replace(/\/+$/, '')}/${target.replace(/^\/+/, '')}`;
	const parsed = new URL(joined);
	const format = options.arrayFormat ?? options.qsStringifyOptions?.arrayFormat;
	const added = queryString(options.qs, format === 'brackets' || format === 'indices' ? format : 'repeat');
	const query = [parsed.search.replace(/^\?/, ''), added].filter(Boolean).join('&');
	// Parsed once more, so the signed text is what Node's URL parser (and so the HTTP client) makes of it.
	const wire = new URL(`${parsed.origin}${parsed.pathname}${query ? `?${query}` : ''}`);
	return `${wire.origin}${wire.pathname}${wire.search}`;
}

function headerKey(headers: IDataObject, name: string): string | undefined {
	return Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
}

/** The body as the bytes that are sent (undefined: no body). */
export function wireBody(options: RequestLike, headers: IDataObject): Buffer | undefined {
	const method = String(options.method ?? 'GET').toUpperCase();
	const { body } = options;
	if (options.form !== undefined || options.formData !== undefined) {
		throw new Error('OVHcloud requests carry JSON bodies; form and multipart bodies cannot be signed');
	}
	// n8n never sends a body with GET or HEAD, nor an empty object or string.
	if (method === 'GET' || method === 'HEAD' || body === undefined || body === null || body === '') return undefined;
	const contentType = (type: string) => {
		if (!headerKey(headers, 'content-type')) headers['Content-Type'] = type;
	};
	if (Buffer.isBuffer(body)) return body.length ? body : undefined;
	if (typeof body === 'string') {
		contentType('application/json');
		return Buffer.from(body, 'utf8');
	}
	if (body instanceof URLSearchParams) {
		contentType('application/x-www-form-urlencoded');
		return Buffer.from(body.toString(), 'utf8');
	}
	if (typeof body === 'object') {
		if (typeof (body as { getHeaders?: unknown }).getHeaders === 'function') {
			throw new Error('OVHcloud requests carry JSON bodies; multipart bodies cannot be signed');
		}
		if (Object.keys(body).length === 0) return undefined;
		contentType('application/json');
		return Buffer.from(JSON.stringify(body), 'utf8');
	}
	contentType('application/json');
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/** Seconds to add to the local clock, from the stored offset (0 when none is stored). */
export function clockOffset(credentials: ICredentialDataDecryptedObject): number {
	const offset = Number(credentials.clockOffset ?? 0);
	return Number.isFinite(offset) ? Math.trunc(offset) : 0;
}

/** The options with the URL, body and headers that go on the wire, signed. */
export function signRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	now = Date.now(),
): IHttpRequestOptions {
	const options = { ...requestOptions } as RequestLike;
	const headers: IDataObject = { ...(options.headers ?? {}) };
	const url = wireUrl(options);
	const body = wireBody(options, headers);
	for (const name of ['X-Ovh-Application', 'X-Ovh-Consumer', 'X-Ovh-Timestamp', 'X-Ovh-Signature']) {
		const existing = headerKey(headers, name);
		if (existing) delete headers[existing];
	}
	const timestamp = Math.floor(now / 1000) + clockOffset(credentials);
	const method = String(options.method ?? 'GET').toUpperCase();
	headers['X-Ovh-Application'] = String(credentials.applicationKey ?? '');
	headers['X-Ovh-Consumer'] = String(credentials.consumerKey ?? '');
	headers['X-Ovh-Timestamp'] = String(timestamp);
	headers['X-Ovh-Signature'] = ovhSignature(
		String(credentials.applicationSecret ?? ''),
		String(credentials.consumerKey ?? ''),
		method,
		url,
		body ?? '',
		timestamp,
	);
	delete options.qs;
	delete options.baseURL;
	delete options.arrayFormat;
	delete options.qsStringifyOptions;
	if (options.uri !== undefined && options.url === undefined) options.uri = url;
	else options.url = url;
	if (body) options.body = body;
	else delete options.body;
	options.headers = headers;
	return options;
}

/** What a failed GET /auth/time means, in words that contain nothing that was sent. */
function timeFailure(error: unknown): string {
	const { status } = readHttpFailure(error);
	if (status) return `OVHcloud did not tell its time (GET /auth/time answered HTTP ${status}); check the endpoint`;
	return loginFailure(error, { service: 'OVHcloud API' });
}

/** Seconds to add to the local clock to get OVHcloud's, from one `GET /auth/time`. */
async function measureOffset(helper: IHttpRequestHelper, url: string, applicationKey: string): Promise<string> {
	let serverTime: unknown;
	try {
		serverTime = await helper.helpers.httpRequest({
			method: 'GET',
			url: `${url}/auth/time`,
			headers: { 'X-Ovh-Application': applicationKey },
			json: true,
		});
	} catch (error) {
		throw new Error(timeFailure(error));
	}
	const seconds = Number(serverTime);
	if (typeof serverTime === 'object' || !Number.isFinite(seconds)) {
		throw new Error('OVHcloud GET /auth/time did not answer a Unix time; check the endpoint');
	}
	return String(Math.trunc(seconds) - Math.floor(Date.now() / 1000));
}

const URLS = JSON.stringify(ENDPOINT_URLS);

export class OvhCloudApi implements ICredentialType {
	name = 'ovhCloudApi';

	displayName = 'OVHcloud API';

	icon: Icon = { light: 'file:../nodes/OvhCloud/ovhCloud.svg', dark: 'file:../nodes/OvhCloud/ovhCloud.dark.svg' };

	documentationUrl = 'https://help.ovhcloud.com/csm/en-au-api-api-rights-delegation?id=kb_article_view&sysparm_article=KB0042796';

	properties: INodeProperties[] = [
		{
			displayName: 'Endpoint',
			name: 'endpoint',
			type: 'options',
			options: ENDPOINT_OPTIONS,
			default: 'ovh-eu',
			description: 'The API your account lives on',
		},
		{
			displayName: 'Custom URL',
			name: 'customUrl',
			type: 'string',
			default: '',
			placeholder: 'https://eu.api.ovh.com/1.0',
			displayOptions: { show: { endpoint: ['custom'] } },
			description: 'The v1 base URL, ending in /1.0 or /v1 (v2 calls go to /v2 on the same host)',
		},
		{
			displayName: 'Application Key',
			name: 'applicationKey',
			type: 'string',
			default: '',
			required: true,
			description: 'The application key (AK) shown when the application was created',
		},
		{
			displayName: 'Application Secret',
			name: 'applicationSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The application secret (AS): it signs every request and is never sent',
		},
		// A consumer key is a bearer secret: with the application key it grants the API access it was
		// validated for, so it is masked like one (the rule judges by the field's name only).
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The consumer key (CK) a customer validated for this application. Get one with the OVHcloud node\'s "Request Consumer Key" operation, or when creating the application at /createToken. Leave empty only to request one.',
		},
		{
			displayName: 'Clock Offset',
			name: 'clockOffset',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const url = signedApiUrl(credentials);
		if (!/^https?:\/\//i.test(url)) {
			throw new Error('The OVHcloud credential has no valid Custom URL (e.g. https://eu.api.ovh.com/1.0)');
		}
		const applicationKey = String(credentials.applicationKey ?? '');
		return { clockOffset: await sharedLogin({ url, applicationKey }, async () => await measureOffset(this, url, applicationKey)) };
	}

	// A property, not a method: n8n copies credential types with `{ ...type }` when it lists them for the HTTP
	// Request node's "Predefined Credential Type", and a method would not survive the copy.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> =>
		signRequest(credentials, requestOptions);

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${URLS}[$credentials.endpoint] || String($credentials.customUrl).trim().replace(/\\/+$/, "") }}`,
			url: '/auth/currentCredential',
			method: 'GET',
			// 400 and 403 come back as the answer, so the rules below can tell the causes apart by OVHcloud's error code.
			ignoreHttpStatusErrors: { ignore: true, except: [401, 404, 405, 408, 429, 500, 502, 503, 504] },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorCode',
					value: 'INVALID_KEY',
					message: 'The application key is not known to this endpoint (INVALID_KEY): check the application key and the endpoint',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorCode',
					value: 'INVALID_SIGNATURE',
					message:
						'The signature was refused (INVALID_SIGNATURE): the application secret does not match the application key, or the consumer key is wrong',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorCode',
					value: 'INVALID_CREDENTIAL',
					message:
						'The consumer key is not valid (INVALID_CREDENTIAL): it was never validated at its validation URL, has expired or was revoked',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorCode',
					value: 'NOT_GRANTED_CALL',
					message:
						"The consumer key's access rules do not allow GET /auth/currentCredential (NOT_GRANTED_CALL): request a consumer key with a rule for it",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'pendingValidation',
					message: 'The consumer key is waiting for validation: open its validation URL and log in as the account owner',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 'expired', message: 'The consumer key has expired: request a new one' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 'refused', message: 'The account owner refused this consumer key: request a new one' },
			},
			// Any other refusal in OVHcloud's error format.
			{
				type: 'responseSuccessBody',
				properties: { key: 'httpCode', value: '400 Bad Request', message: 'OVHcloud refused the request (HTTP 400)' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'httpCode', value: '403 Forbidden', message: 'OVHcloud refused access (HTTP 403)' },
			},
		],
	};
}
