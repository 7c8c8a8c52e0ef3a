import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { OAUTH2_REGIONS, oauth2TokenUrl } from '../nodes/OvhCloud/api';
import { bodyObject, readHttpFailure } from '../nodes/shared/http';
import { loginFailure, sharedLogin } from '../nodes/shared/login';

/**
 * OVHcloud service accounts: OAuth2 client credentials. The client ID and secret are exchanged at the
 * region's token URL (scope `all`) for an access token, kept in a hidden expirable field: n8n fetches it on
 * first use (concurrent requests share one fetch), reuses it across calls and executions, and fetches a new
 * one once when the API answers 401.
 * Calls carry `Authorization: Bearer <token>` and no X-Ovh-* header (no signature, no clock involved).
 */
export class OvhCloudOAuth2Api implements ICredentialType {
	name = 'ovhCloudOAuth2Api';

	displayName = 'OVHcloud Service Account OAuth2 API';

	icon: Icon = { light: 'file:../nodes/OvhCloud/ovhCloud.svg', dark: 'file:../nodes/OvhCloud/ovhCloud.dark.svg' };

	documentationUrl = 'https://docs.ovhcloud.com/en/guides/manage-and-operate/api/manage-service-account';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'Europe (EU)', value: 'eu', description: 'Tokens from www.ovh.com, API at eu.api.ovh.com' },
				{ name: 'Europe (EU), New Hosts', value: 'ovhcloud-eu', description: 'Tokens from auth.eu.ovhcloud.com, API at api.eu.ovhcloud.com' },
				{ name: 'Canada (CA)', value: 'ca', description: 'Tokens from ca.ovh.com, API at ca.api.ovh.com' },
				{ name: 'Canada (CA), New Hosts', value: 'ovhcloud-ca', description: 'Tokens from auth.ca.ovhcloud.com, API at api.ca.ovhcloud.com' },
				{ name: 'United States (US)', value: 'us', description: 'Tokens from us.ovhcloud.com, API at api.us.ovhcloud.com' },
				{ name: 'Custom URLs', value: 'custom' },
			],
			default: 'eu',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: OAUTH2_REGIONS.eu.tokenUrl,
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: '',
			placeholder: OAUTH2_REGIONS.eu.apiUrl,
			displayOptions: { show: { region: ['custom'] } },
			description: 'The v1 base URL, ending in /1.0 or /v1 (v2 calls go to /v2 on the same host)',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'The service account\'s client ID (from POST /me/api/oauth2/client)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'all',
			description: 'What the token is for; OVHcloud service accounts use "all" (the IAM policies of the account decide the rest)',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const settings = {
			url: oauth2TokenUrl(credentials),
			clientId: String(credentials.clientId ?? ''),
			clientSecret: String(credentials.clientSecret ?? ''),
			scope: String(credentials.scope || 'all'),
		};
		// Requests still holding the token another request has just replaced get that replacement, not a login each.
		const presented = typeof credentials.accessToken === 'string' && credentials.accessToken ? credentials.accessToken : undefined;
		return { accessToken: await sharedLogin(settings, async () => await fetchToken(this, settings), presented) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ ${JSON.stringify(Object.fromEntries(Object.entries(OAUTH2_REGIONS).map(([key, value]) => [key, value.apiUrl])))}[$credentials.region] || String($credentials.apiUrl).trim().replace(/\\/+$/, "") }}`,
			url: '/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 403, message: 'The service account may not read /me: grant it an IAM policy that allows account:apiovh:me/get' },
			},
		],
	};
}

/** Exchanges the client credentials for an access token. */
async function fetchToken(
	helper: IHttpRequestHelper,
	settings: { url: string; clientId: string; clientSecret: string; scope: string },
): Promise<string> {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: settings.clientId,
		client_secret: settings.clientSecret,
		scope: settings.scope,
	});
	let response: unknown;
	try {
		response = await helper.helpers.httpRequest({
			method: 'POST',
			url: settings.url,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form.toString(),
			json: true,
		});
	} catch (error) {
		throw new Error(tokenFailure(error));
	}
	const token = bodyObject(response)?.access_token;
	if (typeof token !== 'string' || !token) throw new Error('OVHcloud token endpoint answered without an access_token');
	return token;
}

const REFUSED = 'refused the client ID or secret';

/** Says what went wrong at the token endpoint without repeating anything that was sent to it. */
function tokenFailure(error: unknown): string {
	const failure = readHttpFailure(error);
	const code = bodyObject(failure.body)?.error;
	// Only an OAuth2 error code (`invalid_client`) is kept from the answer: it may quote the request otherwise.
	const named = typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? `: ${code}` : '';
	return `${loginFailure(error, { service: 'OVHcloud token endpoint', refused: { 400: REFUSED, 401: REFUSED, 403: REFUSED } })}${named}`;
}
