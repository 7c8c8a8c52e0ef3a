/**
 * The generated catalog against OVHcloud's schema: every operation is in it (a count and a one-by-one
 * check), and the committed files are what the generator makes of the schema. The schema is the snapshot the
 * generator keeps in the repository; where the reference folder is present (OVH_SCHEMA_DIR, or
 * shared/reference/ovh-api-schema beside the repository), the snapshot must hold exactly that folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { FAMILIES } from '../../nodes/OvhCloud/catalog/families';
import type { CatalogFamily } from '../../nodes/OvhCloud/catalog/types';
import { familyTitle, writeCatalog } from '../../scripts/ovh-catalog/generate';
import { familyKey, findSchemaDir, readSchemaDir, readSchemaSnapshot } from '../../scripts/ovh-catalog/schema-source';

const CATALOG_DIR = path.resolve(__dirname, '..', '..', 'nodes', 'OvhCloud', 'catalog');
const schemaDir = findSchemaDir();

const catalogFile = (value: string) => JSON.parse(readFileSync(path.join(CATALOG_DIR, `${value}.json`), 'utf8')) as CatalogFamily;

const snapshot = readSchemaSnapshot();

(schemaDir ? test : test.skip)('the snapshot holds exactly the reference schema folder', () => {
	expect(readSchemaSnapshot()).toEqual(readSchemaDir(schemaDir!));
});

test('every operation of the schema is in the catalog, and nothing else', () => {
	const sources = snapshot;
	const inSchema = new Set<string>();
	for (const source of sources) {
		for (const api of source.schema.apis ?? []) {
			for (const operation of api.operations) inSchema.add(`${source.branch}/${source.family} ${operation.httpMethod} ${api.path}`);
		}
	}
	const inCatalog = new Set<string>();
	for (const family of FAMILIES) {
		for (const operation of catalogFile(family.value).operations) inCatalog.add(`${family.value} ${operation.m} ${operation.p}`);
	}
	expect(inSchema.size).toBe(6624);
	expect(inCatalog.size).toBe(inSchema.size);
	expect([...inSchema].filter((key) => !inCatalog.has(key))).toEqual([]);
	expect(FAMILIES.reduce((sum, family) => sum + family.count, 0)).toBe(6624);
	// 84 schema families; v1 "products" holds models only, so 83 have operations.
	expect(sources).toHaveLength(84);
	expect(FAMILIES).toHaveLength(83);
});

test('the committed catalog is what the generator makes of the schema', () => {
	const out = mkdtempSync(path.join(tmpdir(), 'ovh-catalog-'));
	try {
		writeCatalog(snapshot, out);
		for (const branch of ['v1', 'v2']) {
			const files = readdirSync(path.join(out, branch)).sort();
			expect(readdirSync(path.join(CATALOG_DIR, branch)).sort()).toEqual(files);
			for (const file of files) {
				expect(readFileSync(path.join(CATALOG_DIR, branch, file), 'utf8')).toBe(readFileSync(path.join(out, branch, file), 'utf8'));
			}
		}
		expect(readFileSync(path.join(CATALOG_DIR, 'families.ts'), 'utf8')).toBe(readFileSync(path.join(out, 'families.ts'), 'utf8'));
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
});

test('what the catalog keeps of an operation: parameters, body model, enums, auth, status, response', () => {
	const domain = catalogFile('v1/domain');
	const create = domain.operations.find((operation) => operation.m === 'POST' && operation.p === '/domain/zone/{zoneName}/record')!;
	expect(create).toMatchObject({ b: 'domain.zone.RecordCreate', br: 1, r: 'domain.zone.Record' });
	expect(create.q).toEqual([{ n: 'zoneName', in: 'path', t: 'string', r: 1, d: 'Zone name' }]);
	// Read-only fields (id, zone) are not offered.
	expect(domain.models['domain.zone.RecordCreate'].map((field) => [field.n, field.r ?? 0])).toEqual([
		['fieldType', 1],
		['subDomain', 0],
		['target', 1],
		['ttl', 0],
	]);
	expect(domain.enums['domain.zone.RecordTypeEnum']).toContain('TXT');
	expect(domain.operations.find((operation) => operation.p === '/domain/configurationRule')?.na).toBe(1);
	const cloud = catalogFile('v1/cloud');
	const deprecated = cloud.operations.find((operation) => operation.p.endsWith('/cassandra/{clusterId}/ipRestriction') && operation.m === 'GET');
	expect(deprecated).toMatchObject({ s: 'DEPRECATED', x: { on: '2023-03-15', by: '/1.0/cloud/project/{serviceName}/database/cassandra' } });
	const v2 = catalogFile('v2/domain').operations[0];
	expect(v2.q?.filter((param) => param.in === 'header').map((param) => param.n)).toEqual(['X-Pagination-Cursor', 'X-Pagination-Size']);
});

test('family keys and titles for downloaded schemas follow the schema files\' names', () => {
	expect(familyKey('/dedicated/server')).toBe('dedicated');
	expect(familyKey('/dedicated/ceph')).toBe('dedicatedCeph');
	expect(familyKey('/license/cloudLinux')).toBe('licenseCloudLinux');
	expect(familyKey('/me')).toBe('me');
	expect(familyTitle('/dedicated/installationTemplate')).toBe('Dedicated Installation Template');
	expect(familyTitle('/ipLoadbalancing')).toBe('IP Loadbalancing');
	expect(familyTitle('/pack/xdsl')).toBe('Pack xDSL');
	expect(familyTitle('/me')).toBe('Me (Account, Bills, Orders)');
	expect(familyTitle('/cloud')).toBe('Public Cloud');
});

describe('Wait for Completion in the catalog (generated from the schema, checked against it)', () => {
	type Source = ReturnType<typeof readSchemaSnapshot>[number];
	const modelsOf = (branch: string) => {
		const models = new Map<string, { properties?: Record<string, { type: string }>; enum?: unknown[] }>();
		for (const source of snapshot.filter((candidate) => candidate.branch === branch)) {
			for (const [name, model] of Object.entries(source.schema.models ?? {})) if (!models.has(name)) models.set(name, model);
		}
		return models;
	};
	const models = { v1: modelsOf('v1'), v2: modelsOf('v2') };
	const model = (source: Source, type: string) => source.schema.models?.[type] ?? models[source.branch].get(type);
	const schemaGet = (source: Source, path: string) =>
		source.schema.apis?.find((api) => api.path === path)?.operations.find((operation) => operation.httpMethod === 'GET');
	const placeholders = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
	const waitable = FAMILIES.flatMap((family) => catalogFile(family.value).operations.filter((operation) => operation.w).map((operation) => ({ family, operation })));

	test('which operations can wait, by kind', () => {
		const count = (kind: string, get: boolean) =>
			waitable.filter(({ operation }) => operation.w!.k === kind && (operation.m === 'GET') === get).length;
		expect(count('task', false)).toBe(607); // create, change or delete something and answer a task
		expect(count('task', true)).toBe(69); // the task routes themselves: wait for a task that exists
		expect(count('order', false)).toBe(79); // answer an order.Order: wait until delivered
		expect(count('resource', false)).toBe(28); // v2: wait until the resource is READY (or gone)
		const taskTypes = new Set(waitable.filter(({ operation }) => operation.w!.k === 'task' && operation.m !== 'GET').map(({ operation }) => operation.r.replace(/\[\]$/, '')));
		expect(taskTypes.size).toBe(35);
	});

	test('every wait reads a GET route of the schema that answers what is waited for, filled from the operation', () => {
		const problems: string[] = [];
		for (const { family, operation } of waitable) {
			const wait = operation.w!;
			const source = snapshot.find((candidate) => `${candidate.branch}/${candidate.family}` === family.value)!;
			const where = `${family.value} ${operation.m} ${operation.p}`;
			const home = wait.k === 'order' ? snapshot.find((candidate) => candidate.branch === 'v1' && candidate.family === 'me')! : source;
			const get = schemaGet(home, wait.p);
			if (!get) {
				problems.push(`${where}: no GET ${wait.p}`);
				continue;
			}
			const names = placeholders(wait.p);
			const fromPath = wait.i ? names.slice(0, -1) : names;
			if (fromPath.some((name) => !placeholders(operation.p).includes(name))) problems.push(`${where}: ${wait.p} needs more than the path gives`);
			if (wait.k === 'task') {
				const properties = model(source, get.responseType)?.properties ?? {};
				const states = model(source, properties[wait.s!]?.type ?? '')?.enum ?? [];
				if (!properties[wait.i!] || !states.some((state) => String(state).toLowerCase() === 'done')) problems.push(`${where}: ${get.responseType} is no task`);
				const answered = model(source, operation.r.replace(/\[\]$/, ''))?.properties ?? {};
				if (!answered[wait.i!] || !answered[wait.s!]) problems.push(`${where}: ${operation.r} has no ${wait.i}/${wait.s}`);
			}
			if (wait.k === 'order' && (get.responseType !== 'billing.order.OrderStatusEnum' || operation.r !== 'order.Order')) problems.push(where);
			if (wait.k === 'resource' && !model(source, get.responseType)?.properties?.resourceStatus) problems.push(`${where}: ${get.responseType}`);
		}
		expect(problems).toEqual([]);
	});

	test('nothing that can wait is missed: an operation answering its family\'s task type, an order, or a v2 resource', () => {
		const missed: string[] = [];
		for (const source of snapshot.filter((candidate) => candidate.schema.apis?.length)) {
			const apis = source.schema.apis ?? [];
			const taskTypes = new Set(
				apis.filter((api) => /\/tasks?(\/[A-Za-z]+)?\/\{[^}]+\}$/.test(api.path)).flatMap((api) => api.operations.filter((operation) => operation.httpMethod === 'GET').map((operation) => operation.responseType)),
			);
			const caught = new Set(catalogFile(`${source.branch}/${source.family}`).operations.filter((operation) => operation.w).map((operation) => `${operation.m} ${operation.p}`));
			for (const api of apis) {
				for (const operation of api.operations) {
					if (operation.httpMethod === 'GET') continue;
					const type = operation.responseType.replace(/\[\]$/, '');
					const properties = model(source, type)?.properties ?? {};
					const should =
						(taskTypes.has(type) && (properties.status || properties.state)) ||
						(source.branch === 'v1' && type === 'order.Order') ||
						(source.branch === 'v2' && properties.resourceStatus && properties.currentTasks && (schemaGet(source, api.path) || operation.httpMethod === 'POST'));
					if (should && !caught.has(`${operation.httpMethod} ${api.path}`)) missed.push(`${source.branch} ${operation.httpMethod} ${api.path}`);
				}
			}
		}
		expect(missed).toEqual([]);
	});

	test('the nearest task route: the object\'s own task list, and the task ID from the answer, never from a path value of the same name', () => {
		const waitOf = (family: string, key: string) =>
			catalogFile(family).operations.find((operation) => `${operation.m} ${operation.p}` === key)?.w;
		expect(waitOf('v1/dedicated', 'POST /dedicated/server/{serviceName}/reinstall')).toEqual({
			k: 'task',
			p: '/dedicated/server/{serviceName}/task/{taskId}',
			i: 'taskId',
			s: 'status',
		});
		expect(waitOf('v1/domain', 'DELETE /domain/{serviceName}/nameServer/{id}')).toEqual({ k: 'task', p: '/domain/{serviceName}/task/{id}', i: 'id', s: 'status' });
		expect(waitOf('v1/dedicatedCloud', 'POST /dedicatedCloud/{serviceName}/datacenter/{datacenterId}/host/{hostId}/resilience/enable')?.p).toBe(
			'/dedicatedCloud/{serviceName}/datacenter/{datacenterId}/host/{hostId}/task/{taskId}',
		);
		expect(waitOf('v1/emailExchange', 'POST /email/exchange/{organizationName}/service/{exchangeService}/account')?.p).toBe(
			'/email/exchange/{organizationName}/service/{exchangeService}/task/{id}',
		);
		expect(waitOf('v1/order', 'POST /order/cart/{cartId}/checkout')).toEqual({ k: 'order', p: '/me/order/{orderId}/status', i: 'orderId' });
		expect(waitOf('v2/managedCMS', 'POST /managedCMS/resource/{serviceId}/website')).toEqual({
			k: 'resource',
			p: '/managedCMS/resource/{serviceId}/website/{websiteId}',
			i: 'id',
		});
		// Not waitable: the answer's task type is read on no route of the family (vRack tasks live in /vrack).
		expect(waitOf('v1/dedicated', 'DELETE /dedicated/server/{serviceName}/vrack/{vrack}')).toBeUndefined();
	});
});
