import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ventusAccount, ventusRequest } from './transport';

/** Projects of the organization, narrowed to the region chosen in the node and to the search text. */
export async function searchProjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const account = await ventusAccount(this);
	const projects = (await ventusRequest(this, account, 'listProjects', {})) as IDataObject[];
	const region = String(this.getCurrentNodeParameter('region') ?? '').toLowerCase();
	const text = filter?.trim().toLowerCase();
	const results = (Array.isArray(projects) ? projects : [])
		.filter((project) => !region || String(project.region ?? '').toLowerCase() === region)
		.filter((project) => !text || `${project.name} ${project.id}`.toLowerCase().includes(text))
		.map((project) => ({ name: `${project.name} (${project.region})`, value: String(project.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
