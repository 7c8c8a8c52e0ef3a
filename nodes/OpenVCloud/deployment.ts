/**
 * A new cloud space exists as soon as `cloudspaces/create` returns its ID, but its virtual router is
 * deployed in the background: the cloud space reports VIRTUAL, then DEPLOYING, then DEPLOYED. Waiting for
 * DEPLOYED means polling `cloudspaces/get`.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pollUntil } from '../shared/polling';
import { waitError } from './tasks';
import { ovcCall, type Connection } from './transport';
import type { WaitSettings } from './wait';

const IN_PROGRESS = new Set(['VIRTUAL', 'DEPLOYING', 'CREATED']);

export async function waitUntilDeployed(
	ctx: IExecuteFunctions,
	connection: Connection,
	cloudspaceId: number,
	settings: WaitSettings,
	itemIndex: number,
): Promise<IDataObject> {
	if (!Number.isInteger(cloudspaceId)) {
		throw new NodeOperationError(ctx.getNode(), 'OpenvCloud did not return the ID of the new cloud space', { itemIndex });
	}
	try {
		const { value } = await pollUntil<IDataObject>(
			async () => {
				const cloudspace = (await ovcCall(ctx, connection, 'cloudapi/cloudspaces/get', { cloudspaceId }, { itemIndex })) as IDataObject;
				const status = String(cloudspace?.status ?? '').toUpperCase();
				if (status === 'DEPLOYED') return { done: true, value: cloudspace };
				if (IN_PROGRESS.has(status)) return { done: false };
				throw new NodeOperationError(
					ctx.getNode(),
					`Cloud space ${cloudspaceId} ended in status ${status || 'unknown'} instead of DEPLOYED`,
					{ itemIndex },
				);
			},
			{ intervalMs: settings.intervalMs, timeoutMs: settings.timeoutMs, signal: ctx.getExecutionCancelSignal() },
		);
		return { cloudspaceId, ...value };
	} catch (error) {
		throw waitError(ctx, error, `The deployment of cloud space ${cloudspaceId}`, settings, itemIndex);
	}
}
