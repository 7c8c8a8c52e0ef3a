/**
 * The base of every provider emulator: a loopback HTTP server on an ephemeral port with a route
 * table, a record of every request (method, raw URL, headers, raw body bytes) and faults that can be
 * injected per route (status and body, latency, dropped connection, N failures then success).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
	method: string;
	/** The request target exactly as received (path and raw query string). */
	url: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: Buffer;
	at: number;
}

export interface EmulatorRequest extends RecordedRequest {
	params: Record<string, string>;
	/** The body parsed as JSON, whatever the Content-Type says (undefined if empty or not JSON). */
	json<T = unknown>(): T | undefined;
	/** The body parsed as an URL-encoded form. */
	form(): URLSearchParams;
	header(name: string): string | undefined;
}

export interface EmulatorResponse {
	status: number;
	headers?: Record<string, string | string[]>;
	/** Objects and arrays are sent as JSON; strings and buffers as they are. */
	body?: unknown;
}

export type Handler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface Fault {
	/** Answer with this status (and body/headers) instead of the route's own answer. */
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Wait this long before answering (or before dropping). */
	latencyMs?: number;
	/** Close the connection without any answer. */
	drop?: boolean;
	/** Send the status line, headers and the start of the body, then close the connection (a cut answer). */
	cut?: boolean;
	/**
	 * Answer with `status` (default 500) and a body that quotes the request as some gateways do: method, URL,
	 * every header and the body, as JSON or as an HTML page.
	 */
	echo?: 'json' | 'html';
	/** How many matching requests the fault applies to; after that the route answers normally. */
	times?: number;
}

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

interface Trigger {
	method: string;
	pattern: RegExp;
	keys: string[];
	remaining: number;
	action: () => void;
}

interface ActiveFault extends Fault {
	method: string;
	pattern: RegExp;
	keys: string[];
	remaining: number;
}

/** `/a/:id/b/*` → a RegExp with named segments; `*` matches the rest of the path. */
function compile(pattern: string | RegExp): { pattern: RegExp; keys: string[] } {
	if (pattern instanceof RegExp) return { pattern, keys: [] };
	const keys: string[] = [];
	const source = pattern
		.split('/')
		.map((segment) => {
			if (segment === '*') {
				keys.push('rest');
				return '(.*)';
			}
			if (segment.startsWith(':')) {
				keys.push(segment.slice(1));
				return '([^/]+)';
			}
			return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { pattern: new RegExp(`^${source}$`), keys };
}

function matchParams(route: { pattern: RegExp; keys: string[] }, path: string) {
	const match = route.pattern.exec(path);
	if (!match) return undefined;
	const params: Record<string, string> = { ...(match.groups ?? {}) };
	route.keys.forEach((key, index) => {
		const raw = match[index + 1] ?? '';
		params[key] = key === 'rest' ? raw : decodeURIComponent(raw);
	});
	return params;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
	return { status, body, headers };
}

export class Emulator {
	readonly requests: RecordedRequest[] = [];

	private readonly routes: Route[] = [];

	private faults: ActiveFault[] = [];

	private triggers: Trigger[] = [];

	private readonly sockets = new Set<Socket>();

	private server?: Server;

	private base = '';

	/** Latency added to every request, in milliseconds (a real API answers in tens to hundreds of ms). */
	latencyMs = 0;

	/**
	 * A rate limit: more requests than this in flight at once are answered 429 with `Retry-After`
	 * (`rateLimitRetryAfter`, seconds). Undefined: no limit.
	 */
	maxInFlight?: number;

	rateLimitRetryAfter = '0';

	/** Requests answered 429 by `maxInFlight`. */
	rateLimited = 0;

	/** Most requests in flight at once so far. */
	peakInFlight = 0;

	private inFlight = 0;

	/**
	 * Called with every request any emulator receives and its connection, before it is routed: lets a script
	 * see which process sends what (scripts/e2e/queue-mode.ts, which runs several n8n processes).
	 */
	static observe?: (request: RecordedRequest, socket: Socket, emulator: string) => void;

	/** What unmatched requests get. */
	protected notFound: Handler = (request) => json(404, { message: `No route for ${request.method} ${request.path}` });

	/** Runs before a request is recorded and routed; may answer instead of the route (e.g. auth checks). */
	protected onRequest?: (request: EmulatorRequest) => EmulatorResponse | undefined;

	constructor(readonly name: string) {}

	get url(): string {
		if (!this.base) throw new Error(`${this.name} emulator is not started`);
		return this.base;
	}

	route(method: string, pattern: string | RegExp, handler: Handler): this {
		this.routes.push({ method: method.toUpperCase(), ...compile(pattern), handler });
		return this;
	}

	/** Injects a fault on matching requests ('*' matches any method). Returns a function that removes it. */
	fault(method: string, pattern: string | RegExp, fault: Fault): () => void {
		const active: ActiveFault = {
			...fault,
			method: method.toUpperCase(),
			...compile(pattern),
			remaining: fault.times ?? Infinity,
		};
		this.faults.push(active);
		return () => {
			this.faults = this.faults.filter((candidate) => candidate !== active);
		};
	}

	clearFaults() {
		this.faults = [];
		this.triggers = [];
	}

	/** Runs `action` once, right after the `count`-th matching request has been answered. */
	afterRequests(method: string, pattern: string | RegExp, count: number, action: () => void) {
		this.triggers.push({ method: method.toUpperCase(), ...compile(pattern), remaining: count, action });
	}

	/** Requests matching a method and a path pattern (or all requests to a method when no pattern). */
	requestsTo(method: string, pattern?: string | RegExp): RecordedRequest[] {
		const compiled = pattern === undefined ? undefined : compile(pattern);
		return this.requests.filter(
			(request) =>
				(method === '*' || request.method === method.toUpperCase()) &&
				(!compiled || matchParams(compiled, request.path) !== undefined),
		);
	}

	/** Listens on 127.0.0.1 (port 0: an ephemeral port). */
	async start(port = 0): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				void this.handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks), res, req.socket);
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			this.server!.once('error', reject);
			this.server!.listen(port, '127.0.0.1', resolve);
		});
		this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private request(
		method: string,
		url: string,
		headers: IncomingHttpHeaders,
		body: Buffer,
	): EmulatorRequest {
		const parsed = new URL(url, 'http://emulator');
		return {
			method: method.toUpperCase(),
			url,
			path: parsed.pathname,
			query: parsed.searchParams,
			headers,
			body,
			at: Date.now(),
			params: {},
			json<T>() {
				if (body.length === 0) return undefined;
				try {
					return JSON.parse(body.toString('utf8')) as T;
				} catch {
					return undefined;
				}
			},
			form() {
				return new URLSearchParams(body.toString('utf8'));
			},
			header(name: string) {
				const value = headers[name.toLowerCase()];
				return Array.isArray(value) ? value.join(', ') : value;
			},
		};
	}

	private async handle(
		method: string,
		url: string,
		headers: IncomingHttpHeaders,
		body: Buffer,
		res: ServerResponse,
		socket: Socket,
	) {
		const request = this.request(method, url, headers, body);
		const { params, ...recorded } = request;
		void params;
		this.requests.push({ ...recorded });
		Emulator.observe?.(recorded, socket, this.name);

		const fault = this.faults.find(
			(candidate) =>
				candidate.remaining > 0 &&
				(candidate.method === '*' || candidate.method === request.method) &&
				matchParams(candidate, request.path) !== undefined,
		);
		if (fault) fault.remaining--;
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		const overLimit = this.maxInFlight !== undefined && this.inFlight > this.maxInFlight;
		try {
			const latency = (fault?.latencyMs ?? 0) + this.latencyMs;
			if (latency) await new Promise((resolve) => setTimeout(resolve, latency));
		} finally {
			this.inFlight--;
		}
		if (fault?.drop) {
			socket.destroy();
			return;
		}

		let response: EmulatorResponse;
		try {
			if (overLimit) {
				this.rateLimited++;
				response = json(429, { message: 'Too many requests' }, { 'Retry-After': this.rateLimitRetryAfter });
			} else if (fault?.echo) {
				response = echoResponse(fault.status ?? 500, fault.echo, request);
			} else if (fault?.status) {
				response = { status: fault.status, body: fault.body, headers: fault.headers };
			} else {
				response = this.onRequest?.(request) ?? (await this.dispatch(request));
			}
		} catch (error) {
			response = json(500, { message: `Emulator failure: ${(error as Error).message}` });
		}
		if (fault?.cut) {
			this.sendCut(res, socket, response);
			return;
		}
		this.send(res, response);
		for (const trigger of this.triggers) {
			const matches =
				(trigger.method === '*' || trigger.method === request.method) &&
				matchParams(trigger, request.path) !== undefined;
			if (matches && --trigger.remaining === 0) trigger.action();
		}
		this.triggers = this.triggers.filter((trigger) => trigger.remaining > 0);
	}

	private async dispatch(request: EmulatorRequest): Promise<EmulatorResponse> {
		for (const route of this.routes) {
			if (route.method !== request.method) continue;
			const params = matchParams(route, request.path);
			if (params) return await route.handler({ ...request, params });
		}
		return await this.notFound(request);
	}

	/** Announces the whole body, sends half of it, and closes the connection. */
	private sendCut(res: ServerResponse, socket: Socket, response: EmulatorResponse) {
		const payload = Buffer.from(typeof response.body === 'string' || Buffer.isBuffer(response.body) ? response.body : JSON.stringify(response.body ?? {}));
		res.writeHead(response.status, { 'Content-Type': 'application/json', 'Content-Length': String(payload.length + 64) });
		res.write(payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))));
		setTimeout(() => socket.destroy(), 5);
	}

	private send(res: ServerResponse, response: EmulatorResponse) {
		const headers: Record<string, string | string[]> = { ...(response.headers ?? {}) };
		let payload: Buffer | string = '';
		if (Buffer.isBuffer(response.body) || typeof response.body === 'string') {
			payload = response.body;
		} else if (response.body !== undefined) {
			payload = JSON.stringify(response.body);
			if (!Object.keys(headers).some((key) => key.toLowerCase() === 'content-type')) {
				headers['Content-Type'] = 'application/json; charset=utf-8';
			}
		}
		headers['Content-Length'] = String(Buffer.byteLength(payload));
		res.writeHead(response.status, headers);
		res.end(payload);
	}
}

/** A gateway's error answer that quotes the whole request (URL, headers, body), as JSON or HTML. */
export function echoResponse(status: number, form: 'json' | 'html', request: RecordedRequest): EmulatorResponse {
	const quoted = {
		error: 'Upstream request failed',
		request: { method: request.method, url: request.url, headers: request.headers, body: request.body.toString('utf8') },
	};
	if (form === 'json') return json(status, quoted);
	const lines = [
		`${request.method} ${request.url}`,
		...Object.entries(request.headers).map(([name, value]) => `${name}: ${String(value)}`),
		'',
		request.body.toString('utf8'),
	].join('\n');
	return { status, headers: { 'Content-Type': 'text/html' }, body: `<html><body><h1>${status} Bad Gateway</h1><pre>${lines}</pre></body></html>` };
}
