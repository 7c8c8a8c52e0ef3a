/**
 * Ventus Cloud: where calls go, the regions, and what the node and the credential share.
 *
 * Every API call goes through the gateway's service invocation URL, `{apiUrl}/v1.0/invoke/{app}/method/{path}`;
 * the region is part of the app name (`gotham-{region}-identity`), in lower case.
 */

export const CREDENTIAL = 'ventusCloudApi';

export const DEFAULT_AUTH_URL = 'https://auth.ventuscloud.eu';
export const DEFAULT_API_URL = 'https://api.ventuscloud.eu';

/** Fields of the credential whose values are secret (scrubbed from every error). */
export const SECRET_FIELDS = ['password', 'idToken', 'accessToken'] as const;

/**
 * Items in flight at once by default. Ventus calls are organization-management calls (projects, prices)
 * answered by a gateway in front of small per-region services; 10 in flight hides 20-50 ms of latency
 * (ten calls for the time of one) without bursting at an identity service, and the runner halves it on 429.
 */
export const PARALLEL_DEFAULT = 50;

/** The regions, as the API wants them in app names (lower case) and as it reports them in lists. */
export const REGIONS = [
	{ value: 'vienna', name: 'Vienna' },
	{ value: 'upper-austria', name: 'Upper-Austria' },
	{ value: 'eastern-switzerland', name: 'Eastern-Switzerland' },
] as const;

/** A value compared loosely: ignoring case, spaces and underscores (a list's "Upper-Austria" is upper-austria). */
export function looseKey(value: unknown): string {
	return String(value ?? '')
		.trim()
		.toLowerCase()
		.replace(/[\s_]+/g, '-');
}

/** The gateway URL of a call; `app` and `path` are already made of encoded segments. */
export function invokeUrl(apiUrl: string, app: string, path: string): string {
	return `${apiUrl.trim().replace(/\/+$/, '')}/v1.0/invoke/${app}/method/${path}`;
}
