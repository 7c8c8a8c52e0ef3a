/**
 * OpenvCloud (G8) emulator, written from the Cloud API getting-started pages (shared/reference/seeds/000,
 * 001) and the facts of api/openvcloud-cloudapi.json. One server plays both hosts:
 * - ItsYou.online: `POST /v1/oauth/access_token` (client credentials, `response_type=id_token`, optional
 *   `validity` and `scope`; the JWT comes back as text) and `GET /v1/oauth/jwt/refresh` (bearer old JWT; only
 *   JWTs issued with `offline_access` carry a refresh token);
 * - the G8: `/restmachine/cloudapi/<actor>/<method>` for every catalogued method, with the G8's parameter
 *   rules (openvcloud/params.ts), `Authorization: bearer <JWT>` (401 with an HTML page when bad or expired)
 *   or `?authkey=<session key>` from `users/authenticate` (419 when unknown or expired), no credentials =
 *   guest (401 on methods that need a login); `_async` turns a call into a task whose duration and outcome
 *   tests set; `system/task/get` answers 202 while it runs, then `[true, result]` / `[false, message]` for
 *   a while (404 once expired); `system/task/kill`; `system/usermanager/whoami` ("guest" when anonymous).
 * Time for tokens, sessions and task results is the emulator's Clock, which tests move forward.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { Clock, JwtIssuer } from './jwt';
import { Emulator, type EmulatorRequest, type EmulatorResponse } from './kit';
import { CLOUDAPI_FACTS, type ApiMethodFacts } from './openvcloud/api-facts';
import { FileResult, type CallContext, type MethodHandler } from './openvcloud/context';
import { accountHandlers, cloudspaceHandlers } from './openvcloud/handlers-spaces';
import { machineHandlers } from './openvcloud/handlers-machines';
import {
	diskHandlers,
	externalnetworkHandlers,
	imageHandlers,
	locationHandlers,
	portforwardingHandlers,
	sizeHandlers,
	userHandlers,
} from './openvcloud/handlers-other';
import { ApiFault, gatherParams, validateParams, type Params } from './openvcloud/params';
import { G8State, type G8User } from './openvcloud/state';

export { G8State, type G8User } from './openvcloud/state';

export const OVC_USER: G8User = {
	username: 'ops',
	password: 'ops password 7d1e9c',
	clientId: 'ops-client-3f2a',
	clientSecret: 'ops client secret b84c61',
};

/** An organization's API key (ItsYou.online): its JWTs name the organization, not a user. */
export const OVC_ORG_KEY = { organization: 'acme-org', clientId: 'acme-org', clientSecret: 'acme org key secret 4c9d0b' };

/** A second user without access to account 1. */
export const OVC_VIEWER: G8User = {
	username: 'viewer',
	password: 'viewer password 55aa0e',
	clientId: 'viewer-client-9d0c',
	clientSecret: 'viewer client secret 72e3f9',
};

const HANDLERS: Record<string, Record<string, MethodHandler>> = {
	accounts: accountHandlers,
	cloudspaces: cloudspaceHandlers,
	disks: diskHandlers,
	externalnetwork: externalnetworkHandlers,
	images: imageHandlers,
	locations: locationHandlers,
	machines: machineHandlers,
	portforwarding: portforwardingHandlers,
	sizes: sizeHandlers,
	users: userHandlers,
};

/** How a task started with `_async` behaves. */
export interface TaskPlan {
	durationMs?: number;
	/** The task fails with this message (as `[false, message]`). */
	fail?: string;
	/** The task never finishes. */
	never?: boolean;
	/** Only the n-th task of the method (1-based) behaves so; the others take the defaults. */
	nth?: number;
}

interface Task {
	guid: string;
	path: string;
	result?: [boolean, unknown];
	doneAt?: number;
}

export interface RecordedCall {
	/** `<actor>/<method>` (cloudapi) or `system/<actor>/<method>`. */
	path: string;
	/** The parameters after the G8's conversion. */
	params: Params;
	/** The parameters as they arrived. */
	raw: Params;
	auth: 'jwt' | 'session' | 'none';
	async: boolean;
}

interface Caller {
	user?: G8User;
	via: 'jwt' | 'session' | 'none';
}

export interface OpenVCloudOptions {
	users?: G8User[];
	jwtLifetimeSeconds?: number;
	sessionLifetimeSeconds?: number;
	taskDurationMs?: number;
	cloudspaceDeployMs?: number;
	taskResultTtlSeconds?: number;
}

const html = (status: number, title: string, text: string): EmulatorResponse => ({
	status,
	headers: { 'Content-Type': 'text/html; charset=utf-8' },
	body: `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
});

const text = (status: number, body: string): EmulatorResponse => ({ status, headers: { 'Content-Type': 'text/plain' }, body });

/** A JSON answer; strings are JSON-encoded too (the kit sends plain strings as they are). */
const result = (status: number, value: unknown): EmulatorResponse => ({
	status,
	headers: { 'Content-Type': 'application/json' },
	body: JSON.stringify(value ?? null),
});

/** The emulator's clock, which `reset()` puts back to real time after tests moved it. */
class ResettableClock extends Clock {
	private shift = 0;

	override advance(seconds: number) {
		this.shift += seconds;
		super.advance(seconds);
	}

	reset() {
		super.advance(-this.shift);
		this.shift = 0;
	}
}

export class OpenVCloudEmulator extends Emulator {
	readonly clock = new ResettableClock();

	readonly jwt = new JwtIssuer(this.clock);

	users: G8User[];

	state: G8State;

	readonly sessions = new Map<string, { username: string; expiresAt: number }>();

	readonly issuedJwts = new Map<string, Record<string, unknown>>();

	readonly tasks = new Map<string, Task>();

	/** Task behaviour per `<actor>/<method>`; others take `taskDurationMs` and succeed. */
	readonly taskPlans = new Map<string, TaskPlan>();

	readonly calls: RecordedCall[] = [];

	/** The most tasks that were running at the same time. */
	peakTasksInFlight = 0;

	jwtLifetimeSeconds: number;

	sessionLifetimeSeconds: number;

	taskDurationMs: number;

	cloudspaceDeployMs: number;

	taskResultTtlSeconds: number;

	private readonly timers = new Set<ReturnType<typeof setTimeout>>();

	constructor(options: OpenVCloudOptions = {}) {
		super('openvcloud');
		this.users = options.users ?? [{ ...OVC_USER }, { ...OVC_VIEWER }];
		this.state = new G8State(this.users);
		this.jwtLifetimeSeconds = options.jwtLifetimeSeconds ?? 3600;
		this.sessionLifetimeSeconds = options.sessionLifetimeSeconds ?? 3600;
		this.taskDurationMs = options.taskDurationMs ?? 20;
		this.cloudspaceDeployMs = options.cloudspaceDeployMs ?? 40;
		this.taskResultTtlSeconds = options.taskResultTtlSeconds ?? 600;

		this.route('POST', '/v1/oauth/access_token', (request) => this.accessToken(request));
		this.route('GET', '/v1/oauth/jwt/refresh', (request) => this.refreshJwt(request));
		for (const method of ['GET', 'POST']) {
			this.route(method, '/restmachine/cloudapi/:actor/:method', (request) => this.cloudapi(request));
		}
		this.route('POST', '/restmachine/system/task/get', (request) => this.system(request, (params) => this.taskGet(params)));
		this.route('POST', '/restmachine/system/task/kill', (request) => this.system(request, (params) => this.taskKill(params)));
		this.route('POST', '/restmachine/system/usermanager/whoami', (request) => this.whoami(request));
	}

	/** Back to the initial state between tests: real time, no sessions, tasks, calls, requests or faults. */
	reset() {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.clock.reset();
		this.users = this.users.map((user) => ({ ...user, data: undefined }));
		this.state = new G8State(this.users);
		this.sessions.clear();
		this.tasks.clear();
		this.taskPlans.clear();
		this.calls.length = 0;
		this.peakTasksInFlight = 0;
		this.requests.length = 0;
		this.clearFaults();
	}

	override async stop() {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		await super.stop();
	}

	/** A JWT as ItsYou.online would issue it for a user (e.g. to paste into a credential). */
	issueJwt(user: G8User, lifetimeSeconds = this.jwtLifetimeSeconds, scopes: string[] = []): string {
		const claims: Record<string, unknown> = { iss: 'itsyouonline', azp: user.clientId, username: user.username, scope: scopes };
		if (scopes.includes('offline_access')) claims.refresh_token = randomBytes(12).toString('hex');
		const token = this.jwt.issue(claims, lifetimeSeconds);
		this.issuedJwts.set(token, claims);
		return token;
	}

	/** A JWT as ItsYou.online issues it for an organization's API key: `globalid`, no `username`. */
	issueOrganizationJwt(lifetimeSeconds = this.jwtLifetimeSeconds): string {
		const claims: Record<string, unknown> = { iss: 'itsyouonline', azp: OVC_ORG_KEY.clientId, globalid: OVC_ORG_KEY.organization, scope: [] };
		const token = this.jwt.issue(claims, lifetimeSeconds);
		this.issuedJwts.set(token, claims);
		return token;
	}

	/** Calls that reached a method (after authentication), optionally only those of one path. */
	callsTo(path: string): RecordedCall[] {
		return this.calls.filter((call) => call.path === path);
	}

	get tokenRequests() {
		return this.requestsTo('POST', '/v1/oauth/access_token');
	}

	get refreshRequests() {
		return this.requestsTo('GET', '/v1/oauth/jwt/refresh');
	}

	get logins() {
		return this.requestsTo('*', '/restmachine/cloudapi/users/authenticate');
	}

	/** Requests to the G8 (not to ItsYou.online), logins excluded. */
	get apiRequests() {
		return this.requests.filter((request) => request.path.startsWith('/restmachine/') && !request.path.endsWith('/users/authenticate'));
	}

	private later(ms: number, action: () => void) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			action();
		}, ms);
		this.timers.add(timer);
	}

	private accessToken(request: EmulatorRequest): EmulatorResponse {
		const params = { ...Object.fromEntries(request.query), ...Object.fromEntries(request.form()) };
		if (params.grant_type !== 'client_credentials') return text(400, 'unsupported grant_type');
		if (params.client_id === OVC_ORG_KEY.clientId && params.client_secret === OVC_ORG_KEY.clientSecret) {
			return text(200, this.issueOrganizationJwt());
		}
		const user = this.users.find((candidate) => candidate.clientId === params.client_id);
		if (!user || user.clientSecret !== params.client_secret) return text(401, 'invalid client_id or client_secret');
		if (params.response_type !== 'id_token') return text(400, 'this emulator only issues id_token JWTs');
		const validity = Number(params.validity ?? this.jwtLifetimeSeconds);
		const scopes = String(params.scope ?? '')
			.split(',')
			.map((scope) => scope.trim())
			.filter(Boolean);
		return text(200, this.issueJwt(user, validity, scopes));
	}

	private refreshJwt(request: EmulatorRequest): EmulatorResponse {
		const old = /^bearer\s+(\S+)$/i.exec(request.header('authorization') ?? '')?.[1];
		const claims = old ? this.issuedJwts.get(old) : undefined;
		if (!claims) return text(401, 'unknown JWT');
		if (!claims.refresh_token) return text(401, 'this JWT cannot be refreshed (no offline_access)');
		const user = this.users.find((candidate) => candidate.username === claims.username);
		if (!user) return text(401, 'unknown user');
		const validity = Number(request.query.get('validity') ?? this.jwtLifetimeSeconds);
		const token = this.jwt.issue(claims, validity);
		this.issuedJwts.set(token, claims);
		return text(200, token);
	}

	/** Who is calling, or the 401 / 419 the G8 answers. */
	private caller(request: EmulatorRequest): Caller | EmulatorResponse {
		const authorization = request.header('authorization');
		if (authorization) {
			const token = /^bearer\s+(\S+)$/i.exec(authorization)?.[1];
			const checked = this.jwt.verify(token);
			if ('reason' in checked) return html(401, '401 Unauthorized', `JWT refused: ${checked.reason}`);
			if (checked.claims.iss !== 'itsyouonline') return html(401, '401 Unauthorized', 'JWT not issued by ItsYou.online');
			// The portal reads the username claim without checking it is there: an organization's JWT breaks it.
			if (checked.claims.username === undefined) return text(500, "Internal Server Error\nKeyError: 'username'");
			const user = this.users.find((candidate) => candidate.username === checked.claims.username);
			if (!user) return html(401, '401 Unauthorized', 'Unknown user');
			return { user, via: 'jwt' };
		}
		const key = request.query.get('authkey');
		if (key !== null) {
			const session = this.sessions.get(key);
			if (!session || session.expiresAt <= this.clock.now()) {
				return html(419, 'Authentication Timeout', 'Access denied: your session has expired');
			}
			return { user: this.users.find((candidate) => candidate.username === session.username), via: 'session' };
		}
		return { via: 'none' };
	}

	private async cloudapi(request: EmulatorRequest): Promise<EmulatorResponse> {
		const caller = this.caller(request);
		if ('status' in caller) return caller;
		const path = `${request.params.actor}/${request.params.method}`;
		const facts = CLOUDAPI_FACTS.find((candidate) => candidate.path === path);
		if (!facts || !facts.httpMethods.includes(request.method as 'GET' | 'POST')) {
			return result(404, 'Could not find method');
		}
		if (facts.auth && !caller.user) return text(401, 'Unauthorized');
		const raw = gatherParams(request);
		let params: Params;
		try {
			params = validateParams(facts, raw);
		} catch (error) {
			return this.answerFault(error);
		}
		const isAsync = '_async' in raw;
		this.calls.push({ path, params, raw, auth: caller.via, async: isAsync });
		this.state.events.push(`call ${path}`);
		if (path === 'users/authenticate') return this.login(params);
		const handler = HANDLERS[request.params.actor]?.[request.params.method];
		if (!handler) return result(501, `The emulator has no handler for ${path}`);
		const context: CallContext = {
			params,
			user: caller.user,
			state: this.state,
			g8: { now: () => this.clock.now(), later: (ms, action) => this.later(ms, action), cloudspaceDeployMs: this.cloudspaceDeployMs },
		};
		if (isAsync) return result(200, this.startTask(facts, () => handler(context)));
		try {
			const value = handler(context);
			if (value instanceof FileResult) {
				return {
					status: 200,
					headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': `attachment; filename="${value.name}"` },
					body: value.content,
				};
			}
			// A resize that cannot be applied live answers 202 with false.
			if (request.params.method === 'resize' && value === false) return result(202, false);
			return result(200, value);
		} catch (error) {
			return this.answerFault(error);
		}
	}

	private answerFault(error: unknown): EmulatorResponse {
		if (error instanceof ApiFault) return result(error.status, error.message);
		throw error;
	}

	private login(params: Params): EmulatorResponse {
		const user = this.users.find((candidate) => candidate.username === params.username);
		if (!user || user.password !== params.password) return result(401, 'Unauthorized');
		const key = randomBytes(16).toString('hex');
		this.sessions.set(key, { username: user.username, expiresAt: this.clock.now() + this.sessionLifetimeSeconds });
		return result(200, key);
	}

	private startTask(facts: ApiMethodFacts, run: () => unknown): string {
		const task: Task = { guid: randomUUID(), path: facts.path };
		this.tasks.set(task.guid, task);
		const running = [...this.tasks.values()].filter((candidate) => !candidate.result).length;
		this.peakTasksInFlight = Math.max(this.peakTasksInFlight, running);
		const number = [...this.tasks.values()].filter((candidate) => candidate.path === facts.path).length;
		const planned = this.taskPlans.get(facts.path);
		const plan = planned && (planned.nth === undefined || planned.nth === number) ? planned : {};
		if (plan.never) return task.guid;
		this.later(plan.durationMs ?? this.taskDurationMs, () => {
			if (task.result) return; // killed meanwhile
			if (plan.fail) {
				task.result = [false, plan.fail];
			} else {
				try {
					const value = run();
					// Under _async, a resize that cannot be applied live never reports (see the catalog's notes).
					if (facts.path.endsWith('/resize') && value === false) return;
					task.result = [true, value];
				} catch (error) {
					task.result = [false, error instanceof Error ? error.message : String(error)];
				}
			}
			task.doneAt = this.clock.now();
		});
		return task.guid;
	}

	private system(request: EmulatorRequest, run: (params: Params) => EmulatorResponse): EmulatorResponse {
		const caller = this.caller(request);
		if ('status' in caller) return caller;
		if (!caller.user) return text(401, 'Unauthorized');
		const raw = gatherParams(request);
		const path = request.path.replace('/restmachine/', '');
		try {
			const params = validateParams({ path, httpMethods: ['POST'], auth: true, longRunning: false, params: [['taskguid', 'str', true]] }, raw);
			this.calls.push({ path, params, raw, auth: caller.via, async: false });
			return run(params);
		} catch (error) {
			return this.answerFault(error);
		}
	}

	private taskGet(params: Params): EmulatorResponse {
		const task = this.tasks.get(String(params.taskguid));
		if (!task) return result(404, 'Task is not found');
		if (!task.result || task.doneAt === undefined) return { status: 202 };
		if (this.clock.now() - task.doneAt >= this.taskResultTtlSeconds) {
			this.tasks.delete(task.guid);
			return result(404, 'Task is not found');
		}
		return result(200, task.result);
	}

	private taskKill(params: Params): EmulatorResponse {
		const task = this.tasks.get(String(params.taskguid));
		if (!task || task.result) return result(404, 'Task is not found or not active');
		task.result = [false, 'Task was killed'];
		task.doneAt = this.clock.now();
		return result(200, true);
	}

	private whoami(request: EmulatorRequest): EmulatorResponse {
		const caller = this.caller(request);
		if ('status' in caller) return caller;
		if (!caller.user) return result(200, { name: 'guest', admin: false });
		const name = caller.via === 'jwt' ? `${caller.user.username}@itsyouonline` : caller.user.username;
		return result(200, { name, admin: Boolean(caller.user.admin) });
	}
}
