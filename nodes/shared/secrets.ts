/**
 * Secret scrubbing, provider-neutral: before any text a provider sent (an error message, an error body,
 * a page that quotes the request) is kept in an error, an item or a log, every secret of the credential in
 * use is replaced by `***`, in each form it can travel in (raw, URL-encoded, form-encoded, JSON-escaped,
 * HTML-escaped, base64). Patterns catch what no credential field holds: bearer and basic authorization
 * values, JWTs, `authkey=` session keys, and values of secret-named JSON keys and query parameters.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const MASK = '***';

/** Secrets shorter than this are not searched for (they would mask ordinary words); patterns still apply. */
export const MIN_SECRET_LENGTH = 4;

/** Names of JSON keys and query parameters whose values are secret whatever they hold. */
const SECRET_KEY =
	'(?:password|passwd|secret|client_?secret|application_?secret|consumer_?key|access_?token|refresh_?token|id_?token|token|jwt|authkey|api_?key|session_?key|x-ovh-consumer|x-ovh-signature|authorization)';

const PATTERNS: Array<[RegExp, string]> = [
	// Authorization header values (also "Access: Bearer ..." and echoed request headers).
	[/\b(Bearer|Basic|bearer|basic)(\s+|%20|\+)[^\s"'<>,;&\\]+/g, `$1$2${MASK}`],
	// JSON Web Tokens: three base64url parts, the first one starting with eyJ ({").
	[/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, MASK],
	// "password": "..." and 'password': '...' in echoed JSON or other code-like text.
	[new RegExp(`(["']${SECRET_KEY}["']\\s*:\\s*)(["'])(?:\\\\.|(?!\\2).)*\\2`, 'gi'), `$1$2${MASK}$2`],
	// password=... in echoed query strings and form bodies.
	[new RegExp(`(\\b${SECRET_KEY}=)[^&\\s"'<>]+`, 'gi'), `$1${MASK}`],
	// "X-Ovh-Consumer: abc" or "Authorization: xyz" in echoed header dumps.
	[new RegExp(`(\\b${SECRET_KEY}\\s*:\\s*)(?!["'\\s])[^\\s"'<>,;]+`, 'gi'), `$1${MASK}`],
];

const SECRET_KEY_NAME = new RegExp(`^${SECRET_KEY}$`, 'i');

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function htmlEscaped(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Every form one secret can travel in. */
export function secretForms(secret: string): string[] {
	const forms = new Set<string>([secret]);
	const uri = encodeURIComponent(secret);
	forms.add(uri);
	forms.add(uri.replace(/%20/g, '+'));
	forms.add(uri.replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`));
	forms.add(JSON.stringify(secret).slice(1, -1));
	forms.add(htmlEscaped(secret));
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	forms.add(base64);
	forms.add(base64.replace(/=+$/, ''));
	forms.add(Buffer.from(secret, 'utf8').toString('base64url'));
	return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** Replaces secrets in text and in JSON-like values. */
export class Scrubber {
	private readonly pattern: RegExp | undefined;

	constructor(secrets: Iterable<unknown>) {
		const forms = new Set<string>();
		for (const secret of secrets) {
			if (typeof secret !== 'string') continue;
			const trimmed = secret.trim();
			if (trimmed.length < MIN_SECRET_LENGTH) continue;
			for (const form of secretForms(trimmed)) forms.add(form);
			if (trimmed !== secret && secret.length >= MIN_SECRET_LENGTH) for (const form of secretForms(secret)) forms.add(form);
		}
		const sorted = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
		this.pattern = sorted.length ? new RegExp(sorted.join('|'), 'g') : undefined;
	}

	/** The text with every known secret and every secret-looking value masked. */
	text(text: string): string {
		let result = this.pattern ? text.replace(this.pattern, MASK) : text;
		for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
		return result;
	}

	/** A copy of a JSON-like value with every string scrubbed and the values of secret-named keys masked. */
	deep<T>(value: T): T {
		return this.walk(value, 0) as T;
	}

	private walk(value: unknown, depth: number): unknown {
		if (typeof value === 'string') return this.text(value);
		if (depth > 20 || value === null || typeof value !== 'object') return value;
		if (Buffer.isBuffer(value)) return this.text(value.toString('utf8'));
		if (Array.isArray(value)) return value.map((entry) => this.walk(entry, depth + 1));
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			copy[this.text(key)] =
				SECRET_KEY_NAME.test(key) && entry !== null && entry !== undefined && typeof entry !== 'object'
					? MASK
					: this.walk(entry, depth + 1);
		}
		return copy;
	}
}

/** A scrubber that knows no secrets: patterns only. */
export const PATTERNS_ONLY = new Scrubber([]);

/** The values of the given credential fields (passwords, secrets, tokens), for a Scrubber. */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject | undefined, keys: readonly string[]): string[] {
	if (!credentials) return [];
	const secrets: string[] = [];
	for (const key of keys) {
		const value = credentials[key];
		if (typeof value === 'string' && value) secrets.push(value);
	}
	return secrets;
}

interface CredentialReader {
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
}

/**
 * A scrubber for the credential a call used, read when it is needed (an error path), so that tokens
 * renewed during the run are known too; `extra` adds secrets the call itself carried (e.g. a password
 * field of the operation). Never fails: without the credential, the patterns and `extra` still apply.
 */
export async function scrubberFor(
	ctx: CredentialReader,
	credentialType: string,
	keys: readonly string[],
	extra: readonly string[] = [],
): Promise<Scrubber> {
	try {
		return new Scrubber([...credentialSecrets(await ctx.getCredentials(credentialType), keys), ...extra]);
	} catch {
		return extra.length ? new Scrubber(extra) : PATTERNS_ONLY;
	}
}
