/**
 * The state behind the Cloutility emulator: a business unit tree, consumption units (the API's consumers),
 * their backup nodes (activation, filespaces, proxy relations, node groups), tags, invoice files, the
 * audit log that every change writes to, daily node and status reports, and the records and settings of the
 * portal's other resources (seeded in cloutility-seed.ts). Seed data follows the examples of the Cloutility REST API guide
 * (shared/reference/seeds/002_*.txt) and the resource models; IDs below 1000 are seed data.
 */
import { seedServices } from './cloutility-seed';

export type Json = Record<string, unknown>;

export interface BusinessUnit {
	id: number;
	parentId?: number;
	name: string;
	registrationNumber: string;
	note?: string;
	timeZoneId: number;
	createdDate: string;
	extra: Json;
}

export interface Consumer {
	id: number;
	bunitId: number;
	name: string;
	note?: string;
	externalReference?: string;
	limitHighStorage: number;
	allowNoActivity: boolean;
	billingStartDate?: string;
	tagIds: number[];
	createdDate: string;
	extra: Json;
}

export interface BackupNode {
	id: number;
	consumerId: number;
	operatingSystemId: number;
	typeId: number;
	domainId: number;
	clientOptionSetId: number;
	serverId: number;
	contact: string;
	cpuCount: number;
	tsmName?: string;
	tsmPassword?: string;
	activatedDate?: string;
	nodeGroups: Array<{ id: number; name: string; createdDate: string }>;
	lastTsmSync?: string;
	createdDate: string;
	extra: Json;
}

export interface AuditLogEntry {
	id: number;
	type: number;
	businessUnitId: number;
	consumerId?: number;
	message: string;
	userName: string;
	createdDate: string;
}

/** `ErrorStatus` as reports carry it. */
export interface ErrorStatus {
	id: number;
	name: string;
}

export const REPORT_STATUS: Record<'ok' | 'okWithWarnings' | 'warning' | 'error', ErrorStatus> = {
	ok: { id: 1, name: 'OK' },
	okWithWarnings: { id: 2, name: 'OK with warnings' },
	warning: { id: 3, name: 'Warning' },
	error: { id: 4, name: 'Error' },
};

/** A daily node report (the NodeReport model): one per backup node and day. */
export interface NodeReport {
	id: number;
	statusReportId: number;
	consumerId: number;
	businessUnitId: number;
	nodeId: number;
	name: string;
	tsmName?: string;
	reportDate: string;
	status: ErrorStatus;
	warnings: Json[];
	megaBytes: number;
	megaBytesDelta: number;
	transferredMegaBytes: number;
	createdDate: string;
}

/** A daily status report of a business unit (the StatusReport model): its node reports rolled up. */
export interface StatusReport {
	id: number;
	businessUnitId: number;
	reportDate: string;
	status: ErrorStatus;
	warnings: Json[];
	createdDate: string;
	updateTime: string;
}

export const FULL_VERSION = '1.0.4480.0';

export const AUDIT_TYPE_NAMES: Record<number, string> = { 0: 'Info', 100: 'Create', 200: 'Modify', 300: 'Delete', 400: 'Error' };

export const TIME_ZONES = [
	{ id: 1, name: '(GMT) Coordinated Universal Time', windowsId: 'UTC', offset: 0 },
	{ id: 4, name: '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', windowsId: 'W. Europe Standard Time', offset: 60 },
	{ id: 7, name: '(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius', windowsId: 'FLE Standard Time', offset: 120 },
];

export const NODE_TYPES = [
	{ id: 1, name: 'File', shortName: 'FILE' },
	{ id: 2, name: 'Microsoft SQL Server', shortName: 'MSSQL' },
	{ id: 3, name: 'Oracle Database', shortName: 'ORACLE' },
	{ id: 4, name: 'VMware', shortName: 'VMWARE' },
];

export const OPERATING_SYSTEMS = [
	{ id: 1, name: 'Windows', shortName: 'WIN', supportedNodeTypeIds: [1, 2] },
	{ id: 2, name: 'Linux', shortName: 'LNX', supportedNodeTypeIds: [1, 3] },
	{ id: 3, name: 'macOS', shortName: 'MAC', supportedNodeTypeIds: [1] },
];

export const DEFAULT_SERVER = { id: 3, name: 'TSM-STO2-01' };

export const DOMAINS = [
	{ id: 11, name: 'STANDARD', description: '30 days, 7 versions', backupRetention: 30, archiveRetention: 365, missingInTsm: false },
	{ id: 12, name: 'LONGTERM', description: '365 days, 30 versions', backupRetention: 365, archiveRetention: 3650, missingInTsm: false },
];

export const CLIENT_OPTION_SETS = [
	{ id: 21, name: 'WINDOWS_DEFAULT', description: 'Compression, deduplication, Windows excludes' },
	{ id: 22, name: 'LINUX_DEFAULT', description: 'Compression, deduplication, Linux excludes' },
];

export const ACTIONS = [
	{ id: 1, name: 'Incremental' },
	{ id: 2, name: 'Selective' },
	{ id: 3, name: 'Archive' },
	{ id: 4, name: 'Command' },
];

export const WARNING_TYPES = [
	{ id: 1, name: 'No activity', usesLimit: false },
	{ id: 2, name: 'Storage above limit', usesLimit: true },
	{ id: 3, name: 'Failed files', usesLimit: true },
];

export const TAGS = [
	{ id: 7, businessUnitId: 22, text: 'production', inheritable: true },
	{ id: 8, businessUnitId: 22, text: 'laptop', inheritable: true },
	{ id: 9, businessUnitId: 76, text: 'campaign-data', inheritable: false },
];

/** IBM Storage Protect node names: 1–64 of A–Z 0–9 _ . - + & (letters case-insensitive). */
export const STORAGE_PROTECT_NAME = /^[A-Za-z0-9_.\-+&]{1,64}$/;

const SEED_DATE = '2023-06-10T11:10:11.321Z';

export class CloutilityWorld {
	readonly bunits = new Map<number, BusinessUnit>();

	readonly consumers = new Map<number, Consumer>();

	/** Backup nodes by consumer ID (one node per consumption unit). */
	readonly nodes = new Map<number, BackupNode>();

	/** Proxy relations: agent consumer ID → target consumer IDs. */
	readonly proxies: Array<{ agent: number; target: number }> = [];

	readonly auditLogs: AuditLogEntry[] = [];

	readonly invoiceFiles: Json[] = [];

	/** Daily node reports, and the status reports that roll them up per business unit. */
	readonly nodeReports: NodeReport[] = [];

	readonly statusReports: StatusReport[] = [];

	/** Records of the portal's other resources (roles, subscriptions, filters...) by kind; each has an `id`. */
	readonly records = new Map<string, Json[]>();

	/** What a business unit sets for itself and the units below (naming rule, SLA...) by kind, then unit. */
	readonly settings = new Map<string, Map<number, Json>>();

	private nextId = 1000;

	constructor(private readonly now: () => number) {
		this.seed();
		seedServices(this);
	}

	/** The records of one kind (a live array). */
	recordsOf(kind: string): Json[] {
		let list = this.records.get(kind);
		if (!list) {
			list = [];
			this.records.set(kind, list);
		}
		return list;
	}

	/** A new record of a kind, with an ID and a creation date. */
	addRecord(kind: string, record: Json): Json {
		const created = { id: this.id(), ...record, createdDate: this.timestamp() };
		this.recordsOf(kind).push(created);
		return created;
	}

	/** A unit's own setting of a kind, or the nearest one above it (then `inherited: true`), or undefined. */
	setting(kind: string, bunitId: number): Json | undefined {
		const own = this.settings.get(kind);
		for (const id of [bunitId, ...this.ancestors(bunitId).map((unit) => unit.id)]) {
			const found = own?.get(id);
			if (found) return { ...found, inherited: id !== bunitId };
		}
		return undefined;
	}

	setOwnSetting(kind: string, bunitId: number, value: Json): Json {
		let own = this.settings.get(kind);
		if (!own) {
			own = new Map();
			this.settings.set(kind, own);
		}
		const current = own.get(bunitId);
		const stored: Json = { ...current, ...value, id: current?.id ?? this.id(), businessUnitId: bunitId, createdDate: current?.createdDate ?? this.timestamp() };
		delete stored.inherited;
		own.set(bunitId, stored);
		return { ...stored, inherited: false };
	}

	/**
	 * The reports of one day, as the portal makes them each night: a node report for every activated backup
	 * node (OK unless `problems` says warning or error) and a status report for every business unit, with the
	 * worst status of its own nodes and those below.
	 */
	dailyReports(day: string, problems: Record<number, 'warning' | 'error'> = {}) {
		const reportDate = `${day}T00:00:00Z`;
		const created = this.timestamp();
		const statusIds = new Map<number, number>();
		for (const unit of this.bunits.values()) statusIds.set(unit.id, this.id());
		const worst = new Map<number, ErrorStatus>();
		for (const node of this.nodes.values()) {
			const consumer = this.consumers.get(node.consumerId);
			if (!consumer || !node.activatedDate) continue;
			const problem = problems[consumer.id];
			const status = problem ? REPORT_STATUS[problem] : REPORT_STATUS.ok;
			const warnings = problem
				? [{ id: this.id(), type: { id: problem === 'error' ? 1 : 3, name: problem === 'error' ? 'No activity' : 'Failed files' }, status, days: problem === 'error' ? 2 : 1, limit: 0 }]
				: [];
			this.nodeReports.push({
				id: this.id(),
				statusReportId: statusIds.get(consumer.bunitId)!,
				consumerId: consumer.id,
				businessUnitId: consumer.bunitId,
				nodeId: node.id,
				name: consumer.name,
				tsmName: node.tsmName,
				reportDate,
				status,
				warnings,
				megaBytes: 10240 + node.id,
				megaBytesDelta: problem === 'error' ? 0 : 12.5,
				transferredMegaBytes: problem === 'error' ? 0 : 812.4,
				createdDate: created,
			});
			for (const id of [consumer.bunitId, ...this.ancestors(consumer.bunitId).map((unit) => unit.id)]) {
				if ((worst.get(id)?.id ?? 0) < status.id) worst.set(id, status);
			}
		}
		for (const unit of this.bunits.values()) {
			const status = worst.get(unit.id) ?? REPORT_STATUS.ok;
			this.statusReports.push({ id: statusIds.get(unit.id)!, businessUnitId: unit.id, reportDate, status, warnings: [], createdDate: created, updateTime: created });
		}
	}

	id(): number {
		return this.nextId++;
	}

	timestamp(): string {
		return new Date(this.now()).toISOString();
	}

	private seed() {
		const unit = (id: number, name: string, parentId: number | undefined, registrationNumber = '') =>
			this.bunits.set(id, { id, name, parentId, registrationNumber, timeZoneId: 4, createdDate: SEED_DATE, extra: {} });
		unit(13, 'Safespring - Sverige', undefined);
		unit(22, 'Company AB', 13, 'SE556612345678');
		unit(76, 'Marketing Department', 22, '123456789999');
		unit(94, 'HR Department', 22);
		unit(95, 'Payroll', 94);
		const consumer = (id: number, bunitId: number, name: string, note?: string) =>
			this.consumers.set(id, {
				id,
				bunitId,
				name,
				note,
				limitHighStorage: 100,
				allowNoActivity: false,
				tagIds: [],
				createdDate: SEED_DATE,
				extra: {},
			});
		consumer(408, 76, 'JennysWS', "Jenny's workstation.");
		consumer(409, 76, 'FileServer01');
		consumer(410, 94, 'LisasWS');
		consumer(411, 76, 'BuildServer');
		this.nodes.set(408, this.newNode(408, { operatingSystemId: 1, typeId: 1, domainId: 11, clientOptionSetId: 21 }, 801));
		this.activate(408, 'JENNYSWS');
		this.nodes.set(409, this.newNode(409, { operatingSystemId: 2, typeId: 1, domainId: 12, clientOptionSetId: 22 }, 802));
		this.activate(409, 'FILESERVER01');
		this.nodes.set(411, this.newNode(411, { operatingSystemId: 2, typeId: 1, domainId: 11, clientOptionSetId: 22 }, 803));
		this.activate(411, 'BUILDSERVER');
		this.consumers.get(408)!.tagIds.push(8);
		this.auditLogs.push(
			{ id: 901, type: 100, businessUnitId: 76, consumerId: 408, message: 'Consumption unit JennysWS created', userName: 'jenny', createdDate: '2023-07-09T15:10:20.133Z' },
			{ id: 902, type: 200, businessUnitId: 76, consumerId: 408, message: 'Backup node JENNYSWS activated', userName: 'jenny', createdDate: '2023-07-09T15:12:02.410Z' },
			{ id: 903, type: 0, businessUnitId: 22, message: 'Contract renewed', userName: 'portal', createdDate: '2024-01-02T09:00:00.000Z' },
		);
		this.invoiceFiles.push({ id: 904, businessUnitId: 76, fileName: 'invoice-2024-04.pdf', size: 48213, erpReference: 'ERP-2024-0412', sendToBillingAddress: false, createdDate: '2024-05-02T08:00:00.000Z' });
	}

	newNode(
		consumerId: number,
		setup: { operatingSystemId: number; typeId: number; domainId: number; clientOptionSetId: number },
		id = this.id(),
	): BackupNode {
		return {
			id,
			consumerId,
			...setup,
			serverId: DEFAULT_SERVER.id,
			contact: '',
			cpuCount: 1,
			nodeGroups: [],
			createdDate: this.timestamp(),
			extra: {},
		};
	}

	activate(consumerId: number, tsmName: string) {
		const node = this.nodes.get(consumerId)!;
		node.tsmName = tsmName.toUpperCase();
		node.tsmPassword = `pw-${node.id}-${Math.random().toString(36).slice(2, 10)}`;
		node.activatedDate = this.timestamp();
	}

	/** Removes a consumption unit with its backup node and proxy relations. */
	removeConsumer(consumerId: number) {
		this.consumers.delete(consumerId);
		this.nodes.delete(consumerId);
		for (let index = this.proxies.length - 1; index >= 0; index--) {
			const pair = this.proxies[index];
			if (pair.agent === consumerId || pair.target === consumerId) this.proxies.splice(index, 1);
		}
	}

	/** The unit and every unit below it. */
	subtree(bunitId: number): number[] {
		const ids = [bunitId];
		for (const unit of this.bunits.values()) if (unit.parentId === bunitId) ids.push(...this.subtree(unit.id));
		return ids;
	}

	ancestors(bunitId: number): BusinessUnit[] {
		const chain: BusinessUnit[] = [];
		let parentId = this.bunits.get(bunitId)?.parentId;
		while (parentId !== undefined) {
			const parent = this.bunits.get(parentId);
			if (!parent) break;
			chain.push(parent);
			parentId = parent.parentId;
		}
		return chain;
	}

	log(type: number, businessUnitId: number, message: string, userName: string, consumerId?: number) {
		this.auditLogs.push({ id: this.id(), type, businessUnitId, consumerId, message, userName, createdDate: this.timestamp() });
	}

	/** Adds `count` audit log entries to a consumption unit, one a minute, cycling through the five types. */
	seedAuditLogs(bunitId: number, consumerId: number | undefined, count: number, startAt = Date.parse('2024-01-01T00:00:00Z')) {
		const types = [0, 100, 200, 300, 400];
		for (let index = 0; index < count; index++) {
			this.auditLogs.push({
				id: this.id(),
				type: types[index % types.length],
				businessUnitId: bunitId,
				consumerId,
				message: `Seeded entry ${index + 1}`,
				userName: 'seed',
				createdDate: new Date(startAt + index * 60_000).toISOString(),
			});
		}
	}

	/** Filespaces the backup server knows for an activated node. */
	filespaces(node: BackupNode): Json[] {
		if (!node.activatedDate) return [];
		const windows = node.operatingSystemId === 1;
		const names = windows ? ['\\\\' + node.tsmName!.toLowerCase() + '\\c$', '\\\\' + node.tsmName!.toLowerCase() + '\\d$'] : ['/', '/home'];
		return names.map((name, index) => ({
			id: node.id * 10 + index,
			name,
			tsmFilespaceId: String(index + 1),
			type: windows ? 'NTFS' : 'EXT4',
			capacityMegaBytes: 512000 * (index + 1),
			percentageUtilized: 41.5 + index,
			lastBackupEnd: node.activatedDate,
			dataSourceState: { id: 3, name: 'Active' },
			createdDate: node.activatedDate,
		}));
	}
}
