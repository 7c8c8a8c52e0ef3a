/**
 * OVHcloud: request economy and time of typical workflows against the emulator (through the real engine),
 * plus the cost of the catalog: node description size, time to load a family, time to describe an operation.
 */
import type { IDataObject } from 'n8n-workflow';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { FAMILIES } from '../../nodes/OvhCloud/catalog/families';
import { OVH_APP, OVH_CONSUMER, OVH_CLIENT, OvhEmulator } from '../../test/emulators/ovh';
import { chain, CredentialStore, Harness } from '../../test/harness';
import { resourceMapperFields } from '../../test/harness/editor-calls';
import type { Suite } from './runner';

const NODE = 'n8n-nodes-eurocloud.ovhCloud';
const CATALOG = path.resolve(__dirname, '..', '..', 'dist', 'nodes', 'OvhCloud', 'catalog');

/** Reads and parses family files as the node does on first use (without the module cache). */
function parseFamilies(values: string[]) {
	let bytes = 0;
	let operations = 0;
	for (const value of values) {
		const file = path.join(CATALOG, `${value}.json`);
		bytes += statSync(file).size;
		operations += (JSON.parse(readFileSync(file, 'utf8')) as { operations: unknown[] }).operations.length;
	}
	return { files: values.length, KB: Math.round(bytes / 1024), operations };
}
const NAME = 'OVHcloud';
/** The node's Authentication value for service accounts. */
const SERVICE_ACCOUNT = 'ovhCloudOAuth2Api';
const op = (key: string) => ({ __rl: true, mode: 'list', value: key });
const params = (value: Record<string, string | number | boolean | null>) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: [],
	attemptToConvertTypes: false,
	convertFieldsToString: false,
});

export function ovhSuite(): Suite {
	let emulator: OvhEmulator;
	let harness: Harness;

	const signed = () => ({
		endpoint: 'custom',
		customUrl: `${emulator.url}/1.0`,
		applicationKey: OVH_APP.key,
		applicationSecret: OVH_APP.secret,
		consumerKey: OVH_CONSUMER,
	});
	const oauth2 = () => ({
		region: 'custom',
		tokenUrl: `${emulator.url}/auth/oauth2/token`,
		apiUrl: `${emulator.url}/1.0`,
		clientId: OVH_CLIENT.id,
		clientSecret: OVH_CLIENT.secret,
	});
	const run = async (parameters: Record<string, unknown>, input: IDataObject[] = [{}], store?: CredentialStore) =>
		await harness.run(
			chain({ type: NODE, name: NAME, parameters: parameters as never, credentials: { ovhCloudApi: 'bench', ovhCloudOAuth2Api: 'bench-oauth' } }),
			{ input, credentials: store ? undefined : { ovhCloudApi: signed(), ovhCloudOAuth2Api: oauth2() }, store },
		);
	const tallies = (items: number) => ({
		items,
		timeRequests: emulator.requestsOf('time').length,
		tokenRequests: emulator.requestsOf('token').length,
		apiRequests: emulator.requestsOf('api').length,
	});
	const fresh = () => {
		emulator.requests.length = 0;
		emulator.calls.length = 0;
		emulator.clearFaults();
	};
	const count = (result: Awaited<ReturnType<typeof run>>) => result.items(NAME).filter((item) => !item.json.error).length;

	const servers = (n: number) => Array.from({ length: n }, (_, index) => ({ name: index % 2 ? 'ns3001234.ip-203-0-113.eu' : 'ns3005678.ip-198-51-100.eu' }));
	const getServer = { resource: 'v1/dedicated', endpoint: op('GET /dedicated/server/{serviceName}'), parameters: params({ serviceName: '={{ $json.name }}' }) };

	return {
		name: 'ovh',
		async setup() {
			emulator = await new OvhEmulator().start();
			harness = await Harness.load();
			for (let index = emulator.data.bills.size + 1; index <= 1000; index++) emulator.data.addBill(index);
		},
		async teardown() {
			await emulator.stop();
		},
		cases: [
			{
				name: '1,000 bills: Return Full Objects (page size 100)',
				run: async () => {
					fresh();
					const result = await run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}), options: { fullObjects: true, pageSize: 100 } });
					return { tallies: tallies(count(result)) };
				},
			},
			{
				name: '1,000 bills: Return Full Objects (page size 1000)',
				run: async () => {
					fresh();
					const result = await run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}), options: { fullObjects: true, pageSize: 1000 } });
					return { tallies: tallies(count(result)) };
				},
			},
			{
				name: '1,000 bills: naive (list IDs, then get each)',
				repeat: 3,
				run: async () => {
					fresh();
					const list = await run({ resource: 'v1/me', endpoint: op('GET /me/bill'), parameters: params({}) });
					const result = await run(
						{ resource: 'v1/me', endpoint: op('GET /me/bill/{billId}'), parameters: params({ billId: '={{ $json.billId }}' }) },
						list.json(NAME),
						list.store,
					);
					return { tallies: tallies(count(result)) };
				},
			},
			{
				name: 'Server: Get x 50, API clock +3600 s (offset measured once)',
				run: async () => {
					fresh();
					emulator.clock.advance(3600);
					try {
						return { tallies: tallies(count(await run(getServer, servers(50)))) };
					} finally {
						emulator.clock.advance(-3600);
					}
				},
			},
			{
				name: 'Server: Get x 50, stored offset reused',
				run: async () => {
					fresh();
					const first = await run(getServer, servers(1));
					fresh();
					return { tallies: tallies(count(await run(getServer, servers(50), first.store))) };
				},
			},
			{
				name: 'Server: Get x 50, stored offset stale by 1 h',
				run: async () => {
					fresh();
					const first = await run(getServer, servers(1));
					fresh();
					emulator.clock.advance(-3600);
					try {
						return { tallies: tallies(count(await run(getServer, servers(50), first.store))) };
					} finally {
						emulator.clock.advance(3600);
					}
				},
			},
			{
				name: 'Server: Get x 50 with a service account',
				run: async () => {
					fresh();
					return { tallies: tallies(count(await run({ ...getServer, authentication: SERVICE_ACCOUNT }, servers(50)))) };
				},
			},
			{
				name: 'Server: Get x 200, service-account token expires every 50 calls',
				repeat: 3,
				run: async () => {
					fresh();
					for (let at = 50; at < 200; at += 50) emulator.afterRequests('GET', '/1.0/*', at, () => emulator.expireTokens());
					return { tallies: tallies(count(await run({ ...getServer, authentication: SERVICE_ACCOUNT }, servers(200)))) };
				},
			},
			{
				name: 'Editor: Parameters of POST /cloud/project/{serviceName}/instance',
				run: async () => {
					fresh();
					const { fields } = await resourceMapperFields(
						harness,
						{ type: NODE, parameters: { resource: 'v1/cloud', endpoint: op('POST /cloud/project/{serviceName}/instance') } },
						'getOperationFields',
					);
					return { tallies: { fields: fields.length, apiRequests: emulator.requestsOf('api').length } };
				},
			},
			{
				name: 'Catalog: first use of the largest family (v1/cloud)',
				run: async () => ({ tallies: parseFamilies(['v1/cloud']) }),
			},
			{
				name: 'Catalog: every family (all 6,624 operations)',
				run: async () => ({ tallies: parseFamilies(FAMILIES.map((family) => family.value)) }),
			},
			{
				name: 'Catalog: node description sent to the editor',
				repeat: 1,
				run: async () => {
					const description = harness.nodeTypes.getByNameAndVersion(NODE, 1).description;
					return { tallies: { descriptionKB: Math.round(JSON.stringify(description).length / 1024), families: FAMILIES.length } };
				},
			},
		],
	};
}
