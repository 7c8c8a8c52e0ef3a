/** What the Cloutility node and its credential share: the credential's name, its secrets, addresses and run defaults. */

export const CREDENTIAL = 'cloutilityApi';

/**
 * The credential's fields that hold secrets, masked in every error and log: the password, the tokens, and
 * the fingerprint that ties the refresh token to its account. (There is no client secret: a Cloutility
 * client ID is public and bound to its origin.)
 */
export const SECRET_FIELDS = ['password', 'accessToken', 'refreshToken', 'refreshTokenAccount'] as const;

/** The sign-in route, for the password and the refresh grant. */
export const TOKEN_PATH = '/v1/oauth';

/**
 * Items in flight at once by default. Ten hides a real portal's latency (at 20 ms an answer, ten in
 * flight send about 500 calls a second) while staying polite to a portal shared by a provider's
 * customers, where some calls (activation, filespaces with a sync) reach the backup server behind it.
 * A 429 halves it for the rest of the run (see nodes/shared/throttle.ts).
 */
export const PARALLEL_DEFAULT = 50;

/** Entries asked for per page when a list is read with offset/limit (the portal's most). */
export const PAGE_SIZE = 100;

/** The portal address without a trailing slash or /v1 (every path of the API starts with /v1). */
export function portalBase(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/v1$/i, '');
}
