/**
 * OVHcloud: bill Get at scale and latency (signed requests), service-account token expiry mid-run, the bill ID
 * list, full objects page by page (1,000 and 10,000, with memory), and the editor calls that read the catalog:
 * operation search and operation parameters (resource mapper), warm and cold.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { OVH_APP, OVH_CLIENT, OVH_CONSUMER } from '../../test/emulators/ovh';
import { listSearch, type NodeSpec } from '../../test/harness';
import { resourceMapperFields } from '../../test/harness/editor-calls';
import { httpRequestNode } from './http-request';
import { DEFAULT_OPTIONS, editorCall, expiresHalfway, getCase, PACKAGE, sized, standardGets, workflow } from './kit';
import type { BenchCase, BenchEnv, Suite } from './model';

const NODE = `${PACKAGE}.ovhCloud`;
const SIGNED = 'ovhCloudApi';
const SERVICE_ACCOUNT = 'ovhCloudOAuth2Api';
const PAGE = 1000;

const operation = (key: string) => ({ __rl: true, mode: 'list', value: key });
const mapped = (value: Record<string, string>) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: [],
	attemptToConvertTypes: false,
	convertFieldsToString: false,
});
/** The date of the n-th bill the emulator makes (FR4000000n, dated the n-th day from 2026-01-01). */
const billDate = (index: number) => new Date(Date.UTC(2026, 0, index)).toISOString();

/** The emulator's signed-request credential (application key, secret and consumer key), for both OVHcloud suites. */
export const ovhSignedCredential = (url: string): ICredentialDataDecryptedObject => ({
	endpoint: 'custom',
	customUrl: `${url}/1.0`,
	applicationKey: OVH_APP.key,
	applicationSecret: OVH_APP.secret,
	consumerKey: OVH_CONSUMER,
});

export function ovhSuite(): Suite {
	let bills: string[] = [];

	return {
		name: 'ovh',
		async setup({ emulators, quick }) {
			bills = await emulators.call('ovh', 'seedBills', { count: sized({ quick }, 10000, 1000) });
		},
		cases(env: BenchEnv): BenchCase[] {
			const url = env.emulators.url('ovh');
			const signed = () => ovhSignedCredential(url);
			const serviceAccount = (): ICredentialDataDecryptedObject => ({
				region: 'custom',
				tokenUrl: `${url}/auth/oauth2/token`,
				apiUrl: `${url}/1.0`,
				clientId: OVH_CLIENT.id,
				clientSecret: OVH_CLIENT.secret,
			});
			const credentials = () => ({ [SIGNED]: signed(), [SERVICE_ACCOUNT]: serviceAccount() });
			const input = (count: number): IDataObject[] => bills.slice(0, count).map((billId) => ({ billId }));
			const node = (parameters: IDataObject): NodeSpec => ({
				type: NODE,
				name: 'OVHcloud',
				parameters: parameters as NodeSpec['parameters'],
				credentials: { [SIGNED]: 'bench', [SERVICE_ACCOUNT]: 'bench-service-account' },
			});
			const getNode = (options: IDataObject = DEFAULT_OPTIONS, authentication = SIGNED) =>
				node({ authentication, resource: 'v1/me', endpoint: operation('GET /me/bill/{billId}'), parameters: mapped({ billId: '={{ $json.billId }}' }), options });
			const getRequest = (credentialType = SIGNED) => httpRequestNode({ method: 'GET', url: `=${url}/1.0/me/bill/{{ $json.billId }}`, credentialType });

			const get = getCase(env, { provider: 'ovh', name: 'Bill: Get', node: getNode, http: getRequest(), input, credentials });
			const fullObjects = (count: number): BenchCase => {
				const pages = Math.ceil(count / PAGE);
				return {
					name: `Bills: Return Full Objects (${count}, pages of ${PAGE})`,
					latencyMs: 20,
					items: count,
					warmup: count <= PAGE,
					memory: count > PAGE,
					node: workflow(
						env,
						'ovh',
						node({
							resource: 'v1/me',
							endpoint: operation('GET /me/bill'),
							parameters: mapped({ 'date.to': billDate(count) }),
							returnAll: true,
							options: { ...DEFAULT_OPTIONS, fullObjects: true, pageSize: PAGE },
						}),
						[{}],
						credentials,
					),
					http: workflow(
						env,
						'ovh',
						httpRequestNode({
							method: 'GET',
							url: `${url}/1.0/me/bill`,
							credentialType: SIGNED,
							query: { 'date.to': billDate(count) },
							headers: { 'X-Pagination-Mode': 'CachedObjectList-Pages', 'X-Pagination-Size': String(PAGE) },
							pagination: {
								parameters: [{ type: 'headers', name: 'X-Pagination-Number', value: '={{ $pageCount + 1 }}' }],
								completeWhen: `={{ $pageCount * ${PAGE} >= Number($response.headers["x-pagination-elements"]) }}`,
							},
						}),
						[{}],
						credentials,
					),
					expect: { node: { items: count, errors: 0, api: pages }, http: { items: count, errors: 0, api: pages } },
					goal: count > PAGE ? { memoryRatio: 1.1 } : undefined,
				};
			};
			const expiring = sized(env, 150, 100);
			const expiry = expiresHalfway(expiring);
			const search = (warm: boolean) =>
				editorCall(
					env,
					undefined,
					async (store) =>
						(await listSearch(env.harness, { type: NODE, parameters: { resource: 'v1/cloud' } }, 'searchOperations', 'instance', undefined, store)).results.length,
					{ warm },
				);
			const fields = (warm: boolean) =>
				editorCall(
					env,
					undefined,
					async (store) =>
						(
							await resourceMapperFields(
								env.harness,
								{ type: NODE, parameters: { resource: 'v1/cloud', endpoint: operation('POST /cloud/project/{serviceName}/instance') } },
								'getOperationFields',
								store,
							)
						).fields.length,
					{ warm },
				);
			const editor = (name: string, side: (warm: boolean) => BenchCase['node']): BenchCase[] => [
				{ name: `Editor: ${name} (warm)`, latencyMs: 0, items: 1, node: side(true) },
				{ name: `Editor: ${name} (cold)`, latencyMs: 0, items: 1, cold: true, node: side(false) },
			];

			return [
				...standardGets(env, get),
				{
					name: 'Bill: Get, service account, token expires halfway',
					latencyMs: 0,
					items: expiring,
					maxRepeat: sized(env, 3, 2),
					node: workflow(env, 'ovh', getNode(DEFAULT_OPTIONS, SERVICE_ACCOUNT), input(expiring), credentials, expiry),
					http: workflow(env, 'ovh', getRequest(SERVICE_ACCOUNT), input(expiring), credentials, expiry),
					expect: { node: { items: expiring, errors: 0 }, http: { items: expiring, errors: 0 } },
				},
				{
					name: `Bills: List IDs, Return All (${bills.length})`,
					latencyMs: 20,
					items: bills.length,
					node: workflow(env, 'ovh', node({ resource: 'v1/me', endpoint: operation('GET /me/bill'), parameters: mapped({}), returnAll: true, options: DEFAULT_OPTIONS }), [{}], credentials),
					http: workflow(env, 'ovh', httpRequestNode({ method: 'GET', url: `${url}/1.0/me/bill`, credentialType: SIGNED }), [{}], credentials),
					expect: { node: { items: bills.length, errors: 0, api: 1 }, http: { items: bills.length, errors: 0, api: 1 } },
				},
				...sized(env, [1000, 10000], [1000]).map(fullObjects),
				...editor('operation search in v1/cloud', search),
				...editor('parameters of POST /cloud/project/{serviceName}/instance', fields),
			];
		},
	};
}
