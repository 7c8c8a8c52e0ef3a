/**
 * What the OpenvCloud node and its credential share: the credential type and its secret fields, the G8's
 * address, reading a JWT's claims, and the identity a stored token was obtained for.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createHash } from 'node:crypto';

export const CREDENTIAL = 'openVCloudApi';

/** Credential fields whose values are secret: scrubbed from every error (the token is a JWT or a session key). */
export const SECRET_FIELDS = ['clientSecret', 'password', 'jwtToken', 'token'] as const;

/**
 * Items in Parallel by default: 10 in flight hide 20-50 ms of latency per call, and the tasks of 10 items
 * run, and are waited for, together; a G8 portal is one modest server, so no more by default.
 */
export const PARALLEL_DEFAULT = 50;

export const DEFAULT_TOKEN_URL = 'https://itsyou.online/v1/oauth/access_token';

type AuthMode = 'itsYouOnline' | 'jwt' | 'password';

/** The G8's address without trailing slashes or a trailing `/restmachine`. */
export function normalizeBaseUrl(raw: unknown): string {
	return String(raw ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/restmachine$/i, '');
}

/** The URL of a method: `system/task/get`, `cloudapi/machines/get` (paths come from the catalog, never from input). */
export function restmachineUrl(baseUrl: unknown, path: string): string {
	return `${normalizeBaseUrl(baseUrl)}/restmachine/${path}`;
}

export function authMode(credentials: ICredentialDataDecryptedObject): AuthMode {
	const mode = credentials.authentication;
	return mode === 'jwt' || mode === 'password' ? mode : 'itsYouOnline';
}

/** The claims of a JWT, read without checking its signature (the server does that); undefined if not a JWT. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** When a JWT expires (Unix seconds), if it says. */
export function jwtExpiry(token: string): number | undefined {
	const exp = jwtClaims(token)?.exp;
	return typeof exp === 'number' ? exp : undefined;
}

/** Fingerprints already worked out, by the (non-secret) settings they stand for; a few credentials at most. */
const identities = new Map<string, string>();

/**
 * A short fingerprint of who a token belongs to (mode, G8, token service, client ID or username; never a
 * secret). A stored token whose fingerprint no longer matches the credential (its settings were changed)
 * is not sent, so the API's 401 makes n8n fetch one for the new settings. `authenticate` asks for it on
 * every request: it is hashed once per settings and then looked up.
 */
export function identityOf(credentials: ICredentialDataDecryptedObject): string {
	const mode = authMode(credentials);
	const who =
		mode === 'password'
			? [String(credentials.username ?? '').trim()]
			: [String(credentials.tokenUrl ?? DEFAULT_TOKEN_URL).trim(), String(credentials.clientId ?? '').trim()];
	const settings = JSON.stringify([mode, normalizeBaseUrl(credentials.baseUrl), ...who]);
	let identity = identities.get(settings);
	if (identity === undefined) {
		identity = createHash('sha256').update(settings).digest('hex').slice(0, 16);
		if (identities.size >= 64) identities.clear();
		identities.set(settings, identity);
	}
	return identity;
}

/** The token to send with a call, if any: the pasted JWT, or the stored token when it is for these settings. */
export function tokenToSend(credentials: ICredentialDataDecryptedObject): string | undefined {
	if (authMode(credentials) === 'jwt') return String(credentials.jwtToken ?? '').trim() || undefined;
	const token = String(credentials.token ?? '');
	if (!token || credentials.obtainedFor !== identityOf(credentials)) return undefined;
	return token;
}
