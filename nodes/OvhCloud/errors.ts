/**
 * OVHcloud failures as errors a person can act on: OVHcloud's message and error code, the IAM class and the
 * IAM actions to grant when IAM refused, the call, what to check, OVHcloud's query ID (which its support asks
 * for) and how many tries it took. Built by the shared `apiError`, so every part is scrubbed of secrets.
 */
import type { INode, NodeApiError } from 'n8n-workflow';

import { apiError, providerMessage } from '../shared/errors';
import { bodyObject, networkWords, RESPONSE_CUT, type HttpFailure } from '../shared/http';
import { triesNote } from '../shared/retry';
import type { Scrubber } from '../shared/secrets';

/** What to tell a person, by OVHcloud error code. */
const HINTS: Record<string, string> = {
	INVALID_SIGNATURE:
		'The signature was refused even with a fresh clock offset: check that the application secret belongs to the application key, and the consumer key',
	INVALID_KEY: 'The application key is not known to this endpoint: check the application key and the endpoint of the credential',
	INVALID_CREDENTIAL:
		'The consumer key is not valid: it was never validated at its validation URL, has expired or was revoked. Request a new one',
	NOT_CREDENTIAL: 'No consumer key was given: request one with the Auth Helper operation "Request Consumer Key"',
	NOT_GRANTED_CALL: "The consumer key's access rules do not include this call: request a consumer key whose rules do",
	QUERY_TIME_OUT: 'The request timestamp was refused even with a fresh clock offset',
};

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The IAM actions OVHcloud says are missing (`details.unauthorizedActionsByIAM`). */
function missingIamActions(details: unknown): string[] {
	const actions = bodyObject(details)?.unauthorizedActionsByIAM;
	return Array.isArray(actions) ? actions.map(textOf).filter((action): action is string => action !== undefined) : [];
}

export interface FailedCall {
	/** `GET /me/bill`, `GET /v2/iam/policy`. */
	route: string;
	/** How many times the call was sent. */
	tries: number;
	itemIndex?: number;
}

/** A failed OVHcloud call as a NodeApiError. */
export function providerError(node: INode, failure: HttpFailure, call: FailedCall, scrubber: Scrubber): NodeApiError {
	const body = bodyObject(failure.body);
	const code = textOf(body?.errorCode);
	const errorClass = textOf(body?.class);
	const iamActions = missingIamActions(body?.details);
	const ovhMessage = providerMessage(failure.body, ['message']);
	const label = code ?? errorClass;
	let message: string;
	if (code === 'NOT_GRANTED_CALL' && iamActions.length === 0) message = `This consumer key may not call ${call.route} (NOT_GRANTED_CALL)`;
	else if (ovhMessage) message = label ? `${ovhMessage} (${label})` : ovhMessage;
	else if (failure.status) message = `OVHcloud answered HTTP ${failure.status}`;
	else if (failure.code === RESPONSE_CUT) message = `OVHcloud's answer to ${call.route} broke off (${networkWords(failure.code)})`;
	else if (failure.code) message = `OVHcloud is unreachable (${networkWords(failure.code)})`;
	// Neither an answer nor a network code: the credential could not sign or log in, and says why.
	else message = failure.message;
	const description = [
		iamActions.length
			? `OVHcloud IAM refused the call${errorClass ? ` (${errorClass})` : ''}. IAM actions to grant in a policy for this user or service account: ${iamActions.join(', ')}`
			: undefined,
		code && iamActions.length === 0 ? HINTS[code] : undefined,
		ovhMessage && code === 'NOT_GRANTED_CALL' && iamActions.length === 0 ? `OVHcloud said: ${ovhMessage}` : undefined,
		`${failure.status ? `HTTP ${failure.status} on` : 'On'} ${call.route}`,
		failure.headers['x-ovh-queryid'] ? `OVHcloud query ID: ${failure.headers['x-ovh-queryid']}` : undefined,
	]
		.filter(Boolean)
		.join('. ');
	return apiError(node, failure, { message: `${message}${triesNote(call.tries)}`, description, itemIndex: call.itemIndex }, scrubber);
}
