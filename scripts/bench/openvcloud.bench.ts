/**
 * OpenvCloud: cost of many items, of session key and JWT renewal, and of waiting for long-running calls
 * (task polls per item), in time and requests. Task durations sit well between poll times so the tallies
 * are the same on every repetition.
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { OpenVCloudEmulator, OVC_USER } from '../../test/emulators/openvcloud';
import { chain, Harness } from '../../test/harness';
import type { BenchCase, Suite } from './runner';

type Auth = 'password' | 'itsYouOnline' | 'itsYouOnlineRefreshable';

export function openVCloudSuite(): Suite {
	let emulator: OpenVCloudEmulator;
	let harness: Harness;

	const credentials = (auth: Auth): ICredentialDataDecryptedObject =>
		auth === 'password'
			? { baseUrl: emulator.url, authentication: 'password', username: OVC_USER.username, password: OVC_USER.password }
			: {
					baseUrl: emulator.url,
					authentication: 'itsYouOnline',
					clientId: OVC_USER.clientId,
					clientSecret: OVC_USER.clientSecret,
					tokenUrl: `${emulator.url}/v1/oauth/access_token`,
					scope: auth === 'itsYouOnlineRefreshable' ? 'offline_access' : '',
				};

	const run = (parameters: INodeParameters, count: number, auth: Auth) =>
		harness.run(
			chain({ type: 'n8n-nodes-eurocloud.openVCloud', name: 'OpenvCloud', parameters, credentials: { openVCloudApi: 'bench' } }),
			{ input: Array.from({ length: count }, () => ({ id: 20 })), credentials: { openVCloudApi: credentials(auth) } },
		);

	const tallies = (items: number) => ({
		items,
		logins: emulator.logins.length,
		jwtFetches: emulator.tokenRequests.length,
		jwtRefreshes: emulator.refreshRequests.length,
		apiRequests: emulator.apiRequests.length,
		taskPolls: emulator.requestsTo('POST', '/restmachine/system/task/get').length,
	});

	const measured =
		(parameters: INodeParameters, count: number, options: { auth?: Auth; expireEvery?: number; taskMs?: number } = {}) =>
		async () => {
			emulator.reset();
			emulator.state.seedWorkload();
			if (options.taskMs !== undefined) emulator.taskDurationMs = options.taskMs;
			const auth = options.auth ?? 'password';
			const lifetime = auth === 'password' ? emulator.sessionLifetimeSeconds : emulator.jwtLifetimeSeconds;
			for (let at = options.expireEvery ?? count; at < count; at += options.expireEvery!) {
				emulator.afterRequests('POST', '/restmachine/cloudapi/*', at, () => emulator.clock.advance(lifetime + 1));
			}
			const result = await run(parameters, count, auth);
			const items = result.items('OpenvCloud').filter((item) => !item.json.error).length;
			return { tallies: tallies(items) };
		};

	const getMachine = { resource: 'machine', operation: 'get', machineId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } };
	const stop = (extra: INodeParameters) => ({ ...getMachine, operation: 'stop', ...extra });

	const cases: BenchCase[] = [
		{ name: 'Machine: Get x 1', run: measured(getMachine, 1) },
		{ name: 'Machine: Get x 50', run: measured(getMachine, 50) },
		{ name: 'Machine: Get x 500', run: measured(getMachine, 500), repeat: 3 },
		{ name: 'Get x 200, session key expires every 50 calls', run: measured(getMachine, 200, { expireEvery: 50 }), repeat: 3 },
		{ name: 'Get x 200, JWT expires every 50 calls', run: measured(getMachine, 200, { auth: 'itsYouOnline', expireEvery: 50 }), repeat: 3 },
		{
			name: 'Get x 200, refreshable JWT expires every 50',
			run: measured(getMachine, 200, { auth: 'itsYouOnlineRefreshable', expireEvery: 50 }),
			repeat: 3,
		},
		// Poll interval 0.2 s: checks 0.05 s, 0.15 s, 0.35 s, then every 0.2 s after the task started.
		{ name: 'Stop x 1, task 0.1 s, poll 0.2 s', run: measured(stop({ pollInterval: 0.2 }), 1, { taskMs: 100 }) },
		{ name: 'Stop x 1, task 1 s, poll 0.2 s', run: measured(stop({ pollInterval: 0.2 }), 1, { taskMs: 1000 }), repeat: 3 },
		{ name: 'Stop x 20, task 0.12 s, poll 0.1 s (waits)', run: measured(stop({ pollInterval: 0.1 }), 20, { taskMs: 120 }), repeat: 3 },
		{
			name: 'Stop x 20, task 0.12 s, poll 0.1 s, 5 in parallel',
			run: measured(stop({ pollInterval: 0.1, options: { parallelItems: 5 } }), 20, { taskMs: 120 }),
			repeat: 3,
		},
		{ name: 'Machine: Get x 500, 10 in parallel', run: measured({ ...getMachine, options: { parallelItems: 10 } }, 500), repeat: 3 },
		{
			name: 'Stop x 20, Return Task ID (no wait)',
			run: measured(stop({ waitForCompletion: false, returnTaskId: true }), 20, { taskMs: 120 }),
		},
		{ name: 'Stop x 20, synchronous call', run: measured(stop({ waitForCompletion: false }), 20) },
	];

	return {
		name: 'openvcloud',
		async setup() {
			emulator = await new OpenVCloudEmulator().start();
			harness = await Harness.load();
		},
		async teardown() {
			await emulator.stop();
		},
		cases,
	};
}
