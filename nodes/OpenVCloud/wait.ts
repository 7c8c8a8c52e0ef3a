/**
 * Waiting for long-running work: how long (defaults per kind of method, and reading an item's settings),
 * the schedule of checks (bounded by time and by number), what a timeout or a cancellation becomes, and the
 * wait for a new cloud space to be deployed. (Waiting for tasks is in tasks.ts.)
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PollCancelledError, PollTimeoutError, pollUntil, type PollSchedule } from '../shared/polling';
import type { CatalogMethod, WaitKind } from './catalog';
import { apiRequest, type Connection } from './transport';

/** Poll interval and timeout, in seconds, by kind of method. */
export const WAIT_DEFAULTS: Record<WaitKind, { interval: number; timeout: number }> = {
	quick: { interval: 1, timeout: 120 },
	power: { interval: 2, timeout: 600 },
	provision: { interval: 5, timeout: 1800 },
	teardown: { interval: 3, timeout: 900 },
};

/** For Task: Get, which does not know what kind of method started the task. */
export const TASK_WAIT_DEFAULTS = { interval: 2, timeout: 600 };

/** Most checks of one wait, whatever the interval and timeout say. */
const MAX_CHECKS = 10_000;

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

/**
 * The checks of a wait: the interval and timeout, and at most as many checks as fit in the timeout (plus
 * the two early ones), never more than MAX_CHECKS; the execution's cancel signal stops it.
 */
export function pollSchedule(ctx: IExecuteFunctions, settings: WaitSettings): PollSchedule {
	const fitting = Math.ceil(settings.timeoutMs / Math.max(1, settings.intervalMs)) + 3;
	return { ...settings, maxChecks: Math.min(MAX_CHECKS, fitting), signal: ctx.getExecutionCancelSignal() };
}

/** "90 s", "12 min", "1 h 5 min": how long something took or may take. */
function duration(ms: number): string {
	if (ms < 1000) return `${ms} ms`;
	const totalSeconds = Math.round(ms / 1000);
	if (totalSeconds < 120) return `${totalSeconds} s`;
	const minutes = Math.round(totalSeconds / 60);
	if (minutes < 120) return `${minutes} min`;
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A timeout or cancellation while waiting, as an error that says what was waited for and how long. */
export function waitError(ctx: IExecuteFunctions, error: unknown, what: string, settings: WaitSettings, itemIndex: number) {
	if (error instanceof PollTimeoutError) {
		return new NodeOperationError(
			ctx.getNode(),
			`${what} did not finish within the timeout of ${duration(settings.timeoutMs)} (waited ${duration(error.waitedMs)}, checked ${error.checks} times)`,
			{
				itemIndex,
				description: 'It may still be running on the G8: check it later with Task: Get, or raise "Timeout (Seconds)"',
			},
		);
	}
	if (error instanceof PollCancelledError) {
		return new NodeOperationError(ctx.getNode(), `Stopped waiting for ${what}: the execution was cancelled`, { itemIndex });
	}
	return error as Error;
}

const IN_PROGRESS = new Set(['VIRTUAL', 'DEPLOYING', 'CREATED']);

/**
 * A new cloud space exists as soon as `cloudspaces/create` returns its ID, but its virtual router is
 * deployed in the background: the cloud space reports VIRTUAL, then DEPLOYING, then DEPLOYED. Waiting for
 * DEPLOYED means polling `cloudspaces/get`.
 */
export async function waitUntilDeployed(
	ctx: IExecuteFunctions,
	connection: Connection,
	cloudspaceId: number,
	settings: WaitSettings,
	itemIndex: number,
): Promise<IDataObject> {
	if (!Number.isInteger(cloudspaceId)) {
		throw new NodeOperationError(ctx.getNode(), 'OpenvCloud did not return the ID of the new cloud space', { itemIndex });
	}
	try {
		const { value } = await pollUntil<IDataObject>(async () => {
			const cloudspace = (await apiRequest(ctx, connection, 'cloudapi/cloudspaces/get', { cloudspaceId }, { itemIndex, safe: true })) as IDataObject;
			const status = String(cloudspace?.status ?? '').toUpperCase();
			if (status === 'DEPLOYED') return { done: true, value: cloudspace };
			if (IN_PROGRESS.has(status)) return { done: false };
			throw new NodeOperationError(
				ctx.getNode(),
				`Cloud space ${cloudspaceId} ended in status ${status || 'unknown'} instead of DEPLOYED`,
				{ itemIndex },
			);
		}, pollSchedule(ctx, settings));
		return { cloudspaceId, ...value };
	} catch (error) {
		throw waitError(ctx, error, `The deployment of cloud space ${cloudspaceId}`, settings, itemIndex);
	}
}
