import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Checks on parameter values, made before any request is sent. Errors name the field as the editor shows it. */

/** A string parameter (or resource locator value) that must not be empty; returned trimmed. */
export function requiredString(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	displayName: string,
): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!value) {
		throw new NodeOperationError(ctx.getNode(), `"${displayName}" must not be empty`, { itemIndex });
	}
	return value;
}

/**
 * One of a fixed set of values. Matching ignores case, spaces and underscores, so a display form
 * coming from another call ("Upper-Austria") is accepted for its value ("upper-austria").
 */
export function oneOf<T extends string>(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	allowed: readonly T[],
	displayName: string,
): T {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const normalize = (value: string) => value.trim().toLowerCase().replace(/[\s_]+/g, '-');
	const wanted = typeof raw === 'string' ? normalize(raw) : '';
	const match = allowed.find((value) => normalize(value) === wanted);
	if (match === undefined) {
		throw new NodeOperationError(
			ctx.getNode(),
			`"${displayName}" must be one of ${allowed.join(', ')} (got "${String(raw)}")`,
			{ itemIndex },
		);
	}
	return match;
}

/** The value of a parameter as the editor holds it: a plain value, or a resource locator's value. */
export function locatorValue(raw: unknown): unknown {
	if (raw && typeof raw === 'object' && (raw as { __rl?: unknown }).__rl) return (raw as { value?: unknown }).value;
	return raw;
}
