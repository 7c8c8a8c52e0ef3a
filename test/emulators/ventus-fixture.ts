/** The Ventus Cloud emulator with demo projects, and the credential that points at it. */
import type { ProviderFixture } from './fixtures';
import { VENTUS_DEFAULT_USER, VentusEmulator } from './ventus';

export async function startVentusFixture(port = 0): Promise<ProviderFixture> {
	const emulator = await new VentusEmulator().start(port);
	const org = VENTUS_DEFAULT_USER.organizations[0];
	emulator.addProject(org, 'vienna', 'Vienna');
	emulator.addProject(org, 'upper-austria', 'Upper');
	emulator.addProject(org, 'eastern-switzerland', 'Swiss');
	return {
		provider: 'ventus',
		url: emulator.url,
		credentials: [
			{
				id: 'ventusEmulator01',
				name: 'Ventus Cloud (emulator)',
				type: 'ventusCloudApi',
				data: {
					username: VENTUS_DEFAULT_USER.username,
					password: VENTUS_DEFAULT_USER.password,
					organizationId: org,
					authUrl: emulator.url,
					apiUrl: emulator.url,
				},
			},
		],
		stop: async () => await emulator.stop(),
	};
}
