/**
 * Cloutility portal emulator, written from the Cloutility REST API guide (shared/reference/seeds/002_*.txt),
 * the endpoint catalog (api/cloutility-endpoints.json) and the resource models:
 * - `POST /v1/oauth`, form body: the password grant (client_id, username, password) and the refresh grant
 *   (client_id, refresh_token) → `{access_token, token_type: "bearer", expires_in, refresh_token}`. Access
 *   tokens are opaque and live `tokenLifetimeSeconds` (299 by default, fractions allowed); a refresh gives a
 *   new access token and leaves the refresh token as it was. Clients registered without refresh get no
 *   refresh token, and a refresh grant for them is refused. The guide has the refresh made "as an
 *   authenticated user" and its example sends the expired access token as `Authorization: Bearer`: a refresh
 *   grant must carry an access token issued to the same user and client (expired or not), or it is refused
 *   with 401; `refreshBearer: 'optional'` also accepts one without (as in Auwau's own example).
 * - The `Origin` header is required on every call, `/v1/oauth` included, and must be the origin registered
 *   with the client ID (for API calls: the client the token was issued to).
 * - API calls need `Authorization: Bearer <access token>`: missing, unknown or expired → 401.
 * - Errors use the documented envelope `{status, code, message, developerMessage}`; lists the envelope
 *   `{href, total, offset, first, items}` with partial objects. To prove that no paging loop runs forever,
 *   `ignorePaging` makes lists ignore `offset` (each page is the first one) or both `offset` and `limit`
 *   (everything every time), and `hideTotals` leaves `total` out of the envelope.
 * Assumptions where the sources are silent (status codes per failure are UNVERIFIED in the catalog): sign-in
 * failures answer 400 (OAuth style codes invalid_client / invalid_grant / invalid_request /
 * unsupported_grant_type), a wrong Origin on an API call answers 403, audit log pages hold at most 100
 * entries (default 25).
 * This file holds sign-in and the checks every call goes through; the state is in cloutility-world.ts, how
 * resources are shown in cloutility-views.ts, and the routes per resource in cloutility-routes/.
 */
import { randomBytes } from 'node:crypto';

import { billingRoutes } from './cloutility-routes/billing';
import { businessUnitRoutes } from './cloutility-routes/business-units';
import { consumerRoutes } from './cloutility-routes/consumers';
import { metaRoutes } from './cloutility-routes/meta';
import { nodeRoutes } from './cloutility-routes/nodes';
import { reportRoutes } from './cloutility-routes/reports';
import { serviceRoutes } from './cloutility-routes/services';
import { settingsRoutes } from './cloutility-routes/settings';
import { failure, notFound, PortalViews } from './cloutility-views';
import { CloutilityWorld, type BackupNode, type BusinessUnit, type Consumer, type Json } from './cloutility-world';
import { Emulator, json, type EmulatorRequest, type EmulatorResponse } from './kit';

export { FULL_VERSION } from './cloutility-world';

export interface CloutilityClient {
	clientId: string;
	origin: string;
	allowRefresh: boolean;
}

export interface CloutilityUser {
	id: number;
	username: string;
	password: string;
	name: string;
	email: string;
	bunitId: number;
}

export interface CloutilityOptions {
	tokenLifetimeSeconds?: number;
	/** Whether a refresh grant must carry the (expired) access token as `Authorization: Bearer` (default: required). */
	refreshBearer?: 'required' | 'optional';
	clients?: CloutilityClient[];
	users?: CloutilityUser[];
}

export const CLOUTILITY_CLIENT: CloutilityClient = {
	clientId: 'n8n-automation-7f3e',
	origin: 'https://n8n.company.example',
	allowRefresh: true,
};

export const CLOUTILITY_USER: CloutilityUser = {
	id: 501,
	username: 'backup-admin@company.example',
	password: 'Portal-pass 2024!',
	name: 'Backup Admin',
	email: 'backup-admin@company.example',
	bunitId: 22,
};

interface IssuedToken {
	userId: number;
	clientId: string;
	expiresAt: number;
}

type Route = (request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse | Promise<EmulatorResponse>;

export class CloutilityEmulator extends Emulator {
	tokenLifetimeSeconds: number;

	readonly clients: CloutilityClient[];

	readonly users: CloutilityUser[];

	world: CloutilityWorld;

	/** How resources are shown (full, partial, as a tree). */
	readonly views = new PortalViews(this);

	private clockOffsetMs = 0;

	private readonly accessTokens = new Map<string, IssuedToken>();

	private readonly refreshTokens = new Map<string, { userId: number; clientId: string }>();

	/** Every 401 the API answered because the access token had expired. */
	expiredTokenRejections = 0;

	refreshBearer: 'required' | 'optional';

	/** Lists ignore `offset` (every page is the first), or `offset` and `limit` alike (every entry every time). */
	ignorePaging: false | 'offset' | 'both' = false;

	/** List envelopes without `total`. */
	hideTotals = false;

	constructor(options: CloutilityOptions = {}) {
		super('cloutility');
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 299;
		this.refreshBearer = options.refreshBearer ?? 'required';
		this.clients = options.clients ?? [{ ...CLOUTILITY_CLIENT }];
		this.users = options.users ?? [{ ...CLOUTILITY_USER }];
		this.world = new CloutilityWorld(() => this.now());
		this.onRequest = (request) => this.guard(request);
		this.route('POST', '/v1/oauth', (request) => this.oauth(request));
		this.addRoutes();
	}

	/** Milliseconds, on the emulator's clock (tests move it forward to expire tokens). */
	now(): number {
		return Date.now() + this.clockOffsetMs;
	}

	advanceClock(seconds: number) {
		this.clockOffsetMs += seconds * 1000;
	}

	/** Back to the seed data, with no tokens, requests or faults. */
	reset() {
		this.world = new CloutilityWorld(() => this.now());
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.requests.length = 0;
		this.expiredTokenRejections = 0;
		this.ignorePaging = false;
		this.hideTotals = false;
		this.latencyMs = 0;
		this.maxInFlight = undefined;
		this.rateLimited = 0;
		this.peakInFlight = 0;
		this.clearFaults();
	}

	/** Refuses every refresh token issued so far (as after an administrator revoked them). */
	revokeRefreshTokens() {
		this.refreshTokens.clear();
	}

	get tokenRequests() {
		return this.requests.filter((request) => request.path === '/v1/oauth');
	}

	get passwordGrants() {
		return this.tokenRequests.filter((request) => new URLSearchParams(request.body.toString('utf8')).get('grant_type') === 'password');
	}

	get refreshGrants() {
		return this.tokenRequests.filter(
			(request) => new URLSearchParams(request.body.toString('utf8')).get('grant_type') === 'refresh_token',
		);
	}

	get apiRequests() {
		return this.requests.filter((request) => request.path !== '/v1/oauth');
	}

	/** Tokens issued and still valid or not: for checks that no token leaked. */
	issuedTokens(): string[] {
		return [...this.accessTokens.keys(), ...this.refreshTokens.keys()];
	}

	// ---------------------------------------------------------------- authentication

	private oauth(request: EmulatorRequest): EmulatorResponse {
		const origin = request.header('origin');
		if (!origin) {
			return failure(400, 'invalid_request', 'The Origin header is missing', 'Every call, /v1/oauth included, must carry the Origin registered with the client ID');
		}
		const contentType = request.header('content-type') ?? '';
		if (!contentType.startsWith('application/x-www-form-urlencoded')) {
			return failure(400, 'invalid_request', 'The token request must be form encoded', `Content-Type was "${contentType}"`);
		}
		const form = request.form();
		const client = this.clients.find((candidate) => candidate.clientId === form.get('client_id'));
		if (!client) return failure(400, 'invalid_client', 'The client ID is not registered', 'No API client with this client_id exists');
		if (client.origin !== origin) {
			return failure(400, 'invalid_client', `Origin ${origin} is not allowed for this client`, 'The Origin must be the one registered with the client ID');
		}
		const grantType = form.get('grant_type');
		if (grantType === 'password') {
			const user = this.users.find((candidate) => candidate.username === form.get('username'));
			if (!user || user.password !== form.get('password')) {
				return failure(400, 'invalid_grant', 'The user name or password is incorrect.', 'Password grant refused');
			}
			return this.issue(user, client, client.allowRefresh ? this.newRefreshToken(user, client) : undefined);
		}
		if (grantType === 'refresh_token') {
			if (!client.allowRefresh) {
				return failure(400, 'unauthorized_client', 'Refresh tokens are not enabled for this client', 'Tick "allow token refreshing" for the API client');
			}
			const token = form.get('refresh_token') ?? '';
			const grant = this.refreshTokens.get(token);
			const user = grant && grant.clientId === client.clientId ? this.users.find((candidate) => candidate.id === grant.userId) : undefined;
			if (!user) return failure(400, 'invalid_grant', 'The refresh token is invalid or has been revoked', 'Refresh grant refused');
			const bearer = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
			const previous = bearer ? this.accessTokens.get(bearer) : undefined;
			const authenticated = previous !== undefined && previous.userId === user.id && previous.clientId === client.clientId;
			if (bearer ? !authenticated : this.refreshBearer === 'required') {
				return failure(
					401,
					'unauthorized',
					'Authorization has been denied for this request.',
					bearer ? 'The access token was not issued to this user and client' : 'Refresh as an authenticated user: send the access token as Authorization: Bearer',
				);
			}
			return this.issue(user, client, token);
		}
		return failure(400, 'unsupported_grant_type', `Grant type "${grantType ?? ''}" is not supported`);
	}

	private newRefreshToken(user: CloutilityUser, client: CloutilityClient): string {
		const token = randomBytes(24).toString('hex');
		this.refreshTokens.set(token, { userId: user.id, clientId: client.clientId });
		return token;
	}

	private issue(user: CloutilityUser, client: CloutilityClient, refreshToken: string | undefined): EmulatorResponse {
		const accessToken = randomBytes(32).toString('base64url');
		this.accessTokens.set(accessToken, {
			userId: user.id,
			clientId: client.clientId,
			expiresAt: this.now() + this.tokenLifetimeSeconds * 1000,
		});
		const body: Json = { access_token: accessToken, token_type: 'bearer', expires_in: Math.round(this.tokenLifetimeSeconds) };
		if (refreshToken) body.refresh_token = refreshToken;
		return json(200, body);
	}

	/** Origin and token checks of every API call; undefined lets the route answer. */
	private guard(request: EmulatorRequest): EmulatorResponse | undefined {
		if (request.path === '/v1/oauth') return undefined;
		if (!request.path.startsWith('/v1/')) return failure(404, 'not_found', `No resource at ${request.path}`);
		const token = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
		const issued = token ? this.accessTokens.get(token) : undefined;
		if (!issued) {
			return failure(401, 'unauthorized', 'Authorization has been denied for this request.', 'The access token is missing or unknown');
		}
		if (issued.expiresAt <= this.now()) {
			this.expiredTokenRejections++;
			return failure(401, 'unauthorized', 'Authorization has been denied for this request.', 'The access token has expired');
		}
		const origin = request.header('origin');
		const client = this.clients.find((candidate) => candidate.clientId === issued.clientId);
		if (!origin || origin !== client?.origin) {
			return failure(403, 'origin_not_allowed', origin ? `Origin ${origin} is not allowed` : 'The Origin header is missing', 'API calls must carry the Origin registered with the client ID the token was issued to');
		}
		return undefined;
	}

	private user(request: EmulatorRequest): CloutilityUser {
		const token = /^Bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1] ?? '';
		const issued = this.accessTokens.get(token)!;
		return this.users.find((candidate) => candidate.id === issued.userId)!;
	}

	// ---------------------------------------------------------------- helpers for routes

	on(method: string, pattern: string, handler: Route) {
		this.route(method, pattern, (request) => handler(request, this.user(request)));
	}

	/** A route below a business unit: answers 404 (unknown) or 403 (not the user's) before `answer` is asked. */
	onUnit(method: string, suffix: string, answer: (unit: BusinessUnit, request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse) {
		this.on(method, `/v1/bunits/:bunitId/${suffix}`, (request, user) => {
			const unit = this.unit(request, user);
			return 'status' in unit ? unit : answer(unit, request, user);
		});
	}

	/** A route below a consumption unit of the path's business unit (404 or 403 first, as for the unit). */
	onConsumer(method: string, suffix: string, answer: (consumer: Consumer, request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse) {
		this.on(method, `/v1/bunits/:bunitId/consumers/:consumerId/${suffix}`, (request, user) => {
			const consumer = this.consumer(request, user);
			return 'status' in consumer ? consumer : answer(consumer, request, user);
		});
	}

	href(path: string): string {
		return `${this.url}${path}`;
	}

	/** The list envelope, with `offset`/`limit` honoured when given (unless `ignorePaging`). */
	list(request: EmulatorRequest, items: unknown[], options: { defaultLimit?: number; maxLimit?: number } = {}): EmulatorResponse {
		const offset = this.ignorePaging ? 0 : Math.max(0, Number(request.query.get('offset') ?? 0) || 0);
		const askedLimit = request.query.get('limit');
		const limit = this.ignorePaging === 'both'
			? Infinity
			: askedLimit !== null
				? Math.min(Number(askedLimit) || 0, options.maxLimit ?? Infinity)
				: (options.defaultLimit ?? Infinity);
		const first = new URL(this.href(request.url));
		first.searchParams.set('offset', '0');
		return json(200, {
			href: this.href(request.url),
			total: this.hideTotals ? undefined : items.length,
			offset,
			first: first.toString(),
			items: items.slice(offset, offset + limit),
		});
	}

	/** The business unit of the path, if the user may see it. */
	unit(request: EmulatorRequest, user: CloutilityUser): BusinessUnit | EmulatorResponse {
		const id = Number(request.params.bunitId);
		const unit = this.world.bunits.get(id);
		if (!Number.isInteger(id) || !unit) return notFound(`Business unit ${request.params.bunitId}`);
		if (!this.world.subtree(user.bunitId).includes(id)) {
			return failure(403, 'forbidden', `You have no access to business unit ${id}`);
		}
		return unit;
	}

	consumer(request: EmulatorRequest, user: CloutilityUser, param = 'consumerId'): Consumer | EmulatorResponse {
		const unit = this.unit(request, user);
		if ('status' in unit) return unit;
		const consumer = this.world.consumers.get(Number(request.params[param] ?? request.query.get(param)));
		if (!consumer || consumer.bunitId !== unit.id) {
			return notFound(`Consumption unit ${request.params[param] ?? request.query.get(param)} of business unit ${unit.id}`);
		}
		return consumer;
	}

	node(request: EmulatorRequest, user: CloutilityUser): { consumer: Consumer; node: BackupNode } | EmulatorResponse {
		const consumer = this.consumer(request, user);
		if ('status' in consumer) return consumer;
		const node = this.world.nodes.get(consumer.id);
		if (!node) return failure(404, 'not_found', `Consumption unit ${consumer.id} has no backup node`, 'Create the node first (POST .../node)');
		return { consumer, node };
	}

	// ---------------------------------------------------------------- routes

	private addRoutes() {
		metaRoutes(this);
		businessUnitRoutes(this);
		consumerRoutes(this);
		nodeRoutes(this);
		billingRoutes(this);
		reportRoutes(this);
		settingsRoutes(this);
		serviceRoutes(this);
	}
}
