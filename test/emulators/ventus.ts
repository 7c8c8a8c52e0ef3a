/**
 * Ventus Cloud emulator, written from the organization-management API page
 * (shared/reference/seeds/004_*.txt and api/ventus-endpoints.json):
 * - `GET /get-tokens` with a JSON body {username, password} → {id_token, access_token} (JWTs with exp).
 *   The body is read whatever the Content-Type (curl -d sends a form type). Whether the real service also
 *   takes POST is not documented, so `tokenMethods` says which forms are taken (GET only, POST only, both:
 *   the default); the other is answered `tokenRefusal` (405 with `Allow`, or 404).
 * - API calls at `/v1.0/invoke/{app}/method/{path}` need `Authorization: Bearer <id_token>` and
 *   `Access: Bearer <access_token>`; a missing, foreign or expired token is 401.
 * - Apps: gotham-enterprises (project list), gotham-{region}-identity (create/get/rename/delete),
 *   gotham-bank (prices: `prices`, which tests may change). An unknown app id gets the gateway's (Dapr's) 500 ERR_DIRECT_INVOKE.
 * The same server plays both hosts (auth and API); point both credential URLs at it.
 */
import { createHash } from 'node:crypto';

import { Emulator, json, type EmulatorRequest, type EmulatorResponse } from './kit';
import { Clock, JwtIssuer } from './jwt';

export const VENTUS_REGIONS: Record<string, string> = {
	vienna: 'Vienna',
	'upper-austria': 'Upper-Austria',
	'eastern-switzerland': 'Eastern-Switzerland',
};

export interface VentusUser {
	username: string;
	password: string;
	organizations: string[];
}

export interface VentusProject {
	id: string;
	name: string;
	region: string;
	organizationId: string;
}

export interface VentusOptions {
	users?: VentusUser[];
	organizations?: string[];
	tokenLifetimeSeconds?: number;
}

type TokenMethod = 'GET' | 'POST';

export const VENTUS_DEFAULT_USER: VentusUser = {
	username: 'ops@example.eu',
	password: 'correct horse battery staple',
	organizations: ['c19a1b2c-3d4e-5f60-7182-93a4b5c6de50'],
};

export interface VentusFlavorPrice {
	id: string;
	name: string;
	price: Record<string, number>;
}

/** The price list per currency: `storage` (a number) and `flavors`, and whatever else a list may price. */
export type VentusPriceList = Record<string, { [entry: string]: unknown; flavors: VentusFlavorPrice[] }>;

export const VENTUS_PRICES: VentusPriceList = {
	chf: {
		storage: 0.0003,
		flavors: [
			{ id: '0000-0020-vc-1', name: 'VC-1', price: { base: 0.0121, windows: 0.01815 } },
			{ id: '0000-0040-vc-4', name: 'VC-4', price: { base: 0.0484, windows: 0.0726 } },
			{ id: '0000-0080-vc-8', name: 'VC-8', price: { base: 0.0968, windows: 0.1452 } },
		],
	},
	eur: {
		storage: 0.00028,
		flavors: [
			{ id: '0000-0020-vc-1', name: 'VC-1', price: { base: 0.0113, windows: 0.0169 } },
			{ id: '0000-0040-vc-4', name: 'VC-4', price: { base: 0.0452, windows: 0.0678 } },
		],
	},
};

const ISSUER = 'https://login.ventuscloud.eu/auth/realms/ventus';

export class VentusEmulator extends Emulator {
	readonly clock = new Clock();

	readonly jwt = new JwtIssuer(this.clock);

	readonly projects = new Map<string, VentusProject>();

	/** Projects made so far: a new project's ID is derived from it, the same from run to run (screenshots). */
	private projectsMade = 0;

	/** The price list the bank answers; tests change it between polls. */
	prices: VentusPriceList = structuredClone(VENTUS_PRICES);

	users: VentusUser[];

	readonly organizations: Set<string>;

	tokenLifetimeSeconds: number;

	/** The forms of the token call the auth service takes. */
	tokenMethods: TokenMethod[] = ['GET', 'POST'];

	/** What a form it does not take is answered. */
	tokenRefusal: 404 | 405 = 405;

	constructor(options: VentusOptions = {}) {
		super('ventus');
		this.users = options.users ?? [VENTUS_DEFAULT_USER];
		this.organizations = new Set(options.organizations ?? this.users.flatMap((user) => user.organizations));
		this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 300;

		const tokens = (request: EmulatorRequest) => this.getTokens(request);
		this.route('GET', '/get-tokens', tokens).route('POST', '/get-tokens', tokens);

		for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
			this.route(method, '/v1.0/invoke/:app/method/*', (request) => this.invoke(request));
		}
	}

	/** Adds a project directly (test setup). */
	addProject(organizationId: string, region: string, name: string): VentusProject {
		const id = createHash('sha256').update(`ventus-project-${++this.projectsMade}`).digest('hex').slice(0, 24);
		const project = { id, name, region: VENTUS_REGIONS[region], organizationId };
		this.projects.set(project.id, project);
		return project;
	}

	/** Requests that asked for tokens. */
	get tokenRequests() {
		return this.requests.filter((request) => request.path === '/get-tokens');
	}

	/** Requests to the API (not the auth service). */
	get apiRequests() {
		return this.requests.filter((request) => request.path.startsWith('/v1.0/'));
	}

	private getTokens(request: EmulatorRequest): EmulatorResponse {
		if (!this.tokenMethods.includes(request.method as TokenMethod)) {
			return this.tokenRefusal === 405
				? json(405, { message: 'Method Not Allowed' }, { Allow: this.tokenMethods.join(', ') })
				: json(404, { message: `Cannot ${request.method} /get-tokens` });
		}
		const body = request.json<{ username?: unknown; password?: unknown }>();
		if (!body || typeof body.username !== 'string' || typeof body.password !== 'string') {
			return json(400, { error: 'invalid_request', error_description: 'username and password are required' });
		}
		const user = this.users.find((candidate) => candidate.username === body.username);
		if (!user || user.password !== body.password) {
			return json(401, { error: 'invalid_grant', error_description: 'Invalid user credentials' });
		}
		const common = { iss: ISSUER, sub: user.username, preferred_username: user.username, azp: 'ventus' };
		return json(200, {
			id_token: this.jwt.issue({ ...common, typ: 'ID', aud: 'ventus' }, this.tokenLifetimeSeconds),
			access_token: this.jwt.issue({ ...common, typ: 'Bearer', aud: 'account' }, this.tokenLifetimeSeconds),
		});
	}

	/** The user both tokens belong to, or the 401 to send. */
	private authenticate(request: EmulatorRequest): VentusUser | EmulatorResponse {
		const bearer = (name: string) => /^Bearer\s+(\S+)$/i.exec(request.header(name) ?? '')?.[1];
		const id = this.jwt.verify(bearer('authorization'));
		const access = this.jwt.verify(bearer('access'));
		if ('reason' in id) return json(401, { message: `Authorization header: ${id.reason}` });
		if ('reason' in access) return json(401, { message: `Access header: ${access.reason}` });
		if (id.claims.typ !== 'ID') return json(401, { message: 'Authorization header must carry the ID token' });
		if (access.claims.typ !== 'Bearer') return json(401, { message: 'Access header must carry the access token' });
		if (id.claims.sub !== access.claims.sub) return json(401, { message: 'Tokens belong to different users' });
		const user = this.users.find((candidate) => candidate.username === id.claims.sub);
		return user ?? json(401, { message: 'Unknown user' });
	}

	private membership(user: VentusUser, organizationId: string): EmulatorResponse | undefined {
		if (!this.organizations.has(organizationId)) return json(404, { message: `Organization ${organizationId} not found` });
		if (!user.organizations.includes(organizationId)) {
			return json(403, { message: `User is not a member of organization ${organizationId}` });
		}
		return undefined;
	}

	private invoke(request: EmulatorRequest): EmulatorResponse {
		const app = decodeURIComponent(request.params.app);
		const segments = request.params.rest.split('/').map((segment) => decodeURIComponent(segment));
		const identity = /^gotham-(.+)-identity$/.exec(app);
		const known = app === 'gotham-enterprises' || app === 'gotham-bank' || (identity && identity[1] in VENTUS_REGIONS);
		if (!known) {
			return json(500, {
				errorCode: 'ERR_DIRECT_INVOKE',
				message: `failed to invoke, id: ${app}, err: app id ${app} not found`,
			});
		}
		const user = this.authenticate(request);
		if ('status' in user) return user;
		const route = `${request.method} ${segments.map((segment, index) => (index === 0 ? segment : '_')).join('/')}`;

		if (app === 'gotham-enterprises') {
			if (request.method === 'GET' && segments.length === 3 && segments[0] === 'orgs' && segments[2] === 'projects') {
				return this.membership(user, segments[1]) ?? json(200, this.list(segments[1]));
			}
		} else if (app === 'gotham-bank') {
			if (request.method === 'GET' && segments.join('/') === 'prices') return json(200, this.prices);
		} else if (identity) {
			return this.identity(request, user, VENTUS_REGIONS[identity[1]], segments) ?? json(404, { message: `Cannot ${route}` });
		}
		return json(404, { message: `Cannot ${request.method} /${segments.join('/')}` });
	}

	private list(organizationId: string) {
		return [...this.projects.values()]
			.filter((project) => project.organizationId === organizationId)
			.map(({ id, name, region }) => ({ id, name, region }));
	}

	private identity(
		request: EmulatorRequest,
		user: VentusUser,
		region: string,
		segments: string[],
	): EmulatorResponse | undefined {
		// GET projects/{id}
		if (request.method === 'GET' && segments.length === 2 && segments[0] === 'projects') {
			const project = this.projects.get(segments[1]);
			if (!project || project.region !== region || !user.organizations.includes(project.organizationId)) {
				return json(404, { message: `Project ${segments[1]} not found` });
			}
			return json(200, { id: project.id, name: project.name });
		}
		if (segments.length !== 3 || segments[1] !== 'projects') return undefined;
		const [organizationId, , last] = segments;
		const denied = this.membership(user, organizationId);
		if (denied) return denied;

		if (request.method === 'POST') {
			const name = last.trim();
			if (!name) return json(400, { message: 'Project name is required' });
			const taken = this.list(organizationId).some((project) => project.name === name && project.region === region);
			if (taken) return json(409, { message: `Project ${name} already exists` });
			const project = this.addProject(organizationId, Object.keys(VENTUS_REGIONS).find((key) => VENTUS_REGIONS[key] === region)!, name);
			return json(200, { id: project.id, name: project.name });
		}

		const project = this.projects.get(last);
		if (!project || project.region !== region || project.organizationId !== organizationId) {
			return json(404, { message: `Project ${last} not found` });
		}
		if (request.method === 'PUT') {
			const name = request.json<{ name?: unknown }>()?.name;
			if (typeof name !== 'string' || !name.trim()) return json(400, { message: 'name is required' });
			project.name = name.trim();
			return json(200, { id: project.id, name: project.name });
		}
		if (request.method === 'DELETE') {
			this.projects.delete(project.id);
			return { status: 200 };
		}
		return undefined;
	}
}
