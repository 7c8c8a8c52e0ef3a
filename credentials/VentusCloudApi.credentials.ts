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
import { readHttpFailure } from '../nodes/shared/http';
import { loginFailure, sharedLogin, type LoginWords } from '../nodes/shared/login';

/** How long the token call may stay silent before it is given up. */
const TOKEN_TIMEOUT_MS = 30_000;

const LOGIN_WORDS: LoginWords = {
	service: 'Ventus Cloud',
	refused: {
		400: 'rejected the username or password',
		401: 'rejected the username or password',
		403: 'rejected the username or password',
	},
};

interface TokenAnswer {
	id_token?: unknown;
	access_token?: unknown;
}

/**
 * Why a service that takes only the documented form cannot be asked: said when the token route refuses POST.
 * Ventus documents the token call as a GET carrying the JSON body; n8n's HTTP client drops the body of a GET, and
 * a community node may use no other client (n8n's package scanner refuses Node's http modules).
 */
const GET_ONLY =
	'the token service does not take POST, and its documented form (a GET carrying the username and password as a JSON body) is one n8n\'s HTTP client cannot send';

/**
 * Ventus Cloud: a username and password are exchanged at the auth service for an ID token and an
 * access token (both JWTs). Every API call carries both. The tokens live in hidden fields (the ID token
 * is the expirable one): n8n fills them on first use and again whenever the API answers 401. The token call
 * goes through n8n's own HTTP client as a POST with the documented JSON body (see GET_ONLY).
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

		// Requests that start together on an empty or expired token share one login; requests that were in
		// flight with the tokens another request has just replaced get that request's new tokens.
		const presented = typeof credentials.idToken === 'string' ? credentials.idToken : undefined;
		return await sharedLogin({ authUrl, ...credentialsBody }, async () => {
			let answer: TokenAnswer | undefined;
			try {
				answer = (await this.helpers.httpRequest({
					method: 'POST',
					url: url.href,
					body: credentialsBody,
					json: true,
					timeout: TOKEN_TIMEOUT_MS,
				})) as TokenAnswer;
			} catch (error) {
				const status = readHttpFailure(error).status;
				if (status === 404 || status === 405) throw new Error(`Ventus Cloud: ${GET_ONLY} (HTTP ${status})`);
				throw new Error(loginFailure(error, LOGIN_WORDS));
			}
			if (typeof answer?.id_token !== 'string' || typeof answer?.access_token !== 'string') {
				throw new Error('Ventus Cloud auth service answered without an id_token and access_token');
			}
			return { idToken: answer.id_token, accessToken: answer.access_token };
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
