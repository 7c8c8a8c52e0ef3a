/**
 * The node's editor fields. Small and static: the family list (Resource) is static, the thousands of
 * operations and their fields are loaded on demand by the methods (listSearch, resourceMapper).
 */
import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../shared/list-limit';
import { runOptionProperties } from '../shared/run-options';
import { ANY_OPERATION, OPERATION_KEY_MARK, PANEL_ACTIONS } from './actions';
import { PARALLEL_DEFAULT, SERVICE_ACCOUNT, SIGNED } from './api';
import { AUTH_HELPER_RESOURCE as AUTH_HELPER } from './authHelper';
import { FAMILIES } from './catalog/families';
import { documentFieldOption, DOWNLOAD_DOCUMENT, downloadDocumentOption } from './documents';
import { MIN_POLL_INTERVAL } from './wait';

const forFamilies = { hide: { resource: [AUTH_HELPER] } };
const forHelper = (operations: string[]) => ({ show: { resource: [AUTH_HELPER], operation: operations } });

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'Application Key (Signed Requests)', value: SIGNED },
		{ name: 'Service Account (OAuth2)', value: SERVICE_ACCOUNT },
	],
	default: SIGNED,
};

/** Every API family (generated, sorted by name). */
const familyOptions = FAMILIES.map(({ name, value, path, count }) => ({ name, value, description: `${path}: ${count} operations` }));

/** Resource: an API family (the trigger's). */
export const resource: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: familyOptions,
	default: 'v1/me',
	description: 'The API family (v1 and v2) whose operations to choose from',
};

const resourceOptions = [{ name: 'Auth Helper', value: AUTH_HELPER, description: 'Request a consumer key, read the current one, log out' }, ...familyOptions];

/**
 * The action node's Resource: the Auth Helper (consumer keys, for the signed credential), then every API family.
 * One property for both credentials: n8n's node panel lists the actions of every `resource` property, so two
 * would list each action twice.
 */
export const resourceProperty: INodeProperties = { ...resource, options: resourceOptions };

/** A service account has no consumer key: the Auth Helper says so where it is chosen (and refuses to run). */
export const helperNoticeProperty: INodeProperties = {
	displayName: 'The Auth Helper works with Authentication "Application Key (Signed Requests)": a service account has no consumer key, its access comes from IAM policies',
	name: 'helperNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { resource: [AUTH_HELPER], authentication: [SERVICE_ACCOUNT] } },
};

const familyName = new Map(FAMILIES.map(({ value, name }) => [value, name]));

/**
 * The Operation of each family that has panel actions: those actions, and "Any API Operation" (the default,
 * which shows the picker of all the family's operations). n8n's node panel lists each option as an action.
 */
export const operationProperties: INodeProperties[] = Object.entries(PANEL_ACTIONS).map(([family, actions]) => ({
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [family] } },
	options: [
		...actions.map(({ key, name, action }) => ({ name, value: key, action })),
		{
			name: 'Any API Operation',
			value: ANY_OPERATION,
			action: family === 'v1/me' ? 'Any API operation (choose the family)' : `Any ${familyName.get(family)} API operation`,
			description: 'Choose from all the operations of the family',
		},
	].sort((a, b) => a.name.localeCompare(b.name)),
	default: ANY_OPERATION,
}));

export const helperOperationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [AUTH_HELPER] } },
	options: [
		{
			name: 'Get Current Credential',
			value: 'getCurrentCredential',
			action: 'Get the current credential',
			description: 'The consumer key in use: its status, access rules, expiration',
		},
		{
			name: 'Log Out',
			value: 'logOut',
			action: 'Log out the consumer key',
			description: 'Invalidates the consumer key of the credential',
		},
		{
			name: 'Request Consumer Key',
			value: 'requestConsumerKey',
			action: 'Request a consumer key',
			description: 'Asks OVHcloud for a new consumer key with access rules; the customer validates it at the returned URL',
		},
	],
	default: 'getCurrentCredential',
};

export const endpointProperty: INodeProperties = {
	displayName: 'API Operation',
	name: 'endpoint',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	// Hidden when the Operation dropdown names the operation (a panel action), shown for "Any API Operation".
	displayOptions: { hide: { resource: [AUTH_HELPER], operation: [{ _cnd: { includes: OPERATION_KEY_MARK } }] } },
	description: 'The API operation: method and path. Search by path or description.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Search by path or description...',
			typeOptions: { searchListMethod: 'searchOperations', searchable: true },
		},
		{
			displayName: 'Method and Path',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. GET /domain/zone/{zoneName}/record',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*(GET|POST|PUT|DELETE|get|post|put|delete)\\s+/\\S*\\s*$',
						errorMessage: 'Enter a method and a path template, e.g. GET /me/bill',
					},
				},
			],
		},
	],
};

export const parametersProperty: INodeProperties = {
	displayName: 'Parameters',
	name: 'parameters',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	required: true,
	displayOptions: forFamilies,
	typeOptions: {
		loadOptionsDependsOn: ['resource', 'operation', 'endpoint.value', 'authentication'],
		resourceMapper: {
			resourceMapperMethod: 'getOperationFields',
			mode: 'add',
			fieldWords: { singular: 'parameter', plural: 'parameters' },
			addAllFields: true,
			supportAutoMap: false,
			multiKeyMatch: false,
			noFieldsError: 'This operation takes no parameters',
		},
	},
	description: 'The path, query and body parameters of the operation, typed from OVHcloud\'s schema',
};

export const listProperties: INodeProperties[] = returnAllProperties(forFamilies);

/** Options of API operations only (not of the Auth Helper). */
const apiOption = { hide: { '/resource': [AUTH_HELPER] } };

const [parallelItems, retryTransientErrors] = runOptionProperties(PARALLEL_DEFAULT);

export const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Body (JSON)',
			name: 'bodyJson',
			type: 'json',
			default: '{}',
			displayOptions: apiOption,
			description:
				'A JSON body to send. Its keys are merged over the body parameters above (its values win); a non-object replaces the body.',
		},
		{ ...downloadDocumentOption, displayOptions: apiOption },
		parallelItems,
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50000 },
			default: 1000,
			displayOptions: apiOption,
			description: 'How many objects to ask for per request when returning full objects, or per page of a v2 list (sent only when set)',
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: MIN_POLL_INTERVAL },
			default: 10,
			displayOptions: apiOption,
			description: 'With Wait for Completion: time between checks; the first two come sooner (after a quarter and half of it)',
		},
		{ ...documentFieldOption, displayOptions: { ...apiOption, show: { [DOWNLOAD_DOCUMENT]: [true] } } },
		retryTransientErrors,
		{
			displayName: 'Return Full Objects',
			name: 'fullObjects',
			type: 'boolean',
			default: false,
			displayOptions: apiOption,
			description:
				'Whether to return the objects of a list instead of their IDs, fetched page by page with OVHcloud\'s batch mode (only for GET operations that return a list of IDs)',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1800,
			displayOptions: apiOption,
			description: 'With Wait for Completion: how long to wait before failing with the task\'s ID; the work itself goes on at OVHcloud',
		},
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			displayOptions: apiOption,
			description:
				'Whether to wait until what the operation starts is done and return it: a task (reinstall, DNS zone import, mailbox...) until done, an order until delivered, a v2 resource until READY. An error or cancelled task fails the item with its comment.',
		},
	],
};

export const helperProperties: INodeProperties[] = [
	{
		displayName: 'Access',
		name: 'access',
		type: 'options',
		displayOptions: forHelper(['requestConsumerKey']),
		options: [
			{ name: 'Read Only', value: 'readOnly', description: 'GET on every path' },
			{ name: 'Read and Write', value: 'readWrite', description: 'GET, POST, PUT and DELETE on every path' },
			{ name: 'Custom Rules', value: 'custom', description: 'Only the methods and paths listed below' },
		],
		default: 'readOnly',
		description: 'What the new consumer key will be allowed to call',
	},
	{
		displayName: 'Rules',
		name: 'rules',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Rule',
		default: { rule: [{ method: 'GET', path: '/me' }] },
		displayOptions: { show: { resource: [AUTH_HELPER], operation: ['requestConsumerKey'], access: ['custom'] } },
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Method',
						name: 'method',
						type: 'options',
						options: ['DELETE', 'GET', 'POST', 'PUT'].map((method) => ({ name: method, value: method })),
						default: 'GET',
					},
					{
						displayName: 'Path',
						name: 'path',
						type: 'string',
						default: '/*',
						placeholder: '/domain/zone/*',
						description: 'A path; * matches anything',
					},
				],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'consumerKeyOptions',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forHelper(['requestConsumerKey']),
		options: [
			{
				displayName: 'Allowed IPs',
				name: 'allowedIPs',
				type: 'string',
				default: '',
				placeholder: '203.0.113.0/24, 198.51.100.7/32',
				description: 'IP blocks that may use the consumer key, comma-separated (default: any)',
			},
			{
				displayName: 'Redirection URL',
				name: 'redirection',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/ovh-validated',
				description: 'Where the customer is sent after validating the consumer key',
			},
		],
	},
];
