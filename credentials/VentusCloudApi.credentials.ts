import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { networkWords } from '../nodes/shared/http-failure';

/**
 * Ventus Cloud: a username and password are exchanged at the auth service for an ID token and an
 * access token (both JWTs). Every API call carries both. The tokens live in hidden expirable fields:
 * n8n fills them on first use and again whenever the API answers 401.
 */
export class VentusCloudApi implements ICredentialType {
	name = 'ventusCloudApi';

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
			default: 'https://auth.ventuscloud.eu',
			description: 'Where tokens are requested (the get-tokens service)',
		},
		{
			displayName: 'API URL',
			name: 'apiUrl',
			type: 'string',
			default: 'https://api.ventuscloud.eu',
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
		const authUrl = String(credentials.authUrl ?? '').replace(/\/+$/, '');
		let response: { id_token?: unknown; access_token?: unknown };
		try {
			// The documentation shows a GET carrying the JSON body; n8n's request helper never sends a
			// body with GET, so the same body goes out with POST.
			response = (await this.helpers.httpRequest({
				method: 'POST',
				url: `${authUrl}/get-tokens`,
				body: { username: credentials.username, password: credentials.password },
				json: true,
			})) as typeof response;
		} catch (error) {
			throw new Error(describeTokenFailure(error));
		}
		if (typeof response?.id_token !== 'string' || typeof response?.access_token !== 'string') {
			throw new Error('Ventus Cloud auth service answered without an id_token and access_token');
		}
		return { idToken: response.id_token, accessToken: response.access_token };
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
			baseURL: '={{$credentials.apiUrl.replace(/\\/+$/, "")}}',
			url: '=/v1.0/invoke/gotham-enterprises/method/orgs/{{encodeURIComponent($credentials.organizationId)}}/projects',
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

/** Says what went wrong at the auth service without repeating anything that was sent to it. */
function describeTokenFailure(error: {
	response?: { status?: number };
	httpCode?: string;
	code?: string;
}): string {
	const status = error?.response?.status ?? Number(error?.httpCode);
	if (status === 400 || status === 401 || status === 403) {
		return `Ventus Cloud rejected the username or password (HTTP ${status})`;
	}
	if (status) return `Ventus Cloud auth service failed with HTTP ${status}`;
	return `Ventus Cloud auth service is unreachable (${networkWords(error?.code)})`;
}
