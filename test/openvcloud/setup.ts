import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { OpenVCloudEmulator, OVC_USER } from '../emulators/openvcloud';
import { chain, Harness, type RunOptions, type WorkflowRun } from '../harness';

export const OVC_NODE = 'n8n-nodes-eurocloud.openVCloud';
export const NODE_NAME = 'OpenvCloud';
export const CREDENTIAL_ID = 'ovc-1';

export type AuthKind = 'itsYouOnline' | 'jwt' | 'password';

/** Short waits so tests stay fast: tasks in the emulator take tens of milliseconds. */
export const FAST_WAIT = { pollInterval: 0.01, waitTimeout: 2 };

/** A started emulator, the loaded harness, and shortcuts to run one OpenvCloud node. */
async function openVCloudSetup() {
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

type OpenVCloudEnv = Awaited<ReturnType<typeof openVCloudSetup>>;

/**
 * The emulator and harness of a test file: started once, and before each test reset and seeded with a
 * workload (account 1, cloud space 10, machine 20, disks 30-32...). Its fields are there once the file's
 * tests run.
 */
export function useOpenVCloud(): OpenVCloudEnv {
	const env = {} as OpenVCloudEnv;
	beforeAll(async () => {
		Object.assign(env, await openVCloudSetup());
	});
	afterAll(async () => await env.emulator.stop());
	beforeEach(() => {
		env.emulator.reset();
		env.emulator.state.seedWorkload();
	});
	return env;
}

/** The error the node failed with, as the tests read it. */
export const errorOf = (run: WorkflowRun) =>
	run.nodeError(NODE_NAME) as unknown as { message: string; description: string; httpCode?: string | null; context: { itemIndex: number } };

/** A resource locator value in "ID" mode, as the editor stores it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** A resource locator value picked "From list". */
export const fromList = (value: string | number, cachedResultName = String(value)) => ({
	__rl: true,
	mode: 'list',
	value: String(value),
	cachedResultName,
});
