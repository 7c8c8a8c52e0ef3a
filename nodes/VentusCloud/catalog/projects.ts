import { REGIONS } from '../api';
import type { VentusField, VentusRow } from './types';

const regionOptions = REGIONS.map(({ name, value }) => ({ name, value }));

/** The region a project is in: part of the app name, so always one of the known regions. */
const region: VentusField = {
	displayName: 'Region',
	name: 'region',
	type: 'options',
	options: regionOptions,
	default: 'vienna',
	required: true,
	in: 'path',
	description: 'The region the project is in (or is to be created in)',
};

const project: VentusField = {
	displayName: 'Project',
	name: 'projectId',
	type: 'string',
	default: '',
	required: true,
	in: 'path',
	picker: 'searchProjects',
	placeholder: 'e.g. efe1c2d3a4b5c6d7e8f9a0b1c2d3ef9b',
};

const IDENTITY = 'gotham-{region}-identity';

export const projectRows: VentusRow[] = [
	{
		resource: 'project',
		operation: 'create',
		name: 'Create',
		action: 'Create a project',
		description: 'Create a project in a region',
		method: 'POST',
		app: IDENTITY,
		path: '{organizationId}/projects/{projectName}',
		fields: [
			region,
			{ displayName: 'Project Name', name: 'projectName', type: 'string', default: '', required: true, in: 'path' },
		],
		output: { kind: 'object', requires: 'id' },
	},
	{
		resource: 'project',
		operation: 'delete',
		name: 'Delete',
		action: 'Delete a project',
		method: 'DELETE',
		app: IDENTITY,
		path: '{organizationId}/projects/{projectId}',
		fields: [region, project],
		output: { kind: 'done', echo: { projectId: 'id', region: 'region' }, flag: 'deleted' },
	},
	{
		resource: 'project',
		operation: 'get',
		name: 'Get',
		action: 'Get a project',
		method: 'GET',
		app: IDENTITY,
		path: 'projects/{projectId}',
		fields: [region, project],
		output: { kind: 'object', requires: 'id' },
	},
	{
		resource: 'project',
		operation: 'list',
		name: 'List',
		action: 'List projects',
		description: 'List the projects of the organization',
		method: 'GET',
		app: 'gotham-enterprises',
		path: 'orgs/{organizationId}/projects',
		list: true,
		isDefault: true,
		fields: [
			{
				displayName: 'Region',
				name: 'region',
				type: 'options',
				options: regionOptions,
				default: 'vienna',
				in: 'option',
				within: 'filters',
				filter: { entry: 'region', match: 'equals' },
				description: 'Only projects in this region',
			},
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				in: 'option',
				within: 'filters',
				filter: { entry: 'name', match: 'contains' },
				description: 'Only projects whose name contains this text (case-insensitive)',
			},
		],
		output: { kind: 'list' },
	},
	{
		resource: 'project',
		operation: 'rename',
		name: 'Rename',
		action: 'Rename a project',
		method: 'PUT',
		app: IDENTITY,
		path: '{organizationId}/projects/{projectId}',
		fields: [
			region,
			project,
			{ displayName: 'New Name', name: 'name', parameter: 'newName', type: 'string', default: '', required: true, in: 'body' },
		],
		output: { kind: 'object', requires: 'id' },
	},
];
