import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { VENTUS_DEFAULT_USER, VENTUS_PRICES, VentusEmulator } from '../emulators/ventus';
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
	/** The emulator as a fresh test wants it: no projects, the demo prices, no requests, faults, latency or rate limit. */
	const reset = () => {
		emulator.projects.clear();
		emulator.prices = structuredClone(VENTUS_PRICES);
		emulator.requests.length = 0;
		emulator.clearFaults();
		emulator.latencyMs = 0;
		emulator.maxInFlight = undefined;
		emulator.rateLimitRetryAfter = '0';
		emulator.rateLimited = 0;
		emulator.peakInFlight = 0;
		emulator.tokenMethods = ['GET', 'POST'];
		emulator.tokenRefusal = 405;
	};
	/** n8n's HTTP Request node listing the organization's projects with this credential ("predefined credential type"). */
	const listThroughHttpRequest = () =>
		chain({
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			name: 'HTTP Request',
			parameters: {
				method: 'GET',
				url: `${emulator.url}/v1.0/invoke/gotham-enterprises/method/orgs/${ORG}/projects`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'ventusCloudApi',
			},
			credentials: { ventusCloudApi: 'ventus-1' },
		});
	return { emulator, harness, credentials, workflow, run, reset, listThroughHttpRequest };
}

/** Requests of a list, grouped by their path (e.g. per project ID). */
export function countByPath(requests: Array<{ path: string }>): Map<string, number> {
	const counts = new Map<string, number>();
	for (const { path } of requests) counts.set(path, (counts.get(path) ?? 0) + 1);
	return counts;
}

/** A resource locator value in "ID" mode, as the editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A resource locator value picked "From list". */
export const fromList = (value: string, cachedResultName = value) => ({ __rl: true, mode: 'list', value, cachedResultName });
