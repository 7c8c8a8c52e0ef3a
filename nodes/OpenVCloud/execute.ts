/**
 * Runs one operation for one item: read and check the fields, then either one synchronous call, a file
 * download, or a task (returned as its ID, or waited for), and shape the result into items. Results: a
 * record is one item, a list one item per element (plain values go under the method's result key), a
 * plain value one item with the IDs the call was made for and the value under the method's result key,
 * e.g. `{ cloudspaceId: 3, machineId: 17 }`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { wantedCount } from '../shared/list-limit';
import { readOperationFields } from '../shared/operation-fields';
import { ExecutionItems, type OperationOutput } from '../shared/runner';
import { isWaitable, operationOf, SHARED_FIELDS, type CatalogMethod, type Operation } from './catalog';
import { startTask, taskOperations, waitForTask } from './tasks';
import { apiRequest, type Connection, type FullResponse } from './transport';
import { readWaitSettings, waitDefaults, waitUntilDeployed } from './wait';

type ItemRunner = (ctx: IExecuteFunctions, connection: Connection, itemIndex: number) => Promise<OperationOutput>;

/** What runs each item of a resource and operation, looked up once per run. */
export function itemOperation(ctx: IExecuteFunctions, resource: string, operation: string): ItemRunner {
	const run = resource === 'task' ? taskOperations[operation] : undefined;
	if (run) return run;
	const found = operationOf(resource, operation);
	if (!found) throw new NodeOperationError(ctx.getNode(), `Unsupported operation "${operation}" for resource "${resource}"`);
	return async (context, connection, itemIndex) => await runOperation(context, connection, found, itemIndex);
}

/** The IDs a call was made for (required `...Id` / `id` parameters), to keep items traceable. */
function echoedIds(method: CatalogMethod, params: IDataObject): IDataObject {
	const ids: IDataObject = {};
	for (const param of method.params) {
		if (!param.required || param.secret || !(param.name === 'id' || param.name.endsWith('Id'))) continue;
		const value = params[param.name];
		if (typeof value === 'number' || typeof value === 'string') ids[param.name] = value;
	}
	return ids;
}

const isRecord = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);

function resultItems(method: CatalogMethod, params: IDataObject, result: unknown): IDataObject[] {
	if (method.secretResult) return [{ ...echoedIds(method, params), [method.resultKey ?? 'result']: true }];
	if (Array.isArray(result)) {
		const ids = echoedIds(method, params);
		return result.map((element: unknown) =>
			isRecord(element) ? element : { ...ids, [method.resultKey ?? 'value']: element as IDataObject[string] },
		);
	}
	if (isRecord(result)) return [result];
	return [{ ...echoedIds(method, params), [method.resultKey ?? 'result']: (result ?? null) as IDataObject[string] }];
}

/**
 * Options → Extra Parameters: a JSON object sent along with the fields, for parameters the catalog does not
 * list (newer G8 versions); a parameter the operation has a field for must be given in that field.
 */
function extraParameters(ctx: IExecuteFunctions, operation: Operation, itemIndex: number): IDataObject {
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
	const clash = Object.keys(extra).find((key) => operation.reserved.has(key));
	if (clash) throw fail(`must not set "${clash}": use the operation's own field`);
	return extra as IDataObject;
}

/** An item's parameters for the operation, keyed by the API's names, in the form the API declares. */
function readParams(ctx: IExecuteFunctions, operation: Operation, itemIndex: number): IDataObject {
	const values = readOperationFields(ctx, operation.spec, SHARED_FIELDS, itemIndex);
	for (const [name, convert] of operation.conversions) {
		if (name in values) values[name] = convert(values[name]) as IDataObject[string];
	}
	return { ...values, ...extraParameters(ctx, operation, itemIndex) };
}

function limitList(ctx: IExecuteFunctions, method: CatalogMethod, items: IDataObject[], itemIndex: number): IDataObject[] {
	return method.list ? items.slice(0, wantedCount(ctx, itemIndex)) : items;
}

/** The file a method answered with, as an item with binary data. */
async function fileItem(
	ctx: IExecuteFunctions,
	method: CatalogMethod,
	params: IDataObject,
	response: FullResponse,
	itemIndex: number,
): Promise<ExecutionItems> {
	const field = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
	if (!field) throw new NodeOperationError(ctx.getNode(), '"Put Output File in Field" must not be empty', { itemIndex });
	const body = response.body;
	const buffer = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? ''));
	const disposition = /filename="?([^";]+)"?/i.exec(response.headers['content-disposition'] ?? '')?.[1];
	const fileName = disposition ?? method.file!.name;
	// The G8 labels its zip files as generic octet streams; the catalog knows better.
	const given = (response.headers['content-type'] ?? '').split(';')[0].trim();
	const mimeType = given && given !== 'application/octet-stream' ? given : method.file!.mimeType;
	const binary = await ctx.helpers.prepareBinaryData(buffer, fileName, mimeType);
	return new ExecutionItems([
		{
			json: { ...echoedIds(method, params), fileName, mimeType, fileSize: buffer.length },
			binary: { [field]: binary },
		},
	]);
}

async function runOperation(ctx: IExecuteFunctions, connection: Connection, operation: Operation, itemIndex: number): Promise<OperationOutput> {
	const { method, path } = operation;
	const params = readParams(ctx, operation, itemIndex);
	const secrets = operation.secrets.map((name) => params[name]);
	const call = { itemIndex, noAuth: method.noAuth, statusMessages: method.statusMessages, safe: method.safe, secrets };

	if (method.file) {
		const response = (await apiRequest(ctx, connection, path, params, { ...call, file: true })) as FullResponse;
		return await fileItem(ctx, method, params, response, itemIndex);
	}

	if (isWaitable(method)) {
		const origin = { path, itemIndex, secrets };
		const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, method.longRunning?.waitByDefault ?? true) as boolean;
		if (wait) {
			const settings = readWaitSettings(ctx, itemIndex, waitDefaults(method));
			const started = Date.now();
			const taskGuid = await startTask(ctx, connection, params, origin);
			const result = await waitForTask(ctx, connection, taskGuid, settings, origin);
			if (operation.actor.resource === 'cloudSpace' && method.name === 'create' && ctx.getNodeParameter('waitForDeployment', itemIndex, true)) {
				const remaining = { ...settings, timeoutMs: Math.max(1, settings.timeoutMs - (Date.now() - started)) };
				return [await waitUntilDeployed(ctx, connection, Number(result), remaining, itemIndex)];
			}
			return limitList(ctx, method, resultItems(method, params, result), itemIndex);
		}
		if (ctx.getNodeParameter('returnTaskId', itemIndex, false)) {
			const taskGuid = await startTask(ctx, connection, params, origin);
			return [{ ...echoedIds(method, params), taskGuid }];
		}
	}

	const result = await apiRequest(ctx, connection, path, params, call);
	return limitList(ctx, method, resultItems(method, params, result), itemIndex);
}
