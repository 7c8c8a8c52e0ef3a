/**
 * The node's editor properties, derived from the catalog: Resource (one per actor, plus Task), Operation
 * (one per method), the methods' fields, and the controls some methods need: Return All / Limit for lists,
 * Wait for Completion for long-running methods (with a poll interval and timeout whose defaults depend on
 * the kind of method), the output field for files; Task: Get and Kill; and the Options (Extra Parameters
 * for newer G8 versions, Items in Parallel, Retry Transient Errors).
 */
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { returnAllProperties } from '../shared/list-limit';
import { allOperationProperties } from '../shared/operation-fields';
import { runOptionProperties } from '../shared/run-options';
import { PARALLEL_DEFAULT } from './api';
import { CATALOG, isWaitable, OPERATIONS, type CatalogActor, type CatalogMethod, type WaitKind } from './catalog';
import { TASK_WAIT_DEFAULTS, WAIT_DEFAULTS } from './wait';

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

/** Poll Interval and Timeout (seconds), with their defaults, where they show. */
function pollProperties(
	{ interval, timeout }: { interval: number; timeout: number },
	displayOptions: IDisplayOptions,
	intervalDescription: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.01 },
			default: interval,
			displayOptions,
			description: intervalDescription,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 0.01 },
			default: timeout,
			displayOptions,
			description: 'How long to wait for the task before failing; the task itself goes on',
		},
	];
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
		properties.push(
			...pollProperties(
				WAIT_DEFAULTS[kind],
				show(names(methods), { waitForCompletion: [true] }),
				'Time between checks of the task; the first two checks come sooner (after a quarter and half of it) so short tasks finish quickly',
			),
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

/** Task: Get and Kill, for calls started with "Return Task ID" (or by anything else that has a task ID). */
function taskProperties(): INodeProperties[] {
	const forTask = (operations: string[], extra: Record<string, boolean[]> = {}) => ({
		show: { resource: ['task'], operation: operations, ...extra },
	});
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: ['task'] } },
			options: [
				{
					name: 'Get',
					value: 'get',
					action: 'Get the state of a task',
					description: 'Pending, succeeded with its result, or failed with its message (results are kept about 10 minutes)',
				},
				{ name: 'Kill', value: 'kill', action: 'Kill a running task' },
			],
			default: 'get',
		},
		{
			displayName: 'Task ID',
			name: 'taskGuid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 8f9c5d3e-1b2a-4c5d-9e8f-7a6b5c4d3e2f',
			displayOptions: forTask(['get', 'kill']),
			description: 'The task ID a long-running operation returned with "Return Task ID"',
		},
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			displayOptions: forTask(['get']),
			description: 'Whether to wait until the task has finished; a failed task then fails the item',
		},
		...pollProperties(TASK_WAIT_DEFAULTS, forTask(['get'], { waitForCompletion: [true] }), 'Time between checks of the task'),
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
		...runOptionProperties(PARALLEL_DEFAULT),
	],
};

/**
 * One property instead of several that differ only in the operations of one resource they show for
 * (e.g. "Machine" for the 25 machine operations that take it): the same editor, a lighter description.
 */
function mergeByOperation(properties: INodeProperties[]): INodeProperties[] {
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
		...taskProperties(),
		...mergeByOperation(allOperationProperties(OPERATIONS.map((operation) => operation.spec))),
		...CATALOG.flatMap((actor) => [...listProperties(actor), ...fileProperties(actor), ...waitProperties(actor)]),
		optionsProperty,
	];
}
