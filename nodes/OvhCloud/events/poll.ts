/**
 * One poll of the OVHcloud Trigger: the chosen event runs under the shared trigger memory (`runPoll`), keyed by
 * the event and the parameters its memory depends on (as saved, expressions unresolved), with the node's
 * credential and transport.
 */
import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { memoryKey, runPoll } from '../../shared/trigger';
import { connect } from '../transport';
import { ACCOUNT_EVENTS } from './account';
import { CATALOG_EVENTS } from './catalog';

const HANDLERS = { ...ACCOUNT_EVENTS, ...CATALOG_EVENTS };

/** A saved parameter as the memory key takes it: a picked operation or the parameters by their value only (not the editor's cached names or field list). */
function keyPart(raw: unknown): unknown {
	if (raw && typeof raw === 'object' && ('__rl' in raw || 'mappingMode' in raw)) return (raw as { value?: unknown }).value ?? null;
	return raw ?? null;
}

export async function pollTrigger(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = String(ctx.getNodeParameter('event', ''));
	const handler = HANDLERS[event];
	if (!handler) throw new NodeOperationError(ctx.getNode(), `"Event" ${event} is not an event of the OVHcloud Trigger`);
	const saved = ctx.getNode().parameters;
	const key = memoryKey(handler.keyParameters.map((name) => keyPart(saved[name])));
	const session = await connect(ctx);
	return await runPoll(ctx, key, async (memory, manual) => await handler.poll({ ctx, session, memory, manual }));
}
