/** Consumption unit (consumer) routes, and what hangs off one: jobs, events, consumption, tags, destinations (reports: reports.ts). */
import type { CloutilityEmulator } from '../cloutility';
import { TAGS, type Consumer, type Json } from '../cloutility-world';
import { apply, failure } from '../cloutility-views';
import { json } from '../kit';
import { auditLogAnswer } from './audit-logs';

export function consumerRoutes(portal: CloutilityEmulator): void {
	const base = '/v1/bunits/:bunitId/consumers';
	const one = `${base}/:consumerId`;
	portal.on('GET', base, (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const consumers = [...portal.world.consumers.values()].filter((consumer) => consumer.bunitId === unit.id);
		return portal.list(request, consumers.map((consumer) => portal.views.consumer(consumer, false)));
	});
	portal.on('POST', base, (request, user) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const body = request.json<Json>() ?? {};
		if (typeof body.name !== 'string' || !body.name.trim()) return failure(400, 'invalid_request', 'The consumption unit needs a name');
		const consumer: Consumer = {
			id: portal.world.id(),
			bunitId: unit.id,
			name: body.name.trim(),
			limitHighStorage: 0,
			allowNoActivity: false,
			tagIds: [],
			createdDate: portal.world.timestamp(),
			extra: {},
		};
		apply(consumer, body, ['name', 'note', 'externalReference', 'limitHighStorage', 'allowNoActivity', 'billingStartDate']);
		portal.world.consumers.set(consumer.id, consumer);
		portal.world.log(100, unit.id, `Consumption unit ${consumer.name} created`, user.username, consumer.id);
		return json(200, portal.views.consumer(consumer, true));
	});
	portal.on('GET', one, (request, user) => {
		const consumer = portal.consumer(request, user);
		return 'status' in consumer ? consumer : json(200, portal.views.consumer(consumer, true));
	});
	portal.on('PUT', one, (request, user) => {
		const consumer = portal.consumer(request, user);
		if ('status' in consumer) return consumer;
		apply(consumer, request.json<Json>() ?? {}, ['name', 'note', 'externalReference', 'limitHighStorage', 'allowNoActivity', 'billingStartDate']);
		portal.world.log(200, consumer.bunitId, `Consumption unit ${consumer.name} modified`, user.username, consumer.id);
		return json(200, portal.views.consumer(consumer, true));
	});
	portal.on('DELETE', one, (request, user) => {
		const consumer = portal.consumer(request, user);
		if ('status' in consumer) return consumer;
		if (portal.world.nodes.has(consumer.id) && request.query.get('deleteAssociations') !== 'true') {
			return failure(409, 'conflict', `Consumption unit ${consumer.id} has a backup node`, 'Set deleteAssociations=true to delete it too');
		}
		const tenant = portal.world.recordsOf('m365Tenants').find((record) => record.consumerId === consumer.id);
		const accounts = portal.world.recordsOf('m365Accounts').filter((record) => tenant && record.tenantId === tenant.id && record.consumerId !== null);
		if (accounts.length > 0 && request.query.get('unassignSecondaryDataSources') !== 'true') {
			return failure(409, 'conflict', `Consumption unit ${consumer.id} has secondary data sources (${accounts.length} Microsoft 365 accounts)`, 'Set unassignSecondaryDataSources=true to detach them first');
		}
		for (const account of accounts) {
			portal.world.removeConsumer(account.consumerId as number);
			account.consumerId = null;
		}
		if (tenant) tenant.consumerId = null;
		portal.world.removeConsumer(consumer.id);
		const comment = request.query.get('deletionComment');
		portal.world.log(300, consumer.bunitId, `Consumption unit ${consumer.name} deleted${comment ? `: ${comment}` : ''}`, user.username, consumer.id);
		return { status: 204 };
	});
	portal.onConsumer('GET', 'auditlogs', (consumer, request) => auditLogAnswer(portal, request, (entry) => entry.consumerId === consumer.id));
	portal.onConsumer('GET', 'jobs/first', (consumer) => json(200, { id: 7001, consumerId: consumer.id, name: 'Incremental', completed: '2023-07-10T02:00:00Z' }));
	portal.onConsumer('GET', 'jobs', (consumer, request) => {
		const start = request.query.get('startTime');
		if (start !== null && Date.parse(start) < Date.parse('2023-07-10T02:00:00Z')) {
			return failure(400, 'invalid_request', 'startTime is before the first job', 'Read jobs/first for the earliest allowed startTime');
		}
		return portal.list(request, [{ id: 7002, consumerId: consumer.id, name: 'Incremental', result: 0, completed: '2024-05-01T02:00:00Z', transferredMegaBytes: 812.4 }]);
	});
	portal.onConsumer('GET', 'consumption', (consumer, request) => {
		if (!request.query.get('startDate')) return failure(400, 'invalid_request', 'startDate is required');
		return json(200, [{ product: { id: 1, name: 'Backup storage (GB)' }, consumptions: [{ consumerId: consumer.id, quantity: 10.2 }] }]);
	});
	portal.onConsumer('GET', 'events', (consumer, request) => portal.list(request, [{ id: 6001, status: { id: 1, name: 'Completed' }, result: 0, scheduledStart: '2024-05-01T01:00:00Z', nodeName: consumer.name }]));
	portal.onConsumer('GET', 'tags', (consumer, request) => portal.list(request, TAGS.filter((tag) => consumer.tagIds.includes(tag.id))));
	portal.onConsumer('POST', 'tags', (consumer, request, user) => {
		const tagId = Number((request.json<Json>() ?? {}).id);
		const unitAndAbove = [consumer.bunitId, ...portal.world.ancestors(consumer.bunitId).map((ancestor) => ancestor.id)];
		const tag = TAGS.find((candidate) => candidate.id === tagId && unitAndAbove.includes(candidate.businessUnitId));
		if (!tag) return failure(400, 'invalid_request', `Tag ${String(tagId)} is not available to this business unit`);
		if (!consumer.tagIds.includes(tag.id)) consumer.tagIds.push(tag.id);
		portal.world.log(200, consumer.bunitId, `Tag ${tag.text} added to ${consumer.name}`, user.username, consumer.id);
		return { status: 200 };
	});
	portal.onConsumer('GET', 'destinations', (consumer, request, user) => {
		// Units that back up to the same server as this one (all of them, in this portal) and the user can see.
		const units = portal.world.subtree(user.bunitId).filter((id) => id !== consumer.bunitId);
		return portal.list(request, units.map((id) => portal.views.unit(portal.world.bunits.get(id)!, false)));
	});
	portal.onConsumer('GET', 'pointrepository', (consumer) => json(200, { id: 51, name: `repo-${consumer.id}`, bucketCount: 0 }));
}
