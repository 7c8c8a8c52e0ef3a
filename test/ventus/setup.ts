import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { VENTUS_DEFAULT_USER, VentusEmulator } from '../emulators/ventus';
import { chain, Harness, type RunOptions } from '../harness';

export const VENTUS_NODE = 'n8n-nodes-eurocloud.ventusCloud';
export const NODE_NAME = 'Ventus Cloud';
export const ORG = VENTUS_DEFAULT_USER.organizations[0];

/** A started emulator, the loaded harness, and shortcuts to run one Ventus Cloud node. */
export async function ventusSetup() {
	const emulator = await new VentusEmulator().start();
	const harness = await Harness.load();
	const credentials = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		username: VENTUS_DEFAULT_USER.username,
		password: VENTUS_DEFAULT_USER.password,
		organizationId: ORG,
		authUrl: emulator.url,
		apiUrl: emulator.url,
		...overrides,
	});
	const workflow = (parameters: INodeParameters, continueOnFail = false) =>
		chain({
			type: VENTUS_NODE,
			name: NODE_NAME,
			parameters,
			credentials: { ventusCloudApi: 'ventus-1' },
			continueOnFail,
		});
	const run = async (
		parameters: INodeParameters,
		options: RunOptions & { continueOnFail?: boolean } = {},
	) =>
		await harness.run(workflow(parameters, options.continueOnFail), {
			credentials: options.store ? undefined : { ventusCloudApi: credentials() },
			...options,
		});
	return { emulator, harness, credentials, workflow, run };
}

/** A resource locator value in "ID" mode, as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A resource locator value picked "From list". */
export const fromList = (value: string, cachedResultName = value) => ({ __rl: true, mode: 'list', value, cachedResultName });
