/**
 * OpenvCloud failures as errors a person can act on. The G8 answers errors as a JSON string ("Param with
 * name:accountId is missing."), as plain text, or as an HTML page (401, 419); status codes mean:
 * 400 a parameter is missing or wrong, 401/419 authentication, 403 permission, 404 not found, 409 conflict,
 * 429 rate limited, 503 upgrade in progress. Every error is built by the shared `apiError` from scrubbed
 * parts: nothing of the request (its URL carries the session key) goes into it, and whatever the G8 sent
 * back is cleaned of the credential's secrets and of the call's own secret fields.
 */
import type { INode, NodeApiError } from 'n8n-workflow';

import { apiError, providerMessage } from '../shared/errors';
import { networkWords, type HttpFailure } from '../shared/http';
import { triesNote } from '../shared/retry';
import { scrubberFor, type Scrubber } from '../shared/secrets';
import { CREDENTIAL, SECRET_FIELDS } from './api';
import { NEWER_API } from './catalog';

/** Where the G8 puts its message in a JSON error body. */
const MESSAGE_KEYS = ['message', 'error', 'errormessage', 'detail'];

/** A scrubber for a call: the credential's secrets (read now, so renewed tokens count) and the call's own. */
export async function callScrubber(ctx: Parameters<typeof scrubberFor>[0], secrets: readonly unknown[] = []): Promise<Scrubber> {
	const own = secrets.filter((secret): secret is string => typeof secret === 'string');
	return await scrubberFor(ctx, CREDENTIAL, SECRET_FIELDS, own);
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

/** What a G8 means by "Could not find method": it has no such route, e.g. an older G8 and a newer method. */
const UNKNOWN_METHOD = `This G8 does not have the method: it may be an older version; operations marked "${NEWER_API}" need a newer G8`;

interface CallDescription {
	/** `cloudapi/<actor>/<method>` or `system/...`. */
	path: string;
	itemIndex?: number;
	/** What a status code means for this call, when it differs from the usual meaning. */
	statusMessages?: Record<number, string>;
	/** How many times the request was sent. */
	tries?: number;
}

/** A failed call as a NodeApiError: the G8's message first, then what the status means and where it happened. */
export function providerError(node: INode, failure: HttpFailure, call: CallDescription, scrubber: Scrubber): NodeApiError {
	const status = failure.status;
	const fromServer = providerMessage(failure.body, MESSAGE_KEYS);
	let message: string;
	if (status && call.statusMessages?.[status]) {
		message = call.statusMessages[status];
	} else if (status) {
		message = (status === 401 || status === 419 ? undefined : fromServer) ?? `${GENERIC[status] ?? 'OpenvCloud failed'} (HTTP ${status})`;
	} else if (failure.code) {
		message = `OpenvCloud is unreachable (${networkWords(failure.code)})`;
	} else if (/^(OpenvCloud|ItsYou\.online|The JWT)/.test(failure.message)) {
		// The credential's own words about a failed login.
		message = failure.message;
	} else {
		message = `OpenvCloud request failed: ${failure.message}`;
	}
	const where = status ? `HTTP ${status} on ${call.path}` : `on ${call.path}`;
	const unknownMethod = status === 404 && /could not find method/i.test(fromServer ?? '');
	const hint = unknownMethod ? UNKNOWN_METHOD : status && !call.statusMessages?.[status] ? HINTS[status] : undefined;
	const detail = (status === 401 || status === 419) && fromServer ? `The G8 said: ${fromServer}` : undefined;
	return apiError(
		node,
		failure,
		{
			message: `${message}${triesNote(call.tries ?? 1)}`,
			description: [hint, detail, where].filter(Boolean).join('. '),
			itemIndex: call.itemIndex,
		},
		scrubber,
	);
}

/** A 2xx answer that is not what every Cloud API method sends (a JSON value): empty, or an HTML page. */
export function answerError(node: INode, path: string, status: number, problem: string, itemIndex: number | undefined, scrubber: Scrubber) {
	return apiError(
		node,
		{ status, headers: {}, message: problem },
		{
			message: `OpenvCloud answered ${path} with ${problem}`,
			description: `HTTP ${status} on ${path}: the G8 sends every result as JSON; a proxy in between may have answered instead`,
			itemIndex,
		},
		scrubber,
	);
}
