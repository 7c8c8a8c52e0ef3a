/**
 * Each credential used from n8n's real HTTP Request node ("Predefined Credential Type"): one request per
 * credential type, built from the fixture credential's own settings, and what must come back.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Checks, Outputs } from '../../test/examples/scenarios';
import type { FixtureCredential } from '../../test/emulators/fixtures';

export interface HttpRequestCheck {
	credentialType: string;
	request(credential: FixtureCredential): { method: string; url: string };
	check(outputs: Outputs, checks: Checks): void;
}

export const HTTP_REQUEST_CHECKS: HttpRequestCheck[] = [
	{
		credentialType: 'ventusCloudApi',
		request: ({ data }) => ({
			method: 'GET',
			url: `${String(data.apiUrl)}/v1.0/invoke/gotham-enterprises/method/orgs/${String(data.organizationId)}/projects`,
		}),
		check(outputs, t) {
			const projects = outputs('HTTP Request');
			t.equal(projects.length, 3, 'three demo projects');
			t.equal(projects.map((project: IDataObject) => project.region).sort(), ['Eastern-Switzerland', 'Upper-Austria', 'Vienna'], 'regions');
		},
	},
];
