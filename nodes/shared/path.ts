/**
 * Path values, provider-neutral: every value placed in a path lands on its own route as exactly one
 * segment, or the item is refused before any request with an error naming the field. Values are
 * percent-encoded strictly (everything but RFC 3986's unreserved characters), which URL parsers leave
 * untouched, so the URL that is signed is byte for byte the URL that is sent. Empty values and the dot
 * segments `.` and `..` (which a URL parser would resolve into another route, encoded or not) are refused.
 */

/**
 * Percent-encodes everything but letters, digits and `- . _ ~`: a value such as `127.0.0.1/29` becomes one
 * segment, `127.0.0.1%2F29`.
 */
export function encodeStrict(value: string): string {
	return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Thrown for a path value that cannot be one segment; `field` is the name the editor shows. */
export class PathValueError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`"${field}" ${problem}`);
	}
}

/** Why a value cannot be a path segment, or undefined when it can. */
export function segmentProblem(value: string): string | undefined {
	if (value === '') return 'must not be empty';
	if (value === '.' || value === '..') return `must not be "${value}": it would address another route`;
	// Whatever decodes to a dot segment is resolved by some servers and proxies too.
	if (/^(\.|%2e){1,2}$/i.test(value)) return `must not be "${value}": it would address another route`;
	return undefined;
}

/** One path segment from a value, encoded; throws PathValueError naming `field` when it cannot be one. */
export function pathSegment(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	const problem = segmentProblem(text);
	if (problem) throw new PathValueError(field, problem);
	return encodeStrict(text);
}

/**
 * A path template (`/zone/{zoneName}/record`) with each `{name}` replaced by its value as one segment.
 * `label` gives the field name the editor shows for a placeholder (default: the placeholder itself).
 */
export function fillPath(
	template: string,
	values: Record<string, unknown>,
	label: (name: string) => string = (name) => name,
): string {
	return template.replace(/\{([^}]+)\}/g, (_match, name: string) => pathSegment(values[name], label(name)));
}

/**
 * A date for a path: `YYYY-MM-DD` and a real calendar day, nothing else (no time, no query string, no
 * loose forms Date.parse would accept). Date objects and Luxon DateTimes (n8n expressions) are taken as
 * their UTC day. Returns an error text, or the date.
 */
export function strictDate(value: unknown): { value: string } | { error: string } {
	let text: string;
	if (value instanceof Date) text = value.toISOString().slice(0, 10);
	else if (value && typeof value === 'object' && typeof (value as { toISODate?: unknown }).toISODate === 'function') {
		text = String((value as { toISODate: () => string }).toISODate());
	} else text = String(value ?? '').trim();
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (match) {
		const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
		const date = new Date(Date.UTC(year, month - 1, day));
		if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return { value: text };
	}
	return { error: `must be a date written YYYY-MM-DD, e.g. 2024-05-31 (got "${text}")` };
}
