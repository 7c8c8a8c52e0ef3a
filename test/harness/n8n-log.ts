/**
 * n8n's logger (the one n8n-core and nodes write to), captured in memory instead of printed, so tests
 * can read what a run logged, for instance to check that no secret is ever logged.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy } from 'n8n-workflow';

export interface LogRecord {
	level: string;
	message: string;
	metadata: Record<string, unknown>;
}

export const n8nLog: LogRecord[] = [];

const LEVELS = { error: 0, warn: 1, info: 2, debug: 3 };

function sink(scopes: unknown = undefined) {
	const internal = {
		levels: LEVELS,
		level: 'debug',
		log(level: string, message: string, metadata: Record<string, unknown> = {}) {
			n8nLog.push({ level, message: String(message), metadata: scopes ? { ...metadata, scopes } : metadata });
		},
		child(options: { scopes?: unknown }) {
			return sink(options?.scopes);
		},
	};
	return internal;
}

let installed = false;

export function captureN8nLog() {
	if (installed) return;
	installed = true;
	const logger = Container.get(Logger);
	(logger as unknown as { setInternalLogger(internal: unknown): void }).setInternalLogger(sink());
	(logger as unknown as { level: string }).level = 'debug';
	LoggerProxy.init(logger);
}

/** Everything logged so far, as text, for searching. */
export function n8nLogText(): string {
	return n8nLog.map((record) => `${record.level} ${record.message} ${JSON.stringify(record.metadata)}`).join('\n');
}
