/** accounts/* and cloudspaces/* of the emulated G8. */
import { randomBytes } from 'node:crypto';

import { account, aclHandlers, cloudspace, FileResult, given, int, str, type CallContext, type MethodHandler } from './context';
import { ApiFault } from './params';
import { EXTERNAL_NETWORKS, LOCATIONS, SEED_TIME, type CloudSpace } from './state';

const LIMITS = ['maxMemoryCapacity', 'maxVDiskCapacity', 'maxCPUCapacity', 'maxNetworkPeerTransfer', 'maxNumPublicIP'];

function setLimits(ctx: CallContext, limits: Record<string, number>) {
	for (const name of LIMITS) if (given(ctx, name)) limits[name] = int(ctx, name);
}

function accountView(ctx: CallContext, id: number) {
	const found = account(ctx, id);
	return { id: found.id, name: found.name, status: found.status, acl: found.acl, ...found.limits };
}

function consumed(ctx: CallContext, accountId: number) {
	const spaces = [...ctx.state.cloudspaces.values()].filter((space) => space.accountId === accountId && !space.deleted);
	const machines = [...ctx.state.machines.values()].filter(
		(machine) => machine.status !== 'DELETED' && spaces.some((space) => space.id === machine.cloudspaceid),
	);
	const disks = [...ctx.state.disks.values()].filter((disk) => disk.accountId === accountId && disk.status !== 'DELETED');
	return {
		CU_M: machines.reduce((total, machine) => total + machine.memory / 1024, 0),
		CU_C: machines.reduce((total, machine) => total + machine.vcpus, 0),
		CU_D: disks.reduce((total, disk) => total + disk.sizeMax, 0),
		CU_S: 0,
		CU_A: 0,
		CU_NO: 0,
		CU_NP: 0,
		CU_I: spaces.length,
	};
}

/** A tiny but well-formed (empty) zip archive with a comment, standing in for the G8's zip files. */
export function zipFile(comment: string): Buffer {
	const text = Buffer.from(comment, 'utf8');
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(text.length, 20);
	return Buffer.concat([end, text]);
}

const accountAcl = aclHandlers((ctx) => account(ctx, int(ctx, 'accountId')));
const cloudspaceAcl = aclHandlers((ctx) => cloudspace(ctx, int(ctx, 'cloudspaceId')));

function cloudspaceView(space: CloudSpace) {
	const { acl, limits, deleted, tunnels, creationTime = SEED_TIME, updateTime = creationTime, ...rest } = space;
	void deleted;
	void tunnels;
	return { ...rest, acl, ...limits, creationTime, updateTime };
}

/** A new status, with the time it changed. */
function setStatus(ctx: CallContext, space: CloudSpace, status: string) {
	space.status = status;
	space.updateTime = ctx.g8.now();
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;

function ipv4(ctx: CallContext, name: string, pattern = IPV4): string {
	const value = str(ctx, name).trim();
	if (!pattern.test(value)) throw new ApiFault(400, `Value of param ${name} is not a valid ${pattern === CIDR ? 'network' : 'IP address'}`);
	return value;
}

function tunnelOf(ctx: CallContext, space: CloudSpace) {
	const remoteAddr = ipv4(ctx, 'remotePublicAddr');
	const network = ipv4(ctx, 'remotePrivateNetwork', CIDR);
	return { remoteAddr, network, index: (space.tunnels ?? []).findIndex((tunnel) => tunnel.remoteAddr === remoteAddr && tunnel.remoteprivatenetwork === network) };
}

/** ipsec/* of a newer G8: site-to-site tunnels of a cloud space's router. */
export const ipsecHandlers: Record<string, MethodHandler> = {
	addTunnelToCloudspace(ctx) {
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
		const { remoteAddr, network, index } = tunnelOf(ctx, space);
		if (index >= 0) throw new ApiFault(409, `A tunnel to ${remoteAddr} for ${network} already exists`);
		const psk = given(ctx, 'pskSecret') ? str(ctx, 'pskSecret') : randomBytes(16).toString('hex');
		space.tunnels = [...(space.tunnels ?? []), { remoteAddr, remoteprivatenetwork: network, psk }];
		return psk;
	},
	listTunnels: (ctx) => cloudspace(ctx, int(ctx, 'cloudspaceId')).tunnels ?? [],
	removeTunnelFromCloudspace(ctx) {
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
		const { remoteAddr, network, index } = tunnelOf(ctx, space);
		if (index < 0) throw new ApiFault(404, `No tunnel to ${remoteAddr} for ${network}`);
		space.tunnels = space.tunnels!.filter((_, position) => position !== index);
		return true;
	},
};

export const accountHandlers: Record<string, MethodHandler> = {
	list: (ctx) => [...ctx.state.accounts.values()].filter((found) => found.acl.some((entry) => entry.userId === ctx.user?.username) || ctx.user?.admin).map((found) => ({ id: found.id, name: found.name, status: found.status })),
	update(ctx) {
		const found = account(ctx, int(ctx, 'accountId'));
		if (given(ctx, 'name')) found.name = str(ctx, 'name');
		setLimits(ctx, found.limits);
		if (given(ctx, 'sendAccessEmails')) found.sendAccessEmails = ctx.params.sendAccessEmails as boolean;
		return true;
	},
	...accountAcl,
	get: (ctx) => accountView(ctx, int(ctx, 'accountId')),
	listTemplates: (ctx) => {
		account(ctx, int(ctx, 'accountId'));
		return { templates: [...ctx.state.images.values()].filter((image) => image.accountId === int(ctx, 'accountId')) };
	},
	getConsumedCloudUnits: (ctx) => {
		account(ctx, int(ctx, 'accountId'));
		const units = consumed(ctx, int(ctx, 'accountId'));
		return { CU_M: units.CU_M, CU_C: units.CU_C, CU_D: units.CU_D, CU_I: units.CU_I };
	},
	getConsumedCloudUnitsByType: (ctx) => {
		account(ctx, int(ctx, 'accountId'));
		const units = consumed(ctx, int(ctx, 'accountId')) as Record<string, number>;
		if (!(str(ctx, 'cutype') in units)) throw new ApiFault(400, `Invalid cloud unit type ${str(ctx, 'cutype')}`);
		return units[str(ctx, 'cutype')];
	},
	getConsumption: (ctx) => {
		account(ctx, int(ctx, 'accountId'));
		if (int(ctx, 'end') <= int(ctx, 'start')) throw new ApiFault(400, 'end must be after start');
		return new FileResult('account.zip', zipFile(`account ${int(ctx, 'accountId')} ${int(ctx, 'start')}-${int(ctx, 'end')}`));
	},
};

export const cloudspaceHandlers: Record<string, MethodHandler> = {
	create(ctx) {
		const accountId = int(ctx, 'accountId');
		account(ctx, accountId);
		const location = str(ctx, 'location');
		if (!LOCATIONS.some((candidate) => candidate.locationCode === location)) throw new ApiFault(400, `Location ${location} does not exist`);
		const name = str(ctx, 'name');
		const taken = [...ctx.state.cloudspaces.values()].some((space) => space.accountId === accountId && space.name === name && !space.deleted);
		if (taken) throw new ApiFault(409, `Cloud space with name ${name} already exists`);
		const id = ctx.state.id();
		const space: CloudSpace = {
			id,
			accountId,
			name,
			location,
			status: 'VIRTUAL',
			externalnetworkip: '',
			externalnetworkId: given(ctx, 'externalnetworkId') ? int(ctx, 'externalnetworkId') : EXTERNAL_NETWORKS[0].id,
			privatenetwork: given(ctx, 'privatenetwork') ? str(ctx, 'privatenetwork') : '192.168.103.0/24',
			type: given(ctx, 'type') ? str(ctx, 'type') : 'routeros',
			allowedVMSizes: (ctx.params.allowedVMSizes as number[] | undefined) ?? [],
			acl: [{ userId: str(ctx, 'access'), right: 'ARCXDU' }],
			limits: {},
			creationTime: ctx.g8.now(),
		};
		if (given(ctx, 'mode')) space.mode = str(ctx, 'mode');
		setLimits(ctx, space.limits);
		ctx.state.cloudspaces.set(id, space);
		ctx.state.events.push(`cloudspace ${id} VIRTUAL`);
		// The virtual router is deployed in the background.
		ctx.g8.later(ctx.g8.cloudspaceDeployMs / 2, () => {
			setStatus(ctx, space, 'DEPLOYING');
			ctx.state.events.push(`cloudspace ${id} DEPLOYING`);
		});
		ctx.g8.later(ctx.g8.cloudspaceDeployMs, () => {
			setStatus(ctx, space, 'DEPLOYED');
			space.externalnetworkip = `185.15.201.${id % 250}`;
			ctx.state.events.push(`cloudspace ${id} DEPLOYED`);
		});
		return id;
	},
	deploy(ctx) {
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
		setStatus(ctx, space, 'DEPLOYED');
		return space.status;
	},
	delete(ctx) {
		const space = ctx.state.cloudspaces.get(int(ctx, 'cloudspaceId'));
		if (!space) return true;
		cloudspace(ctx, space.id, { deleted: true });
		if (ctx.params.permanently) ctx.state.cloudspaces.delete(space.id);
		else {
			space.deleted = true;
			setStatus(ctx, space, 'DELETED');
		}
		return true;
	},
	disable(ctx) {
		setStatus(ctx, cloudspace(ctx, int(ctx, 'cloudspaceId')), 'DISABLED');
		return true;
	},
	enable(ctx) {
		setStatus(ctx, cloudspace(ctx, int(ctx, 'cloudspaceId')), 'DEPLOYED');
		return true;
	},
	list: (ctx) =>
		[...ctx.state.cloudspaces.values()]
			.filter((space) => !space.deleted || ctx.params.includedeleted === true)
			.filter((space) => ctx.state.accounts.get(space.accountId)?.acl.some((entry) => entry.userId === ctx.user?.username) || ctx.user?.admin)
			.map(cloudspaceView),
	get: (ctx) => cloudspaceView(cloudspace(ctx, int(ctx, 'cloudspaceId'))),
	addAllowedSize(ctx) {
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
		if (!space.allowedVMSizes.includes(int(ctx, 'sizeId'))) space.allowedVMSizes.push(int(ctx, 'sizeId'));
		return true;
	},
	restore(ctx) {
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'), { deleted: true });
		if (!space.deleted) throw new ApiFault(409, 'Cloud space is not deleted');
		space.deleted = false;
		if (space.status === 'DELETED') setStatus(ctx, space, 'DEPLOYED');
		return null;
	},
	removeAllowedSize(ctx) {
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
		space.allowedVMSizes = space.allowedVMSizes.filter((size) => size !== int(ctx, 'sizeId'));
		return true;
	},
	update(ctx) {
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
		if (given(ctx, 'name')) space.name = str(ctx, 'name');
		if (given(ctx, 'allowedVMSizes')) space.allowedVMSizes = ctx.params.allowedVMSizes as number[];
		setLimits(ctx, space.limits);
		return true;
	},
	...cloudspaceAcl,
	getDefenseShield: (ctx) => {
		const space = cloudspace(ctx, int(ctx, 'cloudspaceId'));
		return { user: 'admin', password: 'shield-one-time', url: `https://${space.externalnetworkip}:9080/webfig` };
	},
	getOpenvpnConfig: (ctx) => new FileResult('openvpn.zip', zipFile(`openvpn for cloud space ${cloudspace(ctx, int(ctx, 'cloudspaceId')).id}`)),
	executeRouterOSScript(ctx) {
		cloudspace(ctx, int(ctx, 'cloudspaceId'));
		if (!str(ctx, 'script').trim()) throw new ApiFault(400, 'Script is empty');
		return true;
	},
	setDefaultGateway(ctx) {
		cloudspace(ctx, int(ctx, 'cloudspaceId')).defaultGateway = ipv4(ctx, 'gateway');
		return true;
	},
};
