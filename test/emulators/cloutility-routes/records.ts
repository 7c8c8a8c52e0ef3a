/**
 * Route builders the newer resources share: records a business unit or consumption unit owns (list, create,
 * read, replace, patch, delete) and settings a business unit sets for itself and the units below (read its
 * own or the inherited one, create, update).
 */
import type { CloutilityEmulator, CloutilityUser } from '../cloutility';
import type { BusinessUnit, Consumer, Json } from '../cloutility-world';
import { failure, notFound } from '../cloutility-views';
import { json, type EmulatorRequest, type EmulatorResponse } from '../kit';

type Owner = BusinessUnit | Consumer;

export interface RecordRoutes {
	kind: string;
	/** The collection's route, e.g. `/v1/bunits/:bunitId/activityreportsubscriptions`. */
	path: string;
	/** The route parameter of one record. */
	idParam: string;
	/** What the records belong to: the business unit (default), or the consumption unit of the path (`node`: one with a backup node). */
	owner?: 'unit' | 'consumer' | 'node';
	/** Which methods the portal offers. */
	methods: Array<'list' | 'create' | 'get' | 'put' | 'patch' | 'delete'>;
	/** What a create (or a replace) needs; returns a refusal, or undefined. */
	check?: (body: Json) => string | undefined;
	what: string;
}

const ownerKey = (routes: RecordRoutes) => (routes.owner === undefined || routes.owner === 'unit' ? 'businessUnitId' : 'consumerId');

export function recordRoutes(portal: CloutilityEmulator, routes: RecordRoutes): void {
	const one = `${routes.path}/:${routes.idParam}`;
	const owner = (request: EmulatorRequest, user: CloutilityUser): Owner | EmulatorResponse => {
		if (routes.owner === 'consumer') return portal.consumer(request, user);
		if (routes.owner !== 'node') return portal.unit(request, user);
		const found = portal.node(request, user);
		return 'status' in found ? found : found.consumer;
	};
	const mine = (found: Owner) => portal.world.recordsOf(routes.kind).filter((record) => record[ownerKey(routes)] === found.id);
	const withRecord = (answer: (record: Json, found: Owner, request: EmulatorRequest) => EmulatorResponse) => (request: EmulatorRequest, user: CloutilityUser) => {
		const found = owner(request, user);
		if ('status' in found) return found;
		const record = mine(found).find((candidate) => String(candidate.id) === request.params[routes.idParam]);
		return record ? answer(record, found, request) : notFound(`${routes.what} ${request.params[routes.idParam]}`);
	};
	const body = (request: EmulatorRequest) => request.json<Json>() ?? {};
	const writable = (given: Json) => {
		const copy = { ...given };
		for (const key of ['id', 'href', 'createdDate', ownerKey(routes)]) delete copy[key];
		return copy;
	};
	if (routes.methods.includes('list')) {
		portal.on('GET', routes.path, (request, user) => {
			const found = owner(request, user);
			return 'status' in found ? found : portal.list(request, mine(found));
		});
	}
	if (routes.methods.includes('create')) {
		portal.on('POST', routes.path, (request, user) => {
			const found = owner(request, user);
			if ('status' in found) return found;
			const given = body(request);
			const refused = routes.check?.(given);
			if (refused) return failure(400, 'invalid_request', refused);
			return json(200, portal.world.addRecord(routes.kind, { ...writable(given), [ownerKey(routes)]: found.id }));
		});
	}
	if (routes.methods.includes('get')) portal.on('GET', one, withRecord((record) => json(200, record)));
	if (routes.methods.includes('put')) {
		portal.on(
			'PUT',
			one,
			withRecord((record, _found, request) => {
				const given = body(request);
				const refused = routes.check?.(given);
				if (refused) return failure(400, 'invalid_request', refused);
				const kept = { id: record.id, [ownerKey(routes)]: record[ownerKey(routes)], createdDate: record.createdDate };
				for (const key of Object.keys(record)) delete record[key];
				Object.assign(record, writable(given), kept);
				return json(200, record);
			}),
		);
	}
	if (routes.methods.includes('patch')) {
		portal.on(
			'PATCH',
			one,
			withRecord((record, _found, request) => {
				Object.assign(record, writable(body(request)));
				return json(200, record);
			}),
		);
	}
	if (routes.methods.includes('delete')) {
		portal.on(
			'DELETE',
			one,
			withRecord((record) => {
				const list = portal.world.recordsOf(routes.kind);
				list.splice(list.indexOf(record), 1);
				return { status: 204 };
			}),
		);
	}
}

export interface SettingRoutes {
	kind: string;
	/** The setting's route below the business unit, e.g. `nodenamingrule`. */
	suffix: string;
	methods: Array<'get' | 'post' | 'put'>;
	what: string;
	/** A check of a new value against the unit's current one; returns a refusal, or undefined. */
	check?: (value: Json, current: Json | undefined, request: EmulatorRequest) => string | undefined;
}

/**
 * A setting: GET answers the unit's own or the nearest one above it (`inherited: true`), 404 when there is
 * none; POST sets the unit's own (409 when it has one already); PUT changes the unit's own (or sets it, when
 * it only inherited one).
 */
export function settingRoutes(portal: CloutilityEmulator, routes: SettingRoutes): void {
	const path = `/v1/bunits/:bunitId/${routes.suffix}`;
	const write = (creating: boolean) => (request: EmulatorRequest, user: CloutilityUser) => {
		const unit = portal.unit(request, user);
		if ('status' in unit) return unit;
		const current = portal.world.setting(routes.kind, unit.id);
		if (creating && current && !current.inherited) return failure(409, 'conflict', `Business unit ${unit.id} already has its own ${routes.what}`, 'Update it with PUT');
		const value = { ...(request.json<Json>() ?? {}) };
		for (const key of ['id', 'href', 'createdDate', 'businessUnitId', 'inherited']) delete value[key];
		const refused = routes.check?.(value, current, request);
		if (refused) return failure(400, 'invalid_request', refused);
		const stored = portal.world.setOwnSetting(routes.kind, unit.id, value);
		portal.world.log(creating ? 100 : 200, unit.id, `${routes.what.charAt(0).toUpperCase()}${routes.what.slice(1)} of ${unit.name} ${creating ? 'created' : 'modified'}`, user.username);
		return json(200, stored);
	};
	if (routes.methods.includes('get')) {
		portal.on('GET', path, (request, user) => {
			const unit = portal.unit(request, user);
			if ('status' in unit) return unit;
			const value = portal.world.setting(routes.kind, unit.id);
			return value ? json(200, value) : notFound(`The ${routes.what} of business unit ${unit.id}`);
		});
	}
	if (routes.methods.includes('post')) portal.on('POST', path, write(true));
	if (routes.methods.includes('put')) portal.on('PUT', path, write(false));
}
