/**
 * Cloutility: cost of many items, of token renewal (refresh grant, or password grant when refresh is refused),
 * of paging through audit logs, and of creating backup nodes, in time and requests.
 */
import { CLOUTILITY_CLIENT, CLOUTILITY_USER, CloutilityEmulator } from '../../test/emulators/cloutility';
import { chain, Harness } from '../../test/harness';
import type { INodeParameters } from 'n8n-workflow';
import type { Suite } from './runner';

const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export function cloutilitySuite(): Suite {
	let emulator: CloutilityEmulator;
	let harness: Harness;

	const credentials = () => ({
		baseUrl: emulator.url,
		clientId: CLOUTILITY_CLIENT.clientId,
		origin: CLOUTILITY_CLIENT.origin,
		username: CLOUTILITY_USER.username,
		password: CLOUTILITY_USER.password,
	});
	const run = (parameters: INodeParameters, input: Array<Record<string, unknown>> = [{}]) =>
		harness.run(chain({ type: 'n8n-nodes-eurocloud.cloutility', name: 'Cloutility', parameters, credentials: { cloutilityApi: 'bench' } }), {
			input: input as never,
			credentials: { cloutilityApi: credentials() },
		});
	const tallies = (items: number) => ({
		items,
		passwordGrants: emulator.passwordGrants.length,
		refreshGrants: emulator.refreshGrants.length,
		apiRequests: emulator.apiRequests.length,
	});
	const fresh = () => {
		emulator.reset();
		emulator.clients[0].allowRefresh = true;
	};
	const succeeded = (items: Array<{ json: Record<string, unknown> }>) => items.filter((item) => !item.json.error).length;

	const getMany = (count: number, options: { expireEvery?: number; refuseRefresh?: boolean } = {}) => async () => {
		fresh();
		if (options.expireEvery) {
			for (let at = options.expireEvery; at < count; at += options.expireEvery) {
				emulator.afterRequests('GET', '/v1/bunits/:bunitId/consumers/:consumerId', at, () => {
					if (options.refuseRefresh) emulator.revokeRefreshTokens();
					emulator.advanceClock(emulator.tokenLifetimeSeconds + 1);
				});
			}
		}
		const ids = [408, 409, 411];
		const result = await run(
			{ resource: 'consumptionUnit', operation: 'get', bunitId: byId(76), consumerId: byId('={{ $json.id }}') },
			Array.from({ length: count }, (_, index) => ({ id: ids[index % ids.length] })),
		);
		return { tallies: tallies(succeeded(result.items('Cloutility'))) };
	};

	const auditLogs = (entries: number, limit?: number) => async () => {
		fresh();
		emulator.world.auditLogs.length = 0;
		emulator.world.seedAuditLogs(76, 408, entries);
		const paging = limit === undefined ? { returnAll: true } : { returnAll: false, limit };
		const result = await run({ resource: 'auditLog', operation: 'getManyForConsumptionUnit', bunitId: byId(76), consumerId: byId(408), ...paging });
		return { tallies: tallies(succeeded(result.items('Cloutility'))) };
	};

	const createNodes = (count: number) => async () => {
		fresh();
		const created = await run(
			{ resource: 'consumptionUnit', operation: 'create', bunitId: byId(94), name: '={{ $json.name }}' },
			Array.from({ length: count }, (_, index) => ({ name: `bench-${index}` })),
		);
		const ids = created.json('Cloutility').map((unit) => ({ id: unit.id }));
		emulator.requests.length = 0;
		const result = await run(
			{
				resource: 'backupNode',
				operation: 'create',
				bunitId: byId(94),
				consumerId: byId('={{ $json.id }}'),
				operatingSystem: byId(2),
				type: byId(1),
				domain: byId(11),
				clientOptionSet: byId(22),
			},
			ids,
		);
		return { tallies: tallies(succeeded(result.items('Cloutility'))) };
	};

	return {
		name: 'cloutility',
		async setup() {
			emulator = await new CloutilityEmulator().start();
			harness = await Harness.load();
		},
		async teardown() {
			await emulator.stop();
		},
		cases: [
			{ name: 'Consumption Unit: Get x 1', run: getMany(1) },
			{ name: 'Consumption Unit: Get x 50', run: getMany(50) },
			{ name: 'Consumption Unit: Get x 500', run: getMany(500), repeat: 3 },
			{ name: 'Get x 200, token expires every 50 calls (refresh grant)', run: getMany(200, { expireEvery: 50 }), repeat: 3 },
			{ name: 'Get x 200, token expires every 50 calls, refresh refused', run: getMany(200, { expireEvery: 50, refuseRefresh: true }), repeat: 3 },
			{ name: 'Audit Log: Return All over 1,050 entries', run: auditLogs(1050), repeat: 3 },
			{ name: 'Audit Log: Limit 250 of 1,050 entries', run: auditLogs(1050, 250) },
			{ name: 'Backup Node: Create x 50', run: createNodes(50), repeat: 3 },
		],
	};
}
