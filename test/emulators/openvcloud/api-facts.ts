/**
 * The OpenvCloud Cloud API as facts only (actor, method, HTTP methods, authentication, long-running,
 * parameter names, types and whether they are required), for the emulator to validate what it receives.
 * Kept apart from the node's catalog on purpose: tests compare what the node sends with this table.
 * The 2.4.5 methods were generated once from shared/reference/api/openvcloud-cloudapi.json; the newer ones
 * (2.5+) are written from what gig-tech/ovc-sdk-go, terraform-provider-ovc and openvcloud/docs send.
 * `[name, type, required]` per parameter. The emulated G8 is a newer one: it knows both.
 */
export type ApiParamType = 'int' | 'float' | 'bool' | 'str' | 'list(int)' | 'list(str)' | 'obj';

export interface ApiMethodFacts {
	/** `<actor>/<method>` under /restmachine/cloudapi/. */
	path: string;
	httpMethods: ReadonlyArray<'GET' | 'POST'>;
	auth: boolean;
	longRunning: boolean;
	params: ReadonlyArray<readonly [name: string, type: ApiParamType, required: boolean]>;
}

const m = (
	path: string,
	params: ApiMethodFacts['params'],
	extra: Partial<Omit<ApiMethodFacts, 'path' | 'params'>> = {},
): ApiMethodFacts => ({ path, params, httpMethods: ['POST'], auth: true, longRunning: false, ...extra });

/** The 2.4.5 specification. */
export const SPEC_FACTS: readonly ApiMethodFacts[] = [
	m('accounts/list', []),
	m('accounts/update', [['accountId', 'int', true], ['name', 'str', false], ['maxMemoryCapacity', 'float', false], ['maxVDiskCapacity', 'int', false], ['maxCPUCapacity', 'int', false], ['maxNetworkPeerTransfer', 'int', false], ['maxNumPublicIP', 'int', false], ['sendAccessEmails', 'bool', false]]),
	m('accounts/addUser', [['accountId', 'int', true], ['userId', 'str', true], ['accesstype', 'str', true]]),
	m('accounts/updateUser', [['accountId', 'int', true], ['userId', 'str', true], ['accesstype', 'str', true]]),
	m('accounts/deleteUser', [['accountId', 'int', true], ['userId', 'str', true], ['recursivedelete', 'bool', false]]),
	m('accounts/get', [['accountId', 'int', true]]),
	m('accounts/listTemplates', [['accountId', 'int', true]]),
	m('accounts/getConsumedCloudUnits', [['accountId', 'int', true]]),
	m('accounts/getConsumedCloudUnitsByType', [['accountId', 'int', true], ['cutype', 'str', true]]),
	m('accounts/getConsumption', [['accountId', 'int', true], ['start', 'float', true], ['end', 'float', true]], { httpMethods: ['GET', 'POST'], longRunning: true }),
	m('cloudspaces/create', [['accountId', 'int', true], ['location', 'str', true], ['name', 'str', true], ['access', 'str', true], ['maxMemoryCapacity', 'float', false], ['maxVDiskCapacity', 'int', false], ['maxCPUCapacity', 'int', false], ['maxNetworkPeerTransfer', 'int', false], ['maxNumPublicIP', 'int', false], ['externalnetworkId', 'int', false], ['allowedVMSizes', 'list(int)', false], ['privatenetwork', 'str', false], ['type', 'str', false]], { longRunning: true }),
	m('cloudspaces/deploy', [['cloudspaceId', 'int', true]], { longRunning: true }),
	m('cloudspaces/delete', [['cloudspaceId', 'int', true], ['permanently', 'bool', false]], { longRunning: true }),
	m('cloudspaces/disable', [['cloudspaceId', 'int', true], ['reason', 'str', true]], { longRunning: true }),
	m('cloudspaces/enable', [['cloudspaceId', 'int', true], ['reason', 'str', true]], { longRunning: true }),
	m('cloudspaces/list', [['includedeleted', 'bool', false]]),
	m('cloudspaces/get', [['cloudspaceId', 'int', true]]),
	m('cloudspaces/addAllowedSize', [['cloudspaceId', 'int', true], ['sizeId', 'int', true]]),
	m('cloudspaces/restore', [['cloudspaceId', 'int', true], ['reason', 'str', true]], { longRunning: true }),
	m('cloudspaces/removeAllowedSize', [['cloudspaceId', 'int', true], ['sizeId', 'int', true]]),
	m('cloudspaces/update', [['cloudspaceId', 'int', true], ['name', 'str', false], ['maxMemoryCapacity', 'float', false], ['maxVDiskCapacity', 'int', false], ['maxCPUCapacity', 'int', false], ['maxNetworkPeerTransfer', 'int', false], ['maxNumPublicIP', 'int', false], ['allowedVMSizes', 'list(int)', false]]),
	m('cloudspaces/addUser', [['cloudspaceId', 'int', true], ['userId', 'str', true], ['accesstype', 'str', true]]),
	m('cloudspaces/updateUser', [['cloudspaceId', 'int', true], ['userId', 'str', true], ['accesstype', 'str', true]]),
	m('cloudspaces/deleteUser', [['cloudspaceId', 'int', true], ['userId', 'str', true], ['recursivedelete', 'bool', false]]),
	m('cloudspaces/getDefenseShield', [['cloudspaceId', 'int', true]]),
	m('cloudspaces/getOpenvpnConfig', [['cloudspaceId', 'int', true]], { httpMethods: ['GET', 'POST'], longRunning: true }),
	m('cloudspaces/executeRouterOSScript', [['cloudspaceId', 'int', true], ['script', 'str', true]], { longRunning: true }),
	m('disks/list', [['accountId', 'int', true], ['type', 'str', false]]),
	m('disks/get', [['diskId', 'int', true]]),
	m('disks/limitIO', [['diskId', 'int', true], ['iops', 'int', false], ['total_bytes_sec', 'int', false], ['read_bytes_sec', 'int', false], ['write_bytes_sec', 'int', false], ['total_iops_sec', 'int', false], ['read_iops_sec', 'int', false], ['write_iops_sec', 'int', false], ['total_bytes_sec_max', 'int', false], ['read_bytes_sec_max', 'int', false], ['write_bytes_sec_max', 'int', false], ['total_iops_sec_max', 'int', false], ['read_iops_sec_max', 'int', false], ['write_iops_sec_max', 'int', false], ['size_iops_sec', 'int', false]], { longRunning: true }),
	m('disks/delete', [['diskId', 'int', true], ['detach', 'bool', false], ['permanently', 'bool', false]], { longRunning: true }),
	m('disks/create', [['accountId', 'int', true], ['gid', 'int', true], ['name', 'str', true], ['description', 'str', true], ['size', 'int', false], ['type', 'str', true], ['ssdSize', 'int', false], ['iops', 'int', false]], { longRunning: true }),
	m('disks/resize', [['diskId', 'int', true], ['size', 'int', true]], { longRunning: true }),
	m('disks/restore', [['diskId', 'int', true], ['reason', 'str', true]]),
	m('disks/deleteDisks', [['diskIds', 'list(int)', true], ['reason', 'str', true], ['permanently', 'bool', false]], { longRunning: true }),
	m('disks/addType', [['id', 'str', true], ['description', 'str', true], ['vpool', 'str', false], ['cacheratio', 'int', false], ['snapshotable', 'bool', true]]),
	m('disks/updateType', [['id', 'str', true], ['description', 'str', false], ['vpool', 'str', false], ['cacheratio', 'int', false], ['snapshotable', 'str', false]]),
	m('disks/deleteTypes', [['typeIds', 'list(str)', true], ['reason', 'str', true]]),
	m('disks/deleteType', [['id', 'list(str)', true], ['reason', 'str', true]]),
	m('disks/listTypes', []),
	m('externalnetwork/list', [['accountId', 'int', false]]),
	m('images/list', [['accountId', 'int', false], ['cloudspaceId', 'int', false]]),
	m('images/delete', [['imageId', 'int', true], ['permanently', 'bool', false]], { longRunning: true }),
	m('images/restore', [['imageId', 'int', true]]),
	m('locations/list', [], { auth: false }),
	m('locations/getUrl', [], { auth: false }),
	m('machines/create', [['cloudspaceId', 'int', true], ['name', 'str', true], ['description', 'str', false], ['sizeId', 'int', false], ['memory', 'int', false], ['vcpus', 'int', false], ['imageId', 'int', true], ['disksize', 'int', true], ['datadisks', 'list(int)', false], ['userdata', 'obj', false]], { longRunning: true }),
	m('machines/list', [['cloudspaceId', 'int', false]]),
	m('machines/get', [['machineId', 'int', true]]),
	m('machines/delete', [['machineId', 'int', true], ['permanently', 'bool', false]], { longRunning: true }),
	m('machines/update', [['machineId', 'int', true], ['name', 'str', false], ['description', 'str', false]]),
	m('machines/start', [['machineId', 'int', true], ['diskId', 'int', false]], { longRunning: true }),
	m('machines/stop', [['machineId', 'int', true], ['force', 'bool', false]], { longRunning: true }),
	m('machines/reboot', [['machineId', 'int', true]], { longRunning: true }),
	m('machines/reset', [['machineId', 'int', true]], { longRunning: true }),
	m('machines/pause', [['machineId', 'int', true]], { longRunning: true }),
	m('machines/resume', [['machineId', 'int', true]], { longRunning: true }),
	m('machines/restore', [['machineId', 'int', true], ['reason', 'str', true]], { longRunning: true }),
	m('machines/addDisk', [['machineId', 'int', true], ['diskName', 'str', true], ['description', 'str', true], ['size', 'int', true], ['type', 'str', true], ['ssdSize', 'int', false], ['iops', 'int', false]], { longRunning: true }),
	m('machines/attachDisk', [['machineId', 'int', true], ['diskId', 'int', true]], { longRunning: true }),
	m('machines/detachDisk', [['machineId', 'int', true], ['diskId', 'int', true]], { longRunning: true }),
	m('machines/snapshot', [['machineId', 'int', true], ['name', 'str', true], ['force', 'bool', false]], { longRunning: true }),
	m('machines/listSnapshots', [['machineId', 'int', true]]),
	m('machines/deleteSnapshot', [['machineId', 'int', true], ['epoch', 'int', false], ['name', 'str', false]], { longRunning: true }),
	m('machines/rollbackSnapshot', [['machineId', 'int', true], ['epoch', 'int', false], ['name', 'str', false]], { longRunning: true }),
	m('machines/createTemplate', [['machineId', 'int', true], ['templateName', 'str', true], ['callbackUrl', 'str', false]], { longRunning: true }),
	m('machines/importOVF', [['link', 'str', true], ['username', 'str', true], ['passwd', 'str', true], ['path', 'str', true], ['cloudspaceId', 'int', true], ['name', 'str', true], ['description', 'str', false], ['sizeId', 'int', false], ['memory', 'int', false], ['vcpus', 'int', false], ['callbackUrl', 'str', false]], { longRunning: true }),
	m('machines/exportOVF', [['link', 'str', true], ['username', 'str', true], ['passwd', 'str', true], ['path', 'str', true], ['machineId', 'int', true], ['callbackUrl', 'str', false]], { longRunning: true }),
	m('machines/getConsoleUrl', [['machineId', 'str', true]]),
	m('machines/resize', [['machineId', 'int', true], ['sizeId', 'int', false], ['memory', 'int', false], ['vcpus', 'int', false]], { longRunning: true }),
	m('machines/clone', [['machineId', 'int', true], ['name', 'str', true], ['cloudspaceId', 'int', false], ['snapshotTimestamp', 'int', false], ['snapshotname', 'str', false]], { longRunning: true }),
	m('machines/getHistory', [['machineId', 'int', true], ['size', 'int', true]]),
	m('machines/addUser', [['machineId', 'int', true], ['userId', 'str', true], ['accesstype', 'str', true]]),
	m('machines/deleteUser', [['machineId', 'int', true], ['userId', 'str', true]]),
	m('machines/updateUser', [['machineId', 'int', true], ['userId', 'str', true], ['accesstype', 'str', true]]),
	m('machines/attachExternalNetwork', [['machineId', 'int', true], ['externalNetworkId', 'int', false]], { longRunning: true }),
	m('machines/detachExternalNetwork', [['machineId', 'int', true], ['externalNetworkId', 'int', false]], { longRunning: true }),
	m('machines/listExternalNetworks', [['machineId', 'int', true]]),
	m('portforwarding/list', [['cloudspaceId', 'int', true], ['machineId', 'int', false]]),
	m('portforwarding/create', [['cloudspaceId', 'int', true], ['publicIp', 'str', true], ['publicPort', 'int', true], ['machineId', 'int', true], ['localPort', 'int', true], ['protocol', 'str', true]], { longRunning: true }),
	m('portforwarding/update', [['cloudspaceId', 'int', true], ['id', 'int', true], ['publicIp', 'str', true], ['publicPort', 'int', true], ['machineId', 'int', true], ['localPort', 'int', true], ['protocol', 'str', true]], { longRunning: true }),
	m('portforwarding/delete', [['cloudspaceId', 'int', true], ['id', 'int', true]], { longRunning: true }),
	m('portforwarding/deleteByPort', [['cloudspaceId', 'int', true], ['publicIp', 'str', true], ['publicPort', 'int', true], ['proto', 'str', false]], { longRunning: true }),
	m('portforwarding/updateByPort', [['cloudspaceId', 'int', true], ['sourcePublicIp', 'str', true], ['sourcePublicPort', 'int', true], ['sourceProtocol', 'str', true], ['machineId', 'int', true], ['publicIp', 'str', true], ['publicPort', 'int', true], ['localPort', 'int', true], ['protocol', 'str', false]], { longRunning: true }),
	m('sizes/list', [['cloudspaceId', 'int', false], ['location', 'str', false]]),
	m('users/authenticate', [['username', 'str', true], ['password', 'str', true]], { auth: false }),
	m('users/get', [['username', 'str', true]]),
	m('users/setData', [['data', 'str', true]]),
	m('users/getMatchingUsernames', [['usernameregex', 'str', true], ['limit', 'int', true]]),
	m('users/isValidInviteUserToken', [['inviteusertoken', 'str', true], ['emailaddress', 'str', true]], { auth: false }),
];

/** Methods newer G8s (2.5+) have, with their parameters as the providers' clients send them. */
export const NEWER_METHOD_FACTS: readonly ApiMethodFacts[] = [
	m('cloudspaces/setDefaultGateway', [['cloudspaceId', 'int', true], ['gateway', 'str', true]], { longRunning: true }),
	m('disks/expose', [['diskId', 'int', true], ['cloudspaceId', 'int', true], ['iops', 'int', true]], { longRunning: true }),
	m('disks/unexpose', [['diskId', 'int', true]], { longRunning: true }),
	m('externalnetwork/get', [['id', 'int', true]]),
	m('images/create', [['name', 'str', true], ['url', 'str', true], ['gid', 'int', true], ['imagetype', 'str', true], ['boottype', 'str', true], ['username', 'str', false], ['password', 'str', false], ['accountId', 'int', false], ['hotresize', 'bool', false]], { longRunning: true }),
	m('ipsec/addTunnelToCloudspace', [['cloudspaceId', 'int', true], ['remotePublicAddr', 'str', true], ['remotePrivateNetwork', 'str', true], ['pskSecret', 'str', false]], { longRunning: true }),
	m('ipsec/listTunnels', [['cloudspaceId', 'int', true]]),
	m('ipsec/removeTunnelFromCloudspace', [['cloudspaceId', 'int', true], ['remotePublicAddr', 'str', true], ['remotePrivateNetwork', 'str', true]], { longRunning: true }),
	m('machines/createEmptyMachine', [['cloudspaceId', 'int', true], ['name', 'str', true], ['description', 'str', false], ['memory', 'int', true], ['vcpus', 'int', true], ['imagetype', 'str', false], ['disksize', 'int', true], ['datadisks', 'list(int)', false], ['userdata', 'str', false]], { longRunning: true }),
	m('machines/getByReferenceId', [['referenceId', 'str', true]]),
];

/** Parameters newer G8s (2.5+) take on methods of the 2.4.5 specification. */
export const NEWER_PARAM_FACTS: Readonly<Record<string, ApiMethodFacts['params']>> = {
	'cloudspaces/create': [['mode', 'str', false]],
	'machines/detachExternalNetwork': [['externalnetworkip', 'str', false]],
};

/** What the emulated G8 knows: the 2.4.5 methods with the newer parameters, and the newer methods. */
export const CLOUDAPI_FACTS: readonly ApiMethodFacts[] = [
	...SPEC_FACTS.map((facts) => ({ ...facts, params: [...facts.params, ...(NEWER_PARAM_FACTS[facts.path] ?? [])] })),
	...NEWER_METHOD_FACTS,
];
