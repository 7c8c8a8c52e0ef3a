/** What the emulated G8 holds: users, accounts, cloud spaces, machines, disks, port forwards, images... */

export interface G8User {
	username: string;
	password: string;
	/** An ItsYou.online API key whose JWTs log in as this user. */
	clientId: string;
	clientSecret: string;
	admin?: boolean;
	data?: string;
}

export interface Account {
	id: number;
	name: string;
	status: string;
	/** Usernames with access; others get 403. */
	acl: Array<{ userId: string; right: string }>;
	limits: Record<string, number>;
	sendAccessEmails?: boolean;
}

export interface CloudSpace {
	id: number;
	accountId: number;
	name: string;
	location: string;
	status: string;
	externalnetworkip: string;
	externalnetworkId: number;
	privatenetwork: string;
	type: string;
	allowedVMSizes: number[];
	acl: Array<{ userId: string; right: string }>;
	limits: Record<string, number>;
	deleted?: boolean;
	/** Newer G8s: the network mode given at creation. */
	mode?: string;
	/** Newer G8s: the default gateway machines route through (set by setDefaultGateway). */
	defaultGateway?: string;
	/** Newer G8s: IPsec tunnels of the cloud space's router. */
	tunnels?: IpsecTunnel[];
	/** Unix seconds; cloud spaces seeded without them count as created and changed at SEED_TIME. */
	creationTime?: number;
	updateTime?: number;
}

export interface IpsecTunnel {
	remoteAddr: string;
	remoteprivatenetwork: string;
	psk: string;
}

export interface Snapshot {
	name: string;
	epoch: number;
	diskguid: string;
}

export interface Machine {
	id: number;
	cloudspaceid: number;
	name: string;
	description: string;
	status: string;
	sizeid?: number;
	memory: number;
	vcpus: number;
	imageid: number;
	disks: number[];
	externalNetworks: number[];
	snapshots: Snapshot[];
	acl: Array<{ userId: string; right: string }>;
	history: string[];
	ipAddress: string;
	/** Unix seconds; machines seeded without them count as created and changed at SEED_TIME. */
	creationTime?: number;
	updateTime?: number;
}

/** When seeded objects were created, as far as the emulated G8 tells. */
export const SEED_TIME = 1_700_000_000;

/** The hypervisor's name of a machine (its reference ID), fixed per machine ID. */
export const referenceIdOf = (machineId: number) => `vm-${machineId.toString(16).padStart(8, '0')}-kvm`;

export interface Disk {
	id: number;
	accountId: number;
	gid: number;
	name: string;
	descr: string;
	sizeMax: number;
	type: string;
	iops: number;
	ssdSize: number;
	machineId?: number;
	status: string;
	limits?: Record<string, number>;
	/** Newer G8s: the disk is exposed as a network block device through a cloud space. */
	exposed?: { cloudspaceId: number; iops: number };
}

export interface PortForward {
	id: number;
	cloudspaceId: number;
	publicIp: string;
	publicPort: number;
	machineId: number;
	localIp: string;
	localPort: number;
	protocol: string;
}

export interface Image {
	id: number;
	name: string;
	type: string;
	status: string;
	accountId: number;
	size: number;
}

export interface DiskType {
	id: string;
	description: string;
	vpool?: string;
	cacheratio?: number;
	snapshotable: boolean | string;
}

export const LOCATIONS = [{ id: 1, gid: 561, locationCode: 'be-g8-3', name: 'be-g8-3', flag: 'green' }];

export const SIZES = [
	{ id: 1, name: 'S', memory: 1024, vcpus: 1, disks: [10, 20] },
	{ id: 2, name: 'M', memory: 2048, vcpus: 2, disks: [20, 50] },
	{ id: 3, name: 'L', memory: 4096, vcpus: 4, disks: [50, 100] },
];

export const EXTERNAL_NETWORKS = [
	{ id: 1, name: 'public', network: '185.15.201.0/24', gateway: '185.15.201.1', subnetmask: '255.255.255.0', dhcp: false, accountId: 0 },
	{ id: 2, name: 'acme-dedicated', network: '185.15.202.0/28', gateway: '185.15.202.1', subnetmask: '255.255.255.240', dhcp: false, accountId: 1 },
];

export class G8State {
	private next = 100;

	accounts = new Map<number, Account>();

	cloudspaces = new Map<number, CloudSpace>();

	machines = new Map<number, Machine>();

	disks = new Map<number, Disk>();

	portforwards = new Map<number, PortForward>();

	images = new Map<number, Image>();

	diskTypes = new Map<string, DiskType>();

	/** What happened, in order ("cloudspace 101 DEPLOYED", "call machines/create"...), for tests to read. */
	events: string[] = [];

	constructor(readonly users: G8User[]) {
		this.accounts.set(1, {
			id: 1,
			name: 'acme',
			status: 'CONFIRMED',
			acl: users.filter((user) => user.username !== 'viewer').map((user) => ({ userId: user.username, right: 'ARCXDU' })),
			limits: {},
		});
		this.images.set(1, { id: 1, name: 'Ubuntu 20.04', type: 'Linux', status: 'CREATED', accountId: 0, size: 10 });
		this.images.set(2, { id: 2, name: 'Windows 2019', type: 'Windows', status: 'CREATED', accountId: 0, size: 50 });
		this.diskTypes.set('B', { id: 'B', description: 'Boot disk', snapshotable: true });
		this.diskTypes.set('D', { id: 'D', description: 'Data disk', snapshotable: true });
	}

	id(): number {
		return this.next++;
	}

	/** A ready workload: cloud space 10 (deployed) with machine 20 (running, boot disk 30 and data disk 31), a port forward 40. */
	seedWorkload() {
		this.cloudspaces.set(10, {
			id: 10,
			accountId: 1,
			name: 'production',
			location: 'be-g8-3',
			status: 'DEPLOYED',
			externalnetworkip: '185.15.201.10',
			externalnetworkId: 1,
			privatenetwork: '192.168.103.0/24',
			type: 'routeros',
			allowedVMSizes: [],
			acl: [{ userId: 'ops', right: 'ARCXDU' }],
			limits: {},
		});
		this.disks.set(30, { id: 30, accountId: 1, gid: 561, name: 'boot', descr: 'boot disk', sizeMax: 20, type: 'B', iops: 2000, ssdSize: 0, machineId: 20, status: 'ASSIGNED' });
		this.disks.set(31, { id: 31, accountId: 1, gid: 561, name: 'data', descr: 'data disk', sizeMax: 50, type: 'D', iops: 2000, ssdSize: 0, machineId: 20, status: 'ASSIGNED' });
		this.disks.set(32, { id: 32, accountId: 1, gid: 561, name: 'spare', descr: 'not attached', sizeMax: 10, type: 'D', iops: 2000, ssdSize: 0, status: 'CREATED' });
		this.machines.set(20, {
			id: 20,
			cloudspaceid: 10,
			name: 'web-1',
			description: 'web server',
			status: 'RUNNING',
			sizeid: 2,
			memory: 2048,
			vcpus: 2,
			imageid: 1,
			disks: [30, 31],
			externalNetworks: [],
			snapshots: [{ name: 'before-upgrade', epoch: 1700000000, diskguid: 'd-30' }],
			acl: [{ userId: 'ops', right: 'ARCXDU' }],
			history: ['Created', 'Started'],
			ipAddress: '192.168.103.20',
		});
		this.portforwards.set(40, {
			id: 40,
			cloudspaceId: 10,
			publicIp: '185.15.201.10',
			publicPort: 8080,
			machineId: 20,
			localIp: '192.168.103.20',
			localPort: 80,
			protocol: 'tcp',
		});
		this.images.set(3, { id: 3, name: 'acme golden image', type: 'Linux', status: 'CREATED', accountId: 1, size: 20 });
	}
}
