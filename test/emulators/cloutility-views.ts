/**
 * How the Cloutility emulator shows its resources: full objects for single reads, partial ones in lists
 * (as the portal does), the business unit tree, and the error envelope.
 */
import type { CloutilityEmulator } from './cloutility';
import {
	CLIENT_OPTION_SETS,
	DEFAULT_SERVER,
	DOMAINS,
	NODE_TYPES,
	OPERATING_SYSTEMS,
	TAGS,
	TIME_ZONES,
	type BackupNode,
	type BusinessUnit,
	type Consumer,
	type Json,
} from './cloutility-world';
import { json, type EmulatorResponse } from './kit';

/** The documented error envelope. */
export function failure(status: number, code: string, message: string, developerMessage = message): EmulatorResponse {
	return json(status, { status, code, message, developerMessage });
}

export const notFound = (what: string) => failure(404, 'not_found', `${what} was not found`);

export class PortalViews {
	constructor(private readonly portal: CloutilityEmulator) {}

	unit(unit: BusinessUnit, full: boolean): Json {
		const base = `/v1/bunits/${unit.id}`;
		const partial: Json = { href: this.portal.href(base), name: unit.name, id: unit.id, createdDate: unit.createdDate };
		if (!full) return partial;
		const parent = unit.parentId !== undefined ? this.portal.world.bunits.get(unit.parentId) : undefined;
		const zone = TIME_ZONES.find((candidate) => candidate.id === unit.timeZoneId)!;
		const collection = (path: string, total = 0) => ({ href: this.portal.href(`${base}/${path}`), total, items: [] });
		const children = [...this.portal.world.bunits.values()].filter((candidate) => candidate.parentId === unit.id);
		return {
			...unit.extra,
			href: this.portal.href(base),
			parentBusinessUnit: parent ? this.unit(parent, false) : undefined,
			timeZone: { href: this.portal.href(`/v1/timezones/${zone.id}`), ...zone, createdDate: '2022-06-10T06:33:19.337Z' },
			users: collection('users', this.portal.users.filter((candidate) => candidate.bunitId === unit.id).length),
			addresses: collection('addresses'),
			businessUnits: collection('bunits', children.length),
			ancestors: collection('ancestors'),
			name: unit.name,
			note: unit.note,
			registrationNumber: unit.registrationNumber,
			invoiceDay: 0,
			storageLimit: 0,
			nodeLimit: 0,
			reportRemotely: false,
			tags: TAGS.filter((tag) => tag.businessUnitId === unit.id),
			id: unit.id,
			createdDate: unit.createdDate,
		};
	}

	tree(unit: BusinessUnit): Json {
		return {
			id: unit.id,
			parentId: unit.parentId,
			name: unit.name,
			groupName: 'Safespring',
			reportRemotely: false,
			businessUnits: [...this.portal.world.bunits.values()].filter((child) => child.parentId === unit.id).map((child) => this.tree(child)),
			tags: [],
			invoiceDay: 0,
		};
	}

	consumer(consumer: Consumer, full: boolean): Json {
		const node = this.portal.world.nodes.get(consumer.id);
		const state = node?.activatedDate ? { id: 3, name: 'Active' } : { id: 1, name: 'New' };
		const partial: Json = {
			href: this.portal.href(`/v1/bunits/${consumer.bunitId}/consumers/${consumer.id}`),
			name: consumer.name,
			dataSourceState: state,
			id: consumer.id,
			createdDate: consumer.createdDate,
		};
		if (!full) return partial;
		return {
			...consumer.extra,
			...partial,
			dataSourceType: consumer.extra.dataSourceType ?? { id: 1, name: 'SP Backup node' },
			dataSourceIsPotentialParent: false,
			billingStartDate: consumer.billingStartDate,
			businessUnit: this.unit(this.portal.world.bunits.get(consumer.bunitId)!, false),
			note: consumer.note,
			externalReference: consumer.externalReference,
			limitHighStorage: consumer.limitHighStorage,
			allowNoActivity: consumer.allowNoActivity,
			tags: TAGS.filter((tag) => consumer.tagIds.includes(tag.id)),
			comments: [],
			jobs: [],
		};
	}

	node(node: BackupNode, full = true): Json {
		const consumer = this.portal.world.consumers.get(node.consumerId)!;
		const href = this.portal.href(`/v1/bunits/${consumer.bunitId}/consumers/${consumer.id}/node`);
		const partial: Json = { href, name: consumer.name, tsmName: node.tsmName, id: node.id, createdDate: node.createdDate };
		if (!full) return partial;
		const related = (ids: number[]) => ids.map((id) => this.node(this.portal.world.nodes.get(id)!, false));
		const os = OPERATING_SYSTEMS.find((candidate) => candidate.id === node.operatingSystemId)!;
		return {
			...node.extra,
			...partial,
			cpuCount: node.cpuCount,
			activatedDate: node.activatedDate,
			locked: false,
			operatingSystem: { id: os.id, name: os.name, shortName: os.shortName },
			type: NODE_TYPES.find((type) => type.id === node.typeId),
			domain: DOMAINS.find((domain) => domain.id === node.domainId),
			clientOptionSet: CLIENT_OPTION_SETS.find((set) => set.id === node.clientOptionSetId),
			server: DEFAULT_SERVER,
			contact: node.contact,
			tsmPassword: node.tsmPassword,
			proxyAgents: related(this.portal.world.proxies.filter((pair) => pair.target === node.consumerId).map((pair) => pair.agent)),
			proxyTargets: related(this.portal.world.proxies.filter((pair) => pair.agent === node.consumerId).map((pair) => pair.target)),
			nodeGroups: node.nodeGroups,
			dataSourceState: node.activatedDate ? { id: 3, name: 'Active' } : { id: 1, name: 'New' },
			dataSourceType: { id: 1, name: 'SP Backup node' },
			consumer: this.consumer(consumer, false),
		};
	}
}

/** Sets the known fields of a body on a record; other fields are kept aside and echoed back. */
export function apply<T extends { extra: Json }>(record: T, body: Json, fields: Array<keyof T & string>) {
	const known = new Set<string>(['href', 'id', 'createdDate', '$type']);
	for (const field of fields) {
		known.add(field);
		if (body[field] !== undefined) (record as Record<string, unknown>)[field] = body[field];
	}
	for (const [key, value] of Object.entries(body)) {
		if (!known.has(key) && (value === null || typeof value !== 'object')) record.extra[key] = value;
	}
}

export function refId(body: Json, key: string): number | undefined {
	const value = body[key] ?? body[key.charAt(0).toUpperCase() + key.slice(1)];
	const id = value && typeof value === 'object' ? (value as Json).id ?? (value as Json).Id : undefined;
	return typeof id === 'number' ? id : undefined;
}
