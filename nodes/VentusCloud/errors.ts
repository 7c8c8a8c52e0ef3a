/**
 * Ventus Cloud failures as errors a person can act on. The gateway passes the service's status through;
 * services answer `{message}`, the auth service `{error, error_description}`, the gateway itself (Dapr)
 * `{errorCode, message}`. Every text kept is scrubbed of the credential's password and tokens (and of
 * anything that looks like a token), even when a server quotes the request back.
 */
import type { IHttpRequestMethods, NodeApiError } from 'n8n-workflow';

import { apiError, providerMessage } from '../shared/errors';
import { networkWords, type HttpFailure } from '../shared/http';
import { triesNote } from '../shared/retry';
import { scrubberFor } from '../shared/secrets';
import { CREDENTIAL, SECRET_FIELDS } from './api';
import type { Context } from './transport';

const STATUS_HINTS: Record<number, string> = {
	401: 'The tokens were refused; check the username and password of the Ventus Cloud credential',
	403: 'This user may not do this in the organization',
	404: 'Not found: check the ID and that the region is the one the project lives in',
	409: 'Conflicts with an existing resource',
	429: 'Ventus Cloud is limiting the rate of requests; try again later or lower Items in Parallel',
	503: 'Ventus Cloud is unavailable for now; try again later',
};

interface CallContext {
	method: IHttpRequestMethods;
	app: string;
	tries: number;
	itemIndex?: number;
}

/** A failed call as a NodeApiError: the service's message first, then what the status means and where. */
export async function providerError(ctx: Context, failure: HttpFailure, call: CallContext): Promise<NodeApiError> {
	const status = failure.status;
	let message = providerMessage(failure.body);
	if (!message && status) message = `Ventus Cloud answered HTTP ${status}`;
	// The credential's own account of a failed login (it never quotes what was sent).
	if (!message && failure.message.startsWith('Ventus Cloud')) message = failure.message;
	message ??= `Ventus Cloud request failed: ${networkWords(failure.code)}`;
	const description = [status ? STATUS_HINTS[status] : undefined, status ? `HTTP ${status} on ${call.method} ${call.app}` : undefined]
		.filter(Boolean)
		.join('. ');
	return apiError(
		ctx.getNode(),
		failure,
		{ message: `${message}${triesNote(call.tries)}`, description: description || undefined, itemIndex: call.itemIndex },
		await scrubberFor(ctx, CREDENTIAL, SECRET_FIELDS),
	);
}

/**
 * A 2xx answer without what the API documents for the operation (e.g. a create without the new ID).
 * `changes` says whether the call changes something (then it may have been carried out).
 */
export async function unexpectedAnswer(
	ctx: Context,
	answer: { operation: string; expected: string; changes: boolean; itemIndex?: number },
): Promise<NodeApiError> {
	return apiError(
		ctx.getNode(),
		{ headers: {}, message: '' },
		{
			message: `Ventus Cloud's answer to ${answer.operation} is not what it documents: expected ${answer.expected}`,
			description: answer.changes ? 'The call may have been carried out: check in the Ventus Console before running it again' : undefined,
			itemIndex: answer.itemIndex,
		},
		await scrubberFor(ctx, CREDENTIAL, SECRET_FIELDS),
	);
}
