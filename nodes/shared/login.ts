/**
 * Logins, provider-neutral: concurrent logins for the same account and settings share one request in
 * flight, and failed logins are told in plain words without repeating anything that was sent.
 *
 * n8n calls a credential's `preAuthentication` for every request that finds the token empty or expired; when
 * many requests start at once (items in parallel, or n8n's HTTP Request node, which starts every item at
 * once) they would each log in. `sharedLogin` makes them wait for the one login already running for the same
 * settings. The key is a hash of the settings, kept in memory only while the login runs: never stored, and
 * never needed for correctness (a login that is not shared is only a wasted request).
 */
import { createHash } from 'node:crypto';

import { networkWords, readHttpFailure } from './http';

const running = new Map<string, Promise<unknown>>();

/** Runs `login` unless a login with the same settings is already running, whose result is then shared. */
export async function sharedLogin<T>(settings: unknown, login: () => Promise<T>): Promise<T> {
	const key = createHash('sha256').update(JSON.stringify(settings) ?? '').digest('hex');
	const existing = running.get(key);
	if (existing) return (await existing) as T;
	const started = login();
	running.set(key, started);
	try {
		return await started;
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
