/**
 * The Auth Helper operations, for the signed credential: request a consumer key, read the current one, log
 * out. A service account has no consumer key (OVHcloud answers NOT_A_CONSUMER_KEY), so they are refused for
 * it before any request; the editor offers the Auth Helper only with the signed credential.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SIGNED } from './api';
import { apiRequest, type Connection } from './transport';

export const AUTH_HELPER_RESOURCE = 'authHelper';

type Helper = (ctx: IExecuteFunctions, session: Connection, itemIndex: number) => Promise<IDataObject>;

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

const PRESETS: Record<string, Array<{ method: string; path: string }>> = {
	readOnly: [{ method: 'GET', path: '/*' }],
	readWrite: METHODS.map((method) => ({ method, path: '/*' })),
};

function accessRules(ctx: IExecuteFunctions, itemIndex: number) {
	const access = ctx.getNodeParameter('access', itemIndex, 'readOnly') as string;
	if (PRESETS[access]) return PRESETS[access];
	if (access !== 'custom') {
		throw new NodeOperationError(ctx.getNode(), `"Access" must be readOnly, readWrite or custom (got "${access}")`, { itemIndex });
	}
	const rules = (ctx.getNodeParameter('rules', itemIndex, {}) as { rule?: Array<{ method?: string; path?: string }> }).rule ?? [];
	if (rules.length === 0) throw new NodeOperationError(ctx.getNode(), '"Rules" must list at least one rule', { itemIndex });
	return rules.map((rule, index) => {
		const method = String(rule.method ?? '').trim().toUpperCase();
		const path = String(rule.path ?? '').trim();
		if (!METHODS.includes(method)) {
			throw new NodeOperationError(ctx.getNode(), `"Rules" rule ${index + 1}: method must be one of ${METHODS.join(', ')}`, { itemIndex });
		}
		if (!path.startsWith('/')) {
			throw new NodeOperationError(ctx.getNode(), `"Rules" rule ${index + 1}: path must start with / (got "${path}")`, { itemIndex });
		}
		return { method, path };
	});
}

const HELPERS: Record<string, { name: string; run: Helper }> = {
	requestConsumerKey: {
		name: 'Request Consumer Key',
		async run(ctx, session, itemIndex) {
			const body: IDataObject = { accessRules: accessRules(ctx, itemIndex) };
			const extra = ctx.getNodeParameter('consumerKeyOptions', itemIndex, {}) as { redirection?: string; allowedIPs?: string };
			const redirection = extra.redirection?.trim();
			if (redirection) {
				if (!/^https?:\/\/\S+$/i.test(redirection)) {
					throw new NodeOperationError(ctx.getNode(), `"Redirection URL" must be an http(s) URL (got "${redirection}")`, { itemIndex });
				}
				body.redirection = redirection;
			}
			const allowed = (extra.allowedIPs ?? '').split(',').map((part) => part.trim()).filter(Boolean);
			if (allowed.length) body.allowedIPs = allowed;
			const { body: answer } = await apiRequest(ctx, session, {
				method: 'POST',
				branch: 'v1',
				path: '/auth/credential',
				body,
				unauthenticated: true,
				itemIndex,
			});
			const result = (answer ?? {}) as IDataObject;
			return { consumerKey: result.consumerKey, validationUrl: result.validationUrl, state: result.state };
		},
	},
	getCurrentCredential: {
		name: 'Get Current Credential',
		async run(ctx, session, itemIndex) {
			const { body } = await apiRequest(ctx, session, { method: 'GET', branch: 'v1', path: '/auth/currentCredential', itemIndex });
			return (body ?? {}) as IDataObject;
		},
	},
	logOut: {
		name: 'Log Out',
		async run(ctx, session, itemIndex) {
			await apiRequest(ctx, session, { method: 'POST', branch: 'v1', path: '/auth/logout', itemIndex });
			return { loggedOut: true };
		},
	},
};

/** What the run does for each item of the Auth Helper resource. */
export function authHelperOperation(ctx: IExecuteFunctions, session: Connection): (itemIndex: number) => Promise<IDataObject> {
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const helper = HELPERS[operation];
	if (!helper) throw new NodeOperationError(ctx.getNode(), `Unsupported operation "${operation}" for resource "Auth Helper"`);
	return async (itemIndex) => {
		if (session.credential !== SIGNED) {
			throw new NodeOperationError(ctx.getNode(), `${helper.name} needs the "Application Key (Signed Requests)" authentication`, {
				itemIndex,
				description:
					'Service accounts have no consumer key: their access comes from IAM policies. Choose Authentication "Application Key (Signed Requests)", or call an API operation (e.g. GET /me) with the service account.',
			});
		}
		return await helper.run(ctx, session, itemIndex);
	};
}
