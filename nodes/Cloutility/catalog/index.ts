/**
 * The Cloutility catalog: every non-authentication endpoint of the portal's API, one row per endpoint,
 * grouped into the resources a backup administrator works with. The node's resource and operation
 * selectors, its fields, and the requests it sends are all derived from these rows.
 */
import { sharedFieldNames } from '../../shared/operation-fields';
import { account } from './account';
import { auditLog } from './audit-log';
import { backupNode } from './backup-node';
import { backupServer } from './backup-server';
import { billing } from './billing';
import { businessUnitResource } from './business-unit';
import { catalog } from './catalog';
import { consumption } from './consumption';
import { consumptionUnitResource } from './consumption-unit';
import { job } from './job';
import { report } from './report';
import { tag } from './tag';
import type { PortalOperation, PortalResource } from './types';
import { user } from './user';

export const RESOURCES: PortalResource[] = [
	account,
	auditLog,
	backupNode,
	backupServer,
	billing,
	businessUnitResource,
	catalog,
	consumption,
	consumptionUnitResource,
	job,
	report,
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
