/** Cloutility failures as errors a person can act on: the portal's own words, what to check, and no secret. */
import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions, NodeApiError } from 'n8n-workflow';

import { apiError, providerMessage } from '../shared/errors';
import { bodyObject, networkWords, type HttpFailure } from '../shared/http';
import { triesNote } from '../shared/retry';
import { scrubberFor } from '../shared/secrets';
import { CREDENTIAL, SECRET_FIELDS } from './api';

/**
 * Where the portal puts its words: its error envelope `{status, code, message, developerMessage}`, OAuth
 * style `error_description`, or the ASP.NET `Message` / `MessageDetail` / `ExceptionMessage`.
 */
const MESSAGE_KEYS = ['message', 'Message', 'error_description', 'error', 'developerMessage', 'MessageDetail', 'ExceptionMessage'];
const DETAIL_KEYS = ['developerMessage', 'MessageDetail', 'ExceptionMessage'];

const STATUS_HINTS: Record<number, string> = {
	400: 'The portal refused the request as invalid',
	401: 'The access token was refused even after signing in again; check the Cloutility credential',
	403: 'The signed-in user may not do this here, or the origin is not the one registered for the client ID',
	404: 'Not found: check the IDs (business unit, consumption unit...) and that the user can see them',
	409: 'Conflicts with the current state (e.g. the node already exists or is already activated)',
	429: 'The portal asked for fewer requests at a time; lower "Items in Parallel" under Options',
	503: 'The portal is unavailable for now; try again later',
};

export interface FailedCall {
	method: string;
	path: string;
	/** The catalog's path template, named instead of the path. */
	template?: string;
	itemIndex?: number;
	/** Secret values the call carried (a node password). */
	secrets?: string[];
}

/** A failed call as a NodeApiError: the portal's message, its details and code, a hint, and how many tries it took. */
export async function providerError(
	ctx: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	failure: HttpFailure,
	call: FailedCall,
	tries: number,
): Promise<NodeApiError> {
	const scrubber = await scrubberFor(ctx, CREDENTIAL, SECRET_FIELDS, call.secrets);
	const route = `${call.method} ${call.template ?? call.path}`;
	if (failure.status === undefined) {
		// No (complete) answer: a network failure, or a sign-in the credential could not make (in its own words).
		const message = failure.code ? `Cloutility request failed: ${networkWords(failure.code)}` : failure.message;
		return apiError(ctx.getNode(), failure, { message: `${message}${triesNote(tries)}`, description: `On ${route}`, itemIndex: call.itemIndex }, scrubber);
	}
	const message = providerMessage(failure.body, MESSAGE_KEYS);
	const detail = providerMessage(failure.body, DETAIL_KEYS);
	const code = bodyObject(failure.body)?.code;
	const description = [
		detail && detail !== message ? detail : undefined,
		(typeof code === 'string' && code.trim()) || typeof code === 'number' ? `Code: ${String(code).trim()}` : undefined,
		STATUS_HINTS[failure.status],
		`HTTP ${failure.status} on ${route}`,
	]
		.filter(Boolean)
		.join('. ');
	return apiError(
		ctx.getNode(),
		failure,
		{ message: `${message ?? `Cloutility answered HTTP ${failure.status}`}${triesNote(tries)}`, description, itemIndex: call.itemIndex },
		scrubber,
	);
}
