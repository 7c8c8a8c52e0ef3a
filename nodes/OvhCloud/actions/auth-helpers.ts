/** The Auth Helper operations: request a consumer key, read the current credential, log out. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ovhRequest, SIGNED, type OvhSession } from '../transport';

type Helper = (ctx: IExecuteFunctions, session: OvhSession, itemIndex: number) => Promise<IDataObject>;

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

export const authHelpers: Record<string, Helper> = {
	async requestConsumerKey(ctx, session, itemIndex) {
		if (session.credential !== SIGNED) {
			throw new NodeOperationError(ctx.getNode(), 'Request Consumer Key needs the "Application Key (Signed Requests)" authentication', {
				itemIndex,
				description: 'Service accounts have no consumer keys: their access comes from IAM policies.',
			});
		}
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
		const { body: answer } = await ovhRequest(ctx, session, {
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

	async getCurrentCredential(ctx, session, itemIndex) {
		const { body } = await ovhRequest(ctx, session, { method: 'GET', branch: 'v1', path: '/auth/currentCredential', itemIndex });
		return (body ?? {}) as IDataObject;
	},

	async logOut(ctx, session, itemIndex) {
		await ovhRequest(ctx, session, { method: 'POST', branch: 'v1', path: '/auth/logout', itemIndex });
		return { loggedOut: true };
	},
};
