import type { INodeProperties } from 'n8n-workflow';

import { returnAllProperties } from '../../shared/list-limit';
import { REGIONS } from '../endpoints';

const forProject = (operations: string[]) => ({ show: { resource: ['project'], operation: operations } });

export const projectOperations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['project'] } },
	options: [
		{ name: 'Create', value: 'create', action: 'Create a project', description: 'Create a project in a region' },
		{ name: 'Delete', value: 'delete', action: 'Delete a project' },
		{ name: 'Get', value: 'get', action: 'Get a project' },
		{ name: 'List', value: 'list', action: 'List projects', description: 'List the projects of the organization' },
		{ name: 'Rename', value: 'rename', action: 'Rename a project' },
	],
	default: 'list',
};

export const projectFields: INodeProperties[] = [
	{
		displayName: 'Region',
		name: 'region',
		type: 'options',
		options: REGIONS.map(({ name, value }) => ({ name, value })),
		default: 'vienna',
		required: true,
		displayOptions: forProject(['create', 'get', 'rename', 'delete']),
		description: 'The region the project is in (or is to be created in)',
	},
	{
		displayName: 'Project Name',
		name: 'projectName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: forProject(['create']),
	},
	{
		displayName: 'Project',
		name: 'projectId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: forProject(['get', 'rename', 'delete']),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a project...',
				typeOptions: { searchListMethod: 'searchProjects', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. efe1c2d3a4b5c6d7e8f9a0b1c2d3ef9b',
				validation: [
					{
						type: 'regex',
						properties: { regex: '[\\w-]+', errorMessage: 'Not a valid project ID' },
					},
				],
			},
		],
	},
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		required: true,
		displayOptions: forProject(['rename']),
	},
	...returnAllProperties(forProject(['list'])),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: forProject(['list']),
		options: [
			{
				displayName: 'Region',
				name: 'region',
				type: 'options',
				options: REGIONS.map(({ name, value }) => ({ name, value })),
				default: 'vienna',
				description: 'Only projects in this region',
			},
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Only projects whose name contains this text (case-insensitive)',
			},
		],
	},
];
