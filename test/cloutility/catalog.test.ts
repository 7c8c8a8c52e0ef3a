/**
 * Every catalogued endpoint is an operation of the node: each one is run as a workflow against the emulator,
 * and the method and path that arrived are checked. Also the rules the rows carry (node names).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { OPERATIONS, SHARED_FIELDS, type PortalOperation } from '../../nodes/Cloutility/catalog';
import { storageProtectNameProblem } from '../../nodes/Cloutility/catalog/fields';
import { parameterName } from '../../nodes/shared/operation-fields';
import { byId, cloutilitySetup, NODE_NAME, type CloutilityEnv } from './setup';

/** The 72 non-authentication endpoints of the Cloutility endpoint catalog (shared/reference/api/cloutility-endpoints.json). */
const CATALOGUED = [
	'GET /v1/fullVersion',
	'GET /v1/me',
	'GET /v1/actions',
	'GET /v1/actions/{actionId}',
	'GET /v1/timezones',
	'GET /v1/timezones/{timeZoneId}',
	'GET /v1/timezones/{timeZoneId}/offset',
	'GET /v1/nodeoperatingsystems',
	'GET /v1/nodeoperatingsystems/{osId}',
	'GET /v1/nodetypes',
	'GET /v1/nodetypes/{nodeTypeId}',
	'GET /v1/nodewarningtypes',
	'GET /v1/bunits',
	'GET /v1/bunits/{bunitId}',
	'GET /v1/bunits/{bunitId}/bunits',
	'POST /v1/bunits/{bunitId}/bunits',
	'PUT /v1/bunits/{bunitId}',
	'DELETE /v1/bunits/{bunitId}',
	'GET /v1/bunits/{bunitId}/users',
	'GET /v1/bunits/{bunitId}/addresses',
	'GET /v1/bunits/{bunitId}/ancestors',
	'GET /v1/bunits/{bunitId}/summaries',
	'GET /v1/bunits/{bunitId}/roles',
	'GET /v1/bunits/{bunitId}/pointusers',
	'GET /v1/bunits/{bunitId}/orainusers',
	'GET /v1/bunits/{bunitId}/nodedeletionrule',
	'GET /v1/bunits/{bunitId}/auditlogs',
	'GET /v1/bunits/{bunitId}/consumption',
	'GET /v1/bunits/{bunitId}/tags',
	'GET /v1/bunits/{bunitId}/tags/available',
	'GET /v1/bunits/{bunitId}/tags/own',
	'GET /v1/bunits/{bunitId}/tags/availablesubscriptions',
	'GET /v1/bunits/{bunitId}/contract',
	'GET /v1/bunits/{bunitId}/invoices',
	'GET /v1/bunits/{bunitId}/invoices/{date}',
	'GET /v1/bunits/{bunitId}/invoicefiles',
	'POST /v1/bunits/{bunitId}/invoicefiles',
	'GET /v1/bunits/{bunitId}/billing',
	'GET /v1/bunits/{bunitId}/billing/{date}',
	'GET /v1/bunits/{bunitId}/defaultserver',
	'GET /v1/bunits/{bunitId}/defaultserver/domains',
	'GET /v1/bunits/{bunitId}/defaultserver/clientoptionsets',
	'GET /v1/bunits/{bunitId}/consumers',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}',
	'POST /v1/bunits/{bunitId}/consumers',
	'PUT /v1/bunits/{bunitId}/consumers/{consumerId}',
	'DELETE /v1/bunits/{bunitId}/consumers/{consumerId}',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/auditlogs',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/reports',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/reports/latest',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs/first',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/jobs',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/consumption',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/events',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/tags',
	'POST /v1/bunits/{bunitId}/consumers/{consumerId}/tags',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/pointrepository',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/node',
	'POST /v1/bunits/{bunitId}/consumers/{consumerId}/node',
	'PUT /v1/bunits/{bunitId}/consumers/{consumerId}/node',
	'DELETE /v1/bunits/{bunitId}/consumers/{consumerId}/node',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/spname',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/activate',
	'POST /v1/bunits/{bunitId}/consumers/{consumerId}/node/password',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/filespaces',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/possibleproxynodes',
	'POST /v1/bunits/{bunitId}/consumers/{consumerId}/node/proxyagents',
	'DELETE /v1/bunits/{bunitId}/consumers/{consumerId}/node/proxyagents/{proxyConsumerId}',
	'POST /v1/bunits/{bunitId}/consumers/{consumerId}/node/proxytargets',
	'DELETE /v1/bunits/{bunitId}/consumers/{consumerId}/node/proxytargets/{targetConsumerId}',
	'GET /v1/bunits/{bunitId}/consumers/{consumerId}/node/retentionRules',
	'POST /v1/bunits/{bunitId}/consumers/{consumerId}/node/nodegroups',
];

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
};

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
	'businessUnit:delete': { values: { bunitId: 95 } },
	'businessUnit:getManyChildren': { values: { bunitId: 22 } },
	'user:getMany': { values: { bunitId: 22 } },
	'businessUnit:update': { additional: { note: 'walked' } },
	'consumptionUnit:update': { additional: { note: 'walked' } },
	'consumptionUnit:delete': { additional: { deleteAssociations: true } },
};

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

test('the node has exactly the catalogued endpoints, each once', () => {
	const endpoints = OPERATIONS.map((operation) => `${operation.method} ${operation.path}`);
	expect(endpoints).toHaveLength(72);
	expect(new Set(endpoints).size).toBe(72);
	expect([...endpoints].sort()).toEqual([...CATALOGUED].sort());
	const keys = OPERATIONS.map((operation) => `${operation.resource}:${operation.operation}`);
	expect(new Set(keys).size).toBe(72);
});

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
	expect(OPERATIONS.filter((operation) => operation.method === 'GET' && operation.safe === false).map((operation) => operation.operation)).toEqual(['activate']);
});
