import { req } from './params';
import type { CatalogActor } from './types';

export const users: CatalogActor = {
	actor: 'users',
	resource: 'user',
	label: 'User',
	methods: [
		{
			name: 'authenticate',
			label: 'Check Password',
			action: 'Check a username and password',
			description:
				'Logs in with the username and password given here. The session key the API returns is not put out; the item says whether the login worked',
			params: [
				req('username', 'str', 'Username', 'The username to check'),
				req('password', 'str', 'Password', 'The password to check', { secret: true }),
			],
			noAuth: true,
			secretResult: true,
			resultKey: 'authenticated',
			statusMessages: { 401: 'The username or password given was refused' },
		},
		{
			name: 'get',
			label: 'Get',
			action: 'Get a user',
			safe: true,
			description: 'Only the user the credential logs in as',
			params: [req('username', 'str', 'Username', 'The username')],
		},
		{
			name: 'setData',
			label: 'Set Data',
			action: 'Set extra data of the user',
			params: [req('data', 'str', 'Data (JSON)', 'The data to store with the user, as JSON')],
			resultKey: 'success',
		},
		{
			name: 'getMatchingUsernames',
			label: 'Search Usernames',
			action: 'Search usernames',
			safe: true,
			description: 'Usernames matching a regular expression, with the URL of their avatar',
			params: [
				req('usernameregex', 'str', 'Username Pattern', 'A regular expression usernames must match'),
				req('limit', 'int', 'Limit', 'Max number of usernames to return', { default: 5 }),
			],
		},
		{
			name: 'isValidInviteUserToken',
			label: 'Check Invite Token',
			action: 'Check an invitation token',
			safe: true,
			description: 'Whether an invitation token and e-mail address belong together',
			params: [
				req('inviteusertoken', 'str', 'Invite Token', 'The token the invited user got by e-mail', { secret: true }),
				req('emailaddress', 'str', 'E-Mail Address', 'The e-mail address the invitation went to'),
			],
			noAuth: true,
			resultKey: 'valid',
		},
	],
};
