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
});
