/**
 * OVHcloud facts shared by the credentials and the node: the credential types, their secret fields, the API
 * endpoints and service-account token URLs, and how many items the node runs at once by default.
 */

/** The signed credential (application key, application secret, consumer key). */
export const SIGNED = 'ovhCloudApi';
/** The service-account credential (OAuth2 client credentials). */
export const SERVICE_ACCOUNT = 'ovhCloudOAuth2Api';

export type OvhCredentialType = typeof SIGNED | typeof SERVICE_ACCOUNT;

/** The fields of each credential whose values are scrubbed from anything OVHcloud sends back. */
export const SECRET_FIELDS: Record<OvhCredentialType, readonly string[]> = {
	[SIGNED]: ['applicationSecret', 'consumerKey'],
	[SERVICE_ACCOUNT]: ['clientSecret', 'accessToken'],
};

/**
 * Items in flight at once by default: enough to hide 20-100 ms of API latency. OVHcloud rate-limits per
 * consumer key (429 with Retry-After): the run's adaptive limit halves on each 429 and grows back after.
 */
export const PARALLEL_DEFAULT = 50;


/**
 * The v1 base URL (`/1.0`) of each named endpoint. `/v1` is an alias of `/1.0`; `/v2` is on the same host.
 * `ovhcloud-eu` and `ovhcloud-ca` are the hosts OVHcloud's SDKs are moving to (api.eu.ovhcloud.com,
 * api.ca.ovhcloud.com); the US API is on ovhcloud.com already. The earlier names keep their hosts, so saved
 * credentials call what they called before.
 */
export const ENDPOINT_URLS: Record<string, string> = {
	'ovh-eu': 'https://eu.api.ovh.com/1.0',
	'ovhcloud-eu': 'https://api.eu.ovhcloud.com/1.0',
	'ovh-ca': 'https://ca.api.ovh.com/1.0',
	'ovhcloud-ca': 'https://api.ca.ovhcloud.com/1.0',
	'ovh-us': 'https://api.us.ovhcloud.com/1.0',
	'kimsufi-eu': 'https://eu.api.kimsufi.com/1.0',
	'kimsufi-ca': 'https://ca.api.kimsufi.com/1.0',
	'soyoustart-eu': 'https://eu.api.soyoustart.com/1.0',
	'soyoustart-ca': 'https://ca.api.soyoustart.com/1.0',
};

export const ENDPOINT_OPTIONS = [
	{ name: 'OVHcloud Europe', value: 'ovh-eu', description: 'Endpoint ovh-eu: eu.api.ovh.com' },
	{ name: 'OVHcloud Europe (New Host)', value: 'ovhcloud-eu', description: 'Endpoint ovhcloud-eu: api.eu.ovhcloud.com, the host OVHcloud\'s SDKs are moving to' },
	{ name: 'OVHcloud Canada', value: 'ovh-ca', description: 'Endpoint ovh-ca: ca.api.ovh.com' },
	{ name: 'OVHcloud Canada (New Host)', value: 'ovhcloud-ca', description: 'Endpoint ovhcloud-ca: api.ca.ovhcloud.com, the host OVHcloud\'s SDKs are moving to' },
	{ name: 'OVHcloud US', value: 'ovh-us', description: 'Endpoint ovh-us: api.us.ovhcloud.com' },
	{ name: 'Kimsufi Europe', value: 'kimsufi-eu', description: 'Endpoint kimsufi-eu: eu.api.kimsufi.com' },
	{ name: 'Kimsufi Canada', value: 'kimsufi-ca', description: 'Endpoint kimsufi-ca: ca.api.kimsufi.com' },
	{ name: 'So You Start Europe', value: 'soyoustart-eu', description: 'Endpoint soyoustart-eu: eu.api.soyoustart.com' },
	{ name: 'So You Start Canada', value: 'soyoustart-ca', description: 'Endpoint soyoustart-ca: ca.api.soyoustart.com' },
	{ name: 'Custom URL', value: 'custom', description: 'Another base URL, e.g. a proxy' },
];

/**
 * Service accounts (OAuth2 client credentials): where tokens come from, and the API they are good for. The
 * `ovhcloud-*` regions are the new hosts (tokens from auth.eu.ovhcloud.com / auth.ca.ovhcloud.com).
 */
export const OAUTH2_REGIONS: Record<string, { tokenUrl: string; apiUrl: string }> = {
	eu: { tokenUrl: 'https://www.ovh.com/auth/oauth2/token', apiUrl: 'https://eu.api.ovh.com/1.0' },
	'ovhcloud-eu': { tokenUrl: 'https://auth.eu.ovhcloud.com/oauth2/token', apiUrl: 'https://api.eu.ovhcloud.com/1.0' },
	ca: { tokenUrl: 'https://ca.ovh.com/auth/oauth2/token', apiUrl: 'https://ca.api.ovh.com/1.0' },
	'ovhcloud-ca': { tokenUrl: 'https://auth.ca.ovhcloud.com/oauth2/token', apiUrl: 'https://api.ca.ovhcloud.com/1.0' },
	us: { tokenUrl: 'https://us.ovhcloud.com/auth/oauth2/token', apiUrl: 'https://api.us.ovhcloud.com/1.0' },
};

const trimSlashes = (url: string) => url.trim().replace(/\/+$/, '');

/** The v1 base URL a signed credential points at. */
export function signedApiUrl(credentials: { endpoint?: unknown; customUrl?: unknown }): string {
	const endpoint = String(credentials.endpoint ?? 'ovh-eu');
	return ENDPOINT_URLS[endpoint] ?? trimSlashes(String(credentials.customUrl ?? ''));
}

/** The v1 base URL a service-account credential points at. */
export function oauth2ApiUrl(credentials: { region?: unknown; apiUrl?: unknown }): string {
	return OAUTH2_REGIONS[String(credentials.region ?? 'eu')]?.apiUrl ?? trimSlashes(String(credentials.apiUrl ?? ''));
}

/** The token URL of a service-account credential. */
export function oauth2TokenUrl(credentials: { region?: unknown; tokenUrl?: unknown }): string {
	return OAUTH2_REGIONS[String(credentials.region ?? 'eu')]?.tokenUrl ?? String(credentials.tokenUrl ?? '').trim();
}

/**
 * The base URL of a branch: v1 is the configured base (`…/1.0` or `…/v1`), v2 is the same host with
 * `/v2` in place of the version segment (appended when the configured URL has none).
 */
export function branchUrl(v1Url: string, branch: 'v1' | 'v2'): string {
	const base = trimSlashes(v1Url);
	if (branch === 'v1') return base;
	const root = base.replace(/\/(1\.0|v1)$/, '');
	return `${root}/v2`;
}
