/**
 * Business unit settings and people: node naming and password rules, the SLA for the units below, TOTP
 * settings, delete requests and their settings, the provider, search, roles, deleting users and their TOTP
 * secrets, business units by tag, and storage analytics per data source.
 */
import { randomBytes } from 'node:crypto';

import type { CloutilityEmulator, CloutilityUser } from '../cloutility';
import { TAGS, type BusinessUnit, type Json } from '../cloutility-world';
import { failure, notFound } from '../cloutility-views';
import { json, type EmulatorRequest, type EmulatorResponse } from '../kit';
import { recordRoutes, settingRoutes } from './records';

export function settingsRoutes(portal: CloutilityEmulator): void {

	settingRoutes(portal, { kind: 'nodeNamingRule', suffix: 'nodenamingrule', methods: ['get', 'put'], what: 'node naming rule' });
	portal.onUnit('GET', 'inheritednodenamingrule', (unit) => {
		const [parent] = portal.world.ancestors(unit.id);
		const value = parent ? portal.world.setting('nodeNamingRule', parent.id) : undefined;
		return value ? json(200, { ...value, inherited: true }) : notFound(`A node naming rule above business unit ${unit.id}`);
	});
	settingRoutes(portal, {
		kind: 'nodePasswordRule',
		suffix: 'nodepasswordrule',
		methods: ['get', 'post', 'put'],
		what: 'node password rule',
		check: (value, current) => {
			const type = value.type ?? current?.type;
			if (![1, 2, 3, 4].includes(type as number)) return 'type must be 1 (prefix and node ID), 2 (node ID and postfix), 3 (generated) or 4 (static)';
			if (type === 4 && !(value.text ?? current?.text)) return 'A static password rule needs its text';
			return undefined;
		},
	});
	settingRoutes(portal, {
		kind: 'serviceLevelAgreement',
		suffix: 'slafordescendants',
		methods: ['get', 'post', 'put'],
		what: 'service level agreement',
		check: (value) => (value.goal !== undefined && (typeof value.goal !== 'number' || value.goal < 0 || value.goal > 100) ? 'goal is a percentage from 0 to 100' : undefined),
	});
	settingRoutes(portal, { kind: 'totpSettings', suffix: 'totpsettings', methods: ['get'], what: 'TOTP settings' });
	portal.onUnit('GET', 'provider', (unit) => {
		const provider = portal.world.ancestors(unit.id).find((ancestor) => ancestor.id === 22 || ancestor.id === 13);
		return provider ? json(200, portal.views.tree(provider)) : notFound(`A provider of business unit ${unit.id}`);
	});
	portal.on('GET', '/v1/search/bunits', (request, user) => {
		const term = (request.query.get('searchTerm') ?? '').trim().toLowerCase();
		if (!term) return failure(400, 'invalid_request', 'searchTerm is required');
		const below = request.query.get('bunitId');
		const root = below === null ? user.bunitId : Number(below);
		if (!portal.world.subtree(user.bunitId).includes(root)) return failure(403, 'forbidden', `You have no access to business unit ${below}`);
		const matches = portal.world
			.subtree(root)
			.map((id) => portal.world.bunits.get(id)!)
			.filter((unit) => unit.name.toLowerCase().includes(term) || String(unit.id) === term);
		return json(200, matches.map((unit) => portal.views.tree(unit)));
	});

	// Delete requests: one consumption unit's pending request, who may approve, and the rules (per unit, inherited).
	portal.on('GET', '/v1/bunits/:bunitId/consumers/:consumerId/deleterequest', (request, user) => {
		const consumer = portal.consumer(request, user);
		if ('status' in consumer) return consumer;
		const found = portal.world.recordsOf('deleteRequests').find((record) => record.consumerId === consumer.id);
		return found ? json(200, { ...found, consumer: portal.views.consumer(consumer, false) }) : notFound(`A delete request of consumption unit ${consumer.id}`);
	});
	portal.onUnit('GET', 'deleterequestapprovers', (unit, request) => {
		const above = [unit.id, ...portal.world.ancestors(unit.id).map((ancestor) => ancestor.id)];
		const approvers = portal.users.filter((candidate) => above.includes(candidate.bunitId));
		return portal.list(request, approvers.map((approver) => ({ id: approver.id, name: approver.name, email: approver.email, usesTotp: false, locked: false })));
	});
	const deletionSettings = (request: EmulatorRequest, unit: BusinessUnit, user: CloutilityUser, existing?: Json): EmulatorResponse => {
		const body = { ...(request.json<Json>() ?? {}) };
		for (const key of ['id', 'href', 'createdDate', 'businessUnitId', 'inherited']) delete body[key];
		const inherited = portal.world.ancestors(unit.id).map((ancestor) => portal.world.settings.get('deleteRequestSettings')?.get(ancestor.id)).find(Boolean);
		const days = Number(body.offsetDays ?? existing?.offsetDays ?? 0);
		if (inherited && days < Number(inherited.offsetDays ?? 0) && request.query.get('allowLessRestrictive') !== 'true') {
			return failure(400, 'less_restrictive', `A waiting time of ${days} days is shorter than the ${String(inherited.offsetDays)} days set above`, 'Set allowLessRestrictive=true to allow it');
		}
		const stored = portal.world.setOwnSetting('deleteRequestSettings', unit.id, body);
		portal.world.log(existing ? 200 : 100, unit.id, `Delete request settings of ${unit.name} ${existing ? 'modified' : 'created'}`, user.username);
		return json(200, stored);
	};
	portal.onUnit('POST', 'DeleteRequestSettings', (unit, request, user) => {
		if (portal.world.settings.get('deleteRequestSettings')?.has(unit.id)) return failure(409, 'conflict', `Business unit ${unit.id} already has delete request settings`, 'Update them with PUT .../DeleteRequestSettings/{id}');
		return deletionSettings(request, unit, user);
	});
	portal.onUnit('PUT', 'DeleteRequestSettings/:settingsId', (unit, request, user) => {
		const existing = portal.world.settings.get('deleteRequestSettings')?.get(unit.id);
		if (!existing || String(existing.id) !== request.params.settingsId) return notFound(`Delete request settings ${request.params.settingsId} of business unit ${unit.id}`);
		return deletionSettings(request, unit, user, existing);
	});

	// Roles: the unit's own; "simple" without privileges; those a user may be given.
	const roles = (unit: BusinessUnit, request: EmulatorRequest) =>
		portal.world
			.recordsOf('roles')
			.filter((role) => role.businessUnitId === unit.id || (role.inheritable && portal.world.ancestors(unit.id).some((ancestor) => ancestor.id === role.businessUnitId)))
			// Administrators may be given only by the top unit's own administrators.
			.filter((role) => request.query.get('filterForUserId') === null || role.id !== 2 || unit.id === 22);
	portal.onUnit('GET', 'roles', (unit, request) => portal.list(request, roles(unit, request)));
	portal.onUnit('GET', 'roles/simple', (unit, request) => portal.list(request, roles(unit, request).map((role) => ({ id: role.id, name: role.name }))));
	portal.onUnit('GET', 'rolesassignable', (unit, request) => portal.list(request, roles(unit, request).filter((role) => role.id !== 2 || unit.id === 22)));
	recordRoutes(portal, {
		kind: 'roles',
		path: '/v1/bunits/:bunitId/roles',
		idParam: 'roleId',
		methods: ['create', 'get', 'put'],
		check: (body) => (typeof body.name === 'string' && body.name.trim() ? undefined : 'A role needs a name'),
		what: 'Role',
	});

	const userOf = (unit: BusinessUnit, request: EmulatorRequest) => portal.users.find((candidate) => String(candidate.id) === request.params.userId && candidate.bunitId === unit.id);
	portal.onUnit('DELETE', 'users/:userId', (unit, request, user) => {
		const found = userOf(unit, request);
		if (!found) return notFound(`User ${request.params.userId} of business unit ${unit.id}`);
		if (found.id === user.id) return failure(403, 'forbidden', 'You cannot delete yourself');
		portal.users.splice(portal.users.indexOf(found), 1);
		if (request.query.get('deleteSubscriptions') === 'true') {
			for (const kind of ['jobSubscriptions', 'statusReportSubscriptions', 'activityReportSubscriptions']) {
				const list = portal.world.recordsOf(kind);
				for (let index = list.length - 1; index >= 0; index--) if (list[index].userId === found.id) list.splice(index, 1);
			}
		}
		portal.world.log(300, unit.id, `User ${request.query.get('anonymize') === 'true' ? '(anonymized)' : found.name} deleted`, user.username);
		return { status: 204 };
	});
	const enrolled = new Set<number>();
	portal.onUnit('GET', 'users/:userId/totp', (unit, request) => {
		const found = userOf(unit, request);
		if (!found) return notFound(`User ${request.params.userId} of business unit ${unit.id}`);
		if (enrolled.has(found.id)) return failure(409, 'conflict', 'The user already uses TOTP', 'A TOTP secret can only be made for users who do not use TOTP yet');
		enrolled.add(found.id);
		// Base32, as authenticator apps take it.
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
		return json(200, [...randomBytes(20)].map((byte) => alphabet[byte % 32]).join(''));
	});

	portal.onUnit('GET', 'tags/own/:tagId/businessunits', (unit, request) => {
		const tag = TAGS.find((candidate) => String(candidate.id) === request.params.tagId && candidate.businessUnitId === unit.id);
		if (!tag) return notFound(`Tag ${request.params.tagId} of business unit ${unit.id}`);
		const carriers = portal.world.subtree(unit.id).filter((id) => [...portal.world.consumers.values()].some((consumer) => consumer.bunitId === id && consumer.tagIds.includes(tag.id)));
		return portal.list(request, carriers.map((id) => portal.views.unit(portal.world.bunits.get(id)!, false)));
	});
	portal.onUnit('GET', 'analytics/datasources', (unit, request) => {
		const date = request.query.get('analyticsDate');
		if (date !== null && Number.isNaN(Date.parse(date))) return failure(400, 'invalid_request', `"${date}" is not a date`);
		const units = portal.world.subtree(unit.id);
		const reports = portal.world.nodeReports.filter((report) => units.includes(report.businessUnitId));
		const latest = date ?? reports.map((report) => report.reportDate).sort().at(-1);
		const ofDay = reports.filter((report) => latest !== undefined && report.reportDate.slice(0, 10) === latest.slice(0, 10));
		const total = ofDay.reduce((sum, report) => sum + report.megaBytes, 0) || 1;
		return json(
			200,
			ofDay.map((report) => ({
				dataSourceId: report.nodeId,
				dataSourceName: report.tsmName,
				dataSourceType: { id: 1, name: 'SP Backup node' },
				consumerId: report.consumerId,
				consumerName: report.name,
				backupServerName: 'TSM-STO2-01',
				businessUnitId: report.businessUnitId,
				businessUnitName: portal.world.bunits.get(report.businessUnitId)?.name,
				percentOfTotalStorageOfBusinessUnit: Math.round((report.megaBytes / total) * 1000) / 10,
				transferredMegaBytes: report.transferredMegaBytes,
				megaBytes: report.megaBytes,
				megaBytesDelta: report.megaBytesDelta,
			})),
		);
	});
}
