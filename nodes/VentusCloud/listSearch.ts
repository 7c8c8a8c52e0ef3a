import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pickerPage } from '../shared/pickers';
import { looseKey } from './api';
import { rowFor } from './catalog';
import { readWhole } from './execute';
import { connect } from './transport';

/**
 * Projects of the organization, narrowed to the region chosen in the node and to the search text, a page
 * at a time. The API answers the whole list in one request (it has no paging), so no loop is involved.
 */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const projects = await readWhole(this, await connect(this), rowFor('project', 'list')!);
	const region = looseKey(this.getCurrentNodeParameter('region'));
	const entries = (Array.isArray(projects) ? (projects as IDataObject[]) : [])
		.filter((project) => !region || looseKey(project.region) === region)
		.map((project) => ({ name: `${String(project.name)} (${String(project.region)})`, value: String(project.id) }));
	return pickerPage(entries, filter, paginationToken);
}
