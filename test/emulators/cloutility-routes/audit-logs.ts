/** Audit log answers: filtered by type and time, ordered, paged with offset/limit (at most 100 a page, 25 by default). */
import type { CloutilityEmulator } from '../cloutility';
import { AUDIT_TYPE_NAMES } from '../cloutility-world';
import { failure } from '../cloutility-views';
import type { EmulatorRequest, EmulatorResponse } from '../kit';

export function auditLogAnswer(
	portal: CloutilityEmulator,
	request: EmulatorRequest,
	include: (entry: { businessUnitId: number; consumerId?: number }) => boolean,
): EmulatorResponse {
	const types = request.query.getAll('types').map(Number);
	const start = request.query.get('startTime');
	const end = request.query.get('endTime');
	for (const time of [start, end]) {
		if (time !== null && Number.isNaN(Date.parse(time))) return failure(400, 'invalid_request', `"${time}" is not a date`);
	}
	let entries = portal.world.auditLogs.filter(
		(entry) =>
			include(entry) &&
			(types.length === 0 || types.includes(entry.type)) &&
			(start === null || Date.parse(entry.createdDate) >= Date.parse(start)) &&
			(end === null || Date.parse(entry.createdDate) < Date.parse(end)),
	);
	entries = [...entries].sort((a, b) => a.createdDate.localeCompare(b.createdDate) || a.id - b.id);
	if (request.query.get('orderDesc') === 'true') entries.reverse();
	return portal.list(
		request,
		entries.map((entry) => ({ ...entry, typeName: AUDIT_TYPE_NAMES[entry.type] })),
		{ defaultLimit: 25, maxLimit: 100 },
	);
}
