/**
 * The OpenvCloud Trigger: a polling trigger that starts a workflow when machines, cloud spaces, disks or
 * snapshots of a chosen cloud space or account change. Each poll lists what is watched and compares it
 * with what the trigger remembers (events.ts); the memory, the baseline and manual mode follow n8n's
 * conventions (shared/trigger.ts).
 */
import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { eventSubtitle, memoryKey, runPoll } from '../shared/trigger';
import { CREDENTIAL } from './api';
import { EVENTS, pollEvents, type PollSettings, type Scope, type ScopeKind } from './events';
import { searchAccounts, searchCloudSpaces } from './listSearch';
import { connect } from './transport';

const eventsWatching = (scopes: number) => EVENTS.filter((event) => event.scopes.length === scopes).map((event) => event.value);
/** Events that watch a cloud space or an account, and events that watch an account only. */
const EITHER = eventsWatching(2);
const ACCOUNT_ONLY = eventsWatching(1);
const STATUS_EVENTS = EVENTS.filter((event) => event.change === 'statusChanged').map((event) => event.value);
const DETAILED_EVENTS = EVENTS.filter((event) => event.kind !== 'snapshot' && event.change !== 'deleted').map((event) => event.value);

const locator = (name: string, displayName: string, searchListMethod: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
		{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. 42' },
	],
});

const account = locator('accountId', 'Account', 'searchAccounts', 'The account to watch (all its cloud spaces)');

const statuses = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'e.g. HALTED, ERROR',
	description,
	displayOptions: { show: { '/event': STATUS_EVENTS } },
});

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		required: true,
		default: 'machineStatusChanged',
		options: EVENTS.map(({ name, value, description }) => ({ name, value, description })),
	},
	{
		displayName: 'Watch',
		name: 'scope',
		type: 'options',
		noDataExpression: true,
		default: 'cloudSpace',
		displayOptions: { show: { event: EITHER } },
		options: [
			{ name: 'A Cloud Space', value: 'cloudSpace', description: 'The cheapest: machine events cost one request per poll' },
			{ name: 'An Account', value: 'account', description: 'Every cloud space of the account: machine events cost one more request per cloud space' },
		],
	},
	{ ...account, displayOptions: { show: { event: EITHER, scope: ['account'] } } },
	{ ...account, displayOptions: { show: { event: ACCOUNT_ONLY } } },
	{
		...locator('cloudspaceId', 'Cloud Space', 'searchCloudSpaces', 'The cloud space to watch'),
		displayOptions: { show: { event: EITHER, scope: ['cloudSpace'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			statuses('fromStatuses', 'From Statuses', 'Only changes from one of these statuses, comma-separated; empty: any'),
			{
				displayName: 'Include Full Details',
				name: 'fullDetails',
				type: 'boolean',
				default: false,
				description: "Whether to fetch each object with its Get (one more request per event) instead of emitting the list's record",
				displayOptions: { show: { '/event': DETAILED_EVENTS } },
			},
			statuses('toStatuses', 'To Statuses', 'Only changes to one of these statuses, comma-separated; empty: any'),
		],
	},
];

/** The statuses of a filter option, upper case. */
const statusSet = (raw: unknown) =>
	new Set(
		String(raw ?? '')
			.split(/[\s,;]+/)
			.map((status) => status.trim().toUpperCase())
			.filter(Boolean),
	);

function readSettings(ctx: IPollFunctions): PollSettings {
	const value = ctx.getNodeParameter('event') as string;
	const event = EVENTS.find((candidate) => candidate.value === value);
	if (!event) throw new NodeOperationError(ctx.getNode(), `Unknown event "${value}"`);
	const kind = (event.scopes.length > 1 ? ctx.getNodeParameter('scope', event.scopes[0]) : event.scopes[0]) as ScopeKind;
	const [name, label] = kind === 'account' ? ['accountId', 'Account'] : ['cloudspaceId', 'Cloud Space'];
	const raw = ctx.getNodeParameter(name, '', { extractValue: true }) as unknown;
	const id = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(String(raw ?? '')) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(id)) throw new NodeOperationError(ctx.getNode(), `"${label}" must be chosen, or given as a numeric ID (got "${String(raw ?? '')}")`);
	const scope: Scope = kind === 'account' ? { kind, accountId: id } : { kind, cloudspaceId: id };
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return {
		event,
		scope,
		fromStatuses: statusSet(options.fromStatuses),
		toStatuses: statusSet(options.toStatuses),
		fullDetails: options.fullDetails === true,
	};
}

export class OpenVCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OpenvCloud Trigger',
		name: 'openVCloudTrigger',
		icon: { light: 'file:openVCloud.svg', dark: 'file:openVCloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitle(EVENTS),
		description: 'Starts a workflow when machines, cloud spaces, disks or snapshots change on an OpenvCloud (G8)',
		defaults: { name: 'OpenvCloud Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties,
	};

	methods = { listSearch: { searchAccounts, searchCloudSpaces } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		const connection = await connect(this);
		const { scope } = settings;
		const key = memoryKey([settings.event.value, scope.kind, scope.kind === 'account' ? scope.accountId : scope.cloudspaceId]);
		return await runPoll(this, key, async (memory, manual) => await pollEvents(this, connection, settings, memory, manual));
	}
}
