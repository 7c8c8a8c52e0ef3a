/**
 * The Cloutility emulator as a demo portal, and the credential that points at it.
 *
 * The emulator's own seed data gives the business unit tree (Safespring - Sverige → Company AB → Marketing
 * Department, HR Department → Payroll), the catalog lists (time zones, operating systems, node types) and the
 * default backup server with its policy domains and client option sets. On top of that the demo portal gets
 * two more machines (a payroll database server and a new HR laptop not yet activated) and an audit log that
 * looks like a working day, with errors spread over the last few days: the ones of the last 24 hours in the
 * credential user's part of the tree are what `examples/cloutility-daily-audit-errors.json` must find.
 * Times are relative to when the fixture starts. Tokens live as long as the portal's do (about five minutes).
 */
import { CLOUTILITY_CLIENT, CLOUTILITY_USER, CloutilityEmulator } from './cloutility';
import type { Consumer } from './cloutility-world';
import type { ProviderFixture } from './fixtures';

const HOUR = 3_600_000;

export interface DemoAuditEntry {
	hoursAgo: number;
	/** 0 info, 100 create, 200 modify, 300 delete, 400 error. */
	type: number;
	businessUnitId: number;
	consumerId?: number;
	userName: string;
	message: string;
}

/** Audit log entries the demo portal gets, besides the emulator's own (which are all older than a year). */
export const CLOUTILITY_DEMO_AUDIT_LOG: DemoAuditEntry[] = [
	{ hoursAgo: 0.5, type: 0, businessUnitId: 22, userName: 'portal', message: 'Daily backup report sent to backup-admin@company.example' },
	{ hoursAgo: 1.5, type: 400, businessUnitId: 76, consumerId: 409, userName: 'system', message: 'Backup of FILESERVER01 failed: ANS1311E Server out of data storage space' },
	{ hoursAgo: 3, type: 200, businessUnitId: 76, consumerId: 409, userName: 'backup-admin@company.example', message: 'Storage warning limit of FileServer01 changed to 800' },
	{ hoursAgo: 6, type: 400, businessUnitId: 95, consumerId: 412, userName: 'system', message: 'Scheduled backup of PAYROLL-SQL01 missed: the client did not contact the server' },
	{ hoursAgo: 8, type: 100, businessUnitId: 94, consumerId: 413, userName: 'backup-admin@company.example', message: 'Consumption unit HR-LAPTOP-03 created' },
	{ hoursAgo: 11, type: 400, businessUnitId: 22, userName: 'portal', message: 'Invoice e-mail to billing@company.example could not be delivered: mailbox unavailable' },
	{ hoursAgo: 14, type: 400, businessUnitId: 13, userName: 'system', message: 'Replication of TSM-STO2-01 to TSM-STO2-02 stopped: ANR1663E Server unreachable' },
	{ hoursAgo: 19, type: 400, businessUnitId: 76, consumerId: 411, userName: 'system', message: 'BUILDSERVER: 14 files failed with ANS4007E (access to the object is denied)' },
	{ hoursAgo: 22, type: 300, businessUnitId: 76, userName: 'backup-admin@company.example', message: 'Consumption unit OldPrinterServer deleted: decommissioned' },
	{ hoursAgo: 30, type: 400, businessUnitId: 94, consumerId: 410, userName: 'system', message: 'Activation of LISASWS refused: node name already registered on TSM-STO2-01' },
	{ hoursAgo: 52, type: 400, businessUnitId: 76, consumerId: 408, userName: 'system', message: 'Backup of JENNYSWS ended with warnings: 3 files skipped (ANS4037E file changed during backup)' },
	{ hoursAgo: 75, type: 0, businessUnitId: 22, userName: 'portal', message: 'Monthly consumption report generated' },
];

/** The business unit the credential's user belongs to (Company AB): the top of the tree it sees. */
export const CLOUTILITY_DEMO_HOME_UNIT = CLOUTILITY_USER.bunitId;

/** The business units the user sees: its own and everything below it. */
export const CLOUTILITY_DEMO_VISIBLE_UNITS = [22, 76, 94, 95];

/** Error entries of the last 24 hours the credential's user can see, newest first. */
export const CLOUTILITY_DEMO_RECENT_ERRORS = CLOUTILITY_DEMO_AUDIT_LOG.filter(
	(entry) => entry.type === 400 && entry.hoursAgo < 24 && CLOUTILITY_DEMO_VISIBLE_UNITS.includes(entry.businessUnitId),
).sort((a, b) => a.hoursAgo - b.hoursAgo);

function addMachines(emulator: CloutilityEmulator) {
	const { world } = emulator;
	const consumer = (id: number, bunitId: number, name: string, note: string, externalReference: string, createdHoursAgo: number): Consumer => ({
		id,
		bunitId,
		name,
		note,
		externalReference,
		limitHighStorage: 500,
		allowNoActivity: false,
		tagIds: [7],
		createdDate: new Date(emulator.now() - createdHoursAgo * HOUR).toISOString(),
		extra: {},
	});
	world.consumers.set(412, consumer(412, 95, 'PAYROLL-SQL01', 'Payroll database (SQL Server 2019)', 'CMDB-1042', 40 * 24));
	world.nodes.set(412, world.newNode(412, { operatingSystemId: 1, typeId: 2, domainId: 12, clientOptionSetId: 21 }, 804));
	world.activate(412, 'PAYROLL-SQL01');
	const laptop = consumer(413, 94, 'HR-LAPTOP-03', "Karin's laptop", 'CMDB-1107', 8);
	laptop.tagIds = [8];
	world.consumers.set(413, laptop);
	// Created, not activated yet: shows as "New" in the portal.
	world.nodes.set(413, world.newNode(413, { operatingSystemId: 1, typeId: 1, domainId: 11, clientOptionSetId: 21 }, 805));
}

function addAuditLog(emulator: CloutilityEmulator) {
	const now = emulator.now();
	CLOUTILITY_DEMO_AUDIT_LOG.forEach((entry, index) =>
		emulator.world.auditLogs.push({
			id: 910 + index,
			type: entry.type,
			businessUnitId: entry.businessUnitId,
			consumerId: entry.consumerId,
			message: entry.message,
			userName: entry.userName,
			createdDate: new Date(now - entry.hoursAgo * HOUR).toISOString(),
		}),
	);
}

const running = new Set<CloutilityEmulator>();

/** The demo portals this fixture started and has not stopped: trigger scenarios make things happen in them. */
export function runningCloutilityEmulators(): CloutilityEmulator[] {
	return [...running];
}

export async function startCloutilityFixture(port = 0): Promise<ProviderFixture> {
	const emulator = await new CloutilityEmulator().start(port);
	addMachines(emulator);
	addAuditLog(emulator);
	running.add(emulator);
	return {
		provider: 'cloutility',
		url: emulator.url,
		credentials: [
			{
				id: 'cloutilityEmul01',
				name: 'Cloutility (emulator)',
				type: 'cloutilityApi',
				data: {
					baseUrl: emulator.url,
					clientId: CLOUTILITY_CLIENT.clientId,
					origin: CLOUTILITY_CLIENT.origin,
					username: CLOUTILITY_USER.username,
					password: CLOUTILITY_USER.password,
				},
			},
		],
		stop: async () => {
			running.delete(emulator);
			await emulator.stop();
		},
	};
}
