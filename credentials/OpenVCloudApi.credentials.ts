import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	authMode,
	CREDENTIAL,
	DEFAULT_TOKEN_URL,
	identityOf,
	jwtClaims,
	jwtExpiry,
	restmachineUrl,
	tokenToSend,
} from '../nodes/OpenVCloud/api';
import { readHttpFailure } from '../nodes/shared/http';
import { loginFailure, sharedLogin } from '../nodes/shared/login';

const show = (authentication: string) => ({ show: { authentication: [authentication] } });

/**
 * OpenvCloud (G8) Cloud API. Three ways in:
 * - an ItsYou.online API key: a JWT is fetched with the client ID and secret (client credentials) and renewed
 *   when it expires (refreshed when ItsYou.online made it refreshable, fetched again otherwise);
 * - a JWT pasted by the user, used until it expires;
 * - a G8 username and password: a session key from `users/authenticate`, sent as `authkey` in the query
 *   string; the G8 answers 419 when it expired, and n8n logs in again (the node names 419 as a retry status).
 * JWTs travel as `Authorization: bearer <JWT>`. The fetched JWT or session key lives in the hidden expirable
 * field `token` (the only expirable field, so the one n8n checks), with the fingerprint of the settings it
 * was obtained for in `obtainedFor`. Logins that start at the same time for the same settings (items in
 * parallel, or n8n's HTTP Request node starting every item at once) share one request. A JWT must name a
 * user (`username` claim): the G8 answers the JWT of an organization's API key with HTTP 500.
 */
export class OpenVCloudApi implements ICredentialType {
	name = CREDENTIAL;

	displayName = 'OpenvCloud API';

	icon: Icon = {
		light: 'file:../nodes/OpenVCloud/openVCloud.svg',
		dark: 'file:../nodes/OpenVCloud/openVCloud.dark.svg',
	};

	documentationUrl = 'https://github.com/openvcloud/docs/tree/master/docs/API';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://dc-1.demo.greenitglobe.com',
			description: 'Address of the G8 portal; /restmachine is added by the node',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'ItsYou.online API Key',
					value: 'itsYouOnline',
					description: 'Client ID and secret of an ItsYou.online API key; JWTs are fetched and renewed automatically',
				},
				{
					name: 'JWT',
					value: 'jwt',
					description: 'A JWT you paste; used until it expires',
				},
				{
					name: 'Username and Password',
					value: 'password',
					description: 'A G8 user; a session key is fetched and renewed automatically',
				},
			],
			default: 'itsYouOnline',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: show('itsYouOnline'),
			description: 'Application ID of the API key (ItsYou.online: Settings → API Keys)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: show('itsYouOnline'),
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: DEFAULT_TOKEN_URL,
			displayOptions: show('itsYouOnline'),
			description: "ItsYou.online's token endpoint; JWTs are refreshed at /v1/oauth/jwt/refresh on the same host",
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: '',
			placeholder: 'e.g. offline_access',
			displayOptions: show('itsYouOnline'),
			description:
				'Scopes to ask for, comma-separated. With offline_access ItsYou.online makes the JWT refreshable, so it is renewed without the secret.',
		},
		{
			displayName: 'JWT Validity (Seconds)',
			name: 'validity',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			displayOptions: show('itsYouOnline'),
			description: "How long a fetched JWT is valid; 0 keeps ItsYou.online's default",
		},
		{
			displayName: 'JWT',
			name: 'jwtToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: show('jwt'),
			description: 'A JWT the G8 accepts (e.g. issued by ItsYou.online); when it expires, paste a new one',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			displayOptions: show('password'),
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: show('password'),
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Obtained For',
			name: 'obtainedFor',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const mode = authMode(credentials);
		if (mode === 'jwt') {
			checkPastedJwt(String(credentials.jwtToken ?? '').trim());
			return {};
		}
		const obtainedFor = identityOf(credentials);
		// The token this request found expired: requests still holding it when another one already renewed it
		// get that renewal instead of logging in again.
		const previous = String(credentials.token ?? '');
		const presented = previous && credentials.obtainedFor === obtainedFor ? previous : undefined;
		if (mode === 'password') {
			const settings = [mode, credentials.baseUrl, credentials.username, credentials.password];
			return { token: await sharedLogin(settings, async () => await sessionKey(this, credentials), presented), obtainedFor };
		}
		const refreshable = presented && isRefreshable(presented) ? presented : '';
		const settings = [mode, credentials.tokenUrl, credentials.clientId, credentials.clientSecret, credentials.scope, credentials.validity];
		return { token: await sharedLogin(settings, async () => await renewJwt(this, credentials, refreshable), presented), obtainedFor };
	}

	// A property, not a method: n8n copies credential types with `{ ...type }` when it lists them for the HTTP
	// Request node's "Predefined Credential Type", and a method would not survive the copy.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => {
		const token = tokenToSend(credentials);
		if (!token) return requestOptions;
		if (authMode(credentials) === 'password') {
			return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), authkey: token } };
		}
		return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), Authorization: `bearer ${token}` } };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/restmachine$/i, "")}}',
			url: '/restmachine/system/usermanager/whoami',
			method: 'POST',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'name',
					value: 'guest',
					message: 'The G8 treats these calls as an anonymous visitor (guest): it did not accept the credential',
				},
			},
		],
	};
}

/** The G8 takes only JWTs of a user: an organization's API key gets a JWT without `username`, answered with HTTP 500. */
function checkUser(jwt: string, where: string) {
	const username = jwtClaims(jwt)?.username;
	if (typeof username !== 'string' || !username.trim()) {
		throw new Error(
			`${where} names no user (it has no "username" claim): it belongs to an organization's API key, which the G8 does not accept (it answers HTTP 500). Use an API key or a JWT of a user.`,
		);
	}
}

/** A pasted JWT that says it has expired, or that names no user, is refused before anything is sent. */
function checkPastedJwt(jwt: string) {
	const exp = jwtExpiry(jwt);
	if (exp !== undefined && exp * 1000 <= Date.now()) {
		throw new Error(
			`The JWT in the OpenvCloud credential expired at ${new Date(exp * 1000).toISOString()}; paste a new one`,
		);
	}
	// Not a JWT at all (or empty): the G8 says what it thinks of it.
	if (jwtClaims(jwt)) checkUser(jwt, 'The JWT in the OpenvCloud credential');
}

/** An ItsYou.online JWT that carries a refresh token (issued with scope offline_access) can be refreshed. */
function isRefreshable(jwt: string): boolean {
	return Boolean(jwtClaims(jwt)?.refresh_token);
}

const ITSYOUONLINE = (what: string) => ({
	service: 'ItsYou.online',
	refused: { 400: `rejected the ${what}`, 401: `rejected the ${what}`, 403: `rejected the ${what}` },
});

function tokenText(response: unknown): string {
	if (typeof response === 'string') return response.trim().replace(/^"|"$/g, '');
	if (response && typeof response === 'object') {
		const object = response as Record<string, unknown>;
		for (const key of ['id_token', 'access_token', 'jwt']) {
			if (typeof object[key] === 'string') return (object[key] as string).trim();
		}
	}
	return '';
}

/** A new JWT: the refreshable one refreshed, or else (or when the refresh is refused) one fetched with the secret. */
async function renewJwt(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, refreshable: string): Promise<string> {
	const refreshed = refreshable ? await refreshJwt(helper, credentials, refreshable) : undefined;
	const jwt = refreshed ?? (await fetchJwt(helper, credentials));
	checkUser(jwt, 'The JWT ItsYou.online issued for this client ID');
	return jwt;
}

async function fetchJwt(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: String(credentials.clientId ?? '').trim(),
		client_secret: String(credentials.clientSecret ?? ''),
		response_type: 'id_token',
	});
	const scope = String(credentials.scope ?? '').trim();
	if (scope) form.set('scope', scope);
	const validity = Number(credentials.validity ?? 0);
	if (validity > 0) form.set('validity', String(Math.floor(validity)));
	let response: unknown;
	try {
		response = await helper.helpers.httpRequest({
			method: 'POST',
			url: String(credentials.tokenUrl || DEFAULT_TOKEN_URL).trim(),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/plain, application/json' },
			body: form.toString(),
		});
	} catch (error) {
		throw new Error(loginFailure(error, ITSYOUONLINE('client ID or secret')));
	}
	const jwt = tokenText(response);
	if (!jwtClaims(jwt)) throw new Error('ItsYou.online answered without a JWT');
	return jwt;
}

/** A new JWT for an expired refreshable one; undefined when the refresh is refused (a new one is fetched). */
async function refreshJwt(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	previous: string,
): Promise<string | undefined> {
	const tokenUrl = String(credentials.tokenUrl || DEFAULT_TOKEN_URL).trim();
	const origin = /^https?:\/\/[^/]+/i.exec(tokenUrl)?.[0];
	if (!origin) return undefined;
	const validity = Number(credentials.validity ?? 0);
	let response: unknown;
	try {
		response = await helper.helpers.httpRequest({
			method: 'GET',
			url: `${origin}/v1/oauth/jwt/refresh`,
			headers: { Authorization: `bearer ${previous}`, Accept: 'text/plain, application/json' },
			...(validity > 0 ? { qs: { validity: Math.floor(validity) } } : {}),
		});
	} catch (error) {
		// A refused refresh is not a failure of the credential: the secret fetches a new JWT instead.
		if (readHttpFailure(error).status) return undefined;
		throw new Error(loginFailure(error, ITSYOUONLINE('JWT refresh')));
	}
	const jwt = tokenText(response);
	return jwtClaims(jwt) ? jwt : undefined;
}

async function sessionKey(helper: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<string> {
	const form = new URLSearchParams({
		username: String(credentials.username ?? '').trim(),
		password: String(credentials.password ?? ''),
	});
	let response: unknown;
	try {
		response = await helper.helpers.httpRequest({
			method: 'POST',
			url: restmachineUrl(credentials.baseUrl, 'cloudapi/users/authenticate'),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form.toString(),
		});
	} catch (error) {
		const refused = 'rejected the username or password';
		throw new Error(loginFailure(error, { service: 'OpenvCloud', refused: { 400: refused, 401: refused, 403: refused } }));
	}
	const key = tokenText(response);
	if (!key) throw new Error('OpenvCloud answered the login without a session key');
	return key;
}
