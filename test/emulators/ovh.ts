/**
 * OVHcloud API emulator, written from the reference facts (shared/reference/README.md) and OVHcloud's schema:
 * - branches `/1.0`, `/v1` (alias) and `/v2`; every catalog operation is known (method, path, required
 *   parameters); the calls in ovh-data.ts answer with realistic data, the others generically;
 * - signed calls: X-Ovh-Application / -Consumer / -Timestamp / -Signature, the signature recomputed over the
 *   full URL as received (raw request target) and the raw body bytes; the timestamp must be within
 *   TIMESTAMP_WINDOW seconds of the emulator's own clock (which tests skew); a bad signature or timestamp is
 *   400 INVALID_SIGNATURE, an unknown application 403 INVALID_KEY, a consumer key that is not validated (or
 *   logged out) 403 INVALID_CREDENTIAL, a call outside its access rules 403 NOT_GRANTED_CALL;
 * - `GET /auth/time`, `POST /auth/credential` (X-Ovh-Application only), `GET /auth/currentCredential`,
 *   `POST /auth/logout`;
 * - orders, tickets, services, v2 notifications and the documents bills and orders link to (ovh-account.ts), the
 *   documents served without any credential under `/cgi-bin/order/`, as OVHcloud's web site serves them;
 * - batch pagination (`X-Pagination-Mode: CachedObjectList-Pages`, `X-Pagination-Size`, `X-Pagination-Number`;
 *   `X-Pagination-Elements` in the answer) on the collections of ovh-data.ts, and v2 cursors on `/v2/location`;
 *   `paging` makes the server ignore them (see PagingQuirks), to prove the node's guards;
 * - service accounts: `POST /auth/oauth2/token` (also `/oauth2/token`, the path on the new auth hosts; client
 *   credentials, scope all) issuing bearer tokens that expire; bearer calls need no X-Ovh-* header;
 * - standing in for another host: a request carrying STAND_IN_HEADER has its signature checked over that origin;
 * - IAM: a client or consumer key with `allowedActions` may only call operations whose IAM actions (from the
 *   schema snapshot) match them; others get 403 `{ class, message, details: { unauthorizedActionsByIAM } }`;
 * - work that finishes later (ovh-work.ts): operations that start a task, an order or a v2 resource change
 *   answer with its ID and state, and the route it is read on reports its progress;
 * - errors as OVHcloud sends them: `{ errorCode, httpCode, message }` and an `X-Ovh-QueryID` header on every answer.
 * The reference names INVALID_SIGNATURE (400) and NOT_GRANTED_CALL (403); the other codes and texts here (INVALID_KEY,
 * INVALID_CREDENTIAL, NOT_CREDENTIAL, RESOURCE_NOT_FOUND, MISSING_PARAMETER, the bearer 401, the IAM refusal's
 * class and message...) are the emulator's best rendering of OVHcloud's answers, and the timestamp window
 * (TIMESTAMP_WINDOW) is its own choice.
 */
import { createHash, randomBytes } from 'node:crypto';

import { readSchemaSnapshot } from '../../scripts/ovh-catalog/schema-source';

import { Clock } from './jwt';
import { Emulator, type EmulatorRequest, type EmulatorResponse } from './kit';
import { genericAnswer, matchOperation, missingParameters } from './ovh-catalog';
import { OvhData } from './ovh-data';
import { OvhWork } from './ovh-work';

export const TIMESTAMP_WINDOW = 60;

/**
 * Set by a test that routes requests for another origin (e.g. https://api.eu.ovhcloud.com) to the emulator: the
 * origin the client signed its URL with. Not signed itself; real OVHcloud never sees it.
 */
export const STAND_IN_HEADER = 'x-emulator-stands-in-for';

export interface OvhApplication {
	key: string;
	secret: string;
	id: number;
}

export interface OvhAccessRule {
	method: string;
	path: string;
}

export interface OvhConsumer {
	key: string;
	applicationKey: string;
	state: 'pendingValidation' | 'validated' | 'expired' | 'refused';
	rules: OvhAccessRule[];
	credentialId: number;
	allowedIPs?: string[];
	/** IAM actions allowed (`*` wildcards); undefined: everything. */
	allowedActions?: string[];
}

export interface OvhClient {
	id: string;
	secret: string;
	/** IAM actions allowed (`*` wildcards); undefined: everything. */
	allowedActions?: string[];
}

/**
 * Servers that do not page as documented. `batch`: `ignoreHeaders` answers every page with the whole list of
 * objects and no X-Pagination-* header, `ignoreMode` answers IDs as if no batch mode was asked. `cursor` (v2): `repeat` sends back the
 * cursor it received as the next one, `cycle` sends the first cursor again after the second page, `ignore`
 * answers the first page whatever the cursor, with a new next cursor each time.
 */
export interface PagingQuirks {
	batch?: 'ignoreHeaders' | 'ignoreMode';
	cursor?: 'repeat' | 'cycle' | 'ignore';
}

let iamIndex: Map<string, string[]> | undefined;

/** The IAM actions an operation needs (`v1 GET /me/bill` → `account:apiovh:me/bill/get`), from the schema snapshot. */
function iamActionsOf(branch: string, method: string, template: string): string[] {
	if (!iamIndex) {
		iamIndex = new Map();
		for (const source of readSchemaSnapshot()) {
			for (const api of source.schema.apis ?? []) {
				for (const operation of api.operations as Array<{ httpMethod: string; iamActions?: Array<{ name: string }> }>) {
					iamIndex.set(`${source.branch} ${operation.httpMethod} ${api.path}`, (operation.iamActions ?? []).map((action) => action.name));
				}
			}
		}
	}
	return iamIndex.get(`${branch} ${method} ${template}`) ?? [];
}

const application = (key: string, secret: string, id: number): OvhApplication => ({ key, secret, id });
const client = (id: string, secret: string): OvhClient => ({ id, secret });

/** The application of the official signing test vectors (python-ovh, go-ovh), and a validated consumer key. */
export const OVH_APP = application('TDPKJdwZwAQPwKX2', '9ufkBmLaTQ9nz5yMUlg79taH0GNnzDjk', 4242);
export const OVH_CONSUMER = ['5mBuy6SUQcRw2ZUxg0cG68', 'BoDKpED4KY'].join('');
export const OVH_CLIENT = client('EU.1a2b3c4d5e6f7a8b', ['s3rv1ce', 'acc0unt', 's3cret'].join('-'));

const STATUS_TEXT: Record<number, string> = {
	400: '400 Bad Request',
	401: '401 Unauthorized',
	403: '403 Forbidden',
	404: '404 Not Found',
	405: '405 Method Not Allowed',
	409: '409 Conflict',
};

const wildcard = (pattern: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

export class OvhEmulator extends Emulator {
	readonly clock = new Clock();

	readonly data = new OvhData();

	/** Tasks, orders and v2 resource changes that finish later (see ovh-work.ts). */
	readonly work = new OvhWork();

	readonly applications = new Map<string, OvhApplication>([[OVH_APP.key, OVH_APP]]);

	readonly consumers = new Map<string, OvhConsumer>();

	readonly clients = new Map<string, OvhClient>([[OVH_CLIENT.id, OVH_CLIENT]]);

	/** Bearer tokens issued, with their expiry on the emulator's clock. */
	readonly tokens = new Map<string, { clientId: string; expires: number }>();

	tokenLifetimeSeconds = 3600;

	/** How the server misbehaves when paging (none by default). */
	paging: PagingQuirks = {};

	/** Operations that were answered (after authentication), with their decoded path parameters. */
	readonly calls: Array<{ branch: string; key: string; params: Record<string, string>; query: URLSearchParams; body: unknown }> = [];

	private credentialIds = 1;

	/** The calls answered for one operation (`GET /ip/{ip}`), oldest first. */
	callsTo(key: string) {
		return this.calls.filter((call) => call.key === key);
	}

	constructor() {
		super('ovh');
		this.addConsumer(OVH_CONSUMER, [
			{ method: 'GET', path: '/*' },
			{ method: 'POST', path: '/*' },
			{ method: 'PUT', path: '/*' },
			{ method: 'DELETE', path: '/*' },
		]);
		this.route('POST', '/auth/oauth2/token', (request) => this.token(request));
		// The token path on OVHcloud's new auth hosts (auth.eu.ovhcloud.com/oauth2/token), when the emulator stands in for them.
		this.route('POST', '/oauth2/token', (request) => this.token(request));
		this.route('GET', '/cgi-bin/order/:file', (request) => this.data.account.serveDocument(request));
		for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
			this.route(method, /^\/(?<branch>1\.0|v1|v2)(?<rest>\/.*)$/, (request) => this.api(request));
		}
		this.notFound = () => this.error(404, 'CLIENT_NOT_FOUND', 'Got an invalid (or empty) URL');
	}

	/** Listens, and points the document links (bills, orders) at this emulator's "web site". */
	override async start(port = 0): Promise<this> {
		await super.start(port);
		this.data.account.relink(this.url, this.data.bills.values());
		return this;
	}

	addConsumer(key: string, rules: OvhAccessRule[], state: OvhConsumer['state'] = 'validated', applicationKey = OVH_APP.key): OvhConsumer {
		const consumer = { key, applicationKey, state, rules, credentialId: this.credentialIds++ };
		this.consumers.set(key, consumer);
		return consumer;
	}

	/** Every bearer token issued so far stops working (as after their expiry). */
	expireTokens() {
		for (const token of this.tokens.values()) token.expires = 0;
	}

	requestsOf(kind: 'time' | 'token' | 'api') {
		return this.requests.filter((request) => {
			const path = new URL(request.url, 'http://emulator').pathname;
			if (kind === 'time') return /\/auth\/time$/.test(path);
			if (kind === 'token') return path === '/auth/oauth2/token';
			return /^\/(1\.0|v1|v2)\//.test(path) && !/\/auth\/time$/.test(path);
		});
	}

	private queryId() {
		return `EU.ext-3.${randomBytes(12).toString('hex')}`;
	}

	private error(status: number, errorCode: string, message: string): EmulatorResponse {
		return {
			status,
			headers: { 'X-Ovh-QueryID': this.queryId() },
			body: { errorCode, httpCode: STATUS_TEXT[status] ?? String(status), message },
		};
	}

	/** A 200 with a JSON body (text too is sent as JSON, as OVHcloud does). */
	private answer(body: unknown, headers: Record<string, string> = {}): EmulatorResponse {
		if (typeof body !== 'string') return { status: 200, headers: { 'X-Ovh-QueryID': this.queryId(), ...headers }, body: body ?? null };
		const type = { 'Content-Type': 'application/json; charset=utf-8' };
		return { status: 200, headers: { 'X-Ovh-QueryID': this.queryId(), ...type, ...headers }, body: JSON.stringify(body) };
	}

	private token(request: EmulatorRequest): EmulatorResponse {
		const form = request.form();
		let id = form.get('client_id') ?? '';
		let secret = form.get('client_secret') ?? '';
		const basic = /^Basic\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
		if (basic) [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
		if (form.get('grant_type') !== 'client_credentials') {
			return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' } };
		}
		const client = this.clients.get(id);
		if (!client || client.secret !== secret) return { status: 401, body: { error: 'invalid_client', error_description: 'Invalid client' } };
		if (form.get('scope') !== 'all') return { status: 400, body: { error: 'invalid_scope', error_description: 'scope must be "all"' } };
		const token = `eyJ${randomBytes(24).toString('base64url')}`;
		this.tokens.set(token, { clientId: id, expires: this.clock.now() + this.tokenLifetimeSeconds });
		return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds, scope: 'all' } };
	}

	/** The consumer key or service account the call is made with, or the refusal. */
	private authenticate(request: EmulatorRequest): { consumer?: OvhConsumer; client?: OvhClient } | EmulatorResponse {
		const bearer = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
		if (bearer) {
			const token = this.tokens.get(bearer);
			if (!token || token.expires <= this.clock.now()) return this.error(401, 'INVALID_TOKEN', 'The access token is invalid or has expired');
			return { client: this.clients.get(token.clientId) };
		}
		const applicationKey = request.header('x-ovh-application');
		if (!applicationKey) return this.error(401, 'NOT_AUTHENTICATED', 'You must login first');
		const application = this.applications.get(applicationKey);
		if (!application) return this.error(403, 'INVALID_KEY', 'This application key is invalid');
		const consumerKey = request.header('x-ovh-consumer');
		if (!consumerKey) return this.error(401, 'NOT_CREDENTIAL', 'You must login first');
		const timestamp = Number(request.header('x-ovh-timestamp'));
		// The URL as the client signed it: the emulator's own, or the origin it stands in for (see STAND_IN_HEADER).
		const origin = request.header(STAND_IN_HEADER) ?? this.url;
		const expected = createHash('sha1')
			.update(`${application.secret}+${consumerKey}+${request.method}+${origin}${request.url}+`)
			.update(request.body)
			.update(`+${request.header('x-ovh-timestamp') ?? ''}`)
			.digest('hex');
		const inTime = Number.isInteger(timestamp) && Math.abs(timestamp - this.clock.now()) <= TIMESTAMP_WINDOW;
		if (request.header('x-ovh-signature') !== `$1$${expected}` || !inTime) {
			return this.error(400, 'INVALID_SIGNATURE', 'Invalid signature');
		}
		const consumer = this.consumers.get(consumerKey);
		if (!consumer || consumer.applicationKey !== applicationKey || consumer.state !== 'validated') {
			return this.error(403, 'INVALID_CREDENTIAL', 'This credential is not valid');
		}
		return { consumer };
	}

	/** The refusal of IAM when the identity's policy lacks an action the operation needs. */
	private iamRefusal(allowed: string[] | undefined, branch: string, method: string, template: string): EmulatorResponse | undefined {
		if (!allowed) return undefined;
		const missing = iamActionsOf(branch, method, template).filter((action) => !allowed.some((pattern) => wildcard(pattern).test(action)));
		if (missing.length === 0) return undefined;
		return {
			status: 403,
			headers: { 'X-Ovh-QueryID': this.queryId() },
			body: {
				class: 'Client::Forbidden',
				message: 'This call has not been granted',
				details: { unauthorizedActionsByAuthentication: [], unauthorizedActionsByIAM: missing },
			},
		};
	}

	private granted(consumer: OvhConsumer, method: string, path: string): boolean {
		if (path === '/auth/currentCredential' || path === '/auth/logout') return true;
		return consumer.rules.some((rule) => rule.method === method && wildcard(rule.path).test(path));
	}

	private api(request: EmulatorRequest): EmulatorResponse {
		const branch = request.params.branch === 'v2' ? 'v2' : 'v1';
		const rawPath = request.path.slice(request.params.branch.length + 1);
		const { matched, pathExists } = matchOperation(branch, request.method, rawPath);
		if (!matched) {
			return pathExists
				? this.error(405, 'CLIENT_METHOD_NOT_ALLOWED', `Method ${request.method} is not allowed on this path`)
				: this.error(404, 'CLIENT_NOT_FOUND', 'Got an invalid (or empty) URL');
		}
		const { operation } = matched;
		let consumer: OvhConsumer | undefined;
		if (operation.na) {
			if (operation.p === '/auth/credential' && !this.applications.has(request.header('x-ovh-application') ?? '')) {
				return this.error(403, 'INVALID_KEY', 'This application key is invalid');
			}
		} else {
			const auth = this.authenticate(request);
			if ('status' in auth) return auth;
			consumer = auth.consumer;
			const decodedPath = `${branch === 'v2' ? '/v2' : ''}${Object.entries(matched.params).reduce(
				(path, [name, value]) => path.replace(`{${name}}`, value),
				operation.p,
			)}`;
			if (consumer && !this.granted(consumer, request.method, decodedPath)) {
				return this.error(403, 'NOT_GRANTED_CALL', 'This call has not been granted');
			}
			const refusal = this.iamRefusal((consumer ?? auth.client)?.allowedActions, branch, request.method, operation.p);
			if (refusal) return refusal;
		}
		const body = request.json();
		if (request.body.length && body === undefined) return this.error(400, 'INVALID_BODY', 'Invalid JSON body');
		const missing = missingParameters(matched, request.query, body);
		if (missing.length) return this.error(400, 'MISSING_PARAMETER', `Missing parameter(s): ${missing.join(', ')}`);
		this.calls.push({ branch, key: `${operation.m} ${operation.p}`, params: matched.params, query: request.query, body });

		const auth = this.auth(operation.p, request, consumer);
		if (auth) return auth;
		const progress = this.work.read(branch, matched);
		if (progress) return progress.status === 200 ? this.answer(progress.body) : { ...progress, headers: { 'X-Ovh-QueryID': this.queryId() } };
		const dataRequest = { method: request.method, template: operation.p, params: matched.params, query: request.query, body };
		const collection = this.data.collections()[operation.p];
		const batch = request.header('x-pagination-mode') === 'CachedObjectList-Pages' && this.paging.batch !== 'ignoreMode';
		if (request.method === 'GET' && collection && batch) {
			const ids = collection.ids(dataRequest);
			if (this.paging.batch === 'ignoreHeaders') return this.answer(ids.map((id) => collection.object(dataRequest, id)));
			const size = Math.max(1, Number(request.header('x-pagination-size') ?? 5000));
			const page = Math.max(1, Number(request.header('x-pagination-number') ?? 1));
			const objects = ids.slice((page - 1) * size, page * size).map((id) => collection.object(dataRequest, id));
			return this.answer(objects, {
				'X-Pagination-Elements': String(ids.length),
				'X-Pagination-Size': String(size),
				'X-Pagination-Number': String(page),
			});
		}
		if (branch === 'v2' && request.method === 'GET' && operation.p === '/location') return this.cursorPage(request, this.data.locations);
		if (branch === 'v2' && request.method === 'GET' && operation.p === '/notification/history') {
			return this.cursorPage(request, this.data.account.notificationHistory(request.query), 20);
		}
		const answered = this.data.handle(dataRequest);
		if (answered) {
			const started = answered.status === 200 ? this.work.started(branch, matched, answered.body) : answered.body;
			return { ...answered, headers: { 'X-Ovh-QueryID': this.queryId(), ...(answered.headers ?? {}) }, body: started ?? null };
		}
		return this.answer(this.work.started(branch, matched, genericAnswer(matched, body)));
	}

	/** v2 cursor pagination: `X-Pagination-Size` (default `defaultSize`) and an opaque `X-Pagination-Cursor`. */
	private cursorPage(request: EmulatorRequest, items: unknown[], defaultSize = 2): EmulatorResponse {
		const size = Math.max(1, Number(request.header('x-pagination-size') ?? defaultSize));
		const quirk = this.paging.cursor;
		const cursor = quirk === 'ignore' ? undefined : request.header('x-pagination-cursor');
		const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^offset:(\d+).*$/, '$1')) : 0;
		if (!Number.isInteger(start) || start < 0) return this.error(400, 'INVALID_CURSOR', 'Invalid pagination cursor');
		const cursorAt = (offset: number) => Buffer.from(`offset:${offset}${quirk === 'ignore' ? `:${randomBytes(4).toString('hex')}` : ''}`).toString('base64url');
		let next = start + size < items.length ? cursorAt(start + size) : undefined;
		if (next && quirk === 'repeat' && cursor) next = cursor;
		if (next && quirk === 'cycle' && start >= 2 * size) next = cursorAt(size);
		return this.answer(items.slice(start, start + size), next ? { 'X-Pagination-Cursor-Next': next } : {});
	}

	/** The /auth calls. */
	private auth(template: string, request: EmulatorRequest, consumer?: OvhConsumer): EmulatorResponse | undefined {
		switch (`${request.method} ${template}`) {
			case 'GET /auth/time':
				return this.answer(this.clock.now());
			case 'POST /auth/credential': {
				const body = request.json<{ accessRules?: OvhAccessRule[]; redirection?: string; allowedIPs?: string[] }>() ?? {};
				const key = randomBytes(16).toString('hex');
				const created = this.addConsumer(key, body.accessRules ?? [], 'pendingValidation', request.header('x-ovh-application'));
				if (body.allowedIPs) created.allowedIPs = body.allowedIPs;
				return this.answer({
					consumerKey: key,
					state: 'pendingValidation',
					validationUrl: `${this.url}/auth/?credentialToken=${randomBytes(24).toString('hex')}`,
				});
			}
			case 'GET /auth/currentCredential':
				if (!consumer) return this.error(400, 'NOT_A_CONSUMER_KEY', 'This call needs a consumer key');
				return this.answer({
					credentialId: consumer.credentialId,
					applicationId: this.applications.get(consumer.applicationKey)?.id,
					status: consumer.state,
					rules: consumer.rules,
					allowedIPs: consumer.allowedIPs ?? null,
					creation: '2026-01-01T00:00:00Z',
					expiration: null,
					lastUse: new Date(this.clock.now() * 1000).toISOString(),
					ovhSupport: false,
				});
			case 'POST /auth/logout':
				if (consumer) consumer.state = 'expired';
				return this.answer(null);
			default:
				return undefined;
		}
	}
}
