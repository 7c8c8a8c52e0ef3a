/**
 * The OpenvCloud emulator seeded as a small but believable G8, and the credential that points at it.
 *
 * Account "acme" at location be-g8-3, with the public external network, four public images and the
 * sizes S / M / L. Two deployed cloud spaces: "production" (id 10: web-1, web-2, db-1, all running, and a
 * port forward to web-1) and "staging" (id 11: staging-web running, staging-db halted). Tasks take a little
 * over a second and a new cloud space three seconds to deploy, so Wait for Completion is seen waiting.
 *
 * The credential uses the ItsYou.online API key mode, the credential's default and how G8 users usually
 * sign in: the JWT is fetched from the emulator's own token URL, so a run goes through the whole
 * sign-in (client credentials, `response_type=id_token`, `offline_access` for refreshable JWTs).
 */
import type { ProviderFixture } from './fixtures';
import { OpenVCloudEmulator, OVC_USER } from './openvcloud';
import type { G8State, Machine } from './openvcloud/state';

/** How long a task (`_async`) runs, and how long a new cloud space takes to deploy. */
const TASK_MS = 1200;
const DEPLOY_MS = 3000;

interface SeedMachine {
	id: number;
	cloudspaceid: number;
	name: string;
	description: string;
	status: string;
	size: { id: number; memory: number; vcpus: number };
	imageid: number;
	ipAddress: string;
	/** Boot disk size, then data disks, in GB; disk ids follow from `firstDiskId`. */
	disks: number[];
	firstDiskId: number;
	snapshots?: Machine['snapshots'];
}

const SIZE_S = { id: 1, memory: 1024, vcpus: 1 };
const SIZE_M = { id: 2, memory: 2048, vcpus: 2 };
const SIZE_L = { id: 3, memory: 4096, vcpus: 4 };

function addMachine(state: G8State, seed: SeedMachine) {
	const diskIds = seed.disks.map((size, index) => {
		const id = seed.firstDiskId + index;
		state.disks.set(id, {
			id,
			accountId: 1,
			gid: 561,
			name: index === 0 ? `${seed.name} boot` : `${seed.name} data`,
			descr: index === 0 ? `boot disk of ${seed.name}` : `data disk of ${seed.name}`,
			sizeMax: size,
			type: index === 0 ? 'B' : 'D',
			iops: 2000,
			ssdSize: 0,
			machineId: seed.id,
			status: 'ASSIGNED',
		});
		return id;
	});
	state.machines.set(seed.id, {
		id: seed.id,
		cloudspaceid: seed.cloudspaceid,
		name: seed.name,
		description: seed.description,
		status: seed.status,
		sizeid: seed.size.id,
		memory: seed.size.memory,
		vcpus: seed.size.vcpus,
		imageid: seed.imageid,
		disks: diskIds,
		externalNetworks: [],
		snapshots: seed.snapshots ?? [],
		acl: [{ userId: OVC_USER.username, right: 'ARCXDU' }],
		history: seed.status === 'HALTED' ? ['Created', 'Started', 'Stopped'] : ['Created', 'Started'],
		ipAddress: seed.ipAddress,
	});
}

/** The demo G8: what `npm run dev` shows and the example workflows run against. */
export function seedDemoG8(state: G8State) {
	// Cloud space 10 "production" with web-1 (machine 20, disks 30 and 31), a spare disk, a port forward
	// 8080 -> web-1:80 and the account's own image "acme golden image".
	state.seedWorkload();
	state.images.set(4, { id: 4, name: 'Ubuntu 22.04', type: 'Linux', status: 'CREATED', accountId: 0, size: 10 });
	state.images.set(5, { id: 5, name: 'Debian 12', type: 'Linux', status: 'CREATED', accountId: 0, size: 10 });

	addMachine(state, {
		id: 21,
		cloudspaceid: 10,
		name: 'web-2',
		description: 'web server',
		status: 'RUNNING',
		size: SIZE_M,
		imageid: 4,
		ipAddress: '192.168.103.21',
		disks: [20],
		firstDiskId: 50,
	});
	addMachine(state, {
		id: 22,
		cloudspaceid: 10,
		name: 'db-1',
		description: 'PostgreSQL primary',
		status: 'RUNNING',
		size: SIZE_L,
		imageid: 5,
		ipAddress: '192.168.103.22',
		disks: [20, 200],
		firstDiskId: 52,
		snapshots: [{ name: 'before-pg16-upgrade', epoch: 1717200000, diskguid: 'd-52' }],
	});

	state.cloudspaces.set(11, {
		id: 11,
		accountId: 1,
		name: 'staging',
		location: 'be-g8-3',
		status: 'DEPLOYED',
		externalnetworkip: '185.15.201.11',
		externalnetworkId: 1,
		privatenetwork: '192.168.104.0/24',
		type: 'routeros',
		allowedVMSizes: [1, 2],
		acl: [{ userId: OVC_USER.username, right: 'ARCXDU' }],
		limits: { maxMemoryCapacity: 8, maxCPUCapacity: 4 },
	});
	addMachine(state, {
		id: 23,
		cloudspaceid: 11,
		name: 'staging-web',
		description: 'web server (staging)',
		status: 'RUNNING',
		size: SIZE_S,
		imageid: 4,
		ipAddress: '192.168.104.10',
		disks: [20],
		firstDiskId: 60,
	});
	addMachine(state, {
		id: 24,
		cloudspaceid: 11,
		name: 'staging-db',
		description: 'database (staging)',
		status: 'HALTED',
		size: SIZE_M,
		imageid: 5,
		ipAddress: '192.168.104.11',
		disks: [20, 50],
		firstDiskId: 62,
	});
}

export async function startOpenvcloudFixture(port = 0): Promise<ProviderFixture> {
	const emulator = await new OpenVCloudEmulator({ taskDurationMs: TASK_MS, cloudspaceDeployMs: DEPLOY_MS }).start(port);
	seedDemoG8(emulator.state);
	return {
		provider: 'openvcloud',
		url: emulator.url,
		credentials: [
			{
				id: 'openvcloudEmul01',
				name: 'OpenvCloud (emulator)',
				type: 'openVCloudApi',
				data: {
					baseUrl: emulator.url,
					authentication: 'itsYouOnline',
					clientId: OVC_USER.clientId,
					clientSecret: OVC_USER.clientSecret,
					tokenUrl: `${emulator.url}/v1/oauth/access_token`,
					scope: 'offline_access',
					validity: 0,
				},
			},
		],
		stop: async () => await emulator.stop(),
	};
}
