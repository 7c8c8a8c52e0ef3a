import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { fillPath } from '../shared/path';
import { pickerPage } from '../shared/pickers';
import { invokeUrl, looseKey } from './api';
import { ACCOUNT_PLACEHOLDERS, rowFor } from './catalog';
import { ventusAccount, ventusRequest } from './transport';

/**
 * Projects of the organization, narrowed to the region chosen in the node and to the search text, a page
 * at a time. The API answers the whole list in one request (it has no paging), so no loop is involved.
 */
export async function searchProjects(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const account = await ventusAccount(this);
	const list = rowFor('project', 'list')!;
	const path = fillPath(list.path, { organizationId: account.organizationId }, (name) => ACCOUNT_PLACEHOLDERS[name] ?? name);
	const projects = await ventusRequest(this, { method: list.method, url: invokeUrl(account.apiUrl, list.app, path), safe: true, app: list.app });
	const region = looseKey(this.getCurrentNodeParameter('region'));
	const entries = (Array.isArray(projects) ? (projects as IDataObject[]) : [])
		.filter((project) => !region || looseKey(project.region) === region)
		.map((project) => ({ name: `${String(project.name)} (${String(project.region)})`, value: String(project.id) }));
	return pickerPage(entries, filter, paginationToken);
}
