import type { IHttpRequestMethods } from 'n8n-workflow';

/** The regions, as the API wants them in paths (lower case) and as it reports them in lists. */
export const REGIONS = [
	{ value: 'vienna', name: 'Vienna' },
	{ value: 'upper-austria', name: 'Upper-Austria' },
	{ value: 'eastern-switzerland', name: 'Eastern-Switzerland' },
] as const;

export type Region = (typeof REGIONS)[number]['value'];

export const REGION_VALUES: readonly Region[] = REGIONS.map((region) => region.value);

/**
 * One Ventus Cloud call. Calls go through the API gateway's service invocation URL:
 * `{apiUrl}/v1.0/invoke/{app}/method/{path}`; `{name}` placeholders are filled from the call's
 * parameters, each one percent-encoded as a single path segment.
 */
export interface VentusEndpoint {
	method: IHttpRequestMethods;
	app: string;
	path: string;
	/** Names of the fields sent as a JSON body. */
	body?: readonly string[];
}

export const ENDPOINTS = {
	listProjects: { method: 'GET', app: 'gotham-enterprises', path: 'orgs/{organizationId}/projects' },
	createProject: {
		method: 'POST',
		app: 'gotham-{region}-identity',
		path: '{organizationId}/projects/{projectName}',
	},
	getProject: { method: 'GET', app: 'gotham-{region}-identity', path: 'projects/{projectId}' },
	renameProject: {
		method: 'PUT',
		app: 'gotham-{region}-identity',
		path: '{organizationId}/projects/{projectId}',
		body: ['name'],
	},
	deleteProject: {
		method: 'DELETE',
		app: 'gotham-{region}-identity',
		path: '{organizationId}/projects/{projectId}',
	},
	getPrices: { method: 'GET', app: 'gotham-bank', path: 'prices' },
} as const satisfies Record<string, VentusEndpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

function fill(template: string, params: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = params[name];
		if (value === undefined) throw new Error(`Missing path parameter "${name}"`);
		return encodeURIComponent(value);
	});
}

/** The full URL of a call. */
export function endpointUrl(apiUrl: string, endpoint: VentusEndpoint, params: Record<string, string>): string {
	const base = apiUrl.replace(/\/+$/, '');
	return `${base}/v1.0/invoke/${fill(endpoint.app, params)}/method/${fill(endpoint.path, params)}`;
}
