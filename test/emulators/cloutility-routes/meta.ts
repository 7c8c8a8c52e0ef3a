/** Routes of the portal itself: version, the signed-in user, and the fixed catalog lists. */
import type { CloutilityEmulator } from '../cloutility';
import { ACTIONS, FULL_VERSION, NODE_TYPES, OPERATING_SYSTEMS, TIME_ZONES, WARNING_TYPES, type Json } from '../cloutility-world';
import { failure, notFound } from '../cloutility-views';
import { json } from '../kit';

export function metaRoutes(portal: CloutilityEmulator): void {
	portal.on('GET', '/v1/fullVersion', () => json(200, FULL_VERSION));
	portal.on('GET', '/v1/me', (_request, user) => {
		const unit = portal.world.bunits.get(user.bunitId)!;
		return json(200, {
			href: portal.href('/v1/me'),
			name: user.name,
			email: user.email,
			displayName: user.name,
			businessUnit: portal.views.unit(unit, false),
			businessUnitId: unit.id,
			role: { id: 2, name: 'Administrator' },
			id: user.id,
			createdDate: '2023-01-02T08:00:00Z',
		});
	});
	const fixed = (path: string, entries: Json[]) => {
		portal.on('GET', path, (request) => portal.list(request, entries.map((entry) => ({ href: portal.href(`${path}/${String(entry.id)}`), ...entry }))));
		portal.on('GET', `${path}/:entryId`, (request) => {
			const entry = entries.find((candidate) => String(candidate.id) === request.params.entryId);
			return entry ? json(200, { href: portal.href(`${path}/${String(entry.id)}`), ...entry }) : notFound(`${path} ${request.params.entryId}`);
		});
	};
	fixed('/v1/actions', ACTIONS);
	fixed('/v1/timezones', TIME_ZONES);
	fixed(
		'/v1/nodeoperatingsystems',
		OPERATING_SYSTEMS.map(({ supportedNodeTypeIds, ...os }) => ({
			...os,
			supportedNodeTypes: NODE_TYPES.filter((type) => supportedNodeTypeIds.includes(type.id)),
		})),
	);
	fixed('/v1/nodetypes', NODE_TYPES);
	portal.on('GET', '/v1/nodewarningtypes', (request) => portal.list(request, WARNING_TYPES));
	portal.on('GET', '/v1/timezones/:timeZoneId/offset', (request) => {
		const zone = TIME_ZONES.find((candidate) => String(candidate.id) === request.params.timeZoneId);
		if (!zone) return notFound(`Time zone ${request.params.timeZoneId}`);
		const date = request.query.get('date');
		const month = date ? new Date(date).getUTCMonth() : new Date(portal.now()).getUTCMonth();
		if (Number.isNaN(month)) return failure(400, 'invalid_request', `"${date}" is not a date`);
		const summer = zone.offset !== 0 && month >= 3 && month <= 9;
		return json(200, zone.offset + (summer ? 60 : 0));
	});
}
