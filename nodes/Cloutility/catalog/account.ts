import type { PortalResource } from './types';

export const account: PortalResource = {
	value: 'account',
	name: 'Account',
	description: 'The signed-in user and the portal version',
	operations: [
		{
			resource: 'account',
			operation: 'getMe',
			name: 'Get Current User',
			action: 'Get the signed-in user',
			description: 'The user the credential signs in as, with the business unit it belongs to',
			method: 'GET',
			source: ['client'],
			path: '/v1/me',
			fields: [],
		},
		{
			resource: 'account',
			operation: 'getVersion',
			name: 'Get API Version',
			action: 'Get the portal API version',
			description: 'The full version of the portal API, e.g. 1.0.4480.0',
			method: 'GET',
			source: ['guide'],
			path: '/v1/fullVersion',
			scalar: 'version',
			fields: [],
		},
	],
};
