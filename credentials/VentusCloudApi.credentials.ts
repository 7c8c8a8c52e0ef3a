// The documented token call is a GET carrying a JSON body, which n8n's request helpers cannot send (they drop
// a GET's body); Node's own client sends it as documented. No dependency: these are Node's built-in modules.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { request as plainRequest } from 'node:http';
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports
import { request as tlsRequest } from 'node:https';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { CREDENTIAL, DEFAULT_API_URL, DEFAULT_AUTH_URL } from '../nodes/VentusCloud/api';
import { readHttpFailure, RESPONSE_CUT } from '../nodes/shared/http';
import { loginFailure, sharedLogin, type LoginWords } from '../nodes/shared/login';

/** How long the token call may stay silent before it is given up. */
const TOKEN_TIMEOUT_MS = 30_000;

/** The largest token answer read (two JWTs are a few kilobytes). */
const MAX_TOKEN_ANSWER = 1024 * 1024;

const LOGIN_WORDS: LoginWords = {
	service: 'Ventus Cloud',
	refused: {
		400: 'rejected the username or password',
		401: 'rejected the username or password',
		403: 'rejected the username or password',
	},
};

/** The two forms of the token call: `GET` with a JSON body (documented), or `POST` with it (fallback). */
type TokenForm = 'GET' | 'POST';

interface TokenAnswer {
	id_token?: unknown;
	access_token?: unknown;
}

/** A failed token call: its status or network code, never anything that was sent. */
class TokenCallFailure extends Error {
	readonly response?: { status: number };

	constructor(
		status: number | undefined,
		readonly code?: string,
	) {
		super(status ? `HTTP ${status}` : (code ?? 'network error'));
		if (status) this.response = { status };
	}
}

/** The documented form: `GET` with the JSON body, over http or https as the URL says, with a timeout. */
async function getWithBody(url: URL, body: string): Promise<TokenAnswer | undefined> {
	const send = url.protocol === 'https:' ? tlsRequest : plainRequest;
	return await new Promise((resolve, reject) => {
		const request = send(
			url,
			{
				method: 'GET',
				headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': Buffer.byteLength(body) },
			},
			(response) => {
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > MAX_TOKEN_ANSWER) request.destroy(new TokenCallFailure(undefined, RESPONSE_CUT));
					else chunks.push(chunk);
				});
				response.on('error', () => reject(new TokenCallFailure(undefined, RESPONSE_CUT)));
				response.on('close', () => {
					if (!response.complete) return reject(new TokenCallFailure(undefined, RESPONSE_CUT));
					const status = response.statusCode ?? 0;
					if (status < 200 || status >= 300) return reject(new TokenCallFailure(status));
					try {
						resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as TokenAnswer);
					} catch {
						resolve(undefined);
					}
				});
			},
		);
		request.setTimeout(TOKEN_TIMEOUT_MS, () => request.destroy(new TokenCallFailure(undefined, 'ETIMEDOUT')));
		request.on('error', (error: Error & { code?: string }) =>
			reject(error instanceof TokenCallFailure ? error : new TokenCallFailure(undefined, error.code ?? 'ECONNRESET')),
		);
		request.end(body);
	});
}

/**
 * Ventus Cloud: a username and password are exchanged at the auth service for an ID token and an
 * access token (both JWTs). Every API call carries both. The tokens live in hidden fields (the ID token
 * is the expirable one): n8n fills them on first use and again whenever the API answers 401. Which form
 * of the token call the auth service took (GET as documented, or POST) is remembered in a hidden field.
 */
export class VentusCloudApi implements ICredentialType {
	name = CREDENTIAL;

	displayName = 'Ventus Cloud API';

	icon: Icon = {
		light: 'file:../nodes/VentusCloud/ventusCloud.svg',
		dark: 'file:../nodes/VentusCloud/ventusCloud.dark.svg',
	};

	documentationUrl = 'https://docs.ventuscloud.eu/tutorials-advanced/org-management-over-api/';

	properties: INodeProperties[] = [
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'name@company.com',
			description: 'The e-mail address you log in to the Ventus Console with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The UUID in the Ventus Console address of your organization: console.ventuscloud.eu/organizations/&lt;ID&gt;/projects',
		},
		{
			displayName: 'Auth URL',
			name: 'authUrl',
			type: 'string',
			default: DEFAULT_AUTH_URL,
			description: 'Where tokens are requested (the get-tokens service)',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: DEFAULT_API_URL,
		},
		{
			displayName: 'ID Token',
			name: 'idToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Login Method',
			name: 'loginMethod',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const authUrl = String(credentials.authUrl || DEFAULT_AUTH_URL).trim().replace(/\/+$/, '');
		let url: URL;
		try {
			url = new URL(`${authUrl}/get-tokens`);
		} catch {
			throw new Error('Ventus Cloud: the Auth URL is not a valid URL');
		}
		if (url.protocol !== 'https:' && url.protocol !== 'http:') {
			throw new Error('Ventus Cloud: the Auth URL must start with https:// (or http://)');
		}
		const credentialsBody = { username: credentials.username, password: credentials.password };
		const remembered: TokenForm = credentials.loginMethod === 'POST' ? 'POST' : 'GET';
		const send = async (form: TokenForm) =>
			form === 'GET'
				? await getWithBody(url, JSON.stringify(credentialsBody))
				: ((await this.helpers.httpRequest({ method: 'POST', url: url.href, body: credentialsBody, json: true })) as TokenAnswer);

		// Requests that start together on an empty or expired token share one login; requests that were in
		// flight with the tokens another request has just replaced get that request's new tokens.
		const presented = typeof credentials.idToken === 'string' ? credentials.idToken : undefined;
		return await sharedLogin({ authUrl, ...credentialsBody, remembered }, async () => {
			let form = remembered;
			let answer: TokenAnswer | undefined;
			try {
				answer = await send(form);
			} catch (error) {
				// Only "no such route or method" means the other form may work; anything else is the answer.
				const status = readHttpFailure(error).status;
				if (status !== 404 && status !== 405) throw new Error(loginFailure(error, LOGIN_WORDS));
				form = form === 'GET' ? 'POST' : 'GET';
				try {
					answer = await send(form);
				} catch (fallbackError) {
					throw new Error(loginFailure(fallbackError, LOGIN_WORDS));
				}
			}
			if (typeof answer?.id_token !== 'string' || typeof answer?.access_token !== 'string') {
				throw new Error('Ventus Cloud auth service answered without an id_token and access_token');
			}
			return { idToken: answer.id_token, accessToken: answer.access_token, loginMethod: form };
		}, presented);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.idToken}}',
				Access: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiUrl.trim().replace(/\\/+$/, "")}}',
			// An organization ID of "." or ".." would address another route: it is asked for as an unknown one.
			url: '=/v1.0/invoke/gotham-enterprises/method/orgs/{{ /^\\.{1,2}$/.test($credentials.organizationId.trim()) ? "invalid-organization-id" : encodeURIComponent($credentials.organizationId.trim()) }}/projects',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 403, message: 'This user has no access to the organization ID given' },
			},
			{
				type: 'responseCode',
				properties: { value: 404, message: 'No organization with this ID' },
			},
		],
	};
}
