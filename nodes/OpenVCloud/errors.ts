/**
 * OpenvCloud failures as errors a person can act on. The G8 answers errors as a JSON string ("Param with
 * name:accountId is missing."), as plain text, or as an HTML page (401, 419); status codes mean:
 * 400 a parameter is missing or wrong, 401/419 authentication, 403 permission, 404 not found, 409 conflict,
 * 429 rate limited, 503 upgrade in progress. Nothing from the request (URL with its authkey, headers, body)
 * goes into an error; what the server says is scrubbed of anything that looks like a key or a JWT.
 */
import type { INode, NodeApiError } from 'n8n-workflow';

import { apiError, bodyObject, networkWords, type HttpFailure } from '../shared/http-failure';

/** Removes session keys and JWTs a server message might echo (e.g. a query string in a 500 page). */
export function scrub(text: string): string {
	return text
		.replace(/(authkey=)[^&\s"'<]+/gi, '$1***')
		.replace(/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '***');
}

/** The message the G8 gave, if it gave one a person can read (not an HTML page). */
export function providerMessage(body: unknown): string | undefined {
	let text: string | undefined;
	if (typeof body === 'string') {
		text = body.trim();
		if (text.startsWith('"')) {
			try {
				const parsed: unknown = JSON.parse(text);
				if (typeof parsed === 'string') text = parsed.trim();
			} catch {
				text = text.replace(/^"|"$/g, '');
			}
		}
		if (/^<|<html|<body|<!doctype/i.test(text)) text = undefined;
	} else {
		const object = bodyObject(body);
		for (const key of ['message', 'error', 'errormessage', 'detail']) {
			const value = object?.[key];
			if (typeof value === 'string' && value.trim()) {
				text = value.trim();
				break;
			}
		}
	}
	if (!text) return undefined;
	return scrub(text.length > 500 ? `${text.slice(0, 500)}…` : text);
}

const GENERIC: Record<number, string> = {
	400: 'OpenvCloud refused a parameter',
	401: 'OpenvCloud did not accept the credential',
	403: 'Permission denied',
	404: 'Not found',
	409: 'Conflicts with the current state',
	419: 'OpenvCloud refused the session key',
	429: 'OpenvCloud is rate limiting the requests',
	503: 'OpenvCloud is being upgraded',
};

const HINTS: Record<number, string> = {
	400: 'A parameter is missing or has the wrong type',
	401: 'The JWT has expired or is not valid for this G8, or the login failed: check the OpenvCloud credential',
	403: 'The user lacks the access rights this needs (on the account, cloud space or machine)',
	404: 'Check the ID: the object does not exist or is not visible to this user',
	409: 'The object is not in a state that allows this, or one with this name exists',
	419: 'The session key expired and logging in again did not help: check the username and password',
	429: 'Too many requests: they were retried after a pause and still refused; try again later',
	503: 'An upgrade is in progress on the G8: try again when it is done',
};

export interface CallDescription {
	/** `cloudapi/<actor>/<method>` or `system/...`. */
	path: string;
	itemIndex?: number;
	/** What a status code means for this call, when it differs from the usual meaning. */
	statusMessages?: Record<number, string>;
}

/** A failed call as a NodeApiError: the G8's message first, then what the status means and where it happened. */
export function callError(node: INode, failure: HttpFailure, call: CallDescription): NodeApiError {
	const status = failure.status;
	const fromServer = providerMessage(failure.body);
	let message: string;
	if (status && call.statusMessages?.[status]) {
		message = call.statusMessages[status];
	} else if (status) {
		message = (status === 401 || status === 419 ? undefined : fromServer) ?? `${GENERIC[status] ?? 'OpenvCloud failed'} (HTTP ${status})`;
	} else if (failure.code) {
		message = `OpenvCloud is unreachable (${networkWords(failure.code)})`;
	} else if (/^(OpenvCloud|ItsYou\.online|The JWT)/.test(failure.message)) {
		message = scrub(failure.message);
	} else {
		message = `OpenvCloud request failed: ${scrub(failure.message)}`;
	}
	const where = status ? `HTTP ${status} on ${call.path}` : `on ${call.path}`;
	const hint = status && !call.statusMessages?.[status] ? HINTS[status] : undefined;
	const detail = (status === 401 || status === 419) && fromServer ? `The G8 said: ${fromServer}` : undefined;
	return apiError(node, failure, {
		message,
		description: [hint, detail, where].filter(Boolean).join('. '),
		itemIndex: call.itemIndex,
	});
}
