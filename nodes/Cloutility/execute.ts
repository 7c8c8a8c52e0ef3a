/**
 * The executor: a catalog row and an item's fields become the request(s) to send, and the portal's answer
 * becomes output items. What is the same for every item of a run (the row, the portal, the per-field
 * lookups) is worked out once.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';

import { isHtml } from '../shared/errors';
import { wantedCount } from '../shared/list-limit';
import { readOperationFields } from '../shared/operation-fields';
import { collectOffsetPages, pagingNotice } from '../shared/paging';
import { fillPath } from '../shared/path';
import { noticeOnce, type OperationOutput } from '../shared/runner';
import { PAGE_SIZE } from './api';
import { findOperation, RESOURCES, SHARED_FIELDS, type PortalOperation } from './catalog';
import { listItems, listTotal, connect, apiRequest, type Connection, type ApiCall } from './transport';
import { flattenTree } from './tree';

export interface BuiltRequest {
	/** The path with placeholders filled in, each value encoded as one segment. */
	path: string;
	query: Array<[string, string]>;
	/** The JSON body, when the operation has body fields (undefined when none were given); a list when one field is the whole body. */
	body?: IDataObject | unknown[];
	/** The input item's binary property to upload. */
	binaryProperty?: string;
	/** Values of `option` fields, for the node itself. */
	options: IDataObject;
	/** What was sent in the path and query (secrets left out), for outputs of answers that are not objects. */
	sent: IDataObject;
	/** Values of secret fields (a node password), to be masked in any error. */
	secrets: string[];
}

/** What is the same for every request of one operation. */
interface Plan {
	labels: Map<string, string>;
	hasBody: boolean;
	/** Multi-select query filters left empty mean all of their values, sent explicitly. */
	allValues: Map<string, unknown[]>;
}

const plans = new WeakMap<PortalOperation, Plan>();

function planOf(operation: PortalOperation): Plan {
	let plan = plans.get(operation);
	if (!plan) {
		plan = {
			labels: new Map(operation.fields.map((field) => [field.name, field.displayName])),
			hasBody: operation.fields.some((field) => field.in === 'body' || field.in === 'bodyJson'),
			allValues: new Map(
				operation.fields
					.filter((field) => field.type === 'multiOptions' && field.in === 'query')
					.map((field) => [field.name, (field.options ?? []).map((option) => option.value)]),
			),
		};
		plans.set(operation, plan);
	}
	return plan;
}

const text = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

/** Turns an operation's row and an item's (converted, checked) field values into the request to send. Pure: no I/O. */
export function buildRequest(operation: PortalOperation, values: IDataObject): BuiltRequest {
	const plan = planOf(operation);
	const path = fillPath(operation.path, values, (name) => plan.labels.get(name) ?? name);
	const query: Array<[string, string]> = [];
	const sent: IDataObject = {};
	const options: IDataObject = {};
	const secrets: string[] = [];
	const bodyFields: IDataObject = {};
	let extraBody: IDataObject = {};
	let wholeBody: unknown[] | undefined;
	let binaryProperty: string | undefined;

	for (const field of operation.fields) {
		const value = values[field.name] ?? (plan.allValues.get(field.name) as IDataObject[string]);
		if (value === undefined) continue;
		if (field.secret) secrets.push(text(value));
		switch (field.in) {
			case 'path':
				sent[field.name] = value;
				break;
			case 'query':
				for (const entry of Array.isArray(value) ? value : [value]) query.push([field.name, text(entry)]);
				if (!field.secret) sent[field.name] = value;
				break;
			case 'body':
				if (field.meta?.whole) wholeBody = value as unknown[];
				else bodyFields[typeof field.meta?.key === 'string' ? field.meta.key : field.name] = field.meta?.ref ? { id: value } : value;
				break;
			case 'bodyJson':
				extraBody = { ...extraBody, ...(value as IDataObject) };
				break;
			case 'binary':
				binaryProperty = String(value);
				break;
			case 'option':
				options[field.name] = value;
				break;
		}
	}
	const body = plan.hasBody ? { ...extraBody, ...bodyFields } : undefined;
	return {
		path,
		query,
		body: wholeBody ?? (body && Object.keys(body).length > 0 ? body : undefined),
		binaryProperty,
		options,
		sent,
		secrets,
	};
}

const asObject = (entry: unknown): IDataObject =>
	entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as IDataObject) : { value: entry as IDataObject[string] };

/** A multipart/form-data body carrying one file. */
async function uploadBody(ctx: IExecuteFunctions, itemIndex: number, property: string) {
	const binary = ctx.helpers.assertBinaryData(itemIndex, property);
	const content = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	const boundary = `----n8nCloutility${randomBytes(12).toString('hex')}`;
	const fileName = (binary.fileName ?? 'file').replace(/["\r\n]/g, '_');
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
			`Content-Type: ${binary.mimeType || 'application/octet-stream'}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	return {
		body: Buffer.concat([head, content, tail]),
		headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
	};
}

const isEmpty = (answer: unknown) => answer === undefined || answer === null || (typeof answer === 'string' && answer.trim() === '');

/**
 * Runs tasks for the same key one after another, in the order they were queued; other keys run freely.
 * Updates read the resource and send it back: two items updating the same resource at the same time would
 * otherwise both read the old state and the second would undo the first.
 */
class OneAtATime {
	private readonly tails = new Map<string, Promise<void>>();

	async run<T>(key: string, task: () => Promise<T>): Promise<T> {
		const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
		const tail = result.then(
			() => undefined,
			() => undefined,
		);
		this.tails.set(key, tail);
		try {
			return await result;
		} finally {
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}
}

class OperationRun {
	private readonly returnAllDefault: boolean;

	private readonly safe: boolean;

	/** How errors and notices name the operation, e.g. "Audit Log: Get Many for Business Unit". */
	private readonly title: string;

	private readonly updates = new OneAtATime();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly portal: Connection,
		private readonly operation: PortalOperation,
	) {
		// Version 2 of the node returns all entries of a list by default; version 1 the first 50.
		this.returnAllDefault = ctx.getNode().typeVersion >= 2;
		this.safe = operation.safe ?? operation.method === 'GET';
		const resource = RESOURCES.find((candidate) => candidate.value === operation.resource);
		this.title = `${resource?.name ?? operation.resource}: ${operation.name}`;
	}

	/** An answer the operation cannot use: named, with what was expected, and nothing of the answer itself. */
	private unusable(itemIndex: number, problem: string): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), `Cloutility answered "${this.title}" ${problem}`, { itemIndex });
	}

	/** An answer that should be a resource, a list or a tree: JSON, not nothing or a page. */
	private structured(answer: unknown, itemIndex: number): unknown {
		if (isEmpty(answer)) throw this.unusable(itemIndex, 'with an empty body, where it returns JSON');
		if (typeof answer === 'string') throw this.unusable(itemIndex, 'with a body that is not JSON');
		return answer;
	}

	/** An answer that is a resource, a plain value, or nothing. */
	private valueOutput(request: BuiltRequest, answer: unknown, itemIndex: number): IDataObject | IDataObject[] {
		const { done, scalar, method } = this.operation;
		if (isEmpty(answer)) {
			if (done || method === 'GET') return { ...request.sent, [done ?? 'success']: true };
			throw this.unusable(itemIndex, 'with an empty body, where it returns what it created or changed');
		}
		if (typeof answer === 'string' && (isHtml(answer) || !scalar)) throw this.unusable(itemIndex, 'with a body that is not JSON');
		if (Array.isArray(answer)) return answer.map(asObject);
		if (typeof answer === 'object') return answer as IDataObject;
		return { ...request.sent, [scalar ?? 'result']: answer as IDataObject[string] };
	}

	async item(itemIndex: number): Promise<OperationOutput> {
		const { ctx, portal, operation } = this;
		const values = readOperationFields(ctx, operation, SHARED_FIELDS, itemIndex);
		const request = buildRequest(operation, values);
		const call: ApiCall = {
			method: operation.method,
			path: request.path,
			template: operation.path,
			query: request.query,
			itemIndex,
			safe: this.safe,
			secrets: request.secrets,
		};
		const answer = operation.answer ?? 'object';

		if (answer === 'pages') {
			const list = await collectOffsetPages(
				async (offset, limit) => {
					const page = this.structured(
						await apiRequest(ctx, portal, { ...call, query: [...request.query, ['offset', String(offset)], ['limit', String(limit)]] }),
						itemIndex,
					);
					return { items: listItems(page), total: listTotal(page) };
				},
				{ pageSize: PAGE_SIZE, wanted: wantedCount(ctx, itemIndex, this.returnAllDefault) },
			);
			const notice = pagingNotice(`"${this.title}"`, list);
			if (notice) noticeOnce(ctx, notice);
			return list.items.map(asObject);
		}

		if (answer === 'list' || answer === 'tree') {
			const want = wantedCount(ctx, itemIndex, this.returnAllDefault);
			const result = this.structured(await apiRequest(ctx, portal, call), itemIndex);
			if (answer === 'tree') return request.options.keepTree === true ? asObject(result) : flattenTree(result).slice(0, want);
			const items = listItems(result);
			const total = listTotal(result);
			if (total !== undefined && total > items.length) {
				noticeOnce(ctx, `The portal reported ${total} entries for "${this.title}" but sent ${items.length}: only those are returned.`);
			}
			return items.slice(0, want).map(asObject);
		}

		// Updates (PUT, PATCH) send what is given: with nothing given they would blank the resource, or do nothing.
		if ((operation.method === 'PUT' || operation.method === 'PATCH') && !request.body) {
			throw new NodeOperationError(ctx.getNode(), 'Nothing to update: add at least one field under "Additional Fields"', { itemIndex });
		}
		if (operation.mergeCurrent) {
			const body = request.body as IDataObject;
			return await this.updates.run(request.path, async () => {
				const current = this.structured(await apiRequest(ctx, portal, { ...call, method: 'GET', query: [], safe: true }), itemIndex);
				const base = typeof current === 'object' && !Array.isArray(current) ? (current as IDataObject) : {};
				return this.valueOutput(request, await apiRequest(ctx, portal, { ...call, body: { ...base, ...body } }), itemIndex);
			});
		}

		if (request.binaryProperty !== undefined) {
			const upload = await uploadBody(ctx, itemIndex, request.binaryProperty);
			return this.valueOutput(request, await apiRequest(ctx, portal, { ...call, ...upload }), itemIndex);
		}

		return this.valueOutput(request, await apiRequest(ctx, portal, { ...call, body: request.body }), itemIndex);
	}
}

/** The operation the node is set to, ready to run item by item (checked and looked up once per run). */
export async function itemOperation(ctx: IExecuteFunctions): Promise<(itemIndex: number) => Promise<OperationOutput>> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const name = ctx.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, name);
	if (!operation) throw new NodeOperationError(ctx.getNode(), `Unsupported operation "${name}" for resource "${resource}"`);
	const run = new OperationRun(ctx, await connect(ctx), operation);
	return async (itemIndex) => await run.item(itemIndex);
}
