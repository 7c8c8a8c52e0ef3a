import { accountId, limits, opt, req, userAccess } from './params';
import type { CatalogActor } from './types';

const access = userAccess('an account', accountId());

const CLOUD_UNIT_TYPES = [
	{ name: 'Archive Storage in TB (CU_A)', value: 'CU_A' },
	{ name: 'CPU Cores (CU_C)', value: 'CU_C' },
	{ name: 'Memory in GB (CU_M)', value: 'CU_M' },
	{ name: 'Network Transfer, Operator, in GB (CU_NO)', value: 'CU_NO' },
	{ name: 'Network Transfer, Peering, in GB (CU_NP)', value: 'CU_NP' },
	{ name: 'Primary Storage in TB (CU_S)', value: 'CU_S' },
	{ name: 'Public IPs (CU_I)', value: 'CU_I' },
	{ name: 'Virtual Disk Storage in GB (CU_D)', value: 'CU_D' },
];

export const accounts: CatalogActor = {
	actor: 'accounts',
	resource: 'account',
	label: 'Account',
	methods: [
		{
			name: 'list',
			label: 'List',
			action: 'List accounts',
			safe: true,
			description: 'The accounts the user has access to',
			params: [],
			list: true,
		},
		{
			name: 'update',
			label: 'Update',
			action: 'Update an account',
			description: "Rename an account or change its resource limits",
			params: [
				accountId(),
				opt('name', 'str', 'Name', 'New name of the account'),
				...limits(),
				opt('sendAccessEmails', 'bool', 'Send Access E-Mails', 'Whether users get an e-mail when they are given access to resources'),
			],
			resultKey: 'updated',
		},
		access.addUser,
		access.updateUser,
		access.deleteUser('its cloud spaces and machines'),
		{ name: 'get', label: 'Get', action: 'Get an account', safe: true, params: [accountId()] },
		{
			name: 'listTemplates',
			label: 'List Templates',
			action: 'List the templates of an account',
			safe: true,
			description: 'Template images the account can manage',
			params: [accountId()],
		},
		{
			name: 'getConsumedCloudUnits',
			label: 'Get Consumed Cloud Units',
			action: 'Get the cloud units an account consumes',
			safe: true,
			description: 'Memory, CPU cores, disk space and public IPs in use by all cloud spaces of the account',
			params: [accountId()],
		},
		{
			name: 'getConsumedCloudUnitsByType',
			label: 'Get Consumed Cloud Units by Type',
			action: 'Get one kind of cloud unit an account consumes',
			safe: true,
			params: [accountId(), req('cutype', 'str', 'Cloud Unit Type', 'Which kind of cloud unit to add up', { options: CLOUD_UNIT_TYPES })],
			resultKey: 'consumed',
		},
		{
			name: 'getConsumption',
			label: 'Download Consumption',
			action: 'Download the consumption records of an account',
			safe: true,
			description: 'The resource tracking files of a period, as one zip file',
			params: [
				accountId(),
				req('start', 'float', 'Start', 'Beginning of the period (a date, or Unix time in seconds)', { date: true }),
				req('end', 'float', 'End', 'End of the period (a date, or Unix time in seconds)', { date: true }),
			],
			longRunning: { kind: 'power', via: 'sync' },
			file: { name: 'account.zip', mimeType: 'application/zip' },
		},
	],
};
