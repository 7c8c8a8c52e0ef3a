/**
 * Cloutility portal emulator, written from the Cloutility REST API guide (shared/reference/seeds/002_*.txt),
 * the endpoint catalog (api/cloutility-endpoints.json) and the resource models:
 * - `POST /v1/oauth`, form body: the password grant (client_id, username, password) and the refresh grant
 *   (client_id, refresh_token) → `{access_token, token_type: "bearer", expires_in, refresh_token}`. Access
 *   tokens are opaque and live `tokenLifetimeSeconds` (299 by default, fractions allowed); a refresh gives a
 *   new access token and leaves the refresh token as it was. Clients registered without refresh get no
 *   refresh token, and a refresh grant for them is refused.
 * - The `Origin` header is required on every call, `/v1/oauth` included, and must be the origin registered
 *   with the client ID (for API calls: the client the token was issued to).
 * - API calls need `Authorization: Bearer <access token>`: missing, unknown or expired → 401.
 * - Errors use the documented envelope `{status, code, message, developerMessage}`; lists the envelope
 *   `{href, total, offset, first, items}` with partial objects.
 * Assumptions where the sources are silent (status codes per failure are UNVERIFIED in the catalog): sign-in
 * failures answer 400 (OAuth style codes invalid_client / invalid_grant / invalid_request /
 * unsupported_grant_type), a wrong Origin on an API call answers 403, audit log pages hold at most 100
 * entries (default 25).
 */
import { randomBytes } from 'node:crypto';

import {
	AUDIT_TYPE_NAMES,
	ACTIONS,
	CLIENT_OPTION_SETS,
	CloutilityWorld,
	DEFAULT_SERVER,
	DOMAINS,
	NODE_TYPES,
	OPERATING_SYSTEMS,
	STORAGE_PROTECT_NAME,
	TAGS,
	TIME_ZONES,
	WARNING_TYPES,
	type BackupNode,
	type BusinessUnit,
	type Consumer,
	type Json,
} from './cloutility-world';
import { Emulator, json, type EmulatorRequest, type EmulatorResponse } from './kit';

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

export const FULL_VERSION = '1.0.4480.0';

interface IssuedToken {
	userId: number;
	clientId: string;
	expiresAt: number;
}

type Route = (request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse | Promise<EmulatorResponse>;

/** The documented error envelope. */
export function failure(status: number, code: string, message: string, developerMessage = message): EmulatorResponse {
	return json(status, { status, code, message, developerMessage });
}

const notFound = (what: string) => failure(404, 'not_found', `${what} was not found`);

export class CloutilityEmulator extends Emulator {
	tokenLifetimeSeconds: number;

	readonly clients: CloutilityClient[];

	readonly users: CloutilityUser[];

	world: CloutilityWorld;

	private clockOffsetMs = 0;

	private readonly accessTokens = new Map<string, IssuedToken>();

	private readonly refreshTokens = new Map<string, { userId: number; clientId: string }>();

	/** Every 401 the API answered because the access token had expired. */
	expiredTokenRejections = 0;

	constructor(options: CloutilityOptions = {}) {
		super('cloutility');
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 299;
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

	private on(method: string, pattern: string, handler: Route) {
		this.route(method, pattern, (request) => handler(request, this.user(request)));
	}

	href(path: string): string {
		return `${this.url}${path}`;
	}

	/** The list envelope, with `offset`/`limit` honoured when given. */
	private list(request: EmulatorRequest, items: unknown[], options: { defaultLimit?: number; maxLimit?: number } = {}): EmulatorResponse {
		const offset = Math.max(0, Number(request.query.get('offset') ?? 0) || 0);
		const askedLimit = request.query.get('limit');
		const limit = askedLimit !== null ? Math.min(Number(askedLimit) || 0, options.maxLimit ?? Infinity) : (options.defaultLimit ?? Infinity);
		const first = new URL(this.href(request.url));
		first.searchParams.set('offset', '0');
		return json(200, {
			href: this.href(request.url),
			total: items.length,
			offset,
			first: first.toString(),
			items: items.slice(offset, offset + limit),
		});
	}

	/** The business unit of the path, if the user may see it. */
	private unit(request: EmulatorRequest, user: CloutilityUser): BusinessUnit | EmulatorResponse {
		const id = Number(request.params.bunitId);
		const unit = this.world.bunits.get(id);
		if (!Number.isInteger(id) || !unit) return notFound(`Business unit ${request.params.bunitId}`);
		if (!this.world.subtree(user.bunitId).includes(id)) {
			return failure(403, 'forbidden', `You have no access to business unit ${id}`);
		}
		return unit;
	}

	private consumer(request: EmulatorRequest, user: CloutilityUser, param = 'consumerId'): Consumer | EmulatorResponse {
		const unit = this.unit(request, user);
		if ('status' in unit) return unit;
		const consumer = this.world.consumers.get(Number(request.params[param] ?? request.query.get(param)));
		if (!consumer || consumer.bunitId !== unit.id) {
			return notFound(`Consumption unit ${request.params[param] ?? request.query.get(param)} of business unit ${unit.id}`);
		}
		return consumer;
	}

	private node(request: EmulatorRequest, user: CloutilityUser): { consumer: Consumer; node: BackupNode } | EmulatorResponse {
		const consumer = this.consumer(request, user);
		if ('status' in consumer) return consumer;
		const node = this.world.nodes.get(consumer.id);
		if (!node) return failure(404, 'not_found', `Consumption unit ${consumer.id} has no backup node`, 'Create the node first (POST .../node)');
		return { consumer, node };
	}

	private unitJson(unit: BusinessUnit, full: boolean): Json {
		const base = `/v1/bunits/${unit.id}`;
		const partial: Json = { href: this.href(base), name: unit.name, id: unit.id, createdDate: unit.createdDate };
		if (!full) return partial;
		const parent = unit.parentId !== undefined ? this.world.bunits.get(unit.parentId) : undefined;
		const zone = TIME_ZONES.find((candidate) => candidate.id === unit.timeZoneId)!;
		const collection = (path: string, total = 0) => ({ href: this.href(`${base}/${path}`), total, items: [] });
		const children = [...this.world.bunits.values()].filter((candidate) => candidate.parentId === unit.id);
		return {
			...unit.extra,
			href: this.href(base),
			parentBusinessUnit: parent ? this.unitJson(parent, false) : undefined,
			timeZone: { href: this.href(`/v1/timezones/${zone.id}`), ...zone, createdDate: '2022-06-10T06:33:19.337Z' },
			users: collection('users', this.users.filter((candidate) => candidate.bunitId === unit.id).length),
			addresses: collection('addresses'),
			businessUnits: collection('bunits', children.length),
			ancestors: collection('ancestors'),
			name: unit.name,
			note: unit.note,
			registrationNumber: unit.registrationNumber,
			invoiceDay: 0,
			storageLimit: 0,
			nodeLimit: 0,
			reportRemotely: false,
			tags: TAGS.filter((tag) => tag.businessUnitId === unit.id),
			id: unit.id,
			createdDate: unit.createdDate,
		};
	}

	private tree(unit: BusinessUnit): Json {
		return {
			id: unit.id,
			parentId: unit.parentId,
			name: unit.name,
			groupName: 'Safespring',
			reportRemotely: false,
			businessUnits: [...this.world.bunits.values()].filter((child) => child.parentId === unit.id).map((child) => this.tree(child)),
			tags: [],
			invoiceDay: 0,
		};
	}

	private consumerJson(consumer: Consumer, full: boolean): Json {
		const node = this.world.nodes.get(consumer.id);
		const state = node?.activatedDate ? { id: 3, name: 'Active' } : { id: 1, name: 'New' };
		const partial: Json = {
			href: this.href(`/v1/bunits/${consumer.bunitId}/consumers/${consumer.id}`),
			name: consumer.name,
			dataSourceState: state,
			id: consumer.id,
			createdDate: consumer.createdDate,
		};
		if (!full) return partial;
		return {
			...consumer.extra,
			...partial,
			dataSourceType: { id: 1, name: 'SP Backup node' },
			dataSourceIsPotentialParent: false,
			billingStartDate: consumer.billingStartDate,
			businessUnit: this.unitJson(this.world.bunits.get(consumer.bunitId)!, false),
			note: consumer.note,
			externalReference: consumer.externalReference,
			limitHighStorage: consumer.limitHighStorage,
			allowNoActivity: consumer.allowNoActivity,
			tags: TAGS.filter((tag) => consumer.tagIds.includes(tag.id)),
			comments: [],
			jobs: [],
		};
	}

	private nodeJson(node: BackupNode, full = true): Json {
		const consumer = this.world.consumers.get(node.consumerId)!;
		const href = this.href(`/v1/bunits/${consumer.bunitId}/consumers/${consumer.id}/node`);
		const partial: Json = { href, name: consumer.name, tsmName: node.tsmName, id: node.id, createdDate: node.createdDate };
		if (!full) return partial;
		const related = (ids: number[]) => ids.map((id) => this.nodeJson(this.world.nodes.get(id)!, false));
		const os = OPERATING_SYSTEMS.find((candidate) => candidate.id === node.operatingSystemId)!;
		return {
			...node.extra,
			...partial,
			cpuCount: node.cpuCount,
			activatedDate: node.activatedDate,
			locked: false,
			operatingSystem: { id: os.id, name: os.name, shortName: os.shortName },
			type: NODE_TYPES.find((type) => type.id === node.typeId),
			domain: DOMAINS.find((domain) => domain.id === node.domainId),
			clientOptionSet: CLIENT_OPTION_SETS.find((set) => set.id === node.clientOptionSetId),
			server: DEFAULT_SERVER,
			contact: node.contact,
			tsmPassword: node.tsmPassword,
			proxyAgents: related(this.world.proxies.filter((pair) => pair.target === node.consumerId).map((pair) => pair.agent)),
			proxyTargets: related(this.world.proxies.filter((pair) => pair.agent === node.consumerId).map((pair) => pair.target)),
			nodeGroups: node.nodeGroups,
			dataSourceState: node.activatedDate ? { id: 3, name: 'Active' } : { id: 1, name: 'New' },
			dataSourceType: { id: 1, name: 'SP Backup node' },
			consumer: this.consumerJson(consumer, false),
		};
	}

	/** Sets the known fields of a body on a record; other fields are kept aside and echoed back. */
	private apply<T extends { extra: Json }>(record: T, body: Json, fields: Array<keyof T & string>) {
		const known = new Set<string>(['href', 'id', 'createdDate', '$type']);
		for (const field of fields) {
			known.add(field);
			if (body[field] !== undefined) (record as Record<string, unknown>)[field] = body[field];
		}
		for (const [key, value] of Object.entries(body)) {
			if (!known.has(key) && (value === null || typeof value !== 'object')) record.extra[key] = value;
		}
	}

	private refId(body: Json, key: string): number | undefined {
		const value = body[key] ?? body[key.charAt(0).toUpperCase() + key.slice(1)];
		const id = value && typeof value === 'object' ? (value as Json).id ?? (value as Json).Id : undefined;
		return typeof id === 'number' ? id : undefined;
	}

	// ---------------------------------------------------------------- routes

	private addRoutes() {
		this.metaRoutes();
		this.unitRoutes();
		this.consumerRoutes();
		this.nodeRoutes();
		this.billingRoutes();
	}

	private metaRoutes() {
		this.on('GET', '/v1/fullVersion', () => json(200, FULL_VERSION));
		this.on('GET', '/v1/me', (_request, user) => {
			const unit = this.world.bunits.get(user.bunitId)!;
			return json(200, {
				href: this.href('/v1/me'),
				name: user.name,
				email: user.email,
				displayName: user.name,
				businessUnit: this.unitJson(unit, false),
				businessUnitId: unit.id,
				role: { id: 2, name: 'Administrator' },
				id: user.id,
				createdDate: '2023-01-02T08:00:00Z',
			});
		});
		const fixed = (path: string, entries: Json[]) => {
			this.on('GET', path, (request) => this.list(request, entries.map((entry) => ({ href: this.href(`${path}/${String(entry.id)}`), ...entry }))));
			this.on('GET', `${path}/:entryId`, (request) => {
				const entry = entries.find((candidate) => String(candidate.id) === request.params.entryId);
				return entry ? json(200, { href: this.href(`${path}/${String(entry.id)}`), ...entry }) : notFound(`${path} ${request.params.entryId}`);
			});
		};
		fixed('/v1/actions', ACTIONS);
		fixed('/v1/timezones', TIME_ZONES);
		fixed(
			'/v1/nodeoperatingsystems',
			OPERATING_SYSTEMS.map(({ supportedNodeTypeIds, ...os }) => ({
				...os,
				supportedNodeTypes: NODE_TYPES.filter((type) => supportedNodeTypeIds.includes(type.id)),
			})),
		);
		fixed('/v1/nodetypes', NODE_TYPES);
		this.on('GET', '/v1/nodewarningtypes', (request) => this.list(request, WARNING_TYPES));
		this.on('GET', '/v1/timezones/:timeZoneId/offset', (request) => {
			const zone = TIME_ZONES.find((candidate) => String(candidate.id) === request.params.timeZoneId);
			if (!zone) return notFound(`Time zone ${request.params.timeZoneId}`);
			const date = request.query.get('date');
			const month = date ? new Date(date).getUTCMonth() : new Date(this.now()).getUTCMonth();
			if (Number.isNaN(month)) return failure(400, 'invalid_request', `"${date}" is not a date`);
			const summer = zone.offset !== 0 && month >= 3 && month <= 9;
			return json(200, zone.offset + (summer ? 60 : 0));
		});
	}

	private unitRoutes() {
		this.on('GET', '/v1/bunits', (request, user) => {
			const start = request.query.get('bunitId');
			if (start === null) return json(200, this.tree(this.world.bunits.get(user.bunitId)!));
			const unit = this.unit({ ...request, params: { bunitId: start } }, user);
			return 'status' in unit ? unit : json(200, this.tree(unit));
		});
		this.on('GET', '/v1/bunits/:bunitId', (request, user) => {
			const unit = this.unit(request, user);
			return 'status' in unit ? unit : json(200, this.unitJson(unit, true));
		});
		this.on('PUT', '/v1/bunits/:bunitId', (request, user) => {
			const unit = this.unit(request, user);
			if ('status' in unit) return unit;
			const body = request.json<Json>() ?? {};
			this.apply(unit, body, ['name', 'registrationNumber', 'note']);
			const zone = this.refId(body, 'timeZone');
			if (zone !== undefined) unit.timeZoneId = zone;
			this.world.log(200, unit.id, `Business unit ${unit.name} modified`, user.username);
			return json(200, this.unitJson(unit, true));
		});
		this.on('DELETE', '/v1/bunits/:bunitId', (request, user) => {
			const unit = this.unit(request, user);
			if ('status' in unit) return unit;
			if (unit.id === user.bunitId) return failure(403, 'forbidden', 'You cannot delete your own business unit');
			const below = this.world.subtree(unit.id);
			const flag = (name: string) => request.query.get(name) === 'true';
			if (below.length > 1 && !flag('deleteChildren')) {
				return failure(409, 'conflict', `Business unit ${unit.id} has child business units`, 'Set deleteChildren=true to delete them too');
			}
			const consumers = [...this.world.consumers.values()].filter((consumer) => below.includes(consumer.bunitId));
			if (consumers.length > 0 && !flag('deleteConsumers')) {
				return failure(409, 'conflict', `Business unit ${unit.id} has consumption units`, 'Set deleteConsumers=true to delete them too');
			}
			for (const consumer of consumers) {
				this.world.consumers.delete(consumer.id);
				this.world.nodes.delete(consumer.id);
			}
			for (const id of below) this.world.bunits.delete(id);
			this.world.log(300, unit.parentId ?? unit.id, `Business unit ${unit.name} deleted`, user.username);
			return { status: 204 };
		});
		this.on('GET', '/v1/bunits/:bunitId/bunits', (request, user) => {
			const unit = this.unit(request, user);
			if ('status' in unit) return unit;
			const children = [...this.world.bunits.values()].filter((child) => child.parentId === unit.id);
			return this.list(request, children.map((child) => this.unitJson(child, false)));
		});
		this.on('POST', '/v1/bunits/:bunitId/bunits', (request, user) => {
			const parent = this.unit(request, user);
			if ('status' in parent) return parent;
			const body = request.json<Json>() ?? {};
			if (typeof body.name !== 'string' || !body.name.trim()) return failure(400, 'invalid_request', 'The business unit needs a name');
			const zone = this.refId(body, 'timeZone') ?? parent.timeZoneId;
			if (!TIME_ZONES.some((candidate) => candidate.id === zone)) return failure(400, 'invalid_request', `Time zone ${zone} does not exist`);
			const unit: BusinessUnit = {
				id: this.world.id(),
				parentId: parent.id,
				name: body.name.trim(),
				registrationNumber: String(body.registrationNumber ?? ''),
				note: typeof body.note === 'string' ? body.note : undefined,
				timeZoneId: zone,
				createdDate: this.world.timestamp(),
				extra: {},
			};
			this.apply(unit, body, ['name', 'registrationNumber', 'note']);
			this.world.bunits.set(unit.id, unit);
			this.world.log(100, parent.id, `Business unit ${unit.name} created`, user.username);
			return json(200, this.unitJson(unit, true));
		});
		const perUnit = (suffix: string, answer: (unit: BusinessUnit, request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse) =>
			this.on('GET', `/v1/bunits/:bunitId/${suffix}`, (request, user) => {
				const unit = this.unit(request, user);
				return 'status' in unit ? unit : answer(unit, request, user);
			});
		perUnit('users', (unit, request) =>
			this.list(
				request,
				this.users
					.filter((candidate) => candidate.bunitId === unit.id)
					.map((candidate) => ({ href: this.href(`/v1/users/${candidate.id}`), name: candidate.name, email: candidate.email, id: candidate.id })),
			),
		);
		perUnit('addresses', (unit, request) =>
			this.list(request, [
				{ href: this.href(`/v1/bunits/${unit.id}/addresses/1`), name: unit.name, street: 'Storgatan 1', zipCode: '111 22', city: 'Stockholm', type: { id: 1, name: 'Billing' }, id: 1 },
			]),
		);
		perUnit('ancestors', (unit, request) => this.list(request, this.world.ancestors(unit.id).map((ancestor) => this.unitJson(ancestor, false))));
		perUnit('summaries', (unit, request) => {
			if (!request.query.get('previousDate')) return failure(400, 'invalid_request', 'previousDate is required');
			return json(
				200,
				this.world.subtree(unit.id).map((id) => ({ id, name: this.world.bunits.get(id)!.name, totalStorage: 2048, previousTotalStorage: 1024, totalStorageDelta: 1024, totalStorageDeltaPercentage: 100 })),
			);
		});
		perUnit('roles', (unit, request) =>
			this.list(request, [
				{ id: 2, name: 'Administrator', description: 'Everything in the business unit', inheritable: true, privileges: [{ id: 1, name: 'Manage consumers' }] },
				{ id: 3, name: 'Reader', description: 'Read only', inheritable: true, privileges: [] },
			].filter((role) => request.query.get('filterForUserId') === null || role.id !== 2 || unit.id === 22)),
		);
		perUnit('pointusers', (unit, request) => this.list(request, [{ id: 31, name: `s3-${unit.id}`, accessKey: 'AKIAEXAMPLE', businessUnitId: unit.id }]));
		perUnit('orainusers', (unit, request) => this.list(request, [{ id: 41, name: `orain-${unit.id}`, businessUnitId: unit.id }]));
		perUnit('nodedeletionrule', () => json(200, { retentionDays: 30, deleteNodesAutomatically: false, useDecommission: true, deleteFilespacesAutomatically: false, id: 5 }));
		perUnit('auditlogs', (unit, request) => {
			const ids = request.query.get('includeDescendants') === 'true' ? this.world.subtree(unit.id) : [unit.id];
			return this.auditLogs(request, (entry) => ids.includes(entry.businessUnitId));
		});
		perUnit('consumption', (unit, request) => {
			if (!request.query.get('startDate')) return failure(400, 'invalid_request', 'startDate is required');
			return json(200, [{ product: { id: 1, name: 'Backup storage (GB)' }, consumptions: [{ businessUnitId: unit.id, quantity: 512.5 }] }]);
		});
		perUnit('tags', (unit, request) => this.list(request, TAGS.filter((tag) => tag.businessUnitId === unit.id)));
		perUnit('tags/own', (unit, request) => this.list(request, TAGS.filter((tag) => tag.businessUnitId === unit.id)));
		perUnit('tags/available', (unit, request) => {
			const above = [unit.id, ...this.world.ancestors(unit.id).map((ancestor) => ancestor.id)];
			return this.list(request, TAGS.filter((tag) => tag.businessUnitId === unit.id || (above.includes(tag.businessUnitId) && tag.inheritable)));
		});
		perUnit('tags/availablesubscriptions', (unit, request) => this.list(request, TAGS.filter((tag) => tag.inheritable)));
		perUnit('defaultserver', () => json(200, { href: this.href(`/v1/servers/${DEFAULT_SERVER.id}`), ...DEFAULT_SERVER }));
		perUnit('defaultserver/domains', (_unit, request) => this.list(request, DOMAINS.map((domain) => ({ ...domain, server: DEFAULT_SERVER }))));
		perUnit('defaultserver/clientoptionsets', (_unit, request) => this.list(request, CLIENT_OPTION_SETS));
	}

	private auditLogs(request: EmulatorRequest, include: (entry: { businessUnitId: number; consumerId?: number }) => boolean): EmulatorResponse {
		const types = request.query.getAll('types').map(Number);
		const start = request.query.get('startTime');
		const end = request.query.get('endTime');
		for (const time of [start, end]) {
			if (time !== null && Number.isNaN(Date.parse(time))) return failure(400, 'invalid_request', `"${time}" is not a date`);
		}
		let entries = this.world.auditLogs.filter(
			(entry) =>
				include(entry) &&
				(types.length === 0 || types.includes(entry.type)) &&
				(start === null || Date.parse(entry.createdDate) >= Date.parse(start)) &&
				(end === null || Date.parse(entry.createdDate) < Date.parse(end)),
		);
		entries = [...entries].sort((a, b) => a.createdDate.localeCompare(b.createdDate) || a.id - b.id);
		if (request.query.get('orderDesc') === 'true') entries.reverse();
		return this.list(
			request,
			entries.map((entry) => ({ ...entry, typeName: AUDIT_TYPE_NAMES[entry.type] })),
			{ defaultLimit: 25, maxLimit: 100 },
		);
	}

	private consumerRoutes() {
		const base = '/v1/bunits/:bunitId/consumers';
		const one = `${base}/:consumerId`;
		this.on('GET', base, (request, user) => {
			const unit = this.unit(request, user);
			if ('status' in unit) return unit;
			const consumers = [...this.world.consumers.values()].filter((consumer) => consumer.bunitId === unit.id);
			return this.list(request, consumers.map((consumer) => this.consumerJson(consumer, false)));
		});
		this.on('POST', base, (request, user) => {
			const unit = this.unit(request, user);
			if ('status' in unit) return unit;
			const body = request.json<Json>() ?? {};
			if (typeof body.name !== 'string' || !body.name.trim()) return failure(400, 'invalid_request', 'The consumption unit needs a name');
			const consumer: Consumer = {
				id: this.world.id(),
				bunitId: unit.id,
				name: body.name.trim(),
				limitHighStorage: 0,
				allowNoActivity: false,
				tagIds: [],
				createdDate: this.world.timestamp(),
				extra: {},
			};
			this.apply(consumer, body, ['name', 'note', 'externalReference', 'limitHighStorage', 'allowNoActivity', 'billingStartDate']);
			this.world.consumers.set(consumer.id, consumer);
			this.world.log(100, unit.id, `Consumption unit ${consumer.name} created`, user.username, consumer.id);
			return json(200, this.consumerJson(consumer, true));
		});
		this.on('GET', one, (request, user) => {
			const consumer = this.consumer(request, user);
			return 'status' in consumer ? consumer : json(200, this.consumerJson(consumer, true));
		});
		this.on('PUT', one, (request, user) => {
			const consumer = this.consumer(request, user);
			if ('status' in consumer) return consumer;
			this.apply(consumer, request.json<Json>() ?? {}, ['name', 'note', 'externalReference', 'limitHighStorage', 'allowNoActivity', 'billingStartDate']);
			this.world.log(200, consumer.bunitId, `Consumption unit ${consumer.name} modified`, user.username, consumer.id);
			return json(200, this.consumerJson(consumer, true));
		});
		this.on('DELETE', one, (request, user) => {
			const consumer = this.consumer(request, user);
			if ('status' in consumer) return consumer;
			if (this.world.nodes.has(consumer.id) && request.query.get('deleteAssociations') !== 'true') {
				return failure(409, 'conflict', `Consumption unit ${consumer.id} has a backup node`, 'Set deleteAssociations=true to delete it too');
			}
			this.removeConsumer(consumer);
			const comment = request.query.get('deletionComment');
			this.world.log(300, consumer.bunitId, `Consumption unit ${consumer.name} deleted${comment ? `: ${comment}` : ''}`, user.username, consumer.id);
			return { status: 204 };
		});
		const perConsumer = (method: string, suffix: string, answer: (consumer: Consumer, request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse) =>
			this.on(method, `${one}/${suffix}`, (request, user) => {
				const consumer = this.consumer(request, user);
				return 'status' in consumer ? consumer : answer(consumer, request, user);
			});
		perConsumer('GET', 'auditlogs', (consumer, request) => this.auditLogs(request, (entry) => entry.consumerId === consumer.id));
		perConsumer('GET', 'reports', (consumer, request) =>
			this.list(request, [
				{ id: 9001, name: consumer.name, consumerId: consumer.id, businessUnitId: consumer.bunitId, reportDate: '2024-05-01T00:00:00Z', megaBytes: 10240, status: request.query.get('status') === 'true' ? { id: 1, name: 'OK' } : undefined, warnings: request.query.get('warnings') === 'true' ? [] : undefined },
			]),
		);
		perConsumer('GET', 'reports/latest', (consumer) => json(200, { id: 9002, name: consumer.name, consumerId: consumer.id, reportDate: '2024-05-02T00:00:00Z', megaBytes: 10300 }));
		perConsumer('GET', 'jobs/first', (consumer) => json(200, { id: 7001, consumerId: consumer.id, name: 'Incremental', completed: '2023-07-10T02:00:00Z' }));
		perConsumer('GET', 'jobs', (consumer, request) => {
			const start = request.query.get('startTime');
			if (start !== null && Date.parse(start) < Date.parse('2023-07-10T02:00:00Z')) {
				return failure(400, 'invalid_request', 'startTime is before the first job', 'Read jobs/first for the earliest allowed startTime');
			}
			return this.list(request, [{ id: 7002, consumerId: consumer.id, name: 'Incremental', result: 0, completed: '2024-05-01T02:00:00Z', transferredMegaBytes: 812.4 }]);
		});
		perConsumer('GET', 'consumption', (consumer, request) => {
			if (!request.query.get('startDate')) return failure(400, 'invalid_request', 'startDate is required');
			return json(200, [{ product: { id: 1, name: 'Backup storage (GB)' }, consumptions: [{ consumerId: consumer.id, quantity: 10.2 }] }]);
		});
		perConsumer('GET', 'events', (consumer, request) => this.list(request, [{ id: 6001, status: { id: 1, name: 'Completed' }, result: 0, scheduledStart: '2024-05-01T01:00:00Z', nodeName: consumer.name }]));
		perConsumer('GET', 'tags', (consumer, request) => this.list(request, TAGS.filter((tag) => consumer.tagIds.includes(tag.id))));
		perConsumer('POST', 'tags', (consumer, request, user) => {
			const tagId = Number((request.json<Json>() ?? {}).id);
			const unitAndAbove = [consumer.bunitId, ...this.world.ancestors(consumer.bunitId).map((ancestor) => ancestor.id)];
			const tag = TAGS.find((candidate) => candidate.id === tagId && unitAndAbove.includes(candidate.businessUnitId));
			if (!tag) return failure(400, 'invalid_request', `Tag ${String(tagId)} is not available to this business unit`);
			if (!consumer.tagIds.includes(tag.id)) consumer.tagIds.push(tag.id);
			this.world.log(200, consumer.bunitId, `Tag ${tag.text} added to ${consumer.name}`, user.username, consumer.id);
			return { status: 200 };
		});
		perConsumer('GET', 'pointrepository', (consumer) => json(200, { id: 51, name: `repo-${consumer.id}`, bucketCount: 0 }));
	}

	private removeConsumer(consumer: Consumer) {
		this.world.consumers.delete(consumer.id);
		this.world.nodes.delete(consumer.id);
		for (let index = this.world.proxies.length - 1; index >= 0; index--) {
			const pair = this.world.proxies[index];
			if (pair.agent === consumer.id || pair.target === consumer.id) this.world.proxies.splice(index, 1);
		}
	}

	private nodeRoutes() {
		const path = '/v1/bunits/:bunitId/consumers/:consumerId/node';
		const withNode = (method: string, suffix: string, answer: (found: { consumer: Consumer; node: BackupNode }, request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse) =>
			this.on(method, suffix ? `${path}/${suffix}` : path, (request, user) => {
				const found = this.node(request, user);
				return 'status' in found ? found : answer(found, request, user);
			});
		this.on('POST', path, (request, user) => {
			const consumer = this.consumer(request, user);
			if ('status' in consumer) return consumer;
			if (this.world.nodes.has(consumer.id)) return failure(409, 'conflict', `Consumption unit ${consumer.id} already has a backup node`);
			const body = request.json<Json>() ?? {};
			const setup = this.nodeSetup(body, {});
			if ('status' in setup) return setup;
			const node = this.world.newNode(consumer.id, setup);
			node.contact = typeof body.contact === 'string' ? body.contact : '';
			node.cpuCount = typeof body.cpuCount === 'number' ? body.cpuCount : 1;
			this.world.nodes.set(consumer.id, node);
			this.world.log(100, consumer.bunitId, `Backup node for ${consumer.name} created`, user.username, consumer.id);
			return json(200, this.nodeJson(node));
		});
		withNode('GET', '', ({ node }) => json(200, this.nodeJson(node)));
		withNode('PUT', '', ({ consumer, node }, request, user) => {
			const body = request.json<Json>() ?? {};
			const setup = this.nodeSetup(body, node);
			if ('status' in setup) return setup;
			Object.assign(node, setup);
			this.apply(node, body, ['contact', 'cpuCount']);
			this.world.log(200, consumer.bunitId, `Backup node of ${consumer.name} modified`, user.username, consumer.id);
			return json(200, this.nodeJson(node));
		});
		withNode('DELETE', '', ({ consumer, node }, _request, user) => {
			const gone = this.nodeJson(node);
			this.removeConsumer(consumer);
			this.world.log(300, consumer.bunitId, `Backup node and consumption unit ${consumer.name} deleted`, user.username, consumer.id);
			return json(200, gone);
		});
		withNode('GET', 'spname', ({ consumer }) => json(200, consumer.name.toUpperCase().replace(/[^A-Z0-9_.\-+&]/g, '_').slice(0, 64)));
		withNode('GET', 'activate', ({ consumer, node }, request, user) => {
			const name = request.query.get('tsmName') ?? '';
			if (!STORAGE_PROTECT_NAME.test(name)) {
				return failure(400, 'invalid_node_name', `"${name}" is not a valid node name`, 'Node names have 1 to 64 characters from A-Z, 0-9, _ . - + &');
			}
			if (node.activatedDate) return failure(409, 'conflict', `The backup node is already activated as ${String(node.tsmName)}`);
			const taken = [...this.world.nodes.values()].some((other) => other.tsmName === name.toUpperCase());
			if (taken) return failure(409, 'conflict', `Node name ${name.toUpperCase()} is already registered on the server`);
			this.world.activate(consumer.id, name);
			this.world.log(200, consumer.bunitId, `Backup node ${String(node.tsmName)} activated`, user.username, consumer.id);
			return json(200, `Node ${String(node.tsmName)} registered on ${DEFAULT_SERVER.name}`);
		});
		withNode('POST', 'password', ({ consumer, node }, request, user) => {
			const password = (request.json<Json>() ?? {}).tsmPassword;
			if (typeof password !== 'string' || password.length === 0 || password.length > 64) {
				return failure(400, 'invalid_request', 'tsmPassword must have 1 to 64 characters');
			}
			node.tsmPassword = password;
			this.world.log(200, consumer.bunitId, `Password of ${consumer.name} changed`, user.username, consumer.id);
			return json(200, this.nodeJson(node));
		});
		withNode('GET', 'filespaces', ({ node }, request) => {
			if (request.query.get('tsmSync') === 'true') node.lastTsmSync = this.world.timestamp();
			return this.list(request, this.world.filespaces(node));
		});
		withNode('GET', 'possibleproxynodes', ({ consumer, node }, request) => {
			const related = new Set(this.world.proxies.filter((pair) => pair.agent === consumer.id || pair.target === consumer.id).flatMap((pair) => [pair.agent, pair.target]));
			const candidates = [...this.world.nodes.values()].filter(
				(other) => other !== node && other.activatedDate && !related.has(other.consumerId) && this.world.consumers.get(other.consumerId)?.bunitId === consumer.bunitId,
			);
			return this.list(request, candidates.map((other) => this.nodeJson(other, false)));
		});
		const relate = (agent: number, target: number) => {
			if (agent === target) return failure(400, 'invalid_request', 'A node cannot be its own proxy');
			if (!this.world.proxies.some((pair) => pair.agent === agent && pair.target === target)) this.world.proxies.push({ agent, target });
			return undefined;
		};
		const other = (request: EmulatorRequest, user: CloutilityUser, name: string) => {
			const id = request.params[name] ?? request.query.get(name);
			if (!id || !/^\d+$/.test(id)) return failure(400, 'invalid_request', `${name} is required`);
			const consumer = this.world.consumers.get(Number(id));
			if (!consumer || !this.world.subtree(user.bunitId).includes(consumer.bunitId)) return notFound(`Consumption unit ${id}`);
			if (!this.world.nodes.has(consumer.id)) return failure(404, 'not_found', `Consumption unit ${id} has no backup node`);
			return consumer;
		};
		withNode('POST', 'proxyagents', ({ consumer, node }, request, user) => {
			const agent = other(request, user, 'proxyAgentId');
			if ('status' in agent) return agent;
			const refused = relate(agent.id, consumer.id);
			if (refused) return refused;
			this.world.log(200, consumer.bunitId, `${agent.name} is now a proxy agent of ${consumer.name}`, user.username, consumer.id);
			return json(200, this.nodeJson(node));
		});
		withNode('POST', 'proxytargets', ({ consumer, node }, request, user) => {
			const target = other(request, user, 'proxyTargetId');
			if ('status' in target) return target;
			const refused = relate(consumer.id, target.id);
			if (refused) return refused;
			this.world.log(200, consumer.bunitId, `${consumer.name} is now a proxy agent of ${target.name}`, user.username, consumer.id);
			return json(200, this.nodeJson(node));
		});
		const sever = (agent: number, target: number) => {
			const index = this.world.proxies.findIndex((pair) => pair.agent === agent && pair.target === target);
			if (index === -1) return failure(404, 'not_found', `Consumption unit ${agent} is not a proxy agent of ${target}`);
			this.world.proxies.splice(index, 1);
			return { status: 204 } as EmulatorResponse;
		};
		withNode('DELETE', 'proxyagents/:proxyConsumerId', ({ consumer }, request, user) => {
			const agent = other(request, user, 'proxyConsumerId');
			return 'status' in agent ? agent : sever(agent.id, consumer.id);
		});
		withNode('DELETE', 'proxytargets/:targetConsumerId', ({ consumer }, request, user) => {
			const target = other(request, user, 'targetConsumerId');
			return 'status' in target ? target : sever(consumer.id, target.id);
		});
		withNode('GET', 'retentionRules', ({ node }, request) =>
			this.list(request, [{ id: 61, name: `${String(node.tsmName ?? 'NODE')}-MONTHLY`, retentionDays: 365, isActive: true, frequency: 'Monthly', scheduleStyle: 'Enhanced' }]),
		);
		withNode('POST', 'nodegroups', ({ consumer, node }, request, user) => {
			const name = (request.json<Json>() ?? {}).name;
			if (typeof name !== 'string' || !STORAGE_PROTECT_NAME.test(name)) return failure(400, 'invalid_request', 'A node group needs a valid name');
			const group = { id: this.world.id(), name: name.toUpperCase(), createdDate: this.world.timestamp() };
			node.nodeGroups.push(group);
			this.world.log(100, consumer.bunitId, `Node group ${group.name} created`, user.username, consumer.id);
			return json(200, group);
		});
	}

	/** Operating system, node type, policy domain and option set of a node body, checked; current values fill gaps. */
	private nodeSetup(body: Json, current: Partial<BackupNode>) {
		const pick = (key: string, fallback: number | undefined) => this.refId(body, key) ?? fallback;
		const setup = {
			operatingSystemId: pick('operatingSystem', current.operatingSystemId),
			typeId: pick('type', current.typeId),
			domainId: pick('domain', current.domainId),
			clientOptionSetId: pick('clientOptionSet', current.clientOptionSetId),
		};
		const os = OPERATING_SYSTEMS.find((candidate) => candidate.id === setup.operatingSystemId);
		if (!os) return failure(400, 'invalid_request', `Operating system ${String(setup.operatingSystemId)} does not exist`, 'Send operatingSystem: {id}');
		if (!NODE_TYPES.some((type) => type.id === setup.typeId)) return failure(400, 'invalid_request', `Node type ${String(setup.typeId)} does not exist`, 'Send type: {id}');
		if (!os.supportedNodeTypeIds.includes(setup.typeId!)) {
			return failure(400, 'invalid_request', `Node type ${String(setup.typeId)} is not supported on ${os.name}`);
		}
		if (!DOMAINS.some((domain) => domain.id === setup.domainId)) {
			return failure(400, 'invalid_request', `Policy domain ${String(setup.domainId)} is not on the default server`, 'Send domain: {id}');
		}
		if (!CLIENT_OPTION_SETS.some((set) => set.id === setup.clientOptionSetId)) {
			return failure(400, 'invalid_request', `Client option set ${String(setup.clientOptionSetId)} is not on the default server`, 'Send clientOptionSet: {id}');
		}
		return setup as { operatingSystemId: number; typeId: number; domainId: number; clientOptionSetId: number };
	}

	private billingRoutes() {
		const unitPath = '/v1/bunits/:bunitId';
		const perUnit = (method: string, suffix: string, answer: (unit: BusinessUnit, request: EmulatorRequest) => EmulatorResponse) =>
			this.on(method, `${unitPath}/${suffix}`, (request, user) => {
				const unit = this.unit(request, user);
				return 'status' in unit ? unit : answer(unit, request);
			});
		const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
		const invoice = (unit: BusinessUnit, date: string) => ({
			href: this.href(`/v1/bunits/${unit.id}/invoices/${date}`),
			invoiceDateStr: date,
			payingBusinessUnit: this.unitJson(unit, false),
			lines: [{ id: 1, product: { id: 1, name: 'Backup storage (GB)' }, quantity: 512.5, unitPrice: 0.25, startDate: `${date.slice(0, 8)}01` }],
			simulated: Date.parse(date) > this.now(),
		});
		perUnit('GET', 'contract', (unit) => json(200, { id: 71, billingStartDate: '2023-07-01T00:00:00Z', currency: { id: 1, code: 'SEK' }, discount: 0, businessUnitId: unit.id }));
		perUnit('GET', 'invoices', (unit, request) => this.list(request, ['2024-03-31', '2024-04-30'].map((date) => invoice(unit, date))));
		this.on('GET', `${unitPath}/invoices/:date`, (request, user) => {
			const unit = this.unit(request, user);
			if ('status' in unit) return unit;
			if (!isDay(request.params.date)) return failure(400, 'invalid_request', `"${request.params.date}" is not a date (YYYY-MM-DD)`);
			if (request.header('accept')?.includes('text/csv')) return { status: 200, headers: { 'Content-Type': 'text/csv' }, body: 'product;quantity\nBackup storage (GB);512.5\n' };
			return json(200, invoice(unit, request.params.date));
		});
		perUnit('GET', 'invoicefiles', (unit, request) => this.list(request, this.world.invoiceFiles.filter((file) => file.businessUnitId === unit.id)));
		perUnit('POST', 'invoicefiles', (unit, request) => {
			const type = request.header('content-type') ?? '';
			const boundary = /boundary=(.+)$/.exec(type)?.[1];
			if (!type.startsWith('multipart/form-data') || !boundary) return failure(415, 'unsupported_media_type', 'Upload the file as multipart/form-data');
			const text = request.body.toString('latin1');
			const fileName = /filename="([^"]*)"/.exec(text)?.[1];
			const start = text.indexOf('\r\n\r\n');
			const end = text.lastIndexOf(`\r\n--${boundary}--`);
			if (!fileName || start === -1 || end === -1) return failure(400, 'invalid_request', 'No file in the upload');
			const file = {
				id: this.world.id(),
				businessUnitId: unit.id,
				fileName,
				size: end - (start + 4),
				erpReference: request.query.get('erpReference') ?? undefined,
				sendToBillingAddress: request.query.get('sendToBillingAddress') === 'true',
				createdDate: this.world.timestamp(),
			};
			this.world.invoiceFiles.push(file);
			return json(200, file);
		});
		perUnit('GET', 'billing', (unit, request) => {
			const dates = ['2024-03-31', '2024-04-30', ...(request.query.get('includeNext') === 'true' ? ['2024-05-31'] : [])];
			return this.list(request, dates.map((date) => ({ href: this.href(`/v1/bunits/${unit.id}/billing/${date}`), invoiceDateStr: date, id: Number(date.replace(/-/g, '')) })));
		});
		this.on('GET', `${unitPath}/billing/:date`, (request, user) => {
			const unit = this.unit(request, user);
			if ('status' in unit) return unit;
			if (!isDay(request.params.date)) return failure(400, 'invalid_request', `"${request.params.date}" is not a date (YYYY-MM-DD)`);
			return json(200, {
				invoiceDateStr: request.params.date,
				billingBusinessUnit: this.unitJson(unit, false),
				forecast: request.query.get('useForecasting') === 'true',
				summary: [{ currency: { code: 'SEK' }, total: 128.13 }],
			});
		});
	}
}
