import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** The parts of a failed HTTP call that are safe to look at: never the request, its headers or body. */
export interface HttpFailure {
	status?: number;
	/** The response body as the server sent it (parsed JSON, or text). */
	body?: unknown;
	headers: Record<string, string>;
	/** A network-level code such as ECONNREFUSED or ECONNRESET, when there was no response. */
	code?: string;
	/** The message of the error that was thrown (already free of request data). */
	message: string;
}

interface ResponseLike {
	status?: number;
	data?: unknown;
	headers?: Record<string, unknown>;
}

interface ErrorLike {
	message?: string;
	code?: string;
	httpCode?: string | null;
	response?: ResponseLike;
	cause?: ErrorLike;
}

function headersOf(response?: ResponseLike): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(response?.headers ?? {})) {
		if (value !== undefined && value !== null) headers[key.toLowerCase()] = String(value);
	}
	return headers;
}

/**
 * Reads what a failed `httpRequest*` call returned. n8n wraps the HTTP client's error in a
 * NodeApiError whose cause holds the response; both layers are looked at.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const outer = (error ?? {}) as ErrorLike;
	const inner = outer.response ? outer : (outer.cause ?? outer);
	const response = inner.response;
	const status = response?.status ?? (outer.httpCode ? Number(outer.httpCode) : undefined);
	let body = response?.data;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	return {
		status: Number.isFinite(status) ? status : undefined,
		body,
		headers: headersOf(response),
		code: response ? undefined : (inner.code ?? outer.code),
		message: inner.message ?? outer.message ?? 'Unknown error',
	};
}

/** Parses a body that may be JSON text. */
export function bodyObject(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

export interface ApiErrorDetails {
	/** What the person reads first: the provider's own message where there is one. */
	message: string;
	/** More context: what to check, the provider's code, the request id. */
	description?: string;
	itemIndex?: number;
}

/** A NodeApiError built only from safe parts of the failure. */
export function apiError(node: INode, failure: HttpFailure, details: ApiErrorDetails): NodeApiError {
	const response: JsonObject = { message: details.message };
	if (failure.status) response.httpCode = String(failure.status);
	const body = bodyObject(failure.body);
	if (body) response.body = body as JsonObject;
	return new NodeApiError(node, response, {
		message: details.message,
		description: details.description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: details.itemIndex,
	});
}

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	EHOSTUNREACH: 'host unreachable',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
};

/**
 * A network error code in plain words. (n8n replaces any error message that contains a raw code such as
 * ECONNREFUSED with a generic sentence, which would hide which service could not be reached.)
 */
export function networkWords(code: string | undefined): string {
	return (code && NETWORK_WORDS[code]) || 'network error';
}
