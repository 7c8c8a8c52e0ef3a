import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { createHmac } from 'node:crypto';

import { portalBase, TOKEN_PATH } from '../nodes/Cloutility/api';
import { providerMessage } from '../nodes/shared/errors';
import { bodyObject, readHttpFailure } from '../nodes/shared/http';
import { loginFailure, sharedLogin } from '../nodes/shared/login';
import { Scrubber } from '../nodes/shared/secrets';

/**
 * Cloutility (Auwau's backup portal): an OAuth2 password grant at `POST /v1/oauth` (form body, `Origin`
 * header) gives a short-lived access token (about 5 minutes) and a refresh token. When the API answers
 * 401, n8n runs `preAuthentication` again: the refresh grant is tried first, sent "as an authenticated
 * user" as the portal's guide says (with the expired access token as `Authorization: Bearer`), and only if
 * the portal refuses it (or there is no refresh token) is the password sent again, once. Concurrent
 * sign-ins for the same settings share one request. Every call carries `Authorization: Bearer <access
 * token>` and the `Origin` registered with the client ID.
 */
export class CloutilityApi implements ICredentialType {
	name = 'cloutilityApi';

	displayName = 'Cloutility API';

	icon: Icon = {
		light: 'file:../nodes/Cloutility/cloutility.svg',
		dark: 'file:../nodes/Cloutility/cloutility.dark.svg',
	};

	documentationUrl = 'https://docs.safespring.com/backup/automation/rest-api/';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://portal-api.backup.sto2.safedc.net',
			required: true,
			description: 'The address of the portal API, without /v1 (each Cloutility provider runs its own)',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Created in the portal under Settings (cogwheel) → API access → Add. Tick "allow token refreshing" there so long runs do not need to send the password again.',
		},
		{
			displayName: 'Origin',
			name: 'origin',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://n8n.example.com',
			description: 'The origin URL registered with the client ID, exactly as entered there; it is sent with every call',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'The portal user the workflows act as',
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
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token Account',
			name: 'refreshTokenAccount',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const account = readAccount(credentials);
		const storedRefresh = String(credentials.refreshToken ?? '');
		const expiredToken = String(credentials.accessToken ?? '');
		const scrubber = new Scrubber([account.password, storedRefresh, expiredToken]);
		// Requests still holding the token another request has just replaced get that replacement, not a grant each.
		const presented = expiredToken || undefined;
		// A refresh token is only sent back for the account it was issued to: after the base URL, client,
		// origin, username or password changed (or on a credential test after such a change) the password
		// grant runs, so the new settings are really checked and no token goes to another portal.
		const refreshUsable =
			storedRefresh !== '' && credentials.refreshTokenAccount === accountFingerprint(account, storedRefresh);
		if (refreshUsable) {
			const form = { client_id: account.clientId, grant_type: 'refresh_token', refresh_token: storedRefresh };
			const refreshed = await sharedLogin(['refresh', account, storedRefresh], async () => await grant(this, account, form, expiredToken), presented);
			if ('tokens' in refreshed) return stored(account, refreshed.tokens, storedRefresh);
			// Network trouble will not be cured by sending the password instead.
			if ('error' in refreshed && readHttpFailure(refreshed.error).status === undefined) {
				throw new Error(describeFailure(refreshed, 'refresh', scrubber));
			}
		}
		const form = { client_id: account.clientId, grant_type: 'password', username: account.username, password: account.password };
		const signedIn = await sharedLogin(['password', account], async () => await grant(this, account, form), presented);
		if (!('tokens' in signedIn)) throw new Error(describeFailure(signedIn, 'password', scrubber));
		return stored(account, signedIn.tokens, '');
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				Origin: '={{$credentials.origin.trim().replace(/\\/+$/, "")}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/v1$/i, "")}}',
			url: '/v1/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Signed in, but the portal refused the access token it issued: check the base URL',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'Signed in, but API calls from this origin are refused: check the origin registered with the client ID',
				},
			},
		],
	};
}

interface Account {
	baseUrl: string;
	clientId: string;
	origin: string;
	username: string;
	password: string;
}

interface Tokens {
	access_token: string;
	refresh_token?: string;
}

const FIELD_NAMES: Record<keyof Account, string> = {
	baseUrl: 'Base URL',
	clientId: 'Client ID',
	origin: 'Origin',
	username: 'Username',
	password: 'Password',
};

function readAccount(credentials: ICredentialDataDecryptedObject): Account {
	const account: Account = {
		baseUrl: portalBase(credentials.baseUrl),
		clientId: String(credentials.clientId ?? '').trim(),
		origin: String(credentials.origin ?? '')
			.trim()
			.replace(/\/+$/, ''),
		username: String(credentials.username ?? '').trim(),
		password: String(credentials.password ?? ''),
	};
	for (const key of Object.keys(FIELD_NAMES) as Array<keyof Account>) {
		if (!account[key]) throw new Error(`The Cloutility credential's "${FIELD_NAMES[key]}" is empty`);
	}
	return account;
}

/** Ties a refresh token to the settings it was obtained with, without storing those settings. */
function accountFingerprint(account: Account, refreshToken: string): string {
	const { baseUrl, clientId, origin, username, password } = account;
	return createHmac('sha256', refreshToken)
		.update(JSON.stringify([baseUrl, clientId, origin, username, password]))
		.digest('base64url');
}

function stored(account: Account, tokens: Tokens, previousRefresh: string) {
	// The portal keeps the refresh token across refreshes; a new one is taken if it ever sends one.
	const refreshToken = tokens.refresh_token || previousRefresh;
	return {
		accessToken: tokens.access_token,
		refreshToken,
		refreshTokenAccount: refreshToken ? accountFingerprint(account, refreshToken) : '',
	};
}

type Grant = { tokens: Tokens } | { error: unknown } | { noToken: true };

/** One grant at the token route; `bearer` is the (expired) access token a refresh is sent with. */
async function grant(helper: IHttpRequestHelper, account: Account, form: Record<string, string>, bearer = ''): Promise<Grant> {
	let response: unknown;
	try {
		response = await helper.helpers.httpRequest({
			method: 'POST',
			url: `${account.baseUrl}${TOKEN_PATH}`,
			headers: {
				Origin: account.origin,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
				...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
			},
			body: new URLSearchParams(form).toString(),
			json: true,
		});
	} catch (error) {
		// Only what readHttpFailure reads of it is ever looked at: never the request (it holds the password
		// or the tokens).
		return { error };
	}
	const tokens = (bodyObject(response) ?? {}) as Partial<Tokens>;
	if (typeof tokens.access_token !== 'string' || tokens.access_token === '') return { noToken: true };
	return {
		tokens: {
			access_token: tokens.access_token,
			refresh_token: typeof tokens.refresh_token === 'string' ? tokens.refresh_token : undefined,
		},
	};
}

/** Where the portal puts its words: its error envelope, OAuth style, or ASP.NET style. */
const MESSAGE_KEYS = ['message', 'error_description', 'developerMessage', 'Message'];

/** Says which part of the credential the portal refused, without repeating anything that was sent. */
function describeFailure(result: Exclude<Grant, { tokens: Tokens }>, grantType: 'password' | 'refresh', scrubber: Scrubber): string {
	if ('noToken' in result) return 'The Cloutility portal answered the sign-in without an access token: check the base URL';
	const failure = readHttpFailure(result.error);
	if (failure.status === undefined) return loginFailure(result.error, { service: 'The Cloutility portal' });
	if (failure.status === 404) return `The Cloutility portal has no ${TOKEN_PATH} at this address: check the base URL`;
	const object = bodyObject(failure.body) ?? {};
	const code = [object.code, object.error].find((value): value is string => typeof value === 'string' && value.trim() !== '');
	const words = scrubber.text(providerMessage(failure.body, MESSAGE_KEYS) ?? '');
	const said = words ? `: ${words}` : ` (HTTP ${failure.status})`;
	const about = `${code ?? ''} ${words}`.toLowerCase();
	const lowerCode = (code ?? '').toLowerCase();
	const clientProblem = /invalid_client|unauthorized_client|invalid_origin/.test(lowerCode) || /\borigin\b|\bclient\b/.test(about);
	const userProblem = lowerCode === 'invalid_grant' || /password|user ?name|credential/.test(about);
	if (grantType === 'password' && clientProblem) {
		return `Cloutility refused the client ID or origin${said}. Check the client ID (Settings → API access) and that the origin is exactly the one registered with it`;
	}
	// Not "password: <what the portal said>", which reads like a leaked secret and would be masked as one.
	if (grantType === 'password' && userProblem) {
		return `Cloutility refused the username or password${words ? ` (the portal said: ${words})` : ` (HTTP ${failure.status})`}`;
	}
	return `Cloutility refused the sign-in (HTTP ${failure.status})${words ? `: ${words}` : ''}`;
}
