/**
 * Seed data of the portal's newer areas, read from the `/v1/help` pages' models (shared/reference/api/
 * cloutility-help.json): node and status reports, report subscriptions, delete requests, node rules, the SLA,
 * TOTP settings, Microsoft 365 tenants and accounts, PoINT buckets, billing subscriptions, contract exceptions,
 * roles, Rubrik and SP Plus servers. IDs below 1000 are seed data; records carry the unit they belong to.
 */
import type { CloutilityWorld, Consumer, Json } from './cloutility-world';

const SEED_DATE = '2023-06-10T11:10:11.321Z';

export const RUBRIK_SERVER = { id: 5, name: 'RUBRIK-STO2-01' };
export const SP_PLUS_SERVER = { id: 6, name: 'SPP-STO2-01' };
export const SP_PLUS_FALLBACK = { id: 7, name: 'SPP-STO2-02' };

const PRODUCTS = {
	storage: { id: 1, name: 'Backup storage (GB)' },
	node: { id: 2, name: 'Backup node' },
	m365: { id: 3, name: 'Microsoft 365 user' },
};

/** A consumption unit behind a Microsoft 365 tenant or account (no backup node). */
function serviceConsumer(id: number, bunitId: number, name: string, dataSourceType: Json): Consumer {
	return {
		id,
		bunitId,
		name,
		limitHighStorage: 0,
		allowNoActivity: true,
		tagIds: [],
		createdDate: SEED_DATE,
		extra: { dataSourceType },
	};
}

export function seedServices(world: CloutilityWorld): void {
	const records = (kind: string, ...entries: Json[]) => world.recordsOf(kind).push(...entries.map((entry) => ({ createdDate: SEED_DATE, ...entry })));
	const setting = (kind: string, bunitId: number, value: Json) => world.setOwnSetting(kind, bunitId, { ...value, createdDate: SEED_DATE });

	// Reports of two nights: all fine, then FileServer01 with failed files.
	world.dailyReports('2024-04-30');
	world.dailyReports('2024-05-01', { 409: 'warning' });

	records('activityLogFilters', { id: 3, consumerId: 408, filter: 'ANS1228E', messageNumber: 'ANS1228E' });
	records('activityReportSubscriptions', {
		id: 12,
		businessUnitId: 22,
		name: 'Weekly backup activity',
		enabled: true,
		subject: 'Backup activity, Company AB',
		emails: ['backup-admin@company.example'],
		sendBcc: false,
	});
	records('jobSubscriptions', {
		id: 17,
		businessUnitId: 22,
		name: 'Nightly job report',
		enabled: true,
		subject: 'Backup jobs last night',
		sendBcc: false,
		emails: ['backup-admin@company.example'],
		incidentEmails: ['oncall@company.example'],
		excludeTags: false,
		tags: [],
	});
	records(
		'subscriptionLogs',
		{ id: 171, jobSubscriptionId: 17, date: '2024-05-01T06:00:00Z', receivers: 'backup-admin@company.example', additionalContentSent: false, resetsCurrentPeriod: true, type: { id: 1, name: 'Scheduled' } },
		{ id: 172, jobSubscriptionId: 17, date: '2024-05-02T06:00:00Z', receivers: 'backup-admin@company.example', additionalContentSent: true, resetsCurrentPeriod: true, type: { id: 1, name: 'Scheduled' } },
	);
	records('statusReportSubscriptions', {
		id: 21,
		businessUnitId: 22,
		name: 'Daily status',
		enabled: true,
		subject: 'Backup status, Company AB',
		sendBcc: false,
		emails: ['backup-admin@company.example'],
		consumptionUnitEmails: [],
	});
	records('deleteRequests', {
		id: 61,
		consumerId: 409,
		deleteRequestName: 'Old project shares',
		megaBytesAtRequestTime: 20480,
		comment: 'Project ended in March',
		deleteSchedulesUponApproval: true,
		ignoreErrorsUponApproval: false,
		requester: { id: 501, name: 'Backup Admin' },
		status: { id: 1, name: 'Pending' },
		approvals: [],
	});
	records(
		'roles',
		{ id: 2, businessUnitId: 22, name: 'Administrator', description: 'Everything in the business unit', inheritable: true, privileges: [{ id: 1, name: 'Manage consumers' }] },
		{ id: 3, businessUnitId: 22, name: 'Reader', description: 'Read only', inheritable: true, privileges: [] },
	);
	records('pointUsers', { id: 31, businessUnitId: 76, name: 's3-76', pointId: 'pu-31', hasS3Access: true, s3AccessKey: 'AKIAEXAMPLE', availableForDescendants: false, autoAssignBuckets: false });
	records('pointBucketPresets', { id: 33, businessUnitId: 22, name: 'Standard bucket', clientAccessEnabled: true, writeProtected: false, objectsSizeQuotaBytes: 0 });
	records('pointBuckets', { id: 3101, consumerId: 411, name: 'build-artifacts', pointId: 'pb-3101', retentionDays: 30, clientAccessEnabled: true, writeProtected: false, objectsSizeQuotaBytes: 0, objectCount: 1200 });
	records(
		'subscriptions',
		{ id: 301, businessUnitId: 13, name: 'Backup Standard', description: 'Storage per GB and nodes', currency: { id: 1, code: 'SEK' }, contractCount: 1, exceptionCount: 0 },
		{ id: 302, businessUnitId: 13, name: 'Backup Premium', description: 'Storage per GB, nodes and Microsoft 365', currency: { id: 1, code: 'SEK' }, contractCount: 0, exceptionCount: 1 },
	);
	records(
		'subscriptionComponents',
		{ id: 3011, subscriptionId: 301, product: PRODUCTS.storage, quantity: 0, price: 0.25, isCapacity: true, includedBundles: 0, startDate: '2023-07-01T00:00:00Z', quantityCalculationOption: 4 },
		{ id: 3012, subscriptionId: 301, product: PRODUCTS.node, quantity: 0, price: 49, isCapacity: false, includedBundles: 0, startDate: '2023-07-01T00:00:00Z', quantityCalculationOption: 6 },
		{ id: 3021, subscriptionId: 302, product: PRODUCTS.m365, quantity: 0, price: 19, isCapacity: false, includedBundles: 0, startDate: '2024-01-01T00:00:00Z', quantityCalculationOption: 6 },
	);
	records('assignedSubscriptions', { id: 3001, businessUnitId: 22, subscriptionId: 301 });
	records('contractExceptions', { id: 81, businessUnitId: 22, exceptionUnitId: 95, subscriptionId: 302, billingStartDate: '2024-01-01T00:00:00Z', billingEndDate: null, billingStorageTypeId: 1, useCpuMultiplier: false });
	records('slaDomains', { id: 9, businessUnitId: 22, dataCenterId: 2, rubrikServerId: RUBRIK_SERVER.id, name: 'Gold', rubrikId: 'sla-gold-1', clusterId: 'c-1', ignoreNoActivity: false, frequencies: [{ id: 91, timeUnit: 'Daily', frequency: 1, retention: 30 }] });

	setting('nodeNamingRule', 22, { rule: 'CAB-{COUNTER}', counter: 12, numberOfDigits: 3, replacementCharacter: '-', setNamesManually: false });
	setting('nodePasswordRule', 22, { type: 3, text: '', minimumLength: 16, passwordExpirationDays: 0 });
	setting('serviceLevelAgreement', 22, { goal: 99, includeActive: true, includeScheduled: true, includeUnscheduled: false, includeDecommissioned: false, excludeTags: false, tags: [] });
	setting('totpSettings', 13, { requireTotp: false });
	setting('jobIncidentConfig', 13, { subject: 'Backup incident', message: 'A backup needs attention.', includeStatusOk: false, includeStatusWarning: true, includeStatusError: true, statusWarningLimit: 2, statusErrorLimit: 4, statusNotOkLimit: 4 });
	setting('statusDeliveryConfig', 13, { subject: 'Your backup status', message: 'The status of your backups.', includeStatusOk: false, includeStatusOkWithWarnings: true, includeStatusWarning: true, includeStatusError: true, includeStatusIgnored: false, includeStatusPending: false });
	setting('deleteRequestSettings', 13, { type: 1, offsetDays: 7, offsetMonths: 0, endOfMonth: false, monthSpan: 0, deletionDays: [], onlyAllowDeletionDays: false, onlyAllowFirstDay: false, gigaBytesWarningLimit: 500, warningLimitEmails: [] });

	// Microsoft 365 backup of HR: a tenant and one of its accounts, each behind a consumption unit; a tenant nobody has yet.
	world.consumers.set(420, serviceConsumer(420, 94, 'hr.company.example', { id: 5, name: 'Microsoft 365 tenant' }));
	world.consumers.set(421, serviceConsumer(421, 94, 'karin@hr.company.example', { id: 6, name: 'Microsoft 365 account' }));
	records(
		'm365Tenants',
		{ id: 1201, consumerId: 420, serverUnitId: 22, sppId: '7c1e4a52-0d7e-4a53-9a1b-2f3f0a6c1201', name: 'hr.company.example', dataSourcePlatform: { id: 2, name: 'Microsoft 365' } },
		{ id: 1202, consumerId: null, serverUnitId: 22, sppId: 'c0ffee00-5a1e-4e11-8a7d-00000000d202', name: 'payroll.company.example', dataSourcePlatform: { id: 2, name: 'Microsoft 365' } },
	);
	records('m365Accounts', {
		id: 1301,
		consumerId: 421,
		tenantId: 1201,
		sppId: 'a3f9d1c2-4b7e-4f0a-9c55-1301',
		name: 'karin@hr.company.example',
		backupPolicies: [{ id: 51, sppId: 2001, name: 'Gold (daily, 1 year)', retentionDays: 365, frequency: 1 }],
		restorePoints: [
			{ id: 1311, catalogTime: '2024-05-01T02:10:00Z', protectionTime: '2024-05-01T02:00:00Z', committedStorageMegaBytes: 2048, transferredMegaBytes: 35.2, jobId: 7101 },
			{ id: 1312, catalogTime: '2024-05-02T02:09:00Z', protectionTime: '2024-05-02T02:00:00Z', committedStorageMegaBytes: 2061, transferredMegaBytes: 13.4, jobId: 7102 },
		],
	});
}
