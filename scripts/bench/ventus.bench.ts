/**
 * Ventus Cloud: project Get at scale and latency, token expiry mid-run, the project list, the project picker,
 * and the trigger's poll (nothing new, and K new projects) next to one HTTP Request for the same list.
 */
import type { IDataObject } from 'n8n-workflow';

import { VENTUS_DEFAULT_USER } from '../../test/emulators/ventus';
import { listSearch, type NodeSpec } from '../../test/harness';
import { httpRequestNode } from './http-request';
import { DEFAULT_OPTIONS, editorCall, expiresHalfway, getCase, keptTokenWorkflow, PACKAGE, sized, standardGets, storedOr, triggerPoll, workflow } from './kit';
import type { BenchCase, BenchEnv, Suite } from './model';

const NODE = `${PACKAGE}.ventusCloud`;
const TRIGGER = `${PACKAGE}.ventusCloudTrigger`;
const CREDENTIAL = 'ventusCloudApi';
const ORG = VENTUS_DEFAULT_USER.organizations[0];

export function ventusSuite(): Suite {
	let ids: string[] = [];

	return {
		name: 'ventus',
		async setup({ emulators, quick }) {
			ids = await emulators.call('ventus', 'seedProjects', { count: sized({ quick }, 5000, 1000) });
		},
		cases(env: BenchEnv): BenchCase[] {
			const url = env.emulators.url('ventus');
			const data = () => ({ username: VENTUS_DEFAULT_USER.username, password: VENTUS_DEFAULT_USER.password, organizationId: ORG, authUrl: url, apiUrl: url });
			const credentials = () => ({ [CREDENTIAL]: data() });
			const input = (count: number): IDataObject[] => ids.slice(0, count).map((id) => ({ id }));
			const node = (parameters: IDataObject): NodeSpec => ({ type: NODE, name: 'Ventus Cloud', parameters: parameters as NodeSpec['parameters'], credentials: { [CREDENTIAL]: 'bench' } });
			const getNode = (options: IDataObject = DEFAULT_OPTIONS) =>
				node({ resource: 'project', operation: 'get', region: 'vienna', projectId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, options });
			const getRequest = httpRequestNode({ method: 'GET', url: `=${url}/v1.0/invoke/gotham-vienna-identity/method/projects/{{ $json.id }}`, credentialType: CREDENTIAL });
			const listRequest = httpRequestNode({ method: 'GET', url: `${url}/v1.0/invoke/gotham-enterprises/method/orgs/${ORG}/projects`, credentialType: CREDENTIAL });

			const get = getCase(env, { provider: 'ventus', name: 'Project: Get', node: getNode, http: getRequest, input, credentials });
			const expiring = sized(env, 150, 100);
			const expiry = expiresHalfway(expiring);
			const picker = (warm: boolean) =>
				editorCall(
					env,
					'ventus',
					async (store) =>
						(
							await listSearch(
								env.harness,
								{
									type: NODE,
									parameters: { resource: 'project', operation: 'get', region: 'vienna' },
									credentials: { [CREDENTIAL]: storedOr(store, `editor-${CREDENTIAL}`, data()) },
								},
								'searchProjects',
								'bench-1',
								undefined,
								store,
							)
						).results.length,
					{ warm },
				);

			const created = 100;
			const poll = (change?: () => Promise<void>) =>
				triggerPoll(env, 'ventus', { type: TRIGGER, parameters: { event: 'projectCreated' }, credentials: { [CREDENTIAL]: 'bench' } }, credentials, change);
			const triggerCase = (name: string, emitted: number, change?: () => Promise<void>): BenchCase => ({
				name: `Trigger: Project Created, ${name} (list of ${ids.length + emitted} projects)`,
				latencyMs: 20,
				items: 1,
				node: poll(change),
				http: keptTokenWorkflow(env, 'ventus', listRequest, credentials),
				expect: { node: { items: emitted, errors: 0, api: 1, logins: 0 }, http: { api: 1, logins: 0 } },
				note: 'Trigger polls: one request for the whole project list whatever changed; the HTTP Request side reads the same list once.',
			});

			return [
				...standardGets(env, get),
				{
					name: 'Project: Get, token expires halfway',
					latencyMs: 0,
					items: expiring,
					maxRepeat: sized(env, 3, 2),
					node: workflow(env, 'ventus', getNode(), input(expiring), credentials, expiry),
					http: workflow(env, 'ventus', getRequest, input(expiring), credentials, expiry),
					expect: { node: { items: expiring, errors: 0 }, http: { items: expiring, errors: 0 } },
				},
				{
					name: `Project: List, Return All (${ids.length} projects)`,
					latencyMs: 20,
					items: ids.length,
					node: workflow(env, 'ventus', node({ resource: 'project', operation: 'list', returnAll: true, options: DEFAULT_OPTIONS }), [{}], credentials),
					http: workflow(env, 'ventus', listRequest, [{}], credentials),
					expect: { node: { items: ids.length, errors: 0, api: 1, logins: 1 }, http: { items: ids.length, errors: 0, api: 1, logins: 1 } },
				},
				{
					name: 'Editor: project picker (warm)',
					latencyMs: 20,
					items: 1,
					node: picker(true),
					http: keptTokenWorkflow(env, 'ventus', listRequest, credentials),
					expect: { node: { api: 1, logins: 0 }, http: { api: 1, logins: 0 } },
				},
				// A fresh process per run: minutes in a full run, left out of --quick.
				...sized(
					env,
					[
						{
							name: 'Editor: project picker (cold)',
							latencyMs: 20,
							items: 1,
							cold: true,
							node: picker(false),
							http: workflow(env, 'ventus', listRequest, [{}], credentials),
							expect: { node: { api: 1, logins: 1 }, http: { api: 1, logins: 1 } },
						},
					],
					[],
				),
				// Last: they add projects the cases above do not expect.
				triggerCase('a poll with nothing new', 0),
				triggerCase(`a poll with ${created} new`, created, async () => await env.emulators.call('ventus', 'churnProjects', { count: created })),
			];
		},
	};
}
