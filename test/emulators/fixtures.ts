/**
 * Emulators started with demo data, and the credentials that point at them: what the example workflows,
 * `npm run dev` and `npm run test:e2e` use. Credential ids match the ones in examples/*.json.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startOpenvcloudFixture } from './openvcloud-fixture';
import { startVentusFixture } from './ventus-fixture';

export interface FixtureCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface ProviderFixture {
	provider: string;
	url: string;
	credentials: FixtureCredential[];
	stop(): Promise<void>;
}

/** Fixed ports for `npm run dev` (so saved credentials keep working); tests use ephemeral ports (0). */
export const DEV_PORTS: Record<string, number> = { ventus: 5731, ovh: 5732, cloutility: 5733, openvcloud: 5734 };

const STARTERS: Record<string, (port?: number) => Promise<ProviderFixture>> = {
	ventus: startVentusFixture,
	openvcloud: startOpenvcloudFixture,
};

export interface Fixtures {
	providers: ProviderFixture[];
	credentials: FixtureCredential[];
	/** Credential data by type (what the harness takes). */
	byType: Record<string, ICredentialDataDecryptedObject>;
	stop(): Promise<void>;
}

export async function startFixtures(ports: Record<string, number> = {}): Promise<Fixtures> {
	const providers: ProviderFixture[] = [];
	for (const [name, start] of Object.entries(STARTERS)) providers.push(await start(ports[name] ?? 0));
	const credentials = providers.flatMap((provider) => provider.credentials);
	return {
		providers,
		credentials,
		byType: Object.fromEntries(credentials.map((credential) => [credential.type, credential.data])),
		stop: async () => {
			for (const provider of providers) await provider.stop();
		},
	};
}
