/**
 * The demo fixture that `npm run dev`, the example tests and `npm run test:e2e` use: both credentials pass
 * n8n's Test button, and the demo consumer key is limited to what the examples need.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startOvhFixture } from '../emulators/ovh-fixture';
import type { ProviderFixture } from '../emulators/fixtures';
import { chain, Harness, testCredential } from '../harness';
import { NODE_NAME, op, OVH_NODE, params } from './setup';

let fixture: ProviderFixture;
let harness: Harness;
let byType: Record<string, ICredentialDataDecryptedObject>;

beforeAll(async () => {
	fixture = await startOvhFixture();
	harness = await Harness.load();
	byType = Object.fromEntries(fixture.credentials.map((credential) => [credential.type, credential.data]));
});
afterAll(async () => await fixture.stop());

test('both demo credentials pass the Test button', async () => {
	expect(fixture.credentials.map((credential) => [credential.id, credential.type])).toEqual([
		['ovhEmulatorApi01', 'ovhCloudApi'],
		['ovhEmulatorOAu01', 'ovhCloudOAuth2Api'],
	]);
	for (const credential of fixture.credentials) {
		expect(await testCredential(harness, credential.type, credential.data)).toEqual({ status: 'OK', message: 'Connection successful!' });
	}
});

test('the demo consumer key may not call what the examples do not need', async () => {
	const run = await harness.run(
		chain({
			type: OVH_NODE,
			name: NODE_NAME,
			parameters: {
				resource: 'v1/domain',
				endpoint: op('DELETE /domain/zone/{zoneName}/record/{id}'),
				parameters: params({ zoneName: 'example.eu', id: 1000 }),
			},
			credentials: { ovhCloudApi: 'ovhEmulatorApi01' },
		}),
		{ credentials: byType },
	);
	expect((run.nodeError(NODE_NAME) as unknown as { message: string }).message).toBe(
		'This consumer key may not call DELETE /domain/zone/example.eu/record/1000 (NOT_GRANTED_CALL)',
	);
});
