/** Ventus Cloud: cost of running many items through the node, and of token renewal, in time and requests. */
import { VENTUS_DEFAULT_USER, VentusEmulator } from '../../test/emulators/ventus';
import { chain, Harness } from '../../test/harness';
import type { Suite } from './runner';

const ORG = VENTUS_DEFAULT_USER.organizations[0];

export function ventusSuite(): Suite {
	let emulator: VentusEmulator;
	let harness: Harness;
	let ids: string[] = [];

	const credentials = () => ({
		username: VENTUS_DEFAULT_USER.username,
		password: VENTUS_DEFAULT_USER.password,
		organizationId: ORG,
		authUrl: emulator.url,
		apiUrl: emulator.url,
	});
	const getMany = (count: number) =>
		harness.run(
			chain({
				type: 'n8n-nodes-eurocloud.ventusCloud',
				name: 'Ventus Cloud',
				parameters: { resource: 'project', operation: 'get', region: 'vienna', projectId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
				credentials: { ventusCloudApi: 'bench' },
			}),
			{ input: ids.slice(0, count).map((id) => ({ id })), credentials: { ventusCloudApi: credentials() } },
		);
	const tallies = (items: number) => ({
		items,
		tokenRequests: emulator.tokenRequests.length,
		apiRequests: emulator.apiRequests.length,
	});
	const measured = (count: number, expireEvery?: number) => async () => {
		emulator.requests.length = 0;
		emulator.clearFaults();
		if (expireEvery) {
			for (let at = expireEvery; at < count; at += expireEvery) {
				emulator.afterRequests('GET', '/v1.0/*', at, () => emulator.clock.advance(emulator.tokenLifetimeSeconds + 1));
			}
		}
		const run = await getMany(count);
		const items = run.items('Ventus Cloud').filter((item) => !item.json.error).length;
		return { tallies: tallies(items) };
	};

	return {
		name: 'ventus',
		async setup() {
			emulator = await new VentusEmulator().start();
			harness = await Harness.load();
			ids = Array.from({ length: 500 }, (_, index) => emulator.addProject(ORG, 'vienna', `p${index}`).id);
		},
		async teardown() {
			await emulator.stop();
		},
		cases: [
			{ name: 'Project: Get x 1', run: measured(1) },
			{ name: 'Project: Get x 50', run: measured(50) },
			{ name: 'Project: Get x 500', run: measured(500), repeat: 3 },
			{ name: 'Project: Get x 200, tokens expire every 50 calls', run: measured(200, 50), repeat: 3 },
		],
	};
}
