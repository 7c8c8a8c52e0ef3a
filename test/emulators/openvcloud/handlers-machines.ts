/** machines/* of the emulated G8. */
import { aclHandlers, cloudspace, disk, given, int, machine, str, type CallContext, type MethodHandler } from './context';
import { ApiFault } from './params';
import { EXTERNAL_NETWORKS, referenceIdOf, SEED_TIME, SIZES, type Disk, type Machine } from './state';

function machineView(ctx: CallContext, found: Machine) {
	const disks = found.disks.map((id) => ctx.state.disks.get(id)).filter((entry): entry is Disk => Boolean(entry));
	return {
		id: found.id,
		cloudspaceid: found.cloudspaceid,
		name: found.name,
		description: found.description,
		status: found.status,
		sizeid: found.sizeid,
		memory: found.memory,
		vcpus: found.vcpus,
		imageid: found.imageid,
		disks: disks.map((entry) => ({ id: entry.id, name: entry.name, type: entry.type, sizeMax: entry.sizeMax })),
		interfaces: [{ ipAddress: found.ipAddress, type: 'bridge' }],
		acl: found.acl,
		referenceId: referenceIdOf(found.id),
		creationTime: found.creationTime ?? SEED_TIME,
		updateTime: found.updateTime ?? found.creationTime ?? SEED_TIME,
	};
}

/** A machine as machines/list shows it. */
function listed(found: Machine) {
	return {
		id: found.id,
		name: found.name,
		status: found.status,
		cloudspaceId: found.cloudspaceid,
		memory: found.memory,
		vcpus: found.vcpus,
		referenceId: referenceIdOf(found.id),
		creationTime: found.creationTime ?? SEED_TIME,
		updateTime: found.updateTime ?? found.creationTime ?? SEED_TIME,
	};
}

/** A new status, with the time it changed. */
export function setStatus(ctx: CallContext, found: Machine, status: string) {
	found.status = status;
	found.updateTime = ctx.g8.now();
}

/** Memory and vCPUs from a size, or as given. */
function resources(ctx: CallContext): { sizeid?: number; memory: number; vcpus: number } {
	if (given(ctx, 'sizeId')) {
		const size = SIZES.find((candidate) => candidate.id === int(ctx, 'sizeId'));
		if (!size) throw new ApiFault(404, `Size with id ${int(ctx, 'sizeId')} not found`);
		return { sizeid: size.id, memory: size.memory, vcpus: size.vcpus };
	}
	if (given(ctx, 'memory') && given(ctx, 'vcpus')) return { memory: int(ctx, 'memory'), vcpus: int(ctx, 'vcpus') };
	throw new ApiFault(400, 'Either sizeId or memory and vcpus must be given');
}

function newDisk(ctx: CallContext, accountId: number, fields: Partial<Disk>): Disk {
	const created: Disk = {
		id: ctx.state.id(),
		accountId,
		gid: 561,
		name: 'disk',
		descr: '',
		sizeMax: 10,
		type: 'D',
		iops: 2000,
		ssdSize: 0,
		status: 'CREATED',
		...fields,
	};
	ctx.state.disks.set(created.id, created);
	return created;
}

function accountOf(ctx: CallContext, found: Machine): number {
	return cloudspace(ctx, found.cloudspaceid).accountId;
}

function createMachine(
	ctx: CallContext,
	cloudspaceId: number,
	name: string,
	sized: { sizeid?: number; memory: number; vcpus: number } = resources(ctx),
): Machine {
	const space = cloudspace(ctx, cloudspaceId);
	if ([...ctx.state.machines.values()].some((other) => other.cloudspaceid === space.id && other.name === name && other.status !== 'DELETED')) {
		throw new ApiFault(409, `Machine with name ${name} already exists`);
	}
	const id = ctx.state.id();
	const created: Machine = {
		id,
		cloudspaceid: space.id,
		name,
		description: given(ctx, 'description') ? str(ctx, 'description') : '',
		status: 'RUNNING',
		...sized,
		imageid: 1,
		disks: [],
		externalNetworks: [],
		snapshots: [],
		acl: [],
		history: ['Created', 'Started'],
		ipAddress: `192.168.103.${id % 250}`,
		creationTime: ctx.g8.now(),
	};
	ctx.state.machines.set(id, created);
	ctx.state.events.push(`machine ${id} created in cloudspace ${space.id} (${space.status})`);
	return created;
}

const power = (status: string, from?: string[]) => (ctx: CallContext) => {
	const found = machine(ctx, int(ctx, 'machineId'));
	if (from && !from.includes(found.status)) throw new ApiFault(409, `Machine is ${found.status}`);
	setStatus(ctx, found, status);
	found.history.push(status);
	return true;
};

function snapshotOf(ctx: CallContext, found: Machine) {
	const snapshot = found.snapshots.find(
		(candidate) => (given(ctx, 'epoch') && candidate.epoch === int(ctx, 'epoch')) || (given(ctx, 'name') && candidate.name === str(ctx, 'name')),
	);
	if (!snapshot) throw new ApiFault(404, 'Snapshot not found');
	return snapshot;
}

export const machineHandlers: Record<string, MethodHandler> = {
	create(ctx) {
		const image = ctx.state.images.get(int(ctx, 'imageId'));
		if (!image || image.status !== 'CREATED') throw new ApiFault(404, `Image with id ${int(ctx, 'imageId')} not found`);
		const created = createMachine(ctx, int(ctx, 'cloudspaceId'), str(ctx, 'name'));
		created.imageid = image.id;
		const accountId = accountOf(ctx, created);
		const boot = newDisk(ctx, accountId, { name: 'bootdisk', type: 'B', sizeMax: int(ctx, 'disksize'), machineId: created.id, status: 'ASSIGNED' });
		const data = ((ctx.params.datadisks as number[] | undefined) ?? []).map((size, index) =>
			newDisk(ctx, accountId, { name: `data${index + 1}`, sizeMax: size, machineId: created.id, status: 'ASSIGNED' }),
		);
		created.disks = [boot.id, ...data.map((entry) => entry.id)];
		return created.id;
	},
	list: (ctx) =>
		[...ctx.state.machines.values()]
			.filter((found) => found.status !== 'DELETED' && (!given(ctx, 'cloudspaceId') || found.cloudspaceid === int(ctx, 'cloudspaceId')))
			.map(listed),
	get: (ctx) => machineView(ctx, machine(ctx, int(ctx, 'machineId'))),
	delete(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		if (ctx.params.permanently) ctx.state.machines.delete(found.id);
		else setStatus(ctx, found, 'DELETED');
		return true;
	},
	update(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		if (given(ctx, 'name')) found.name = str(ctx, 'name');
		if (given(ctx, 'description')) found.description = str(ctx, 'description');
		return true;
	},
	start: power('RUNNING', ['HALTED', 'RUNNING']),
	stop: power('HALTED', ['RUNNING', 'HALTED', 'PAUSED']),
	reboot: power('RUNNING', ['RUNNING']),
	reset: power('RUNNING', ['RUNNING', 'HALTED']),
	pause: power('PAUSED', ['RUNNING']),
	resume: power('RUNNING', ['PAUSED', 'RUNNING']),
	restore(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'), { deleted: true });
		if (found.status !== 'DELETED') throw new ApiFault(409, 'Machine is not deleted');
		setStatus(ctx, found, 'HALTED');
		return true;
	},
	addDisk(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		const added = newDisk(ctx, accountOf(ctx, found), {
			name: str(ctx, 'diskName'),
			descr: str(ctx, 'description'),
			sizeMax: int(ctx, 'size'),
			type: str(ctx, 'type'),
			iops: given(ctx, 'iops') ? int(ctx, 'iops') : 2000,
			ssdSize: given(ctx, 'ssdSize') ? int(ctx, 'ssdSize') : 0,
			machineId: found.id,
			status: 'ASSIGNED',
		});
		found.disks.push(added.id);
		return added.id;
	},
	attachDisk(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		const target = disk(ctx, int(ctx, 'diskId'));
		if (target.machineId !== undefined && target.machineId !== found.id) throw new ApiFault(409, 'Disk is attached to another machine');
		target.machineId = found.id;
		target.status = 'ASSIGNED';
		if (!found.disks.includes(target.id)) found.disks.push(target.id);
		return true;
	},
	detachDisk(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		const target = disk(ctx, int(ctx, 'diskId'));
		if (target.machineId !== found.id) throw new ApiFault(409, 'Disk is not attached to this machine');
		target.machineId = undefined;
		target.status = 'CREATED';
		found.disks = found.disks.filter((id) => id !== target.id);
		return true;
	},
	snapshot(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		const name = str(ctx, 'name');
		if (found.snapshots.some((snapshot) => snapshot.name === name) && !ctx.params.force) throw new ApiFault(409, `Snapshot ${name} already exists`);
		found.snapshots = found.snapshots.filter((snapshot) => snapshot.name !== name);
		const epoch = ctx.g8.now();
		found.snapshots.push({ name, epoch, diskguid: `d-${found.disks[0] ?? 0}` });
		return Object.fromEntries(found.disks.map((id) => [`disk-${id}`, `snapshot-${epoch}`]));
	},
	listSnapshots: (ctx) => machine(ctx, int(ctx, 'machineId')).snapshots,
	deleteSnapshot(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		const snapshot = snapshotOf(ctx, found);
		found.snapshots = found.snapshots.filter((candidate) => candidate !== snapshot);
		return true;
	},
	rollbackSnapshot(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		if (found.status !== 'HALTED') throw new ApiFault(409, 'The machine must be stopped to roll back a snapshot');
		return `rolled back to ${snapshotOf(ctx, found).name}`;
	},
	createTemplate(ctx) {
		machine(ctx, int(ctx, 'machineId'));
		return true;
	},
	importOVF(ctx) {
		if (!str(ctx, 'link').startsWith('https://')) throw new ApiFault(400, 'link must be an https URL');
		createMachine(ctx, int(ctx, 'cloudspaceId'), str(ctx, 'name'));
		return null;
	},
	exportOVF(ctx) {
		if (!str(ctx, 'link').startsWith('https://')) throw new ApiFault(400, 'link must be an https URL');
		machine(ctx, int(ctx, 'machineId'));
		return null;
	},
	getConsoleUrl(ctx) {
		if (typeof ctx.params.machineId !== 'string') throw new ApiFault(400, 'Value of param machineId not correct needs to be of type str');
		const found = machine(ctx, Number(ctx.params.machineId));
		return `https://console.g8.example/vnc_auto.html?token=one-time-${found.id}`;
	},
	resize(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		Object.assign(found, resources(ctx));
		// Applied live only when the machine is not running.
		return found.status !== 'RUNNING';
	},
	clone(ctx) {
		const source = machine(ctx, int(ctx, 'machineId'));
		if (source.status === 'RUNNING' && !given(ctx, 'snapshotTimestamp') && !given(ctx, 'snapshotname')) {
			throw new ApiFault(409, 'Stop the machine or give a snapshot to clone from');
		}
		const target = given(ctx, 'cloudspaceId') ? int(ctx, 'cloudspaceId') : source.cloudspaceid;
		const clone = createMachine(ctx, target, str(ctx, 'name'), { sizeid: source.sizeid, memory: source.memory, vcpus: source.vcpus });
		clone.imageid = source.imageid;
		return clone.id;
	},
	getHistory: (ctx) =>
		machine(ctx, int(ctx, 'machineId'))
			.history.slice(-int(ctx, 'size'))
			.map((message, index) => ({ epoch: 1700000000 + index, message })),
	...aclHandlers((ctx) => machine(ctx, int(ctx, 'machineId'))),
	attachExternalNetwork(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		const networkId = given(ctx, 'externalNetworkId') ? int(ctx, 'externalNetworkId') : EXTERNAL_NETWORKS[0].id;
		if (!EXTERNAL_NETWORKS.some((network) => network.id === networkId)) throw new ApiFault(404, `External network ${networkId} not found`);
		if (!found.externalNetworks.includes(networkId)) found.externalNetworks.push(networkId);
		return true;
	},
	detachExternalNetwork(ctx) {
		const found = machine(ctx, int(ctx, 'machineId'));
		found.externalNetworks = given(ctx, 'externalNetworkId') ? found.externalNetworks.filter((id) => id !== int(ctx, 'externalNetworkId')) : [];
		return true;
	},
	listExternalNetworks: (ctx) => machine(ctx, int(ctx, 'machineId')).externalNetworks,
	createEmptyMachine(ctx) {
		const created = createMachine(ctx, int(ctx, 'cloudspaceId'), str(ctx, 'name'), { memory: int(ctx, 'memory'), vcpus: int(ctx, 'vcpus') });
		created.imageid = 0;
		const accountId = accountOf(ctx, created);
		const sizes = [int(ctx, 'disksize'), ...((ctx.params.datadisks as number[] | undefined) ?? [])];
		created.disks = sizes.map(
			(size, index) =>
				newDisk(ctx, accountId, { name: index === 0 ? 'bootdisk' : `data${index}`, type: index === 0 ? 'B' : 'D', sizeMax: size, machineId: created.id, status: 'ASSIGNED' }).id,
		);
		return created.id;
	},
	getByReferenceId(ctx) {
		const found = [...ctx.state.machines.values()].find((candidate) => referenceIdOf(candidate.id) === str(ctx, 'referenceId') && candidate.status !== 'DELETED');
		if (!found) throw new ApiFault(404, `Machine with reference ID ${str(ctx, 'referenceId')} not found`);
		return machine(ctx, found.id).id;
	},
};
