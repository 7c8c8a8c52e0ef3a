import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { OpenVCloudEmulator, OVC_USER } from '../emulators/openvcloud';
import { chain, Harness, type RunOptions } from '../harness';

export const OVC_NODE = 'n8n-nodes-eurocloud.openVCloud';
export const NODE_NAME = 'OpenvCloud';
export const CREDENTIAL_ID = 'ovc-1';

export type AuthKind = 'itsYouOnline' | 'jwt' | 'password';

/** Short waits so tests stay fast: tasks in the emulator take tens of milliseconds. */
export const FAST_WAIT = { pollInterval: 0.01, waitTimeout: 2 };

/** A started emulator, the loaded harness, and shortcuts to run one OpenvCloud node. */
export async function openVCloudSetup() {
	const emulator = await new OpenVCloudEmulator().start();
	const harness = await Harness.load();
	const credentials = (kind: AuthKind = 'password', overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => {
		const base = { baseUrl: emulator.url, authentication: kind };
		if (kind === 'itsYouOnline') {
			return { ...base, clientId: OVC_USER.clientId, clientSecret: OVC_USER.clientSecret, tokenUrl: `${emulator.url}/v1/oauth/access_token`, ...overrides };
		}
		if (kind === 'jwt') return { ...base, jwtToken: emulator.issueJwt(OVC_USER), ...overrides };
		return { ...base, username: OVC_USER.username, password: OVC_USER.password, ...overrides };
	};
	const workflow = (parameters: INodeParameters, continueOnFail = false) =>
		chain({ type: OVC_NODE, name: NODE_NAME, parameters, credentials: { openVCloudApi: CREDENTIAL_ID }, continueOnFail });
	const run = async (
		parameters: INodeParameters,
		options: RunOptions & { continueOnFail?: boolean; auth?: AuthKind } = {},
	) =>
		await harness.run(workflow(parameters, options.continueOnFail), {
			credentials: options.store ? undefined : { openVCloudApi: credentials(options.auth) },
			...options,
		});
	return { emulator, harness, credentials, workflow, run };
}

/** A resource locator value in "ID" mode, as the editor stores it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** A resource locator value picked "From list". */
export const fromList = (value: string | number, cachedResultName = String(value)) => ({
	__rl: true,
	mode: 'list',
	value: String(value),
	cachedResultName,
});
