/** Runs one catalog operation for one input item: reads its fields, sends the request(s), shapes the output. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { randomBytes } from 'node:crypto';

import type { OperationOutput } from '../shared/items';
import { wantedCount } from '../shared/list-limit';
import { collectOffsetPages } from '../shared/offset-paging';
import { readOperationFields } from '../shared/operation-fields';
import { SHARED_FIELDS, type PortalOperation } from './catalog';
import { buildRequest, type BuiltRequest } from './request';
import { listItems, listTotal, portalRequest, type Portal } from './transport';
import { flattenTree } from './tree';

/** Entries asked for per page when a list is read with offset/limit. */
export const PAGE_SIZE = 100;

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

/** An answer that is not a resource: a plain value, or nothing at all. */
function valueOutput(operation: PortalOperation, request: BuiltRequest, answer: unknown): IDataObject | IDataObject[] {
	if (answer === undefined || answer === null || answer === '') {
		return { ...request.sent, [operation.done ?? 'success']: true };
	}
	if (Array.isArray(answer)) return answer.map(asObject);
	if (typeof answer === 'object') return answer as IDataObject;
	return { ...request.sent, [operation.scalar ?? 'result']: answer as IDataObject[string] };
}

export async function runOperation(
	ctx: IExecuteFunctions,
	portal: Portal,
	operation: PortalOperation,
	itemIndex: number,
): Promise<OperationOutput> {
	const values = readOperationFields(ctx, operation, SHARED_FIELDS, itemIndex);
	const request = buildRequest(operation, values);
	const call = { method: operation.method, path: request.path, template: operation.path, query: request.query, itemIndex };
	const answer = operation.answer ?? 'object';

	if (answer === 'pages') {
		const want = wantedCount(ctx, itemIndex, false);
		const entries = await collectOffsetPages(
			async (offset, limit) => {
				const page = await portalRequest(ctx, portal, {
					...call,
					query: [...request.query, ['offset', String(offset)], ['limit', String(limit)]],
				});
				return { items: listItems(page), total: listTotal(page) };
			},
			{ pageSize: PAGE_SIZE, wanted: want },
		);
		return entries.map(asObject);
	}

	if (answer === 'list' || answer === 'tree') {
		const want = wantedCount(ctx, itemIndex, false);
		const result = await portalRequest(ctx, portal, call);
		if (answer === 'tree') {
			if (request.options.keepTree === true) return asObject(result);
			return flattenTree(result).slice(0, want);
		}
		return listItems(result).slice(0, want).map(asObject);
	}

	if (operation.mergeCurrent) {
		if (!request.body) {
			throw new NodeOperationError(ctx.getNode(), 'Nothing to update: add at least one field under "Additional Fields"', { itemIndex });
		}
		const current = await portalRequest(ctx, portal, { ...call, method: 'GET', query: [] });
		const base = current && typeof current === 'object' && !Array.isArray(current) ? (current as IDataObject) : {};
		const updated = await portalRequest(ctx, portal, { ...call, body: { ...base, ...request.body } });
		return valueOutput(operation, request, updated);
	}

	if (request.binaryProperty !== undefined) {
		const upload = await uploadBody(ctx, itemIndex, request.binaryProperty);
		return valueOutput(operation, request, await portalRequest(ctx, portal, { ...call, ...upload }));
	}

	return valueOutput(operation, request, await portalRequest(ctx, portal, { ...call, body: request.body }));
}
