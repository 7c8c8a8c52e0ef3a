/** Defaults for waiting on long-running methods, per kind of method, and reading the wait settings of an item. */
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CatalogMethod, WaitKind } from './catalog';

/** Poll interval and timeout, in seconds, by kind of method. */
export const WAIT_DEFAULTS: Record<WaitKind, { interval: number; timeout: number }> = {
	quick: { interval: 1, timeout: 120 },
	power: { interval: 2, timeout: 600 },
	provision: { interval: 5, timeout: 1800 },
	teardown: { interval: 3, timeout: 900 },
};

/** For Task: Get, which does not know what kind of method started the task. */
export const TASK_WAIT_DEFAULTS = { interval: 2, timeout: 600 };

export interface WaitSettings {
	intervalMs: number;
	timeoutMs: number;
}

function seconds(ctx: IExecuteFunctions, name: string, label: string, fallback: number, itemIndex: number): number {
	const raw = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	const value = typeof raw === 'string' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
		throw new NodeOperationError(ctx.getNode(), `"${label}" must be a number of seconds above 0 (got "${String(raw)}")`, {
			itemIndex,
		});
	}
	return value;
}

export function readWaitSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	defaults: { interval: number; timeout: number },
): WaitSettings {
	return {
		intervalMs: Math.round(seconds(ctx, 'pollInterval', 'Poll Interval (Seconds)', defaults.interval, itemIndex) * 1000),
		timeoutMs: Math.round(seconds(ctx, 'waitTimeout', 'Timeout (Seconds)', defaults.timeout, itemIndex) * 1000),
	};
}

export function waitDefaults(method: CatalogMethod) {
	return WAIT_DEFAULTS[method.longRunning?.kind ?? 'quick'];
}

/** "90 s", "12 min", "1 h 5 min": how long something took or may take. */
export function duration(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	const totalSeconds = Math.round(ms / 1000);
	if (totalSeconds < 120) return `${totalSeconds} s`;
	const minutes = Math.round(totalSeconds / 60);
	if (minutes < 120) return `${minutes} min`;
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
