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

import { portalBase } from '../nodes/Cloutility/portal';
import { bodyObject, networkWords, readHttpFailure, type HttpFailure } from '../nodes/shared/http-failure';

/**
 * Cloutility (Auwau's backup portal): an OAuth2 password grant at `POST /v1/oauth` (form body, `Origin`
 * header) gives a short-lived access token (about 5 minutes) and a refresh token. When the API answers
 * 401, n8n runs `preAuthentication` again: the refresh grant is tried first, and only if the portal
 * refuses it (or there is no refresh token) is the password sent again, once. Every call carries
 * `Authorization: Bearer <access token>` and the `Origin` registered with the client ID.
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
		// A refresh token is only sent back for the account it was issued to: after the base URL, client,
		// origin, username or password changed (or on a credential test after such a change) the password
		// grant runs, so the new settings are really checked and no token goes to another portal.
		const refreshUsable =
			storedRefresh !== '' && credentials.refreshTokenAccount === accountFingerprint(account, storedRefresh);
		if (refreshUsable) {
			const refreshed = await grant(this, account, {
				client_id: account.clientId,
				grant_type: 'refresh_token',
				refresh_token: storedRefresh,
			});
			if ('tokens' in refreshed) return stored(account, refreshed.tokens, storedRefresh);
			// Network trouble will not be cured by sending the password instead.
			if (refreshed.failure.status === undefined) throw new Error(describeFailure(refreshed.failure, 'refresh'));
		}
		const signedIn = await grant(this, account, {
			client_id: account.clientId,
			grant_type: 'password',
			username: account.username,
			password: account.password,
		});
		if ('failure' in signedIn) throw new Error(describeFailure(signedIn.failure, 'password', account));
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

async function grant(
	helper: IHttpRequestHelper,
	account: Account,
	form: Record<string, string>,
): Promise<{ tokens: Tokens } | { failure: HttpFailure }> {
	let response: unknown;
	try {
		response = await helper.helpers.httpRequest({
			method: 'POST',
			url: `${account.baseUrl}/v1/oauth`,
			headers: {
				Origin: account.origin,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: new URLSearchParams(form).toString(),
			json: true,
		});
	} catch (error) {
		// Only the status, the portal's answer and a network code are kept: never the request (it holds
		// the password or the refresh token).
		return { failure: readHttpFailure(error) };
	}
	const tokens = (bodyObject(response) ?? {}) as Partial<Tokens>;
	if (typeof tokens.access_token !== 'string' || tokens.access_token === '') {
		return { failure: { status: 200, body: undefined, headers: {}, message: 'no access_token in the answer' } };
	}
	return {
		tokens: {
			access_token: tokens.access_token,
			refresh_token: typeof tokens.refresh_token === 'string' ? tokens.refresh_token : undefined,
		},
	};
}

/** What the portal said, from its error envelope ({status, code, message, developerMessage}) or OAuth style. */
function portalWords(body: unknown): { code: string; text: string } {
	const object = bodyObject(body) ?? {};
	const pick = (...keys: string[]) => {
		for (const key of keys) {
			const value = object[key];
			if (typeof value === 'string' && value.trim()) return value.trim();
		}
		return '';
	};
	const code = pick('code', 'error').toLowerCase();
	const text = pick('message', 'error_description', 'developerMessage', 'Message');
	return { code, text };
}

/** Says which part of the credential the portal refused, without repeating anything that was sent. */
function describeFailure(failure: HttpFailure, grantType: 'password' | 'refresh', account?: Account): string {
	if (failure.status === undefined) {
		return `The Cloutility portal is unreachable (${networkWords(failure.code)})`;
	}
	if (failure.status >= 200 && failure.status < 300) {
		return 'The Cloutility portal answered the sign-in without an access token: check the base URL';
	}
	if (failure.status === 404) {
		return 'The Cloutility portal has no /v1/oauth at this address: check the base URL';
	}
	const { code, text } = portalWords(failure.body);
	const scrubbed = account ? text.split(account.password).join('***') : text;
	const said = scrubbed ? `: ${scrubbed}` : ` (HTTP ${failure.status})`;
	const about = `${code} ${scrubbed}`.toLowerCase();
	const clientProblem =
		/invalid_client|unauthorized_client|invalid_origin/.test(code) || /\borigin\b|\bclient\b/.test(about);
	const userProblem = code === 'invalid_grant' || /password|user ?name|credential/.test(about);
	if (grantType === 'password' && clientProblem) {
		return `Cloutility refused the client ID or origin${said}. Check the client ID (Settings → API access) and that the origin is exactly the one registered with it`;
	}
	if (grantType === 'password' && userProblem) {
		return `Cloutility refused the username or password${said}`;
	}
	return `Cloutility refused the sign-in (HTTP ${failure.status})${scrubbed ? `: ${scrubbed}` : ''}`;
}
