import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { bodyObject } from '../shared/http';
import { memoryKey, runPoll } from '../shared/trigger';
import { CREDENTIAL } from './api';
import { parameterOf, rowFor, TRIGGER_FILTERS, type VentusField } from './catalog';
import { TRIGGER_SUBTITLE, triggerProperties } from './description';
import { unexpectedAnswer } from './errors';
import { currencyProblem, priceEvents, projectEvents, type VentusEvent } from './events';
import { fieldValue, operationName, passesFilters, readWhole } from './execute';
import { connect } from './transport';

/** The Filters collection's values by API name, converted and checked like the action node's. */
function readFilters(ctx: IPollFunctions, fields: VentusField[]): IDataObject {
	const given = ctx.getNodeParameter('filters', {}) as IDataObject;
	const values: IDataObject = {};
	for (const field of fields) {
		const read = fieldValue(field, given[parameterOf(field)]);
		if ('error' in read) throw new NodeOperationError(ctx.getNode(), `"${field.displayName}" ${read.error}`);
		if (read.value !== undefined) values[field.name] = read.value as IDataObject[string];
	}
	return values;
}

export class VentusCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ventus Cloud Trigger',
		name: 'ventusCloudTrigger',
		icon: { light: 'file:ventusCloud.svg', dark: 'file:ventusCloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: TRIGGER_SUBTITLE,
		description: 'Starts the workflow when a Ventus Cloud project is created, deleted or renamed, or a price changes',
		defaults: { name: 'Ventus Cloud Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		properties: triggerProperties(),
	};

	/**
	 * One poll: one request (the project list, or the price list), compared with the previous poll's. The
	 * memory is per event and organization; the first poll after activation only records it.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as VentusEvent;
		const account = await connect(this);
		const key = memoryKey([event, account.organizationId]);

		if (event === 'priceChanged') {
			const row = rowFor('price', 'get')!;
			const currency = readFilters(this, TRIGGER_FILTERS.price).currency as string | undefined;
			const addedAndRemoved = (this.getNodeParameter('options', {}) as IDataObject).addedAndRemoved === true;
			return await runPoll(this, key, async (memory, manual) => {
				const list = bodyObject(await readWhole(this, account, row));
				if (!list) throw await unexpectedAnswer(this, { operation: operationName(row), expected: 'the price list', changes: false });
				const problem = currency === undefined ? undefined : currencyProblem(list, memory, currency.toLowerCase());
				if (problem) throw new NodeOperationError(this.getNode(), `"Currency" ${problem}`);
				return priceEvents(list, memory, { currency: currency?.toLowerCase(), addedAndRemoved }, manual);
			});
		}

		const row = rowFor('project', 'list')!;
		const filters = readFilters(this, TRIGGER_FILTERS.project);
		const passes = (project: IDataObject) => passesFilters(project, TRIGGER_FILTERS.project, filters);
		return await runPoll(this, key, async (memory, manual) => {
			const projects = await readWhole(this, account, row);
			if (!Array.isArray(projects)) throw await unexpectedAnswer(this, { operation: operationName(row), expected: 'a list', changes: false });
			return projectEvents(event, projects as IDataObject[], memory, passes, manual);
		});
	}
}
