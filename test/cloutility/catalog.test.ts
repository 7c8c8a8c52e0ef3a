/**
 * The catalog against the API's documentation: every endpoint the reference documents (the portal's guide,
 * its `/v1/help` pages, its public clients) is an operation of the node, with the same method, path and
 * parameter names, and records where it is documented. The reference is summarised in
 * test/cloutility/reference-endpoints.json (scripts/cloutility/reference-summary.ts); where the reference
 * folder is present (shared/reference/api beside the repository, or CLOUTILITY_REFERENCE_DIR), the summary
 * must be exactly what it says. Then every operation is run as a workflow against the emulator and the method
 * and path that arrived are checked; and saved workflows keep their parameter names.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { OPERATIONS, SHARED_FIELDS, type PortalOperation } from '../../nodes/Cloutility/catalog';
import { storageProtectNameProblem } from '../../nodes/Cloutility/catalog/fields';
import { parameterName } from '../../nodes/shared/operation-fields';
import { findReferenceDir, summarise, type ReferenceEndpoint } from '../../scripts/cloutility/reference-summary';
import { builtSchema, itemProblems } from '../schemas/schema-check';
import { byId, cloutilitySetup, NODE_NAME, type CloutilityEnv } from './setup';

const REFERENCE = JSON.parse(readFileSync(path.join(__dirname, 'reference-endpoints.json'), 'utf8')) as ReferenceEndpoint[];
const referenceDir = findReferenceDir();

/** Placeholder names are not sent; the help pages spell one differently from page to page ({ActivityReportSubscriptionId}). */
const route = (method: string, template: string) => `${method} ${template.replace(/\{(\w+)\}/g, (_match, name: string) => `{${name.toLowerCase()}}`)}`;
const REFERENCE_BY_ROUTE = new Map(REFERENCE.map((endpoint) => [route(endpoint.method, endpoint.path), endpoint]));
const referenceOf = (operation: PortalOperation) => REFERENCE_BY_ROUTE.get(route(operation.method, operation.path));
const title = (operation: PortalOperation) => `${operation.resource}:${operation.operation}`;

/**
 * Parameters the node sends that the reference does not list for that endpoint, and why.
 * The business unit's audit log: the guide documents `orderDesc`, `offset` and `limit` for the consumption
 * unit's audit log (the same list of entries); the help page of the business unit's lists only the filters.
 */
const EXTRA_PARAMETERS: Record<string, string[]> = { 'auditLog:getManyForBusinessUnit': ['limit', 'offset', 'orderDesc'] };

/** The names an operation puts into the path and the query (paged lists add offset and limit). */
function sentParameters(operation: PortalOperation): string[] {
	const names = operation.fields.filter((field) => field.in === 'path' || field.in === 'query').map((field) => field.name);
	if (operation.answer === 'pages') names.push('offset', 'limit');
	return names;
}

const caseless = (names: string[]) => [...new Set(names.map((name) => name.toLowerCase()))].sort();

describe('the catalog and the reference', () => {
	// On a clone without the reference folder this check is skipped (its title says why); the others use the committed summary.
	(referenceDir ? test : test.skip)(
		referenceDir
			? 'the committed summary is exactly what the reference folder says'
			: 'the committed summary is exactly what the reference folder says (skipped: no shared/reference/api beside the repository and no CLOUTILITY_REFERENCE_DIR)',
		() => {
			expect(summarise(referenceDir!)).toEqual(REFERENCE);
		},
	);

	test('the node has exactly the documented endpoints (147: 72 of the guide and clients, 75 more of the help pages), each once', () => {
		expect(REFERENCE).toHaveLength(147);
		expect(OPERATIONS).toHaveLength(REFERENCE.length);
		const routes = OPERATIONS.map((operation) => route(operation.method, operation.path));
		expect(new Set(routes).size).toBe(OPERATIONS.length);
		expect([...routes].sort()).toEqual(REFERENCE.map((endpoint) => route(endpoint.method, endpoint.path)).sort());
		expect(new Set(OPERATIONS.map(title)).size).toBe(OPERATIONS.length);
	});

	test('each operation sends the parameters the reference names, by the same names', () => {
		for (const operation of OPERATIONS) {
			const reference = referenceOf(operation)!;
			const expected = [...reference.parameters, ...(EXTRA_PARAMETERS[title(operation)] ?? [])];
			expect([title(operation), caseless(sentParameters(operation))]).toEqual([title(operation), caseless(expected)]);
			// Query names exactly as documented (only path placeholders vary in case between help pages).
			const query = operation.fields.filter((field) => field.in === 'query').map((field) => field.name);
			expect([title(operation), query.filter((name) => !expected.includes(name))]).toEqual([title(operation), []]);
		}
	});

	test('body fields the node names are fields of the model the help page shows', () => {
		for (const operation of OPERATIONS) {
			const reference = referenceOf(operation)!;
			if (!reference.body) continue;
			const named = operation.fields
				.filter((field) => field.in === 'body' && !field.meta?.whole)
				.map((field) => (typeof field.meta?.key === 'string' ? field.meta.key : field.name));
			const unknown = named.filter((name) => !reference.body!.includes(name));
			// A page cut short lists only the first fields of its model; the rest come from the resource models.
			if (reference.bodyTruncated) expect([title(operation), unknown.every((name) => ['limitHighStorage', 'allowNoActivity'].includes(name))]).toEqual([title(operation), true]);
			else expect([title(operation), unknown]).toEqual([title(operation), []]);
		}
	});

	test('every row records where it is documented, as the reference does', () => {
		for (const operation of OPERATIONS) expect([title(operation), operation.source]).toEqual([title(operation), referenceOf(operation)!.source]);
		const count = (source: string) => OPERATIONS.filter((operation) => (operation.source as string[]).includes(source)).length;
		expect({ guide: count('guide'), help: count('help'), helpIndex: count('help-index'), client: count('client') }).toEqual({ guide: 50, help: 91, helpIndex: 14, client: 16 });
	});
});

test('saved workflows keep their parameters: every earlier operation has the same route, required parameter names and optional fields', () => {
	const saved = JSON.parse(readFileSync(path.join(__dirname, 'saved-parameters.json'), 'utf8')) as Record<
		string,
		{ method: string; path: string; required: string[]; optional: string[] }
	>;
	expect(Object.keys(saved)).toHaveLength(72);
	for (const [key, before] of Object.entries(saved)) {
		const operation = OPERATIONS.find((candidate) => title(candidate) === key);
		expect([key, operation?.method, operation?.path]).toEqual([key, before.method, before.path]);
		const required = operation!.fields.filter((field) => field.required).map((field) => parameterName(operation!, field, SHARED_FIELDS));
		const optional = operation!.fields.filter((field) => !field.required).map((field) => field.name);
		expect([key, required]).toEqual([key, before.required]);
		// New optional fields may come (e.g. unassignSecondaryDataSources); none may go.
		expect([key, before.optional.filter((name) => !optional.includes(name))]).toEqual([key, []]);
	}
});

let env: CloutilityEnv;

beforeAll(async () => {
	env = await cloutilitySetup();
});
afterAll(async () => await env.emulator.stop());

/** Values that exist in the emulator's seed data. */
const SAMPLES: IDataObject = {
	bunitId: 76,
	consumerId: 408,
	actionId: 1,
	timeZoneId: 4,
	osId: 1,
	nodeTypeId: 1,
	date: '2024-04-30',
	operatingSystem: 1,
	type: 1,
	domain: 11,
	clientOptionSet: 21,
	tsmName: 'WALK-NODE01',
	tsmPassword: 'n0de-Pass',
	name: 'Walked',
	startDate: '2024-04-01T00:00:00Z',
	previousDate: '2024-04-01T00:00:00Z',
	binaryPropertyName: 'data',
	id: 7,
	proxyAgentId: 409,
	proxyTargetId: 411,
	proxyConsumerId: 409,
	targetConsumerId: 409,
	activityLogFilterId: 3,
	filter: 'ANS1228E',
	reportDate: '2024-05-01',
	searchTerm: 'Marketing',
	dataCenterId: 2,
	rubrikServerId: 5,
	slaDomainId: 9,
	subscriptionId: 301,
	componentId: 3011,
	bucketIds: '3101',
	deleteRequestSettingsId: 77,
};

/** The business unit that owns most of the seeded reports' subscriptions, roles and users. */
const COMPANY = { bunitId: 22 };
const HR_TENANT = { bunitId: 94, consumerId: 420 };
const HR_ACCOUNT = { bunitId: 94, consumerId: 421 };

/** Per operation: other values, optional fields, and state the call needs. */
const SPECIAL: Record<string, { values?: IDataObject; additional?: IDataObject; prepare?: () => void }> = {
	'backupNode:create': { values: { bunitId: 94, consumerId: 410 } },
	'backupNode:activate': {
		values: { bunitId: 94, consumerId: 410 },
		prepare: () =>
			env.emulator.world.nodes.set(410, env.emulator.world.newNode(410, { operatingSystemId: 1, typeId: 1, domainId: 11, clientOptionSetId: 21 })),
	},
	'backupNode:update': { additional: { contact: 'ops@company.example' } },
	'backupNode:removeProxyAgent': { prepare: () => env.emulator.world.proxies.push({ agent: 409, target: 408 }) },
	'backupNode:removeProxyTarget': { prepare: () => env.emulator.world.proxies.push({ agent: 408, target: 409 }) },
	'backupNode:addToRetentionRule': { additional: { name: 'MONTHLY', retentionDays: 365 } },
	'businessUnit:delete': { values: { bunitId: 95 } },
	'businessUnit:getManyChildren': { values: { bunitId: 22 } },
	'user:getMany': { values: COMPANY },
	'businessUnit:update': { additional: { note: 'walked' } },
	'consumptionUnit:update': { additional: { note: 'walked' } },
	'consumptionUnit:delete': { additional: { deleteAssociations: true } },
	'activityLogFilter:update': { additional: { messageNumber: 'ANS1228E' } },
	'activityReportSubscription:getMany': { values: COMPANY },
	'activityReportSubscription:get': { values: { ...COMPANY, activityReportSubscriptionId: 12 } },
	'activityReportSubscription:update': { values: { ...COMPANY, activityReportSubscriptionId: 12 }, additional: { enabled: true } },
	'activityReportSubscription:patch': { values: { ...COMPANY, activityReportSubscriptionId: 12 }, additional: { subject: 'Walked' } },
	'backupServer:updateRubrikSlaDomain': { additional: { name: 'Gold (walked)' } },
	'billing:getManyContractExceptions': { values: COMPANY },
	'billing:updateContractException': { values: { ...COMPANY, exceptionId: '81' }, additional: { useCpuMultiplier: true } },
	'deleteRequest:get': { values: { consumerId: 409 } },
	'deleteRequest:createSettings': { additional: { offsetDays: 14 } },
	'deleteRequest:updateSettings': {
		additional: { offsetDays: 21 },
		prepare: () => env.emulator.world.settings.get('deleteRequestSettings')!.set(76, { id: 77, businessUnitId: 76, offsetDays: 14 }),
	},
	'jobSubscription:get': { values: { ...COMPANY, jobSubscriptionId: 17 } },
	'jobSubscription:update': { values: { ...COMPANY, jobSubscriptionId: 17 }, additional: { enabled: false } },
	'jobSubscription:getManyLogs': { values: { ...COMPANY, jobSubscriptionId: 17 } },
	'jobSubscription:updateIncidentSettings': { additional: { statusErrorLimit: 3 } },
	'microsoft365Account:get': { values: HR_ACCOUNT },
	'microsoft365Account:assign': { values: { bunitId: 94, sppId: 'b7d2e0aa-walk' } },
	'microsoft365Account:unassign': { values: HR_ACCOUNT },
	'microsoft365Account:addBackupPolicy': { values: { ...HR_ACCOUNT, sppId: 2002 } },
	'microsoft365Account:getManyRestorePoints': { values: HR_ACCOUNT },
	'microsoft365Tenant:get': { values: HR_TENANT },
	'microsoft365Tenant:update': { values: HR_TENANT, additional: { name: 'hr.company.example (walked)' } },
	'microsoft365Tenant:assign': { values: { ...COMPANY, bunitIdToLink: 94, tenantIds: '1202' } },
	'nodeRule:updateNamingRule': { additional: { counter: 13 } },
	'nodeRule:updatePasswordRule': { additional: { minimumLength: 20 } },
	'pointBucket:create': { values: { name: 'walked-bucket' } },
	'pointBucket:update': { values: { consumerId: 411 }, additional: { retentionDays: 60 } },
	'serviceLevelAgreement:update': { additional: { goal: 99.5 } },
	'statusReport:getSubscription': { values: { ...COMPANY, statusReportSubscriptionId: 21 } },
	'subscription:updateComponent': { additional: { price: 0.3 } },
	'tag:getManyBusinessUnits': { values: { ...COMPANY, tagId: 8 } },
	'user:getRole': { values: { ...COMPANY, roleId: 3 } },
	'user:updateRole': { values: { ...COMPANY, roleId: 3 }, additional: { description: 'Read only (walked)' } },
	'user:delete': { values: { ...COMPANY, userId: 502 }, prepare: () => addUser() },
	'user:generateTotpSecret': { values: { ...COMPANY, userId: 502 }, prepare: () => addUser() },
};

/** A second user of Company AB (the signed-in one may not delete itself). */
function addUser() {
	if (env.emulator.users.some((user) => user.id === 502)) return;
	env.emulator.users.push({ id: 502, username: 'olle@company.example', password: 'Olle-pass 1', name: 'Olle', email: 'olle@company.example', bunitId: 22 });
}

function parametersFor(operation: PortalOperation): INodeParameters {
	const key = `${operation.resource}:${operation.operation}`;
	const values = { ...SAMPLES, ...SPECIAL[key]?.values };
	const parameters: INodeParameters = { resource: operation.resource, operation: operation.operation };
	for (const field of operation.fields.filter((candidate) => candidate.required)) {
		const value = values[field.name];
		if (value === undefined) throw new Error(`No sample value for ${field.name} (${key})`);
		parameters[parameterName(operation, field, SHARED_FIELDS)] = field.picker ? byId(String(value)) : (value as string);
	}
	if (operation.answer && operation.answer !== 'object') parameters.returnAll = true;
	if (SPECIAL[key]?.additional) parameters.additionalFields = SPECIAL[key].additional as INodeParameters;
	return parameters;
}

function expectedPath(operation: PortalOperation): string {
	const values = { ...SAMPLES, ...SPECIAL[`${operation.resource}:${operation.operation}`]?.values };
	return operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => String(values[name]));
}

describe.each(OPERATIONS.map((operation) => [`${operation.resource}: ${operation.name}`, operation] as const))('%s', (_title, operation) => {
	test(`sends ${operation.method} ${operation.path}`, async () => {
		env.emulator.reset();
		SPECIAL[`${operation.resource}:${operation.operation}`]?.prepare?.();
		const input =
			operation.operation === 'uploadInvoiceFile'
				? [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 walk').toString('base64'), mimeType: 'application/pdf', fileName: 'walk.pdf' } } }]
				: [{}];
		const run = await env.run(parametersFor(operation), { input });
		expect(run.nodeError(NODE_NAME)).toBeUndefined();
		expect(run.items(NODE_NAME).length).toBeGreaterThan(0);
		const calls = env.emulator.apiRequests.map((request) => `${request.method} ${request.path}`);
		const path = expectedPath(operation);
		expect(calls).toEqual(operation.mergeCurrent ? [`GET ${path}`, `PUT ${path}`] : [`${operation.method} ${path}`]);
		// What it put out matches the output schema n8n's editor is given (test/schemas), where there is one.
		const schema = builtSchema('Cloutility', 1, operation.resource, operation.operation);
		if (schema) expect(itemProblems(run.json(NODE_NAME), schema)).toEqual([]);
	});
});

test('IBM Storage Protect node names: 1 to 64 of A–Z 0–9 _ . - + &', () => {
	expect(storageProtectNameProblem('WS-01.HR_+&')).toBeUndefined();
	expect(storageProtectNameProblem('x'.repeat(64))).toBeUndefined();
	expect(storageProtectNameProblem('x'.repeat(65))).toContain('at most 64');
	expect(storageProtectNameProblem('a b')).toContain('not allowed: " "');
	expect(storageProtectNameProblem('a*b?')).toContain('not allowed: "*", "?"');
});

test('every path placeholder is a field of its row that goes into the path, and only reads are repeated on a doubt', () => {
	for (const operation of OPERATIONS) {
		const placeholders = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
		const pathFields = operation.fields.filter((field) => field.in === 'path').map((field) => field.name);
		expect([operation.operation, placeholders.sort()]).toEqual([operation.operation, pathFields.sort()]);
		expect(operation.fields.filter((field) => field.in === 'path').every((field) => field.required)).toBe(true);
		if (operation.safe) expect(operation.method).toBe('GET');
	}
	// GETs that change something: activating a node, making a TOTP secret.
	expect(OPERATIONS.filter((operation) => operation.method === 'GET' && operation.safe === false).map((operation) => operation.operation)).toEqual(['activate', 'generateTotpSecret']);
});
