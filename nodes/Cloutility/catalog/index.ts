/**
 * The Cloutility catalog: every non-authentication endpoint of the portal's API (the guide's, the `/v1/help`
 * pages', the clients'), one row per endpoint, grouped into the resources a backup administrator works with. The node's resource and operation
 * selectors, its fields, and the requests it sends are all derived from these rows.
 */
import { sharedFieldNames } from '../../shared/operation-fields';
import { account } from './account';
import { activityLogFilter } from './activity-log-filter';
import { activityReport, activityReportSubscription } from './activity-report';
import { auditLog } from './audit-log';
import { backupNode } from './backup-node';
import { backupServer } from './backup-server';
import { billing } from './billing';
import { businessUnitResource } from './business-unit';
import { catalog } from './catalog';
import { consumption } from './consumption';
import { consumptionUnitResource } from './consumption-unit';
import { deleteRequest } from './delete-request';
import { job } from './job';
import { jobSubscription } from './job-subscription';
import { microsoft365Account, microsoft365Tenant } from './microsoft-365';
import { nodeRule } from './node-rule';
import { pointBucket } from './point-bucket';
import { report } from './report';
import { serviceLevelAgreement } from './service-level-agreement';
import { statusReport } from './status-report';
import { billingSubscription } from './subscription';
import { tag } from './tag';
import type { PortalOperation, PortalResource } from './types';
import { user } from './user';

export const RESOURCES: PortalResource[] = [
	account,
	activityLogFilter,
	activityReport,
	activityReportSubscription,
	auditLog,
	backupNode,
	backupServer,
	billing,
	businessUnitResource,
	catalog,
	consumption,
	consumptionUnitResource,
	deleteRequest,
	job,
	jobSubscription,
	microsoft365Account,
	microsoft365Tenant,
	nodeRule,
	pointBucket,
	report,
	serviceLevelAgreement,
	statusReport,
	billingSubscription,
	tag,
	user,
];

export const OPERATIONS: PortalOperation[] = RESOURCES.flatMap((resource) => resource.operations);

/** Required fields that keep one parameter across operations (e.g. the business unit picker). */
export const SHARED_FIELDS = sharedFieldNames(OPERATIONS);

const BY_KEY = new Map(OPERATIONS.map((operation) => [`${operation.resource}:${operation.operation}`, operation]));

export function findOperation(resource: string, operation: string): PortalOperation | undefined {
	return BY_KEY.get(`${resource}:${operation}`);
}

export type { PortalOperation } from './types';
