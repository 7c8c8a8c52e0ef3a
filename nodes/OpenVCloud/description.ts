/**
 * The node's editor properties, derived from the catalog: Resource (one per actor, plus Task), Operation
 * (one per method), the methods' fields, and the controls some methods need: Return All / Limit for lists,
 * Wait for Completion for long-running methods (with a poll interval and timeout whose defaults depend on
 * the kind of method), the output field for files, and Extra Parameters for newer G8 versions.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { CATALOG, isWaitable, type CatalogActor, type CatalogMethod, type WaitKind } from './catalog';
import { catalogFieldProperties } from './fields';
import { taskProperties } from './task.description';
import { WAIT_DEFAULTS } from './wait';
import { returnAllProperties } from '../shared/list-limit';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function resourceProperty(): INodeProperties {
	const options: INodePropertyOptions[] = [
		...CATALOG.map((actor) => ({ name: actor.label, value: actor.resource })),
		{ name: 'Task', value: 'task' },
	].sort(byName);
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options,
		default: 'machine',
	};
}

function operationProperty(actor: CatalogActor): INodeProperties {
	const options = actor.methods
		.map((method) => ({
			name: method.label,
			value: method.name,
			action: method.action,
			description: method.description ?? method.action,
		}))
		.sort(byName);
	const defaultOperation = actor.methods.some((method) => method.name === 'list') ? 'list' : actor.methods[0].name;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [actor.resource] } },
		options,
		default: defaultOperation,
	};
}

const names = (methods: CatalogMethod[]) => methods.map((method) => method.name);

function listProperties(actor: CatalogActor): INodeProperties[] {
	const lists = names(actor.methods.filter((method) => method.list));
	if (lists.length === 0) return [];
	return returnAllProperties({ show: { resource: [actor.resource], operation: lists } });
}

/** Groups a resource's waitable methods by a key, e.g. their kind or their Wait for Completion default. */
function groupBy<K extends string>(methods: CatalogMethod[], key: (method: CatalogMethod) => K) {
	const groups = new Map<K, CatalogMethod[]>();
	for (const method of methods) groups.set(key(method), [...(groups.get(key(method)) ?? []), method]);
	return [...groups];
}

function waitProperties(actor: CatalogActor): INodeProperties[] {
	const waitable = actor.methods.filter(isWaitable);
	if (waitable.length === 0) return [];
	const show = (operations: string[], extra: Record<string, boolean[]> = {}) => ({
		show: { resource: [actor.resource], operation: operations, ...extra },
	});
	const properties: INodeProperties[] = [];
	for (const [byDefault, methods] of groupBy(waitable, (method) => String(method.longRunning?.waitByDefault ?? true))) {
		const waitOn: INodeProperties = {
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			displayOptions: show(names(methods)),
			description:
				'Whether to start the call as a task and wait until it has finished, checking its state regularly. Off: one synchronous call, or the task ID only.',
		};
		properties.push(byDefault === 'true' ? waitOn : { ...waitOn, default: false });
	}
	properties.push({
		displayName: 'Return Task ID',
		name: 'returnTaskId',
		type: 'boolean',
		default: false,
		displayOptions: show(names(waitable), { waitForCompletion: [false] }),
		description: 'Whether to start the call as a task and return its ID at once, for a later Task: Get, instead of one synchronous call',
	});
	for (const [kind, methods] of groupBy(waitable, (method) => method.longRunning?.kind ?? ('quick' as WaitKind))) {
		const { interval, timeout } = WAIT_DEFAULTS[kind];
		properties.push(
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				typeOptions: { minValue: 0.01 },
				default: interval,
				displayOptions: show(names(methods), { waitForCompletion: [true] }),
				description:
					'Time between checks of the task; the first two checks come sooner (after a quarter and half of it) so short tasks finish quickly',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'waitTimeout',
				type: 'number',
				typeOptions: { minValue: 0.01 },
				default: timeout,
				displayOptions: show(names(methods), { waitForCompletion: [true] }),
				description: 'How long to wait for the task before failing; the task itself goes on',
			},
		);
	}
	if (actor.resource === 'cloudSpace') {
		properties.push({
			displayName: 'Wait Until Deployed',
			name: 'waitForDeployment',
			type: 'boolean',
			default: true,
			displayOptions: show(['create'], { waitForCompletion: [true] }),
			description:
				'Whether to also wait until the cloud space reports DEPLOYED (its router runs), within the same timeout, and return its details',
		});
	}
	return properties;
}

function fileProperties(actor: CatalogActor): INodeProperties[] {
	const files = names(actor.methods.filter((method) => method.file));
	if (files.length === 0) return [];
	return [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { resource: [actor.resource], operation: files } },
			hint: 'The name of the output binary field to put the file in',
		},
	];
}

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Extra Parameters (JSON)',
			name: 'extraParameters',
			type: 'json',
			default: '{}',
			displayOptions: { hide: { '/resource': ['task'] } },
			description:
				'More parameters to send, as a JSON object: parameters newer G8 versions accept that this operation has no field for',
		},
		{
			displayName: 'Items in Parallel',
			name: 'parallelItems',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20 },
			default: 1,
			description:
				'How many items are processed at the same time. Above 1, the tasks of several items run, and are waited for, together; the output keeps the input order.',
		},
	],
};

/**
 * One property instead of several that differ only in the operations of one resource they show for
 * (e.g. "Machine" for the 25 machine operations that take it): the same editor, a lighter description.
 */
export function mergeByOperation(properties: INodeProperties[]): INodeProperties[] {
	const merged: INodeProperties[] = [];
	const byShape = new Map<string, INodeProperties>();
	for (const property of properties) {
		const show = property.displayOptions?.show;
		const operations = show?.operation;
		if (!show || !Array.isArray(operations) || Object.keys(property.displayOptions ?? {}).length !== 1) {
			merged.push(property);
			continue;
		}
		const shape = JSON.stringify({ ...property, displayOptions: { show: { ...show, operation: undefined } } });
		const existing = byShape.get(shape);
		if (existing) {
			(existing.displayOptions!.show!.operation as string[]).push(...(operations as string[]));
		} else {
			const copy = { ...property, displayOptions: { show: { ...show, operation: [...(operations as string[])] } } };
			byShape.set(shape, copy);
			merged.push(copy);
		}
	}
	return merged;
}

export function nodeProperties(): INodeProperties[] {
	return [
		resourceProperty(),
		...CATALOG.map(operationProperty),
		...taskProperties,
		...mergeByOperation(catalogFieldProperties()),
		...CATALOG.flatMap((actor) => [...listProperties(actor), ...fileProperties(actor), ...waitProperties(actor)]),
		optionsProperty,
	];
}
