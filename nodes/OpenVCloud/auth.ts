/**
 * What the OpenvCloud credential and node share about authentication: the base URL, reading a JWT's
 * claims, and the identity a stored token was obtained for.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createHash } from 'node:crypto';

export type AuthMode = 'itsYouOnline' | 'jwt' | 'password';

export const DEFAULT_TOKEN_URL = 'https://itsyou.online/v1/oauth/access_token';

/** The G8's address without trailing slashes or a trailing `/restmachine`. */
export function normalizeBaseUrl(raw: unknown): string {
	return String(raw ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/restmachine$/i, '');
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

/**
 * A short fingerprint of who a token belongs to (mode, G8, token service, client ID or username; never a
 * secret). A stored token whose fingerprint no longer matches the credential (its settings were changed)
 * is not sent, so the API's 401 makes n8n fetch one for the new settings.
 */
export function identityOf(credentials: ICredentialDataDecryptedObject): string {
	const mode = authMode(credentials);
	const who =
		mode === 'password'
			? [String(credentials.username ?? '').trim()]
			: [String(credentials.tokenUrl ?? DEFAULT_TOKEN_URL).trim(), String(credentials.clientId ?? '').trim()];
	return createHash('sha256')
		.update(JSON.stringify([mode, normalizeBaseUrl(credentials.baseUrl), ...who]))
		.digest('hex')
		.slice(0, 16);
}

/** The token to send with a call, if any: the pasted JWT, or the stored token when it is for these settings. */
export function tokenToSend(credentials: ICredentialDataDecryptedObject): string | undefined {
	if (authMode(credentials) === 'jwt') return String(credentials.jwtToken ?? '').trim() || undefined;
	const token = String(credentials.token ?? '');
	if (!token || credentials.obtainedFor !== identityOf(credentials)) return undefined;
	return token;
}
