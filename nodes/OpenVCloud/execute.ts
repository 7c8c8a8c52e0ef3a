/**
 * Runs one catalogued method for one item: read and check the fields, then either one synchronous call,
 * a file download, or a task (returned as its ID, or waited for), and shape the result into items.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ExecutionItems, type OperationOutput } from '../shared/items';
import { isWaitable, type CatalogEntry, type CatalogMethod } from './catalog';
import { waitUntilDeployed } from './deployment';
import { readMethodParams } from './fields';
import { echoedIds, resultItems } from './output';
import { startTask, waitForTask } from './tasks';
import { ovcCall, type Connection, type FullResponse } from './transport';
import { readWaitSettings, waitDefaults } from './wait';
import { wantedCount } from '../shared/list-limit';

/**
 * Options → Extra Parameters: a JSON object sent along with the fields, for parameters the catalog does not
 * list (newer G8 versions); a parameter the operation has a field for must be given in that field.
 */
function extraParameters(ctx: IExecuteFunctions, method: CatalogMethod, itemIndex: number): IDataObject {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	let extra: unknown = options.extraParameters;
	if (extra === undefined || extra === '') return {};
	const fail = (problem: string) =>
		new NodeOperationError(ctx.getNode(), `"Extra Parameters (JSON)" ${problem}`, { itemIndex });
	if (typeof extra === 'string') {
		try {
			extra = JSON.parse(extra) as unknown;
		} catch {
			throw fail('must be valid JSON');
		}
	}
	if (!extra || typeof extra !== 'object' || Array.isArray(extra)) throw fail('must be a JSON object');
	const reserved = new Set([...method.params.map((param) => param.name), '_async', 'authkey']);
	const clash = Object.keys(extra).find((key) => reserved.has(key));
	if (clash) throw fail(`must not set "${clash}": use the operation's own field`);
	return extra as IDataObject;
}

function limitList(ctx: IExecuteFunctions, entry: CatalogEntry, items: IDataObject[], itemIndex: number): IDataObject[] {
	return entry.method.list ? items.slice(0, wantedCount(ctx, itemIndex)) : items;
}

/** The file a method answered with, as an item with binary data. */
async function fileItem(
	ctx: IExecuteFunctions,
	entry: CatalogEntry,
	params: IDataObject,
	response: FullResponse,
	itemIndex: number,
): Promise<ExecutionItems> {
	const field = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!field) throw new NodeOperationError(ctx.getNode(), '"Put Output File in Field" must not be empty', { itemIndex });
	const body = response.body;
	const buffer = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
	const disposition = /filename="?([^";]+)"?/i.exec(response.headers['content-disposition'] ?? '')?.[1];
	const fileName = disposition ?? entry.method.file!.name;
	// The G8 labels its zip files as generic octet streams; the catalog knows better.
	const given = (response.headers['content-type'] ?? '').split(';')[0].trim();
	const mimeType = given && given !== 'application/octet-stream' ? given : entry.method.file!.mimeType;
	const binary = await ctx.helpers.prepareBinaryData(buffer, fileName, mimeType);
	return new ExecutionItems([
		{
			json: { ...echoedIds(entry.method, params), fileName, mimeType, fileSize: buffer.length },
			binary: { [field]: binary },
		},
	]);
}

export async function runCatalogMethod(
	ctx: IExecuteFunctions,
	connection: Connection,
	entry: CatalogEntry,
	itemIndex: number,
): Promise<OperationOutput> {
	const { method, path } = entry;
	const fields = readMethodParams(ctx, entry.actor.resource, method, itemIndex);
	const params = { ...fields, ...extraParameters(ctx, method, itemIndex) };
	const call = { itemIndex, noAuth: method.noAuth, statusMessages: method.statusMessages };

	if (method.file) {
		const response = (await ovcCall(ctx, connection, path, params, { ...call, file: true })) as FullResponse;
		return await fileItem(ctx, entry, params, response, itemIndex);
	}

	if (isWaitable(method)) {
		const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, method.longRunning?.waitByDefault ?? true) as boolean;
		if (wait) {
			const settings = readWaitSettings(ctx, itemIndex, waitDefaults(method));
			const started = Date.now();
			const taskGuid = await startTask(ctx, connection, path, params, itemIndex);
			const result = await waitForTask(ctx, connection, taskGuid, settings, { path, itemIndex });
			if (entry.actor.resource === 'cloudSpace' && method.name === 'create' && ctx.getNodeParameter('waitForDeployment', itemIndex, true)) {
				const remaining = { ...settings, timeoutMs: Math.max(1, settings.timeoutMs - (Date.now() - started)) };
				return [await waitUntilDeployed(ctx, connection, Number(result), remaining, itemIndex)];
			}
			return limitList(ctx, entry, resultItems(method, params, result), itemIndex);
		}
		if (ctx.getNodeParameter('returnTaskId', itemIndex, false)) {
			const taskGuid = await startTask(ctx, connection, path, params, itemIndex);
			return [{ ...echoedIds(method, params), taskGuid }];
		}
	}

	const result = await ovcCall(ctx, connection, path, params, call);
	return limitList(ctx, entry, resultItems(method, params, result), itemIndex);
}
