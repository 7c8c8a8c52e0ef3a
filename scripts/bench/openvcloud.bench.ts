/**
 * OpenvCloud: machine Get at scale and latency (session key), JWT expiry mid-run, the machine list, waiting for
 * tasks (no HTTP Request counterpart: it cannot wait; poll counts depend on timing and are reported, not checked),
 * the machine picker.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { OVC_USER } from '../../test/emulators/openvcloud';
import { listSearch, type NodeSpec } from '../../test/harness';
import { FIRST_BENCH_MACHINE } from './emulators/controls';
import { httpRequestNode } from './http-request';
import { DEFAULT_OPTIONS, editorCall, expiresHalfway, getCase, keptTokenWorkflow, PACKAGE, parallelOptions, sized, standardGets, storedOr, workflow } from './kit';
import type { BenchCase, BenchEnv, Suite } from './model';

const NODE = `${PACKAGE}.openVCloud`;
const CREDENTIAL = 'openVCloudApi';
/** The cloud space the emulator's seeded machines are in. */
const CLOUDSPACE = 10;

export function openVCloudSuite(): Suite {
	let machines = 0;

	return {
		name: 'openvcloud',
		async setup({ emulators, quick }) {
			machines = sized({ quick }, 5000, 1000);
			await emulators.call('openvcloud', 'seedMachines', { count: machines });
		},
		cases(env: BenchEnv): BenchCase[] {
			const url = env.emulators.url('openvcloud');
			const password = (): ICredentialDataDecryptedObject => ({ baseUrl: url, authentication: 'password', username: OVC_USER.username, password: OVC_USER.password });
			const jwt = (): ICredentialDataDecryptedObject => ({
				baseUrl: url,
				authentication: 'itsYouOnline',
				clientId: OVC_USER.clientId,
				clientSecret: OVC_USER.clientSecret,
				tokenUrl: `${url}/v1/oauth/access_token`,
				scope: '',
			});
			const credentials = () => ({ [CREDENTIAL]: password() });
			const jwtCredentials = () => ({ [CREDENTIAL]: jwt() });
			const input = (count: number): IDataObject[] => Array.from({ length: count }, (_, index) => ({ id: FIRST_BENCH_MACHINE + index }));
			const node = (parameters: IDataObject): NodeSpec => ({ type: NODE, name: 'OpenvCloud', parameters: parameters as NodeSpec['parameters'], credentials: { [CREDENTIAL]: 'bench' } });
			const machine = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
			const getNode = (options: IDataObject = DEFAULT_OPTIONS) => node({ resource: 'machine', operation: 'get', machineId: machine, options });
			const call = (method: string, body: string) =>
				httpRequestNode({ method: 'POST', url: `${url}/restmachine/cloudapi/${method}`, credentialType: CREDENTIAL, headers: { Accept: 'application/json' }, jsonBody: body });
			const getRequest = call('machines/get', '={{ JSON.stringify({ machineId: $json.id }) }}');
			const listRequest = call('machines/list', JSON.stringify({ cloudspaceId: CLOUDSPACE }));

			const get = getCase(env, { provider: 'openvcloud', name: 'Machine: Get', node: getNode, http: getRequest, input, credentials });
			const expiring = sized(env, 150, 100);
			const expiry = expiresHalfway(expiring);
			const listed = machines + 1;
			const waits = sized(env, 20, 10);
			const stop = (options: IDataObject, label: string): BenchCase => ({
				name: `Machine: Stop and wait, task 0.12 s, poll 0.1 s${label}`,
				latencyMs: 0,
				items: waits,
				maxRepeat: 3,
				warmup: false,
				node: workflow(env, 'openvcloud', node({ resource: 'machine', operation: 'stop', machineId: machine, waitForCompletion: true, pollInterval: 0.1, options }), input(waits), credentials, {
					prepare: async () => await env.emulators.call('openvcloud', 'taskDuration', { ms: 120 }),
				}),
				expect: { node: { items: waits, errors: 0 } },
				note: 'waits have no HTTP Request counterpart; polls per item depend on timing',
			});
			const picker = (warm: boolean) =>
				editorCall(
					env,
					'openvcloud',
					async (store) =>
						(
							await listSearch(
								env.harness,
								{
									type: NODE,
									parameters: { resource: 'machine', operation: 'get' },
									credentials: { [CREDENTIAL]: storedOr(store, `editor-${CREDENTIAL}`, password()) },
								},
								'searchMachines',
								'bench-1',
								undefined,
								store,
							)
						).results.length,
					{ warm },
				);

			return [
				...standardGets(env, get),
				...sized(env, [get(100, 20, parallelOptions(10), ', Items in Parallel 10')], []),
				{
					name: 'Machine: Get, JWT expires halfway',
					latencyMs: 0,
					items: expiring,
					maxRepeat: sized(env, 3, 2),
					node: workflow(env, 'openvcloud', getNode(), input(expiring), jwtCredentials, expiry),
					http: workflow(env, 'openvcloud', getRequest, input(expiring), jwtCredentials, expiry),
					expect: { node: { items: expiring, errors: 0 }, http: { items: expiring, errors: 0 } },
					note: 'JWT (ItsYou.online): an expired session key is answered 419, which n8n\'s HTTP Request node does not renew',
				},
				stop(DEFAULT_OPTIONS, ''),
				stop(parallelOptions(10), ', Items in Parallel 10'),
				{
					name: `Machine: List, Return All (${listed} machines)`,
					latencyMs: 20,
					items: listed,
					node: workflow(env, 'openvcloud', node({ resource: 'machine', operation: 'list', returnAll: true, additionalFields: { cloudspaceId: CLOUDSPACE }, options: DEFAULT_OPTIONS }), [{}], credentials),
					http: workflow(env, 'openvcloud', listRequest, [{}], credentials),
					expect: { node: { items: listed, errors: 0, api: 1, logins: 1 }, http: { items: listed, errors: 0, api: 1, logins: 1 } },
				},
				{
					name: 'Editor: machine picker (warm)',
					latencyMs: 20,
					items: 1,
					node: picker(true),
					http: keptTokenWorkflow(env, 'openvcloud', listRequest, credentials),
					expect: { node: { api: 1, logins: 0 }, http: { api: 1, logins: 0 } },
				},
				// A fresh process per run: minutes in a full run, left out of --quick.
				...sized(
					env,
					[
						{
							name: 'Editor: machine picker (cold)',
							latencyMs: 20,
							items: 1,
							cold: true,
							node: picker(false),
							http: workflow(env, 'openvcloud', listRequest, [{}], credentials),
							expect: { node: { api: 1, logins: 1 }, http: { api: 1, logins: 1 } },
						},
					],
					[],
				),
			];
		},
	};
}
