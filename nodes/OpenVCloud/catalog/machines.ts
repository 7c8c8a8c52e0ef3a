import {
	cloudspaceId,
	DISK_TYPES,
	diskId,
	imageId,
	machineId,
	opt,
	optional,
	permanently,
	reason,
	req,
	sizeId,
	userAccess,
} from './params';
import type { FieldSpec } from '../../shared/operation-fields';
import type { CatalogActor, CatalogMethod } from './types';

const access = userAccess('a machine', machineId());

const description = opt('description', 'str', 'Description', 'What the machine is for');
const memory = opt('memory', 'int', 'Memory (MB)', 'Memory in MB, when no size is given');
const vcpus = opt('vcpus', 'int', 'vCPUs', 'Number of virtual CPU cores, when no size is given');
const callbackUrl = opt(
	'callbackUrl',
	'str',
	'Callback URL',
	'An HTTPS URL the G8 calls when the work is done (instead of sending an e-mail)',
);
const snapshotEpoch = opt('epoch', 'int', 'Snapshot Time', 'Unix time of the snapshot (as Snapshots list it)');
const snapshotName = opt('name', 'str', 'Snapshot Name', 'Name of the snapshot');

/** WebDAV access to an ownCloud share holding (or receiving) an OVF export. */
const webdav: FieldSpec[] = [
	req('link', 'str', 'WebDAV Link', 'HTTPS WebDAV address of the ownCloud share'),
	req('username', 'str', 'WebDAV Username'),
	req('passwd', 'str', 'WebDAV Password', undefined, { secret: true }),
	req('path', 'str', 'OVF Path', 'Path of the OVF file in the share'),
];

/** A method that changes a machine's power state. */
const power = (name: string, label: string, action: string, resultKey: string, params: FieldSpec[] = []): CatalogMethod => ({
	name,
	label,
	action,
	params: [machineId(), ...params],
	longRunning: { kind: 'power' },
	resultKey,
});

export const machines: CatalogActor = {
	actor: 'machines',
	resource: 'machine',
	label: 'Machine',
	methods: [
		{
			name: 'create',
			label: 'Create',
			action: 'Create a machine',
			description: 'A machine in a cloud space, from an image, with a size or with memory and vCPUs; it is started',
			params: [
				cloudspaceId('The cloud space to create the machine in (needs write access)'),
				req('name', 'str', 'Name', 'Name of the machine'),
				description,
				optional(sizeId('A size (flavor); or give Memory and vCPUs')),
				memory,
				vcpus,
				imageId('The image to install'),
				req('disksize', 'int', 'Boot Disk Size (GB)', 'Size of the boot disk in GB'),
				opt('datadisks', 'list(int)', 'Data Disks (GB)', 'Sizes of extra data disks to create, in GB'),
				opt('userdata', 'obj', 'User Data', 'Cloud-init user data: a JSON object or text'),
			],
			longRunning: { kind: 'provision' },
			resultKey: 'machineId',
		},
		{
			name: 'list',
			label: 'List',
			action: 'List machines',
			safe: true,
			params: [optional(cloudspaceId('Only the machines of this cloud space'))],
			list: true,
		},
		{ name: 'get', label: 'Get', action: 'Get a machine', safe: true, params: [machineId()] },
		{
			name: 'delete',
			label: 'Delete',
			action: 'Delete a machine',
			params: [machineId(), permanently('machine')],
			longRunning: { kind: 'teardown' },
			resultKey: 'deleted',
		},
		{
			name: 'update',
			label: 'Update',
			action: 'Update a machine',
			description: "Change a machine's name or description",
			params: [machineId(), opt('name', 'str', 'Name', 'New name of the machine'), opt('description', 'str', 'Description', 'New description')],
		},
		power('start', 'Start', 'Start a machine', 'started', [
			optional(diskId('A CD-ROM disk to boot from')),
		]),
		power('stop', 'Stop', 'Stop a machine', 'stopped', [
			opt('force', 'bool', 'Force', 'Whether to power the machine off rather than shut it down', { default: false }),
		]),
		power('reboot', 'Reboot', 'Reboot a machine', 'rebooted'),
		power('reset', 'Reset', 'Reset a machine', 'reset'),
		power('pause', 'Pause', 'Pause a machine', 'paused'),
		power('resume', 'Resume', 'Resume a paused machine', 'resumed'),
		{
			name: 'restore',
			label: 'Restore',
			action: 'Restore a deleted machine',
			params: [machineId(), reason()],
			longRunning: { kind: 'provision' },
			resultKey: 'restored',
		},
		{
			name: 'addDisk',
			label: 'Add Disk',
			action: 'Create a disk and attach it to a machine',
			params: [
				machineId(),
				req('diskName', 'str', 'Disk Name', 'Name of the new disk'),
				req('description', 'str', 'Description', 'What the disk is for'),
				req('size', 'int', 'Size (GB)', 'Size of the disk in GB', { default: 10 }),
				req('type', 'str', 'Type', 'Kind of disk', { options: DISK_TYPES, default: 'B' }),
				opt('ssdSize', 'int', 'SSD Size (GB)', 'Size of the SSD part in GB', { default: 0 }),
				opt('iops', 'int', 'Max IOPS', 'Most IO operations per second the disk may do', { default: 2000 }),
			],
			longRunning: { kind: 'provision' },
			resultKey: 'diskId',
		},
		power('attachDisk', 'Attach Disk', 'Attach a disk to a machine', 'attached', [diskId('The disk to attach')]),
		power('detachDisk', 'Detach Disk', 'Detach a disk from a machine', 'detached', [diskId('The disk to detach')]),
		{
			name: 'snapshot',
			label: 'Create Snapshot',
			action: 'Take a snapshot of a machine',
			params: [
				machineId(),
				req('name', 'str', 'Snapshot Name', 'Name of the snapshot'),
				opt('force', 'bool', 'Force', 'Whether to take the snapshot even when one with this name exists', { default: false }),
			],
			longRunning: { kind: 'provision' },
		},
		{
			name: 'listSnapshots',
			label: 'List Snapshots',
			action: 'List the snapshots of a machine',
			safe: true,
			params: [machineId()],
			list: true,
		},
		{
			name: 'deleteSnapshot',
			label: 'Delete Snapshot',
			action: 'Delete a snapshot of a machine',
			description: 'Give the snapshot time or the snapshot name',
			params: [machineId(), snapshotEpoch, snapshotName],
			longRunning: { kind: 'teardown' },
			resultKey: 'deleted',
		},
		{
			name: 'rollbackSnapshot',
			label: 'Roll Back to Snapshot',
			action: 'Roll a machine back to a snapshot',
			description: 'Give the snapshot time or the snapshot name; the machine must be stopped',
			params: [machineId(), snapshotEpoch, snapshotName],
			longRunning: { kind: 'provision' },
		},
		{
			name: 'createTemplate',
			label: 'Create Template',
			action: 'Create a template from a machine',
			description: 'The G8 accepts the request at once and builds the template in the background; it reports by e-mail or to the callback URL',
			params: [machineId(), req('templateName', 'str', 'Template Name', 'Name of the new template'), callbackUrl],
			longRunning: { kind: 'provision', via: 'sync' },
			resultKey: 'accepted',
		},
		{
			name: 'importOVF',
			label: 'Import OVF',
			action: 'Import a machine from an OVF file',
			description:
				'From an ownCloud (WebDAV) share; the G8 accepts the request at once and imports in the background, reporting by e-mail or to the callback URL',
			params: [
				...webdav,
				cloudspaceId('The cloud space to create the machine in'),
				req('name', 'str', 'Name', 'Name of the machine'),
				description,
				optional(sizeId('A size (flavor); or give Memory and vCPUs')),
				memory,
				vcpus,
				callbackUrl,
			],
			longRunning: { kind: 'provision', via: 'sync' },
			resultKey: 'accepted',
		},
		{
			name: 'exportOVF',
			label: 'Export OVF',
			action: 'Export a machine to an OVF file',
			description:
				'With its disks, to an ownCloud (WebDAV) share; the G8 accepts the request at once and exports in the background, reporting by e-mail or to the callback URL',
			params: [...webdav, machineId('The machine to export'), callbackUrl],
			longRunning: { kind: 'provision', via: 'sync' },
			resultKey: 'accepted',
		},
		{
			name: 'getConsoleUrl',
			label: 'Get Console URL',
			action: 'Get a console URL for a machine',
			safe: true,
			description: 'A one-time URL to open the console of the machine',
			// The API declares this machineId a string; it is picked like every other machine and sent as text.
			params: [{ ...machineId(), meta: { api: 'str' } }],
			resultKey: 'consoleUrl',
		},
		{
			name: 'resize',
			label: 'Resize',
			action: 'Resize a machine',
			description:
				'Give a size, or memory and vCPUs. Applied at once when the image allows it (Applied Live true); otherwise stop and start the machine to apply it',
			params: [machineId(), optional(sizeId('The new size')), memory, vcpus],
			longRunning: { kind: 'power', waitByDefault: false },
			resultKey: 'appliedLive',
		},
		{
			name: 'clone',
			label: 'Clone',
			action: 'Clone a machine',
			params: [
				machineId('The machine to clone'),
				req('name', 'str', 'Name', 'Name of the clone'),
				optional(cloudspaceId('The cloud space to put the clone in (default: the same one)')),
				opt('snapshotTimestamp', 'int', 'Snapshot Time', 'Unix time of a snapshot to clone from'),
				opt('snapshotname', 'str', 'Snapshot Name', 'Name of a snapshot to clone from'),
			],
			longRunning: { kind: 'provision' },
			resultKey: 'machineId',
		},
		{
			name: 'getHistory',
			label: 'Get History',
			action: 'Get the history of a machine',
			safe: true,
			params: [machineId(), req('size', 'int', 'Entries', 'How many history entries to return')],
		},
		access.addUser,
		access.deleteUser(),
		access.updateUser,
		power('attachExternalNetwork', 'Attach External Network', 'Attach an external network to a machine', 'attached', [
			opt('externalNetworkId', 'int', 'External Network', 'The network to take an IP address from (default: any available)', {
				picker: 'externalNetwork',
			}),
		]),
		power('detachExternalNetwork', 'Detach External Network', 'Detach an external network from a machine', 'detached', [
			opt('externalNetworkId', 'int', 'External Network', 'The network to detach (default: all of them)', {
				picker: 'externalNetwork',
			}),
		]),
		{
			name: 'listExternalNetworks',
			label: 'List External Networks',
			action: 'List the external networks of a machine',
			safe: true,
			description: 'The IDs of the external networks the machine is attached to, one item each',
			params: [machineId()],
			resultKey: 'externalNetworkId',
		},
	],
};
