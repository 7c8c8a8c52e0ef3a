import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { OVH_APP, OVH_CLIENT, OVH_CONSUMER, OvhEmulator } from '../emulators/ovh';
import { chain, Harness, type RunOptions } from '../harness';

export const OVH_NODE = 'n8n-nodes-eurocloud.ovhCloud';
export const NODE_NAME = 'OVHcloud';
/** The node's Authentication value for service accounts. */
export const SERVICE_ACCOUNT = 'ovhCloudOAuth2Api';

/** A resource locator value for an operation, as the editor stores a pick from the list. */
export const op = (key: string) => ({ __rl: true, mode: 'list', value: key, cachedResultName: key });

/** Resource mapper parameters as the editor stores them. */
export const params = (value: Record<string, string | number | boolean | null>) => ({
	mappingMode: 'defineBelow',
	value,
	matchingColumns: [],
	schema: [],
	attemptToConvertTypes: false,
	convertFieldsToString: false,
});

/** A workflow in which n8n's HTTP Request node GETs `url` with one of the package's credentials (predefined type). */
export const httpRequestWorkflow = (credentialType: string, url: string) =>
	chain({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		name: 'HTTP Request',
		parameters: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: credentialType },
		credentials: { [credentialType]: credentialType === SERVICE_ACCOUNT ? 'ovh-oauth-1' : 'ovh-1' },
	});

/** A started emulator, the loaded harness, and shortcuts to run one OVHcloud node. */
export async function ovhSetup() {
	const emulator = await new OvhEmulator().start();
	const harness = await Harness.load();
	const signed = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		endpoint: 'custom',
		customUrl: `${emulator.url}/1.0`,
		applicationKey: OVH_APP.key,
		applicationSecret: OVH_APP.secret,
		consumerKey: OVH_CONSUMER,
		...overrides,
	});
	const oauth2 = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		region: 'custom',
		tokenUrl: `${emulator.url}/auth/oauth2/token`,
		apiUrl: `${emulator.url}/1.0`,
		clientId: OVH_CLIENT.id,
		clientSecret: OVH_CLIENT.secret,
		scope: 'all',
		...overrides,
	});
	const workflow = (parameters: INodeParameters, continueOnFail = false) =>
		chain({
			type: OVH_NODE,
			name: NODE_NAME,
			parameters,
			credentials: { ovhCloudApi: 'ovh-1', ovhCloudOAuth2Api: 'ovh-oauth-1' },
			continueOnFail,
		});
	const run = async (parameters: INodeParameters, options: RunOptions & { continueOnFail?: boolean } = {}) =>
		await harness.run(workflow(parameters, options.continueOnFail), {
			credentials: options.store ? undefined : { ovhCloudApi: signed(), ovhCloudOAuth2Api: oauth2() },
			...options,
		});
	/** The API requests that carried a signature. */
	const signedApiRequests = () => emulator.requestsOf('api').filter((request) => request.headers['x-ovh-signature']);
	const reset = () => {
		emulator.requests.length = 0;
		emulator.calls.length = 0;
		emulator.clearFaults();
		emulator.work.clear();
	};
	return { emulator, harness, signed, oauth2, workflow, run, reset, signedApiRequests };
}

export type OvhEnv = Awaited<ReturnType<typeof ovhSetup>>;
