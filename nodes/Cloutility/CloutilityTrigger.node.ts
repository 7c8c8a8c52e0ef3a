import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { fieldProperty } from '../shared/operation-fields';
import { eventSubtitle, memoryKey, runPoll } from '../shared/trigger';
import { locatorValue } from '../shared/validate';
import { CREDENTIAL } from './api';
import { AUDIT_TYPES, pollWatch, type TriggerEvent, type Watch } from './events';
import { searchBusinessUnits, searchConsumptionUnits } from './listSearch';
import { connect } from './transport';

const EVENTS: Array<{ name: string; value: TriggerEvent; description: string }> = [
	{ name: 'Backup Node Activated or Changed', value: 'backupNodeActivatedOrChanged', description: 'A backup node was activated, or its settings (name, policy domain, option set…) changed' },
	{ name: 'Backup Node Created', value: 'backupNodeCreated', description: 'A consumption unit got a backup node' },
	{ name: 'Consumption Unit Created or Deleted', value: 'consumptionUnitCreatedOrDeleted', description: 'A consumption unit was created or deleted' },
	{ name: 'New Audit Log Entry', value: 'auditLogEntry', description: 'An entry in the audit log: errors, creations, changes, deletions, information' },
	{ name: 'New Node Report', value: 'nodeReport', description: 'The daily report of a backup node: storage, transfer, status, warnings' },
	{ name: 'New Status Report', value: 'statusReport', description: 'The daily status report of the business unit, with the worst status of its nodes' },
];

/** A picker (resource locator: from the list or by ID), as the action node's fields have them. */
const locator = (displayName: string, name: string, picker: string, placeholder: string) =>
	fieldProperty({ displayName, name, type: 'number', default: 0, picker, placeholder }, name);

/** A numeric ID from a picker or an expression; empty is allowed only where `required` is false. */
function idParameter(ctx: IPollFunctions, name: string, label: string, required: boolean): string | undefined {
	const raw = locatorValue(ctx.getNodeParameter(name, '', { extractValue: true }));
	const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!value && !required) return undefined;
	if (!/^[1-9]\d*$/.test(value)) throw new NodeOperationError(ctx.getNode(), `"${label}" must be a positive whole number (got "${value}")`);
	return value;
}

export class CloutilityTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cloutility Trigger',
		name: 'cloutilityTrigger',
		icon: { light: 'file:cloutility.svg', dark: 'file:cloutility.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitle(EVENTS),
		description: 'Starts a workflow when something happens in a Cloutility backup portal: audit log entries, backup nodes, consumption units, reports',
		defaults: { name: 'Cloutility Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				options: EVENTS,
				default: 'auditLogEntry',
			},
			{
				...locator('Business Unit', 'bunitId', 'searchBusinessUnits', 'e.g. 22'),
				required: true,
				description: 'The business unit to watch, picked from the tree or given by its numeric ID',
			},
			{
				...locator('Consumption Unit', 'consumerId', 'searchConsumptionUnits', 'e.g. 408'),
				description: 'Only this consumption unit (default: all of the business unit)',
				displayOptions: { show: { event: ['auditLogEntry', 'nodeReport'] } },
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: Object.entries(AUDIT_TYPES).map(([value, name]) => ({ name: name.charAt(0).toUpperCase() + name.slice(1), value: Number(value) })),
				default: [],
				description: 'Only entries of these types (default: all five)',
				displayOptions: { show: { event: ['auditLogEntry'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Changes',
						name: 'changes',
						type: 'multiOptions',
						options: [
							{ name: 'Created', value: 'created' },
							{ name: 'Deleted', value: 'deleted' },
						],
						default: ['created', 'deleted'],
						description: 'Which changes start the workflow',
						displayOptions: { show: { '/event': ['consumptionUnitCreatedOrDeleted'] } },
					},
					{
						displayName: 'Include Units Below',
						name: 'includeDescendants',
						type: 'boolean',
						default: true,
						description: 'Whether the business units below the chosen one are watched too',
						// A status report rolls up the units below already.
						displayOptions: { hide: { '/event': ['statusReport'] } },
					},
					{
						displayName: 'Only Activations',
						name: 'onlyActivations',
						type: 'boolean',
						default: false,
						description: 'Whether only activations start the workflow, not other changes',
						displayOptions: { show: { '/event': ['backupNodeActivatedOrChanged'] } },
					},
					{
						displayName: 'Only Failed or With Warnings',
						name: 'onlyProblems',
						type: 'boolean',
						default: false,
						description: 'Whether only reports with an error or warning status, or with warnings, start the workflow',
						displayOptions: { show: { '/event': ['nodeReport', 'statusReport'] } },
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchBusinessUnits, searchConsumptionUnits },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const event = this.getNodeParameter('event') as TriggerEvent;
		const watch: Watch = {
			event,
			bunitId: idParameter(this, 'bunitId', 'Business Unit', true)!,
			consumerId: ['auditLogEntry', 'nodeReport'].includes(event) ? idParameter(this, 'consumerId', 'Consumption Unit', false) : undefined,
			descendants: options.includeDescendants !== false,
			types: event === 'auditLogEntry' ? ((this.getNodeParameter('types', []) as number[]) ?? []).map(Number).sort((a, b) => a - b) : [],
			onlyProblems: options.onlyProblems === true,
			onlyActivations: options.onlyActivations === true,
			changes: (options.changes as Watch['changes'] | undefined) ?? [],
		};
		const portal = await connect(this);
		// A new event, business unit or filter starts afresh (a new baseline), so its memory has its own key.
		const key = memoryKey([watch.event, watch.bunitId, watch.consumerId, watch.descendants, watch.types]);
		return await runPoll(this, key, async (memory, manual) => await pollWatch(this, portal, watch, memory, manual));
	}
}
