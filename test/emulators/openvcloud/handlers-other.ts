/** disks, externalnetwork, images, locations, portforwarding, sizes and users of the emulated G8. */
import { randomBytes } from 'node:crypto';

import { account, cloudspace, disk, given, int, machine, str, type CallContext, type MethodHandler } from './context';
import { ApiFault } from './params';
import { EXTERNAL_NETWORKS, LOCATIONS, SIZES, type PortForward } from './state';

function adminOnly(ctx: CallContext) {
	if (!ctx.user?.admin) throw new ApiFault(403, 'Forbidden');
}

function deleteDisk(ctx: CallContext, id: number, permanently: boolean, detach = false) {
	const target = disk(ctx, id);
	if (target.machineId !== undefined) {
		if (!detach) throw new ApiFault(409, `Disk ${id} is attached to machine ${target.machineId}`);
		const owner = ctx.state.machines.get(target.machineId);
		if (owner) owner.disks = owner.disks.filter((diskId) => diskId !== id);
		target.machineId = undefined;
	}
	if (permanently) ctx.state.disks.delete(id);
	else target.status = 'DELETED';
}

const LIMIT_NAMES = [
	'iops',
	'total_bytes_sec',
	'read_bytes_sec',
	'write_bytes_sec',
	'total_iops_sec',
	'read_iops_sec',
	'write_iops_sec',
	'total_bytes_sec_max',
	'read_bytes_sec_max',
	'write_bytes_sec_max',
	'total_iops_sec_max',
	'read_iops_sec_max',
	'write_iops_sec_max',
	'size_iops_sec',
];

export const diskHandlers: Record<string, MethodHandler> = {
	list(ctx) {
		account(ctx, int(ctx, 'accountId'));
		return [...ctx.state.disks.values()].filter(
			(entry) => entry.accountId === int(ctx, 'accountId') && entry.status !== 'DELETED' && (!given(ctx, 'type') || entry.type === str(ctx, 'type')),
		);
	},
	get: (ctx) => disk(ctx, int(ctx, 'diskId')),
	limitIO(ctx) {
		const target = disk(ctx, int(ctx, 'diskId'));
		const total = ['total_bytes_sec', 'total_iops_sec'].some((name) => given(ctx, name));
		const split = ['read_bytes_sec', 'write_bytes_sec', 'read_iops_sec', 'write_iops_sec'].some((name) => given(ctx, name));
		if (total && split) throw new ApiFault(400, 'total and read/write limits cannot be combined');
		target.limits = Object.fromEntries(LIMIT_NAMES.filter((name) => given(ctx, name)).map((name) => [name, int(ctx, name)]));
		return true;
	},
	delete(ctx) {
		deleteDisk(ctx, int(ctx, 'diskId'), ctx.params.permanently === true, ctx.params.detach === true);
		return true;
	},
	create(ctx) {
		account(ctx, int(ctx, 'accountId'));
		if (!LOCATIONS.some((location) => location.gid === int(ctx, 'gid'))) throw new ApiFault(400, `Grid ${int(ctx, 'gid')} does not exist`);
		const id = ctx.state.id();
		ctx.state.disks.set(id, {
			id,
			accountId: int(ctx, 'accountId'),
			gid: int(ctx, 'gid'),
			name: str(ctx, 'name'),
			descr: str(ctx, 'description'),
			sizeMax: given(ctx, 'size') ? int(ctx, 'size') : 10,
			type: str(ctx, 'type'),
			iops: given(ctx, 'iops') ? int(ctx, 'iops') : 2000,
			ssdSize: given(ctx, 'ssdSize') ? int(ctx, 'ssdSize') : 0,
			status: 'CREATED',
		});
		return id;
	},
	resize(ctx) {
		const target = disk(ctx, int(ctx, 'diskId'));
		if (int(ctx, 'size') < target.sizeMax) throw new ApiFault(400, 'A disk cannot shrink');
		target.sizeMax = int(ctx, 'size');
		return target.machineId === undefined || ctx.state.machines.get(target.machineId)?.status !== 'RUNNING';
	},
	restore(ctx) {
		const target = disk(ctx, int(ctx, 'diskId'), { deleted: true });
		if (target.status !== 'DELETED') throw new ApiFault(409, 'Disk is not deleted');
		target.status = 'CREATED';
		return true;
	},
	deleteDisks(ctx) {
		for (const id of ctx.params.diskIds as number[]) deleteDisk(ctx, id, ctx.params.permanently === true);
		return true;
	},
	addType(ctx) {
		adminOnly(ctx);
		if (ctx.state.diskTypes.has(str(ctx, 'id'))) throw new ApiFault(409, `Disk type ${str(ctx, 'id')} exists`);
		ctx.state.diskTypes.set(str(ctx, 'id'), { id: str(ctx, 'id'), description: str(ctx, 'description'), snapshotable: ctx.params.snapshotable as boolean });
		return true;
	},
	updateType(ctx) {
		const type = ctx.state.diskTypes.get(str(ctx, 'id'));
		if (!type) throw new ApiFault(404, `Disk type ${str(ctx, 'id')} not found`);
		if (given(ctx, 'description')) type.description = str(ctx, 'description');
		if (given(ctx, 'snapshotable')) type.snapshotable = str(ctx, 'snapshotable');
		return true;
	},
	deleteTypes(ctx) {
		adminOnly(ctx);
		for (const id of ctx.params.typeIds as string[]) ctx.state.diskTypes.delete(id);
		return true;
	},
	deleteType(ctx) {
		adminOnly(ctx);
		for (const id of ctx.params.id as string[]) ctx.state.diskTypes.delete(id);
		return true;
	},
	listTypes: (ctx) => [...ctx.state.diskTypes.values()],
	expose(ctx) {
		const target = disk(ctx, int(ctx, 'diskId'));
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
		if (space.accountId !== target.accountId) throw new ApiFault(400, 'The disk and the cloud space belong to different accounts');
		if (target.exposed) throw new ApiFault(409, `Disk ${target.id} is already exposed`);
		target.exposed = { cloudspaceId: space.id, iops: int(ctx, 'iops') };
		return {
			protocol: 'nbd',
			endpoint: { address: space.externalnetworkip, port: 10809, name: `disk-${target.id}`, user: `nbd-${target.id}`, psk: randomBytes(12).toString('hex') },
		};
	},
	unexpose(ctx) {
		const target = disk(ctx, int(ctx, 'diskId'));
		if (!target.exposed) throw new ApiFault(400, `Disk ${target.id} is not exposed`);
		target.exposed = undefined;
		return true;
	},
};

export const externalnetworkHandlers: Record<string, MethodHandler> = {
	list: (ctx) => EXTERNAL_NETWORKS.filter((network) => network.accountId === 0 || (given(ctx, 'accountId') && network.accountId === int(ctx, 'accountId'))),
	get(ctx) {
		const network = EXTERNAL_NETWORKS.find((candidate) => candidate.id === int(ctx, 'id'));
		if (!network) throw new ApiFault(404, `External network with id ${int(ctx, 'id')} not found`);
		if (network.accountId !== 0) account(ctx, network.accountId);
		return network;
	},
};

export const imageHandlers: Record<string, MethodHandler> = {
	list: (ctx) =>
		[...ctx.state.images.values()].filter(
			(image) => image.status === 'CREATED' && (image.accountId === 0 || (given(ctx, 'accountId') && image.accountId === int(ctx, 'accountId'))),
		),
	delete(ctx) {
		const image = ctx.state.images.get(int(ctx, 'imageId'));
		if (!image) throw new ApiFault(404, `Image with id ${int(ctx, 'imageId')} not found`);
		if ([...ctx.state.machines.values()].some((found) => found.imageid === image.id && found.status !== 'DELETED')) {
			throw new ApiFault(409, 'Image is in use by machines');
		}
		if (ctx.params.permanently) ctx.state.images.delete(image.id);
		else image.status = 'DELETED';
		return true;
	},
	restore(ctx) {
		const image = ctx.state.images.get(int(ctx, 'imageId'));
		if (!image) throw new ApiFault(404, `Image with id ${int(ctx, 'imageId')} not found`);
		image.status = 'CREATED';
		return true;
	},
	create(ctx) {
		if (!/^(https?|ftp):\/\//.test(str(ctx, 'url'))) throw new ApiFault(400, 'url must be an http(s) or ftp URL');
		if (!LOCATIONS.some((location) => location.gid === int(ctx, 'gid'))) throw new ApiFault(400, `Grid ${int(ctx, 'gid')} does not exist`);
		if (!['Linux', 'Windows', 'Other'].includes(str(ctx, 'imagetype'))) throw new ApiFault(400, `Invalid image type ${str(ctx, 'imagetype')}`);
		if (!['bios', 'uefi'].includes(str(ctx, 'boottype'))) throw new ApiFault(400, `Invalid boot type ${str(ctx, 'boottype')}`);
		const accountId = given(ctx, 'accountId') ? account(ctx, int(ctx, 'accountId')).id : 0;
		if (!accountId && !ctx.user?.admin) throw new ApiFault(403, 'Only administrators create images for the whole G8');
		const id = ctx.state.id();
		ctx.state.images.set(id, { id, name: str(ctx, 'name'), type: str(ctx, 'imagetype'), status: 'CREATED', accountId, size: 10 });
		return true;
	},
};

export const locationHandlers: Record<string, MethodHandler> = {
	list: () => LOCATIONS,
	getUrl: () => 'https://g8.example',
};

export const sizeHandlers: Record<string, MethodHandler> = {
	list(ctx) {
		if (given(ctx, 'cloudspaceId')) {
			const allowed = cloudspace(ctx, int(ctx, 'cloudspaceId')).allowedVMSizes;
			return SIZES.filter((size) => allowed.length === 0 || allowed.includes(size.id));
		}
		return SIZES;
	},
};

function rule(ctx: CallContext, id?: number): PortForward {
	const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
	const target = machine(ctx, int(ctx, 'machineId'));
	const protocol = (str(ctx, 'protocol') ?? 'tcp').toLowerCase();
	if (protocol !== 'tcp' && protocol !== 'udp') throw new ApiFault(400, `Invalid protocol ${protocol}`);
	if (str(ctx, 'publicIp') !== space.externalnetworkip) throw new ApiFault(400, `${str(ctx, 'publicIp')} is not the public IP of the cloud space`);
	const clash = [...ctx.state.portforwards.values()].find(
		(other) => other.id !== id && other.cloudspaceId === space.id && other.publicPort === int(ctx, 'publicPort') && other.protocol === protocol,
	);
	if (clash) throw new ApiFault(409, `Forward for ${str(ctx, 'publicIp')} with port ${int(ctx, 'publicPort')} already exists`);
	return {
		id: id ?? ctx.state.id(),
		cloudspaceId: space.id,
		publicIp: str(ctx, 'publicIp'),
		publicPort: int(ctx, 'publicPort'),
		machineId: target.id,
		localIp: target.ipAddress,
		localPort: int(ctx, 'localPort'),
		protocol,
	};
}

function byPort(ctx: CallContext, ip: string, port: string, proto?: string): PortForward {
	const found = [...ctx.state.portforwards.values()].find(
		(candidate) =>
			candidate.cloudspaceId === int(ctx, 'cloudspaceId') &&
			candidate.publicIp === str(ctx, ip) &&
			candidate.publicPort === int(ctx, port) &&
			(!proto || !given(ctx, proto) || candidate.protocol === str(ctx, proto)),
	);
	if (!found) throw new ApiFault(404, 'Cannot find the rule with the given public port');
	return found;
}

export const portforwardingHandlers: Record<string, MethodHandler> = {
	list(ctx) {
		cloudspace(ctx, int(ctx, 'cloudspaceId'));
		return [...ctx.state.portforwards.values()].filter(
			(entry) => entry.cloudspaceId === int(ctx, 'cloudspaceId') && (!given(ctx, 'machineId') || entry.machineId === int(ctx, 'machineId')),
		);
	},
	create(ctx) {
		const created = rule(ctx);
		ctx.state.portforwards.set(created.id, created);
		return true;
	},
	update(ctx) {
		if (!ctx.state.portforwards.has(int(ctx, 'id'))) throw new ApiFault(404, `Cannot find the rule with id ${int(ctx, 'id')}`);
		ctx.state.portforwards.set(int(ctx, 'id'), rule(ctx, int(ctx, 'id')));
		return true;
	},
	delete(ctx) {
		cloudspace(ctx, int(ctx, 'cloudspaceId'));
		if (!ctx.state.portforwards.delete(int(ctx, 'id'))) throw new ApiFault(404, `Cannot find the rule with id ${int(ctx, 'id')}`);
		return true;
	},
	deleteByPort(ctx) {
		ctx.state.portforwards.delete(byPort(ctx, 'publicIp', 'publicPort', 'proto').id);
		return true;
	},
	updateByPort(ctx) {
		const old = byPort(ctx, 'sourcePublicIp', 'sourcePublicPort', 'sourceProtocol');
		ctx.state.portforwards.delete(old.id);
		const created = rule(ctx);
		ctx.state.portforwards.set(created.id, created);
		return true;
	},
};

function regex(source: string): RegExp | undefined {
	try {
		return new RegExp(source);
	} catch {
		return undefined;
	}
}

export const userHandlers: Record<string, MethodHandler> = {
	// users/authenticate is answered by the emulator itself (it creates sessions).
	get(ctx) {
		if (ctx.user?.username !== str(ctx, 'username')) throw new ApiFault(403, 'Forbidden');
		return { username: ctx.user.username, emailaddresses: [`${ctx.user.username}@example.eu`], data: ctx.user.data ?? '' };
	},
	setData(ctx) {
		if (ctx.user) ctx.user.data = str(ctx, 'data');
		return true;
	},
	getMatchingUsernames(ctx) {
		const pattern = regex(str(ctx, 'usernameregex'));
		if (!pattern) throw new ApiFault(400, 'Invalid regular expression');
		return ctx.state.users
			.filter((user) => pattern.test(user.username))
			.slice(0, int(ctx, 'limit'))
			.map((user) => ({ username: user.username, gravatarurl: `https://www.gravatar.com/avatar/${user.username.length}` }));
	},
	isValidInviteUserToken: (ctx) => str(ctx, 'inviteusertoken') === 'invite-token-123' && str(ctx, 'emailaddress') === 'new@example.eu',
};
