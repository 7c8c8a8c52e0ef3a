/**
 * Logins, provider-neutral: concurrent logins for the same account and settings share one request in
 * flight, and failed logins are told in plain words without repeating anything that was sent.
 *
 * n8n calls a credential's `preAuthentication` for every request that finds the token empty or expired; when
 * many requests start at once (items in parallel, or n8n's HTTP Request node, which starts every item at
 * once) they would each log in. `sharedLogin` makes them wait for the one login already running for the same
 * settings. The key is a hash of the settings, kept in memory only while the login runs (and, when the caller
 * says which token it replaces, shortly after): never stored, and never needed for correctness (a login
 * that is not shared is only a wasted request).
 */
import { createHash } from 'node:crypto';

import { networkWords, readHttpFailure } from './http';

const running = new Map<string, Promise<unknown>>();

/** How long a finished login is handed to requests that still present the token it replaced. */
const REPLACED_TOKEN_MS = 30_000;

/** The last finished login per settings: which token it replaced (a hash) and what it returned. */
const finished = new Map<string, { replaced: string; result: unknown; at: number }>();

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex');

/**
 * Runs `login` unless a login with the same settings is already running, whose result is then shared.
 *
 * `presented` is the token the caller holds and found expired, if any. Requests that were in flight with a
 * token when another request already logged in again (e.g. items in parallel when the tokens expire)
 * present that same old token: they get the result of the login that replaced it, for `REPLACED_TOKEN_MS`,
 * instead of logging in once each. That result is kept in memory only, for that long. Without a presented
 * token (none yet), only a login still running is shared.
 */
export async function sharedLogin<T>(settings: unknown, login: () => Promise<T>, presented?: string): Promise<T> {
	const key = hash(settings);
	const now = Date.now();
	for (const [entry, { at }] of finished) if (now - at > REPLACED_TOKEN_MS) finished.delete(entry);
	const existing = running.get(key);
	if (existing) return (await existing) as T;
	const replaced = presented ? hash(presented) : undefined;
	const last = finished.get(key);
	if (replaced !== undefined && last?.replaced === replaced) return last.result as T;
	const started = login();
	running.set(key, started);
	try {
		const result = await started;
		if (replaced !== undefined) finished.set(key, { replaced, result, at: Date.now() });
		return result;
	} finally {
		running.delete(key);
	}
}

export interface LoginWords {
	/** Who was asked, e.g. "Ventus Cloud" or "ItsYou.online". */
	service: string;
	/** What a refusal means, by status, e.g. { 401: 'rejected the username or password' }. */
	refused?: Record<number, string>;
}

/** A failed login in plain words: refused (with the status), failed with a status, or unreachable. */
export function loginFailure(error: unknown, words: LoginWords): string {
	const failure = readHttpFailure(error);
	const status = failure.status;
	if (status && words.refused?.[status]) return `${words.service} ${words.refused[status]} (HTTP ${status})`;
	if (status) return `${words.service} answered the login with HTTP ${status}`;
	return `${words.service} is unreachable (${networkWords(failure.code)})`;
}
