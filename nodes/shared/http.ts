/**
 * Reading HTTP answers and failures, provider-neutral: the status, body and headers of a failed
 * `httpRequest*` call (never the request, its headers or body), headers with lower-case names, and network
 * failures in plain words.
 */
import type { IDataObject } from 'n8n-workflow';

/** The parts of a failed HTTP call that are safe to look at: never the request, its headers or body. */
export interface HttpFailure {
	status?: number;
	/** The response body as the server sent it (parsed JSON, or text). */
	body?: unknown;
	headers: Record<string, string>;
	/** A network-level code such as ECONNREFUSED or ECONNRESET, when there was no (complete) response. */
	code?: string;
	/** The message of the error that was thrown (scrub it before keeping it: it may quote a URL). */
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

/** A network code for an answer that was cut off: the status line came, the body did not all arrive. */
export const RESPONSE_CUT = 'RESPONSE_CUT';

/** Header names in lower case, values as text; undefined and null values left out. */
export function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (!headers || typeof headers !== 'object') return result;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (value !== undefined && value !== null) result[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

/**
 * Reads what a failed `httpRequest*` call returned. n8n wraps the HTTP client's error in a NodeApiError
 * whose cause holds the response; both layers are looked at. A "failure" with a 2xx status is a response
 * that broke off after its status line: it is reported as the network failure it is.
 */
export function readHttpFailure(error: unknown): HttpFailure {
	const outer = (error ?? {}) as ErrorLike;
	const inner = outer.response ? outer : (outer.cause ?? outer);
	const response = inner.response;
	const reported = response?.status ?? (outer.httpCode ? Number(outer.httpCode) : undefined);
	const status = Number.isFinite(reported) ? reported : undefined;
	let body = response?.data;
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	const message = inner.message ?? outer.message ?? 'Unknown error';
	if (status !== undefined && status >= 200 && status < 300) {
		return { headers: lowerCaseHeaders(response?.headers), code: RESPONSE_CUT, message };
	}
	return {
		status,
		body,
		headers: lowerCaseHeaders(response?.headers),
		code: response ? undefined : (inner.code ?? outer.code ?? (status === undefined ? codeInMessage(message) : undefined)),
		message,
	};
}

/** Node's HTTP errors name their code in the message ("socket hang up", "aborted") when `code` is absent. */
function codeInMessage(message: string): string | undefined {
	if (/socket hang up|aborted|premature close/i.test(message)) return 'ECONNRESET';
	const match = /\b(E[A-Z_]{4,})\b/.exec(message);
	return match?.[1];
}

/** Parses a body that may be JSON text into an object (undefined for anything else). */
export function bodyObject(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body) && !Buffer.isBuffer(body)) return body as IDataObject;
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

const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
	[RESPONSE_CUT]: 'the connection closed before the whole answer arrived',
};

/**
 * A network error code in plain words. (n8n replaces any error message that contains a raw code such as
 * ECONNREFUSED with a generic sentence, which would hide which service could not be reached.)
 */
export function networkWords(code: string | undefined): string {
	return (code && NETWORK_WORDS[code]) || 'network error';
}

/** Whether the request certainly never reached the server (so even a request that changes things may be sent again). */
export function neverSent(failure: HttpFailure): boolean {
	return failure.status === undefined && (failure.code === 'ECONNREFUSED' || failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN');
}
