import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { CLOUTILITY_CLIENT, CLOUTILITY_USER, CloutilityEmulator, type CloutilityOptions } from '../emulators/cloutility';
import { chain, Harness, pollSession, type RunOptions } from '../harness';

export const CLOUTILITY_NODE = 'n8n-nodes-eurocloud.cloutility';
export const CLOUTILITY_TRIGGER = 'n8n-nodes-eurocloud.cloutilityTrigger';
export const NODE_NAME = 'Cloutility';
export const CREDENTIAL_ID = 'cloutility-1';
export const HTTP_REQUEST = 'HTTP Request';

/** A started emulator, the loaded harness, and shortcuts to run one Cloutility node. */
export async function cloutilitySetup(options: CloutilityOptions = {}) {
	const emulator = await new CloutilityEmulator(options).start();
	const harness = await Harness.load();
	const credentials = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
		baseUrl: emulator.url,
		clientId: CLOUTILITY_CLIENT.clientId,
		origin: CLOUTILITY_CLIENT.origin,
		username: CLOUTILITY_USER.username,
		password: CLOUTILITY_USER.password,
		...overrides,
	});
	/** A workflow with one Cloutility node (version 1 unless said: the version saved workflows have). */
	const workflow = (parameters: INodeParameters, continueOnFail = false, typeVersion = 1) =>
		chain({
			type: CLOUTILITY_NODE,
			name: NODE_NAME,
			typeVersion,
			parameters,
			credentials: { cloutilityApi: CREDENTIAL_ID },
			continueOnFail,
		});
	const run = async (parameters: INodeParameters, options: RunOptions & { continueOnFail?: boolean; typeVersion?: number } = {}) =>
		await harness.run(workflow(parameters, options.continueOnFail, options.typeVersion), {
			credentials: options.store ? undefined : { cloutilityApi: credentials() },
			...options,
		});
	/** A workflow with n8n's HTTP Request node calling `url` with this credential (predefined credential type). */
	const httpRequest = (url: string) =>
		chain({
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			name: HTTP_REQUEST,
			parameters: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: 'cloutilityApi' },
			credentials: { cloutilityApi: CREDENTIAL_ID },
		});
	/** An active Cloutility Trigger with these parameters: its polls run through n8n-core, its static data kept between them. */
	const trigger = (parameters: IDataObject) =>
		pollSession(harness, { type: CLOUTILITY_TRIGGER, parameters, credentials: { cloutilityApi: CREDENTIAL_ID } }, { cloutilityApi: credentials() });
	return { emulator, harness, credentials, workflow, run, httpRequest, trigger };
}

export type CloutilityEnv = Awaited<ReturnType<typeof cloutilitySetup>>;

/** A resource locator value in "ID" mode, as the editor stores it. */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** A resource locator value picked "From list". */
export const fromList = (value: string, cachedResultName = value) => ({ __rl: true, mode: 'list', value, cachedResultName });

/** The Options collection with a number of Items in Parallel (1: one item after another). */
export const parallel = (items: number) => ({ options: { parallelItems: items } });

/** The JSON body of a recorded request. */
export const bodyOf = (request: { body: Buffer }) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
