import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';

import { apiError, bodyObject, readHttpFailure } from '../shared/http-failure';
import { ENDPOINTS, endpointUrl, type EndpointName } from './endpoints';

export const CREDENTIAL = 'ventusCloudApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface VentusAccount {
	apiUrl: string;
	organizationId: string;
}

/** Where calls go and for which organization; read once per node run. */
export async function ventusAccount(ctx: Context): Promise<VentusAccount> {
	const credentials = await ctx.getCredentials(CREDENTIAL);
	return {
		apiUrl: String(credentials.apiUrl ?? ''),
		organizationId: String(credentials.organizationId ?? ''),
	};
}

/** The message the gateway or the service put in an error body, if any. */
function providerMessage(body: unknown): string | undefined {
	const object = bodyObject(body);
	for (const key of ['message', 'error_description', 'error', 'detail']) {
		const value = object?.[key];
		if (typeof value === 'string' && value.trim()) return value.trim();
	}
	if (typeof body === 'string' && body.trim() && body.length < 300 && !body.includes('<')) return body.trim();
	return undefined;
}

const STATUS_HINTS: Record<number, string> = {
	401: 'The tokens were refused; check the username and password of the Ventus Cloud credential',
	403: 'This user may not do this in the organization',
	404: 'Not found: check the ID and that the region is the one the project lives in',
	409: 'Conflicts with an existing resource',
};

/** The one place that sends Ventus Cloud requests and turns failures into readable errors. */
export async function ventusRequest(
	ctx: Context,
	account: VentusAccount,
	name: EndpointName,
	params: Record<string, string>,
	body?: IDataObject,
	itemIndex?: number,
): Promise<unknown> {
	const endpoint = ENDPOINTS[name];
	const options: IHttpRequestOptions = {
		method: endpoint.method,
		url: endpointUrl(account.apiUrl, endpoint, { organizationId: account.organizationId, ...params }),
		json: true,
	};
	if (body) options.body = body;
	try {
		return await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL, options);
	} catch (error) {
		const failure = readHttpFailure(error);
		const fromProvider = providerMessage(failure.body);
		const hint = failure.status ? STATUS_HINTS[failure.status] : undefined;
		const message =
			fromProvider ??
			(failure.status
				? `Ventus Cloud answered HTTP ${failure.status}`
				: failure.message.startsWith('Ventus Cloud')
					? failure.message // the credential's own account of a failed token request
					: `Ventus Cloud request failed: ${failure.message}`);
		throw apiError(ctx.getNode(), failure, {
			message,
			description: [hint, failure.status ? `HTTP ${failure.status} on ${endpoint.method} ${endpoint.app}` : undefined]
				.filter(Boolean)
				.join('. ') || undefined,
			itemIndex,
		});
	}
}
