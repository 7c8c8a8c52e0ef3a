/**
 * Cloutility: consumption unit Get at scale and latency, token expiry mid-run (refresh grant), an audit log read
 * page by page with Return All, the business unit picker.
 */
import type { IDataObject } from 'n8n-workflow';

import { CLOUTILITY_CLIENT, CLOUTILITY_USER } from '../../test/emulators/cloutility';
import { listSearch, type NodeSpec } from '../../test/harness';
import { httpRequestNode } from './http-request';
import { DEFAULT_OPTIONS, editorCall, expiresHalfway, getCase, keptTokenWorkflow, PACKAGE, sized, standardGets, storedOr, workflow } from './kit';
import type { BenchCase, BenchEnv, Suite } from './model';

const NODE = `${PACKAGE}.cloutility`;
const CREDENTIAL = 'cloutilityApi';
const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });
/** Consumption units of business unit 76 in the emulator's seed data. */
const CONSUMERS = [408, 409, 411];
const PAGE = 100;

/** Fresh credential data for the emulator's demo account (the Cloutility suites share it). */
export const cloutilityCredentials = (url: string) => ({
	[CREDENTIAL]: {
		baseUrl: url,
		clientId: CLOUTILITY_CLIENT.clientId,
		origin: CLOUTILITY_CLIENT.origin,
		username: CLOUTILITY_USER.username,
		password: CLOUTILITY_USER.password,
	},
});

export function cloutilitySuite(): Suite {
	let entries = 0;

	return {
		name: 'cloutility',
		async setup({ emulators, quick }) {
			entries = sized({ quick }, 1050, 250);
			await emulators.call('cloutility', 'seedAuditLogs', { count: entries });
		},
		cases(env: BenchEnv): BenchCase[] {
			const url = env.emulators.url('cloutility');
			const credentials = () => cloutilityCredentials(url);
			const input = (count: number): IDataObject[] => Array.from({ length: count }, (_, index) => ({ id: CONSUMERS[index % CONSUMERS.length] }));
			const node = (parameters: IDataObject): NodeSpec => ({ type: NODE, name: 'Cloutility', parameters: parameters as NodeSpec['parameters'], credentials: { [CREDENTIAL]: 'bench' } });
			const getNode = (options: IDataObject = DEFAULT_OPTIONS) =>
				node({ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId('={{ $json.id }}'), options });
			const getRequest = httpRequestNode({ method: 'GET', url: `=${url}/v1/bunits/76/consumers/{{ $json.id }}`, credentialType: CREDENTIAL });
			const unitsRequest = httpRequestNode({ method: 'GET', url: `${url}/v1/bunits`, credentialType: CREDENTIAL });

			const get = getCase(env, { provider: 'cloutility', name: 'Consumption Unit: Get', node: getNode, http: getRequest, input, credentials });
			const expiring = sized(env, 150, 100);
			const expiry = expiresHalfway(expiring);
			const pages = Math.ceil(entries / PAGE);
			const picker = (warm: boolean) =>
				editorCall(
					env,
					'cloutility',
					async (store) =>
						(
							await listSearch(
								env.harness,
								{ type: NODE, parameters: { resource: 'consumptionUnit', operation: 'get' }, credentials: { [CREDENTIAL]: storedOr(store, `editor-${CREDENTIAL}`, cloutilityCredentials(url)[CREDENTIAL]) } },
								'searchBusinessUnits',
								undefined,
								undefined,
								store,
							)
						).results.length,
					{ warm },
				);

			return [
				...standardGets(env, get),
				{
					name: 'Consumption Unit: Get, token expires halfway (refresh grant)',
					latencyMs: 0,
					items: expiring,
					maxRepeat: sized(env, 3, 2),
					node: workflow(env, 'cloutility', getNode(), input(expiring), credentials, expiry),
					http: workflow(env, 'cloutility', getRequest, input(expiring), credentials, expiry),
					expect: { node: { items: expiring, errors: 0 }, http: { items: expiring, errors: 0 } },
				},
				{
					name: `Audit Log: Return All (${entries} entries, pages of ${PAGE})`,
					latencyMs: 20,
					items: entries,
					node: workflow(
						env,
						'cloutility',
						node({ resource: 'auditLog', operation: 'getManyForConsumptionUnit', bunitId: byId(76), consumerId: byId(408), returnAll: true, options: DEFAULT_OPTIONS }),
						[{}],
						credentials,
					),
					http: workflow(
						env,
						'cloutility',
						httpRequestNode({
							method: 'GET',
							url: `${url}/v1/bunits/76/consumers/408/auditlogs`,
							credentialType: CREDENTIAL,
							query: { limit: String(PAGE) },
							pagination: {
								parameters: [{ type: 'qs', name: 'offset', value: `={{ $pageCount * ${PAGE} }}` }],
								completeWhen: `={{ $pageCount * ${PAGE} >= $response.body.total }}`,
							},
						}),
						[{}],
						credentials,
					),
					expect: { node: { items: entries, errors: 0, api: pages, logins: 1 }, http: { items: pages, errors: 0, api: pages, logins: 1 } },
					note: 'the HTTP Request node (pagination: offset per page) puts out one item per page, the node one per entry',
				},
				{
					name: 'Editor: business unit picker (warm)',
					latencyMs: 20,
					items: 1,
					node: picker(true),
					http: keptTokenWorkflow(env, 'cloutility', unitsRequest, credentials),
					expect: { node: { api: 1, logins: 0 }, http: { api: 1, logins: 0 } },
				},
				// A fresh process per run: minutes in a full run, left out of --quick.
				...sized(
					env,
					[
						{
							name: 'Editor: business unit picker (cold)',
							latencyMs: 20,
							items: 1,
							cold: true,
							node: picker(false),
							http: workflow(env, 'cloutility', unitsRequest, [{}], credentials),
							expect: { node: { api: 1, logins: 1 }, http: { api: 1, logins: 1 } },
						},
					],
					[],
				),
			];
		},
	};
}
