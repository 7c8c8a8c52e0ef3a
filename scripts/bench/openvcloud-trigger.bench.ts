/**
 * OpenvCloud Trigger: what one poll costs, per event, at 20 ms emulator latency: a poll with nothing new and a poll
 * with K = 10 new, next to one HTTP Request reading the list the event watches. The trigger cases watch account 2
 * (seeded here): cloud space 900 with M = 100 machines, 20 more cloud spaces (N = 21), 50 disks; the openvcloud
 * suite's 5,000 machines are in account 1.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { OVC_USER } from '../../test/emulators/openvcloud';
import { TRIGGER_ACCOUNT, TRIGGER_SPACE, type OpenVCloudHappening } from './emulators/controls';
import { httpRequestNode } from './http-request';
import { keptTokenWorkflow, PACKAGE, triggerPoll } from './kit';
import type { BenchCase, BenchEnv, Suite } from './model';

const TRIGGER = `${PACKAGE}.openVCloudTrigger`;
const CREDENTIAL = 'openVCloudApi';
const K = 10;
const MACHINES = 100;
const SPACES = 20;
const byId = (value: number) => ({ __rl: true, mode: 'id', value: String(value) });
const inSpace = (event: string) => ({ event, scope: 'cloudSpace', cloudspaceId: byId(TRIGGER_SPACE) });
const inAccount = (event: string) => ({ event, scope: 'account', accountId: byId(TRIGGER_ACCOUNT) });

interface TriggerEvent {
	name: string;
	parameters: IDataObject;
	/** What happens between two polls, K times. */
	kind: OpenVCloudHappening;
	/** The Cloud API method and parameters of what the event lists, for the HTTP Request side. */
	reads: [method: string, parameters: IDataObject];
	/** API requests of a poll, the same with nothing new and with K new. */
	requests: number;
}

const EVENTS: TriggerEvent[] = [
	{
		name: `Machine Status Changed (a cloud space of ${MACHINES} machines)`,
		parameters: inSpace('machineStatusChanged'),
		kind: 'machineStatus',
		reads: ['machines/list', { cloudspaceId: TRIGGER_SPACE }],
		requests: 1,
	},
	{
		name: `Machine Created (an account of ${SPACES + 1} cloud spaces)`,
		parameters: inAccount('machineCreated'),
		kind: 'machineCreated',
		reads: ['cloudspaces/list', {}],
		// cloudspaces/list, then machines/list per cloud space of the account (4 at a time).
		requests: 1 + SPACES + 1,
	},
	{
		name: 'Cloud Space Status Changed (an account)',
		parameters: inAccount('cloudSpaceStatusChanged'),
		kind: 'spaceStatus',
		reads: ['cloudspaces/list', {}],
		requests: 1,
	},
	{
		name: 'Disk Created (an account)',
		parameters: inAccount('diskCreated'),
		kind: 'diskCreated',
		reads: ['disks/list', { accountId: TRIGGER_ACCOUNT }],
		requests: 1,
	},
	{
		name: `Snapshot Created (a cloud space of ${MACHINES} machines)`,
		parameters: inSpace('snapshotCreated'),
		kind: 'snapshot',
		reads: ['machines/list', { cloudspaceId: TRIGGER_SPACE }],
		// machines/list, then listSnapshots per machine.
		requests: 1 + MACHINES,
	},
];

export function openVCloudTriggerSuite(): Suite {
	return {
		name: 'openvcloud-trigger',
		async setup({ emulators }) {
			await emulators.call('openvcloud', 'seedTriggerWorld', { machines: MACHINES, spaces: SPACES, disks: 50 });
		},
		cases(env: BenchEnv): BenchCase[] {
			const url = env.emulators.url('openvcloud');
			const password = (): ICredentialDataDecryptedObject => ({ baseUrl: url, authentication: 'password', username: OVC_USER.username, password: OVC_USER.password });
			const credentials = () => ({ [CREDENTIAL]: password() });
			const poll = (event: TriggerEvent, change?: () => Promise<void>) =>
				triggerPoll(env, 'openvcloud', { type: TRIGGER, parameters: event.parameters, credentials: { [CREDENTIAL]: 'bench' } }, credentials, change);
			const read = (event: TriggerEvent) =>
				keptTokenWorkflow(
					env,
					'openvcloud',
					httpRequestNode({
						method: 'POST',
						url: `${url}/restmachine/cloudapi/${event.reads[0]}`,
						credentialType: CREDENTIAL,
						headers: { Accept: 'application/json' },
						jsonBody: JSON.stringify(event.reads[1]),
					}),
					credentials,
				);
			return EVENTS.flatMap((event): BenchCase[] => [
				{
					name: `Trigger: ${event.name}, a poll with nothing new`,
					latencyMs: 20,
					items: 1,
					node: poll(event),
					http: read(event),
					expect: { node: { items: 0, errors: 0, api: event.requests, logins: 0 }, http: { api: 1, logins: 0 } },
					note:
						event === EVENTS[0]
							? 'Trigger polls: the requests of one poll; the HTTP Request side reads once the list the event watches.'
							: event.requests > 1
								? `Not the same work on both sides: the trigger's poll costs ${event.requests} requests by design (${event.reads[0]}, then one list per ${
										event.kind === 'snapshot' ? 'machine' : 'cloud space'
									}, 4 at a time, the same with or without new ones); the HTTP Request side reads ${event.reads[0]} once.`
								: undefined,
				},
				{
					name: `Trigger: ${event.name}, a poll with ${K} new`,
					latencyMs: 20,
					items: 1,
					node: poll(event, async () => await env.emulators.call('openvcloud', 'happen', { kind: event.kind, count: K })),
					http: read(event),
					expect: { node: { items: K, errors: 0, api: event.requests, logins: 0 }, http: { api: 1, logins: 0 } },
				},
			]);
		},
	};
}
