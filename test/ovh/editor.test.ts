/**
 * What the editor gets: a small node description, the Operation picker (search, status, deprecation), typed
 * parameter fields from the schema, and path pickers listing the parent collection's IDs.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

import { WAIT_DEFAULTS } from '../../nodes/OvhCloud/wait';
import { listSearch } from '../harness';
import { resourceMapperFields } from '../harness/editor-calls';
import { OVH_NODE, ovhSetup, params, SERVICE_ACCOUNT, type OvhEnv } from './setup';

let env: OvhEnv;
beforeAll(async () => {
	env = await ovhSetup();
});
afterAll(async () => await env.emulator.stop());
beforeEach(() => env.reset());

const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

describe('loading the package', () => {
	// A worker thread (its own module cache) loads the built package the way n8n does, then reports what it parsed.
	const probe = async () =>
		await new Promise<{ descriptionBytes: number; credentials: number[]; catalogFiles: string[] }>((resolve, reject) => {
			const worker = new Worker(path.join(__dirname, 'package-load-probe.js'), { workerData: { packageDir: PACKAGE_DIR } });
			worker.once('message', (message: { error?: string }) => {
				void worker.terminate();
				if (message.error) reject(new Error(message.error));
				else resolve(message as never);
			});
			worker.once('error', reject);
		});

	test('does not parse the catalog, and the node description stays under 40 KB', async () => {
		const result = await probe();
		expect(result.catalogFiles).toEqual([]);
		expect(result.descriptionBytes).toBeLessThan(40 * 1024);
		expect(result.descriptionBytes).toBeGreaterThan(5 * 1024); // the family list is in it
		for (const size of result.credentials) expect(size).toBeLessThan(20 * 1024);
	});
});

describe('the node description', () => {
	const description = () => env.harness.nodeTypes.getByNameAndVersion(OVH_NODE, 1).description;
	const shown = (values: INodeParameters, property: INodeProperties) => NodeHelpers.displayParameter(values, property, { typeVersion: 1 }, description());
	const resolved = (values: INodeParameters) => NodeHelpers.getNodeParameters(description().properties, values, true, false, { typeVersion: 1 }, description());

	test('one Resource: the Auth Helper, then every family; with a service account the Auth Helper says it needs the signed credential', () => {
		const resources = description().properties.filter((property) => property.name === 'resource');
		expect(resources).toHaveLength(1);
		const choices = (resources[0].options ?? []).map((option) => (option as { value: unknown }).value);
		expect(choices[0]).toBe('authHelper');
		expect(choices).toHaveLength(84);
		const notice = description().properties.find((property) => property.name === 'helperNotice')!;
		expect(shown({ resource: 'authHelper', authentication: SERVICE_ACCOUNT }, notice)).toBe(true);
		expect(shown({ resource: 'authHelper', authentication: 'ovhCloudApi' }, notice)).toBe(false);
		expect(shown({ resource: 'v1/me', authentication: SERVICE_ACCOUNT }, notice)).toBe(false);
	});

	test('a saved Auth Helper workflow (signed, as exported before) keeps its parameters', () => {
		const saved = { resource: 'authHelper', operation: 'requestConsumerKey', access: 'custom', rules: { rule: [{ method: 'GET', path: '/me' }] } };
		expect(resolved(saved)).toMatchObject({ authentication: 'ovhCloudApi', ...saved, options: {} });
		expect(resolved({ resource: 'v1/domain', endpoint: { __rl: true, mode: 'list', value: 'GET /domain/zone' } })).toMatchObject({ resource: 'v1/domain', returnAll: true });
	});

	test('Options: Items in Parallel (default 50) and Retry Transient Errors everywhere; the API options not for the Auth Helper', () => {
		const options = description().properties.find((property) => property.name === 'options')!;
		expect(options.displayOptions).toBeUndefined();
		const entries = (options.options ?? []) as INodeProperties[];
		expect(entries.map((entry) => entry.displayName)).toEqual([
			'Body (JSON)',
			'Download Document',
			'Items in Parallel',
			'Page Size',
			'Poll Interval (Seconds)',
			'Put Document in Field',
			'Retry Transient Errors',
			'Return Full Objects',
			'Timeout (Seconds)',
			'Wait for Completion',
		]);
		expect(entries.find((entry) => entry.name === 'parallelItems')).toMatchObject({ default: 50, typeOptions: { minValue: 1, maxValue: 50 } });
		expect(entries.find((entry) => entry.name === 'retryTransientErrors')).toMatchObject({ default: true, type: 'boolean' });
		// Wait for Completion: off by default; the editor's defaults are the ones the node applies when unset.
		expect(entries.find((entry) => entry.name === 'waitForCompletion')).toMatchObject({ default: false, type: 'boolean' });
		expect(entries.find((entry) => entry.name === 'pollInterval')?.default).toBe(WAIT_DEFAULTS.interval);
		expect(entries.find((entry) => entry.name === 'waitTimeout')?.default).toBe(WAIT_DEFAULTS.timeout);
		const visible = (resource: string, chosen: INodeParameters = {}) =>
			entries
				.filter((entry) => NodeHelpers.displayParameterPath({ resource, options: chosen }, entry, 'options', { typeVersion: 1 }, description()))
				.map((entry) => entry.name);
		expect(visible('authHelper')).toEqual(['parallelItems', 'retryTransientErrors']);
		const api = ['bodyJson', 'downloadDocument', 'parallelItems', 'pageSize', 'pollInterval', 'retryTransientErrors', 'fullObjects', 'waitTimeout', 'waitForCompletion'];
		expect(visible('v1/me')).toEqual(api);
		// The binary field shows once Download Document is on.
		expect(visible('v1/me', { downloadDocument: true })).toEqual([...api.slice(0, 5), 'binaryPropertyName', ...api.slice(5)]);
	});
});

describe('Operation picker', () => {
	const search = (resource: string, filter?: string, token?: string) =>
		listSearch(env.harness, { type: OVH_NODE, parameters: { resource } }, 'searchOperations', filter, token);

	test('searches the chosen family by path and description (every word must match)', async () => {
		const { results } = await search('v1/domain', 'zone record');
		const values = results.map((result) => result.value);
		expect(values).toContain('GET /domain/zone/{zoneName}/record');
		expect(values).toContain('POST /domain/zone/{zoneName}/record');
		expect(values.every((value) => /zone/i.test(String(value)))).toBe(true);
		const byDescription = await search('v1/domain', 'refresh a dns');
		expect(byDescription.results.map((result) => result.value)).toEqual(['POST /domain/zone/{zoneName}/refresh']);
		expect(byDescription.results[0].description).toBe('Refresh a DNS zone');
	});

	test('shows the status, and for deprecated operations the removal date and replacement', async () => {
		const { results } = await search('v1/cloud', 'cassandra ipRestriction');
		const deprecated = results.find((result) => result.value === 'GET /cloud/project/{serviceName}/database/cassandra/{clusterId}/ipRestriction');
		expect(deprecated?.name).toBe(
			'GET /cloud/project/{serviceName}/database/cassandra/{clusterId}/ipRestriction [DEPRECATED, removal 2023-03-15, use /1.0/cloud/project/{serviceName}/database/cassandra]',
		);
		const beta = await search('v2/domain', 'alldom');
		expect(beta.results[0].name).toMatch(/^GET \/domain\/alldom \[BETA\]$/);
	});

	test('pages through a large family 100 at a time', async () => {
		const first = await search('v1/cloud');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		let total = first.results.length;
		let token = first.paginationToken;
		while (token) {
			const page = await search('v1/cloud', undefined, token);
			total += page.results.length;
			token = page.paginationToken;
		}
		expect(total).toBe(1121);
	});
});

describe('Parameters (resource mapper)', () => {
	const fields = (parameters: IDataObject, credentials = true) =>
		resourceMapperFields(
			env.harness,
			{ type: OVH_NODE, parameters, credentials: credentials ? { ovhCloudApi: env.signed() } : undefined },
			'getOperationFields',
		);

	test('typed fields: path and required ones shown, enums as options, numbers, optional ones to add', async () => {
		const { fields: list } = await fields({ resource: 'v1/domain', endpoint: { __rl: true, mode: 'id', value: 'POST /domain/zone/{zoneName}/record' } }, false);
		const byId = Object.fromEntries(list.map((field) => [field.id, field]));
		expect(Object.keys(byId)).toEqual(['zoneName', 'fieldType', 'subDomain', 'target', 'ttl']);
		expect(byId.zoneName).toMatchObject({ displayName: 'zoneName (path)', required: true, type: 'string', removed: false });
		expect(byId.fieldType).toMatchObject({ displayName: 'fieldType (body)', required: true, type: 'options' });
		expect(byId.fieldType.options?.map((option) => option.value)).toContain('CNAME');
		expect(byId.ttl).toMatchObject({ type: 'number', required: false, removed: true });
	});

	test('a path placeholder offers the IDs of its parent collection; the next one once the first has a value', async () => {
		const endpoint = { __rl: true, mode: 'list', value: 'GET /domain/zone/{zoneName}/record/{id}' };
		const first = await fields({ resource: 'v1/domain', endpoint });
		const zone = first.fields.find((field) => field.id === 'zoneName');
		expect(zone?.type).toBe('options');
		expect(zone?.options?.map((option) => option.value)).toEqual(['example.eu', 'example.org']);
		expect(first.fields.find((field) => field.id === 'id')?.type).toBe('number');
		expect(env.emulator.requestsTo('GET', '/1.0/domain/zone')).toHaveLength(1);

		const second = await fields({ resource: 'v1/domain', endpoint, parameters: params({ zoneName: 'example.eu' }) });
		const ids = env.emulator.data.zones.get('example.eu')!.map((record) => String(record.id));
		expect(second.fields.find((field) => field.id === 'id')?.options?.map((option) => option.value)).toEqual(ids);
	});

	test('path pickers list through the service account when that is the chosen authentication', async () => {
		const result = await resourceMapperFields(
			env.harness,
			{
				type: OVH_NODE,
				parameters: { authentication: SERVICE_ACCOUNT, resource: 'v1/dedicated', endpoint: { __rl: true, mode: 'list', value: 'POST /dedicated/server/{serviceName}/reboot' } },
				credentials: { ovhCloudOAuth2Api: env.oauth2() },
			},
			'getOperationFields',
		);
		expect(result.fields[0].options?.map((option) => option.value)).toEqual([...env.emulator.data.servers.keys()]);
		expect(env.emulator.requestsOf('token')).toHaveLength(1);
		expect(env.emulator.requestsTo('GET', '/1.0/dedicated/server')[0].headers.authorization).toMatch(/^Bearer /);
	});

	test('without a usable credential the placeholders stay plain inputs', async () => {
		const { fields: list } = await fields({ resource: 'v1/dedicated', endpoint: { __rl: true, mode: 'id', value: 'POST /dedicated/server/{serviceName}/reboot' } }, false);
		expect(list).toEqual([expect.objectContaining({ id: 'serviceName', type: 'string', required: true })]);
	});

	test('no operation chosen yet: no fields and a notice', async () => {
		expect(await fields({ resource: 'v1/me', endpoint: { __rl: true, mode: 'list', value: '' } }, false)).toEqual({
			fields: [],
			emptyFieldsNotice: 'Choose an operation first',
		});
	});
});
