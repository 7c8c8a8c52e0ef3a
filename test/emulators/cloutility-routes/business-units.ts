/** Business unit routes: the tree, one unit, children, create/update/delete, and what hangs off a unit. */
import type { CloutilityEmulator } from '../cloutility';
import { CLIENT_OPTION_SETS, DEFAULT_SERVER, DOMAINS, TAGS, TIME_ZONES, type BusinessUnit, type Json } from '../cloutility-world';
import { apply, failure, refId } from '../cloutility-views';
import { json } from '../kit';
import { auditLogAnswer } from './audit-logs';

export function businessUnitRoutes(portal: CloutilityEmulator): void {
	portal.on('GET', '/v1/bunits', (request, user) => {
		const start = request.query.get('bunitId');
		if (start === null) return json(200, portal.views.tree(portal.world.bunits.get(user.bunitId)!));
		const unit = portal.unit({ ...request, params: { bunitId: start } }, user);
		return 'status' in unit ? unit : json(200, portal.views.tree(unit));
	});
	portal.on('GET', '/v1/bunits/:bunitId', (request, user) => {
		const unit = portal.unit(request, user);
		return 'status' in unit ? unit : json(200, portal.views.unit(unit, true));
	});
	portal.on('PUT', '/v1/bunits/:bunitId', (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const body = request.json<Json>() ?? {};
		apply(unit, body, ['name', 'registrationNumber', 'note']);
		const zone = refId(body, 'timeZone');
		if (zone !== undefined) unit.timeZoneId = zone;
		portal.world.log(200, unit.id, `Business unit ${unit.name} modified`, user.username);
		return json(200, portal.views.unit(unit, true));
	});
	portal.on('DELETE', '/v1/bunits/:bunitId', (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		if (unit.id === user.bunitId) return failure(403, 'forbidden', 'You cannot delete your own business unit');
		const below = portal.world.subtree(unit.id);
		const flag = (name: string) => request.query.get(name) === 'true';
		if (below.length > 1 && !flag('deleteChildren')) {
			return failure(409, 'conflict', `Business unit ${unit.id} has child business units`, 'Set deleteChildren=true to delete them too');
		}
		const consumers = [...portal.world.consumers.values()].filter((consumer) => below.includes(consumer.bunitId));
		if (consumers.length > 0 && !flag('deleteConsumers')) {
			return failure(409, 'conflict', `Business unit ${unit.id} has consumption units`, 'Set deleteConsumers=true to delete them too');
		}
		for (const consumer of consumers) {
			portal.world.consumers.delete(consumer.id);
			portal.world.nodes.delete(consumer.id);
		}
		for (const id of below) portal.world.bunits.delete(id);
		portal.world.log(300, unit.parentId ?? unit.id, `Business unit ${unit.name} deleted`, user.username);
		return { status: 204 };
	});
	portal.on('GET', '/v1/bunits/:bunitId/bunits', (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const children = [...portal.world.bunits.values()].filter((child) => child.parentId === unit.id);
		return portal.list(request, children.map((child) => portal.views.unit(child, false)));
	});
	portal.on('POST', '/v1/bunits/:bunitId/bunits', (request, user) => {
		const parent = portal.unit(request, user);
		if ('status' in parent) return parent;
		const body = request.json<Json>() ?? {};
		if (typeof body.name !== 'string' || !body.name.trim()) return failure(400, 'invalid_request', 'The business unit needs a name');
		const zone = refId(body, 'timeZone') ?? parent.timeZoneId;
		if (!TIME_ZONES.some((candidate) => candidate.id === zone)) return failure(400, 'invalid_request', `Time zone ${zone} does not exist`);
		const unit: BusinessUnit = {
			id: portal.world.id(),
			parentId: parent.id,
			name: body.name.trim(),
			registrationNumber: String(body.registrationNumber ?? ''),
			note: typeof body.note === 'string' ? body.note : undefined,
			timeZoneId: zone,
			createdDate: portal.world.timestamp(),
			extra: {},
		};
		apply(unit, body, ['name', 'registrationNumber', 'note']);
		portal.world.bunits.set(unit.id, unit);
		portal.world.log(100, parent.id, `Business unit ${unit.name} created`, user.username);
		return json(200, portal.views.unit(unit, true));
	});
	portal.onUnit('GET', 'users', (unit, request) =>
		portal.list(
			request,
			portal.users
				.filter((candidate) => candidate.bunitId === unit.id)
				.map((candidate) => ({ href: portal.href(`/v1/users/${candidate.id}`), name: candidate.name, email: candidate.email, id: candidate.id })),
		),
	);
	portal.onUnit('GET', 'addresses', (unit, request) =>
		portal.list(request, [
			{ href: portal.href(`/v1/bunits/${unit.id}/addresses/1`), name: unit.name, street: 'Storgatan 1', zipCode: '111 22', city: 'Stockholm', type: { id: 1, name: 'Billing' }, id: 1 },
		]),
	);
	portal.onUnit('GET', 'ancestors', (unit, request) => portal.list(request, portal.world.ancestors(unit.id).map((ancestor) => portal.views.unit(ancestor, false))));
	portal.onUnit('GET', 'summaries', (unit, request) => {
		if (!request.query.get('previousDate')) return failure(400, 'invalid_request', 'previousDate is required');
		return json(
			200,
			portal.world.subtree(unit.id).map((id) => ({ id, name: portal.world.bunits.get(id)!.name, totalStorage: 2048, previousTotalStorage: 1024, totalStorageDelta: 1024, totalStorageDeltaPercentage: 100 })),
		);
	});
	portal.onUnit('GET', 'orainusers', (unit, request) => portal.list(request, [{ id: 41, name: `orain-${unit.id}`, businessUnitId: unit.id }]));
	portal.onUnit('GET', 'nodedeletionrule', () => json(200, { retentionDays: 30, deleteNodesAutomatically: false, useDecommission: true, deleteFilespacesAutomatically: false, id: 5 }));
	portal.onUnit('GET', 'auditlogs', (unit, request) => {
		const ids = request.query.get('includeDescendants') === 'true' ? portal.world.subtree(unit.id) : [unit.id];
		return auditLogAnswer(portal, request, (entry) => ids.includes(entry.businessUnitId));
	});
	portal.onUnit('GET', 'consumption', (unit, request) => {
		if (!request.query.get('startDate')) return failure(400, 'invalid_request', 'startDate is required');
		return json(200, [{ product: { id: 1, name: 'Backup storage (GB)' }, consumptions: [{ businessUnitId: unit.id, quantity: 512.5 }] }]);
	});
	portal.onUnit('GET', 'tags', (unit, request) => portal.list(request, TAGS.filter((tag) => tag.businessUnitId === unit.id)));
	portal.onUnit('GET', 'tags/own', (unit, request) => portal.list(request, TAGS.filter((tag) => tag.businessUnitId === unit.id)));
	portal.onUnit('GET', 'tags/available', (unit, request) => {
		const above = [unit.id, ...portal.world.ancestors(unit.id).map((ancestor) => ancestor.id)];
		return portal.list(request, TAGS.filter((tag) => tag.businessUnitId === unit.id || (above.includes(tag.businessUnitId) && tag.inheritable)));
	});
	portal.onUnit('GET', 'tags/availablesubscriptions', (unit, request) => portal.list(request, TAGS.filter((tag) => tag.inheritable)));
	portal.onUnit('GET', 'defaultserver', () => json(200, { href: portal.href(`/v1/servers/${DEFAULT_SERVER.id}`), ...DEFAULT_SERVER }));
	portal.onUnit('GET', 'defaultserver/domains', (_unit, request) => portal.list(request, DOMAINS.map((domain) => ({ ...domain, server: DEFAULT_SERVER }))));
	portal.onUnit('GET', 'defaultserver/clientoptionsets', (_unit, request) => portal.list(request, CLIENT_OPTION_SETS));
}
