/**
 * Routes of the portal's other services and of billing plans: Microsoft 365 tenants and accounts (SP Plus),
 * PoINT S3 users, buckets and presets, Rubrik and SP Plus servers and SLA domains, billing subscriptions and
 * their components, contract exceptions, and a backup node's activity log filters and retention rules.
 */
import type { CloutilityEmulator, CloutilityUser } from '../cloutility';
import { type BusinessUnit, type Consumer, type Json } from '../cloutility-world';
import { failure, notFound } from '../cloutility-views';
import { RUBRIK_SERVER, SP_PLUS_FALLBACK, SP_PLUS_SERVER } from '../cloutility-seed';
import { json, type EmulatorRequest, type EmulatorResponse } from '../kit';
import { recordRoutes } from './records';

const isName = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export function serviceRoutes(portal: CloutilityEmulator): void {
	const body = (request: EmulatorRequest) => request.json<Json>() ?? {};
	const idList = (request: EmulatorRequest): number[] | undefined => {
		const list = request.json<unknown>();
		return Array.isArray(list) && list.every((entry) => Number.isInteger(entry)) ? (list as number[]) : undefined;
	};

	// ---- Microsoft 365 (tenants and accounts backed up through SP Plus)
	const tenants = () => portal.world.recordsOf('m365Tenants');
	const accounts = () => portal.world.recordsOf('m365Accounts');
	const tenantView = (tenant: Json) => ({
		...tenant,
		spPlusServer: SP_PLUS_SERVER,
		dataSourceState: { id: 3, name: 'Active' },
		dataSourceType: { id: 5, name: 'Microsoft 365 tenant' },
		accounts: accounts()
			.filter((account) => account.tenantId === tenant.id)
			.map((account) => ({ id: account.id, name: account.name, sppId: account.sppId })),
	});
	const accountView = (account: Json) => {
		const tenant = tenants().find((candidate) => candidate.id === account.tenantId);
		const rest = { ...account };
		delete rest.restorePoints;
		return { ...rest, tenant: tenant ? { id: tenant.id, name: tenant.name } : undefined, dataSourceState: { id: 3, name: 'Active' }, dataSourceType: { id: 6, name: 'Microsoft 365 account' } };
	};
	const accountOf = (consumer: Consumer) => accounts().find((account) => account.consumerId === consumer.id);
	const tenantOf = (consumer: Consumer) => tenants().find((tenant) => tenant.consumerId === consumer.id);
	const newConsumer = (bunitId: number, name: string, dataSourceType: Json): Consumer => {
		const consumer: Consumer = { id: portal.world.id(), bunitId, name, limitHighStorage: 0, allowNoActivity: true, tagIds: [], createdDate: portal.world.timestamp(), extra: { dataSourceType } };
		portal.world.consumers.set(consumer.id, consumer);
		return consumer;
	};
	portal.onConsumer('GET', 'microsoft365tenant', (consumer) => {
		const tenant = tenantOf(consumer);
		return tenant ? json(200, tenantView(tenant)) : notFound(`A Microsoft 365 tenant behind consumption unit ${consumer.id}`);
	});
	portal.onConsumer('PUT', 'microsoft365tenant', (consumer, request, user) => {
		const tenant = tenantOf(consumer);
		if (!tenant) return notFound(`A Microsoft 365 tenant behind consumption unit ${consumer.id}`);
		const given = body(request);
		if (given.name !== undefined && !isName(given.name)) return failure(400, 'invalid_request', 'A tenant needs a name');
		if (isName(given.name)) tenant.name = given.name;
		portal.world.log(200, consumer.bunitId, `Microsoft 365 tenant ${String(tenant.name)} modified`, user.username, consumer.id);
		return json(200, tenantView(tenant));
	});
	portal.onUnit('GET', 'unassignedMicrosoft365Tenants', (unit, request) =>
		portal.list(request, tenants().filter((tenant) => tenant.consumerId === null && portal.world.subtree(tenant.serverUnitId as number).includes(unit.id)).map(tenantView)),
	);
	portal.onUnit('POST', 'unassignedMicrosoft365Tenants', (unit, request, user) => {
		const target = Number(request.query.get('bunitIdToLink'));
		const linked = portal.unit({ ...request, params: { bunitId: String(target) } }, user);
		if ('status' in linked) return request.query.get('bunitIdToLink') ? linked : failure(400, 'invalid_request', 'bunitIdToLink is required');
		const ids = idList(request);
		if (!ids || ids.length === 0) return failure(400, 'invalid_request', 'The body must be a JSON list of tenant IDs');
		const picked = ids.map((id) => tenants().find((tenant) => tenant.id === id && tenant.consumerId === null && portal.world.subtree(tenant.serverUnitId as number).includes(unit.id)));
		if (picked.some((tenant) => !tenant)) return failure(404, 'not_found', `Not every tenant of ${ids.join(', ')} is unassigned on the servers of business unit ${unit.id}`);
		for (const tenant of picked as Json[]) {
			tenant.consumerId = newConsumer(linked.id, String(tenant.name), { id: 5, name: 'Microsoft 365 tenant' }).id;
			portal.world.log(100, linked.id, `Microsoft 365 tenant ${String(tenant.name)} assigned`, user.username, tenant.consumerId as number);
		}
		return { status: 204 };
	});
	portal.onConsumer('GET', 'microsoft365account', (consumer) => {
		const account = accountOf(consumer);
		return account ? json(200, accountView(account)) : notFound(`A Microsoft 365 account behind consumption unit ${consumer.id}`);
	});
	portal.onConsumer('DELETE', 'microsoft365account', (consumer, _request, user) => {
		const account = accountOf(consumer);
		if (!account) return notFound(`A Microsoft 365 account behind consumption unit ${consumer.id}`);
		account.consumerId = null;
		portal.world.removeConsumer(consumer.id);
		portal.world.log(300, consumer.bunitId, `Microsoft 365 account ${String(account.name)} unassigned`, user.username, consumer.id);
		return { status: 204 };
	});
	portal.onConsumer('GET', 'microsoft365account/restorepoints', (consumer, request) => {
		const account = accountOf(consumer);
		return account ? portal.list(request, account.restorePoints as Json[]) : notFound(`A Microsoft 365 account behind consumption unit ${consumer.id}`);
	});
	portal.onConsumer('POST', 'microsoft365account/backuppolicies', (consumer, request, user) => {
		const account = accountOf(consumer);
		if (!account) return notFound(`A Microsoft 365 account behind consumption unit ${consumer.id}`);
		const given = body(request);
		if (!Number.isInteger(given.sppId)) return failure(400, 'invalid_request', 'sppId (the policy\'s ID in SP Plus) is required');
		const policy = { id: portal.world.id(), sppId: given.sppId, name: isName(given.name) ? given.name : `Policy ${String(given.sppId)}`, createdDate: portal.world.timestamp() };
		(account.backupPolicies as Json[]).push(policy);
		portal.world.log(200, consumer.bunitId, `Backup policy ${String(policy.name)} added to ${String(account.name)}`, user.username, consumer.id);
		return json(200, policy);
	});
	portal.onUnit('POST', 'microsoft365accounts', (unit, request, user) => {
		const given = body(request);
		if (!isName(given.sppId)) return failure(400, 'invalid_request', 'sppId (the account\'s ID in SP Plus) is required');
		if (accounts().some((account) => account.sppId === given.sppId && account.consumerId !== null)) return failure(409, 'conflict', `Account ${String(given.sppId)} is already assigned`);
		const tenantId = (given.tenant as Json | undefined)?.id;
		if (tenantId !== undefined && !tenants().some((tenant) => tenant.id === tenantId)) return failure(404, 'not_found', `Microsoft 365 tenant ${String(tenantId)} was not found`);
		const name = isName(given.name) ? (given.name as string) : (given.sppId as string);
		const consumer = newConsumer(unit.id, name, { id: 6, name: 'Microsoft 365 account' });
		const account = portal.world.addRecord('m365Accounts', { consumerId: consumer.id, tenantId: tenantId ?? null, sppId: given.sppId, name, backupPolicies: [], restorePoints: [] });
		portal.world.log(100, unit.id, `Microsoft 365 account ${name} assigned`, user.username, consumer.id);
		return json(200, accountView(account));
	});

	// ---- PoINT S3: users, presets, one bucket per consumption unit, unassigned buckets
	recordRoutes(portal, { kind: 'pointUsers', path: '/v1/bunits/:bunitId/pointusers', idParam: 'pointUserId', methods: ['list', 'create'], check: (given) => (isName(given.name) ? undefined : 'A PoINT user needs a name'), what: 'PoINT user' });
	recordRoutes(portal, { kind: 'pointBucketPresets', path: '/v1/bunits/:bunitId/pointbucketpresets', idParam: 'presetId', methods: ['create'], check: (given) => (isName(given.name) ? undefined : 'A preset needs a name'), what: 'Bucket preset' });
	const buckets = () => portal.world.recordsOf('pointBuckets');
	const bucketSettings = (given: Json) => {
		const settings: Json = {};
		for (const key of ['name', 'retentionDays', 'objectsSizeQuotaBytes', 'clientAccessEnabled', 'writeProtected', 'preset']) if (given[key] !== undefined) settings[key] = given[key];
		return settings;
	};
	portal.onConsumer('POST', 'pointbucket', (consumer, request, user) => {
		const given = body(request);
		if (!isName(given.name) || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(given.name as string)) return failure(400, 'invalid_request', 'A bucket needs a name by the S3 rules (3-63 of a-z 0-9 . -)');
		if (buckets().some((bucket) => bucket.consumerId === consumer.id)) return failure(409, 'conflict', `Consumption unit ${consumer.id} already has a bucket`);
		const bucket = portal.world.addRecord('pointBuckets', { consumerId: consumer.id, pointId: `pb-${portal.world.id()}`, objectCount: 0, ...bucketSettings(given) });
		portal.world.log(100, consumer.bunitId, `PoINT bucket ${String(bucket.name)} created`, user.username, consumer.id);
		return json(200, bucket);
	});
	portal.onConsumer('PUT', 'pointbucket', (consumer, request, user) => {
		const bucket = buckets().find((candidate) => candidate.consumerId === consumer.id);
		if (!bucket) return notFound(`A PoINT bucket of consumption unit ${consumer.id}`);
		Object.assign(bucket, bucketSettings(body(request)));
		portal.world.log(200, consumer.bunitId, `PoINT bucket ${String(bucket.name)} modified`, user.username, consumer.id);
		return json(200, bucket);
	});
	portal.onUnit('POST', 'unassignedpointbuckets', (unit, request, user) => {
		const ids = idList(request);
		if (!ids || ids.length === 0) return failure(400, 'invalid_request', 'The body must be a JSON list of bucket IDs');
		const units = portal.world.subtree(unit.id);
		const picked = ids.map((id) => buckets().find((bucket) => bucket.id === id && units.includes(portal.world.consumers.get(bucket.consumerId as number)?.bunitId ?? -1)));
		if (picked.some((bucket) => !bucket)) return failure(404, 'not_found', `Not every bucket of ${ids.join(', ')} belongs to a consumption unit of business unit ${unit.id}`);
		for (const bucket of picked as Json[]) {
			portal.world.log(200, unit.id, `PoINT bucket ${String(bucket.name)} released`, user.username, bucket.consumerId as number);
			bucket.consumerId = null;
		}
		return { status: 204 };
	});

	// ---- Rubrik and SP Plus servers, SLA domains
	portal.onUnit('GET', 'defaultrubrikserver', () => json(200, { href: portal.href(`/v1/rubrikservers/${RUBRIK_SERVER.id}`), ...RUBRIK_SERVER }));
	portal.onUnit('GET', 'defaultspplusserver', () => json(200, { href: portal.href(`/v1/spplusservers/${SP_PLUS_SERVER.id}`), ...SP_PLUS_SERVER }));
	portal.onUnit('GET', 'fallbackspplusserver', () => json(200, { href: portal.href(`/v1/spplusservers/${SP_PLUS_FALLBACK.id}`), ...SP_PLUS_FALLBACK }));
	portal.onUnit('PUT', 'datacenters/:dataCenterId/rubrikservers/:rubrikServerId/sladomains/:slaDomainId', (unit, request) => {
		const domain = portal.world
			.recordsOf('slaDomains')
			.find(
				(candidate) =>
					String(candidate.id) === request.params.slaDomainId &&
					String(candidate.dataCenterId) === request.params.dataCenterId &&
					String(candidate.rubrikServerId) === request.params.rubrikServerId &&
					portal.world.subtree(candidate.businessUnitId as number).includes(unit.id),
			);
		if (!domain) return notFound(`SLA domain ${request.params.slaDomainId} of Rubrik server ${request.params.rubrikServerId}`);
		const given = body(request);
		if (given.name !== undefined && !isName(given.name)) return failure(400, 'invalid_request', 'An SLA domain needs a name');
		for (const key of ['name', 'ignoreNoActivity']) if (given[key] !== undefined) domain[key] = given[key];
		return json(200, domain);
	});

	// ---- Billing subscriptions (price plans), their components, contract exceptions
	const subscriptions = () => portal.world.recordsOf('subscriptions');
	const components = (subscriptionId: number) => portal.world.recordsOf('subscriptionComponents').filter((component) => component.subscriptionId === subscriptionId);
	const visibleSubscription = (unit: BusinessUnit, id: string) => {
		const above = [unit.id, ...portal.world.ancestors(unit.id).map((ancestor) => ancestor.id)];
		return subscriptions().find((subscription) => String(subscription.id) === id && above.includes(subscription.businessUnitId as number));
	};
	const subscriptionView = (subscription: Json) => ({ ...subscription, components: components(subscription.id as number) });
	portal.onUnit('POST', 'subscriptions', (unit, request, user) => {
		const given = body(request);
		if (!isName(given.name)) return failure(400, 'invalid_request', 'A subscription needs a name');
		const created = portal.world.addRecord('subscriptions', { businessUnitId: unit.id, name: given.name, description: given.description ?? '', currency: given.currency ?? { id: 1, code: 'SEK' }, contractCount: 0, exceptionCount: 0 });
		portal.world.log(100, unit.id, `Subscription ${String(created.name)} created`, user.username);
		return json(200, subscriptionView(created));
	});
	portal.onUnit('GET', 'subscriptions/:subscriptionId', (unit, request) => {
		const found = visibleSubscription(unit, request.params.subscriptionId);
		return found ? json(200, subscriptionView(found)) : notFound(`Subscription ${request.params.subscriptionId}`);
	});
	portal.onUnit('GET', 'subscriptions/:subscriptionId/components', (unit, request) => {
		const found = visibleSubscription(unit, request.params.subscriptionId);
		return found ? portal.list(request, components(found.id as number)) : notFound(`Subscription ${request.params.subscriptionId}`);
	});
	portal.onUnit('PUT', 'subscriptions/:subscriptionId/components/:componentId', (unit, request) => {
		const found = visibleSubscription(unit, request.params.subscriptionId);
		const component = found && components(found.id as number).find((candidate) => String(candidate.id) === request.params.componentId);
		if (!component) return notFound(`Component ${request.params.componentId} of subscription ${request.params.subscriptionId}`);
		const given = body(request);
		if (given.price !== undefined && (typeof given.price !== 'number' || given.price < 0)) return failure(400, 'invalid_request', 'price must be a number, 0 or more');
		if (given.quantityCalculationOption !== undefined && ![1, 2, 3, 4, 5, 6].includes(given.quantityCalculationOption as number)) {
			return failure(400, 'invalid_request', 'quantityCalculationOption must be 1 to 6');
		}
		for (const key of ['price', 'quantity', 'includedBundles', 'isCapacity', 'startDate', 'quantityCalculationOption']) if (given[key] !== undefined) component[key] = given[key];
		return json(200, component);
	});
	const assigned = (unit: BusinessUnit) => portal.world.recordsOf('assignedSubscriptions').filter((entry) => entry.businessUnitId === unit.id).map((entry) => entry.subscriptionId);
	portal.onUnit('GET', 'unassignedsubscriptions', (unit, request) => {
		const above = portal.world.ancestors(unit.id).map((ancestor) => ancestor.id);
		const taken = assigned(unit);
		return portal.list(request, subscriptions().filter((subscription) => above.includes(subscription.businessUnitId as number) && !taken.includes(subscription.id)).map(subscriptionView));
	});
	portal.onUnit('POST', 'assignedsubscriptions', (unit, request, user) => {
		const id = body(request).id;
		const above = portal.world.ancestors(unit.id).map((ancestor) => ancestor.id);
		const subscription = subscriptions().find((candidate) => candidate.id === id && above.includes(candidate.businessUnitId as number));
		if (!subscription) return failure(404, 'not_found', `Subscription ${String(id)} is not one of a business unit above ${unit.id}`);
		if (assigned(unit).includes(subscription.id)) return failure(409, 'conflict', `Business unit ${unit.id} already has subscription ${String(id)}`);
		portal.world.addRecord('assignedSubscriptions', { businessUnitId: unit.id, subscriptionId: subscription.id });
		portal.world.log(200, unit.id, `Subscription ${String(subscription.name)} assigned to ${unit.name}`, user.username);
		return { status: 204 };
	});
	const exceptionView = (exception: Json) => {
		const target = portal.world.bunits.get(exception.exceptionUnitId as number);
		const subscription = subscriptions().find((candidate) => candidate.id === exception.subscriptionId);
		return { ...exception, businessUnit: target ? portal.views.unit(target, false) : undefined, subscription: subscription ? { id: subscription.id, name: subscription.name } : undefined };
	};
	portal.onUnit('GET', 'contract/exceptions', (unit, request) => portal.list(request, portal.world.recordsOf('contractExceptions').filter((exception) => exception.businessUnitId === unit.id).map(exceptionView)));
	portal.onUnit('PUT', 'contract/exceptions/:exceptionId', (unit, request) => {
		const exception = portal.world.recordsOf('contractExceptions').find((candidate) => String(candidate.id) === request.params.exceptionId && candidate.businessUnitId === unit.id);
		if (!exception) return notFound(`Contract exception ${request.params.exceptionId}`);
		const given = body(request);
		for (const key of ['billingStartDate', 'billingEndDate']) {
			if (given[key] !== undefined && given[key] !== null && Number.isNaN(Date.parse(String(given[key])))) return failure(400, 'invalid_request', `${key} is not a date`);
		}
		for (const key of ['billingStartDate', 'billingEndDate', 'billingStorageTypeId', 'useCpuMultiplier']) if (given[key] !== undefined) exception[key] = given[key];
		const subscriptionId = (given.subscription as Json | undefined)?.id;
		if (subscriptionId !== undefined) exception.subscriptionId = subscriptionId;
		return json(200, exceptionView(exception));
	});

	// ---- A backup node's activity log filters and retention rules
	const withNode = (handler: (consumer: Consumer, request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse) => (request: EmulatorRequest, user: CloutilityUser) => {
		const found = portal.node(request, user);
		return 'status' in found ? found : handler(found.consumer, request, user);
	};
	recordRoutes(portal, {
		kind: 'activityLogFilters',
		path: '/v1/bunits/:bunitId/consumers/:consumerId/node/activitylogfilters',
		idParam: 'filterId',
		owner: 'node',
		methods: ['list', 'create', 'get', 'put', 'delete'],
		check: (given) => (isName(given.filter) || isName(given.messageNumber) ? undefined : 'A filter needs its text or a message number'),
		what: 'Activity log filter',
	});
	portal.on(
		'POST',
		'/v1/bunits/:bunitId/consumers/:consumerId/node/retentionRules',
		withNode((consumer, request, user) => {
			const given = body(request);
			if (given.scheduleStyle !== undefined && !['CLASSIC', 'ENHANCED'].includes(String(given.scheduleStyle))) return failure(400, 'invalid_request', 'scheduleStyle is CLASSIC or ENHANCED');
			if (given.id === undefined && !isName(given.name)) return failure(400, 'invalid_request', 'Name an existing retention rule (id) or give the new one a name');
			portal.world.log(200, consumer.bunitId, `Backup node of ${consumer.name} added to retention rule ${String(given.name ?? given.id)}`, user.username, consumer.id);
			return { status: 204 };
		}),
	);
}
