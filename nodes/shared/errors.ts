/**
 * Provider failures as errors a person can act on, provider-neutral: the provider's own message read from
 * whatever shape its error body has, and a NodeApiError built only from scrubbed parts of the failure.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { bodyObject, type HttpFailure } from './http';
import type { Scrubber } from './secrets';

/** Longest provider text kept in a message; the rest is cut with an ellipsis. */
const MAX_MESSAGE = 500;

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** Whether a text is an HTML page (a gateway's error page), which is no message for a person. */
export function isHtml(text: string): boolean {
	return /^\s*</.test(text) || /<html|<body|<!doctype/i.test(text);
}

/**
 * The provider's own message in an error body: the first of `keys` that holds text in a JSON object
 * (nested `error: { message }` too), a JSON string, or a short plain-text body. Undefined for HTML pages,
 * empty bodies and anything else.
 */
export function providerMessage(body: unknown, keys: readonly string[] = ['message', 'error_description', 'error', 'detail']): string | undefined {
	const object = bodyObject(body);
	if (object) {
		for (const key of keys) {
			const value = object[key];
			const text = textOf(value) ?? (value && typeof value === 'object' ? textOf((value as JsonObject).message) : undefined);
			if (text) return cut(text);
		}
		return undefined;
	}
	let text = typeof body === 'string' ? body.trim() : undefined;
	if (!text) return undefined;
	if (text.startsWith('"')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (typeof parsed === 'string') text = parsed.trim();
		} catch {
			text = text.replace(/^"|"$/g, '');
		}
	}
	if (!text || isHtml(text)) return undefined;
	return cut(text);
}

function cut(text: string): string {
	return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

export interface ApiErrorDetails {
	/** What the person reads first: the provider's own message where there is one. */
	message: string;
	/** More context: what to check, the provider's code, the request id. */
	description?: string;
	itemIndex?: number;
}

/**
 * A NodeApiError built only from safe parts of the failure: the message, the description and the kept
 * response body all pass through the scrubber (the body is what n8n stores with the execution).
 */
export function apiError(node: INode, failure: HttpFailure, details: ApiErrorDetails, scrubber: Scrubber): NodeApiError {
	const message = scrubber.text(details.message);
	const description = details.description ? scrubber.text(details.description) : undefined;
	const response: JsonObject = { message };
	if (failure.status) response.httpCode = String(failure.status);
	const body = bodyObject(failure.body);
	if (body) response.body = scrubber.deep(body) as JsonObject;
	else if (typeof failure.body === 'string' && failure.body.trim() && !isHtml(failure.body)) {
		response.body = cut(scrubber.text(failure.body.trim()));
	}
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: details.itemIndex,
	});
}
