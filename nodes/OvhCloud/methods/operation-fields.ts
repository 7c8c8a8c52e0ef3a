/**
 * The resource mapper's fields for the chosen operation: typed from the schema (required ones marked,
 * enumerations as options). A path placeholder whose parent collection lists IDs (`{zoneName}` ←
 * `GET /domain/zone`) is offered as a searchable dropdown of those IDs, once the placeholders the
 * collection itself needs have values.
 */
import type { IDataObject, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { findOperation, loadFamily, parentCollection, placeholders } from '../catalog/load';
import type { CatalogFamily } from '../catalog/types';
import { encodeStrict } from '../endpoints';
import { mapperField, operationFields, type OperationField } from '../fields';
import { ovhRequest, ovhSession, type OvhSession } from '../transport';
import { statusNote } from './search-operations';

const MAX_CHOICES = 1000;

/** The IDs a path placeholder can take, or undefined when they cannot be listed now. */
async function pathChoices(
	ctx: ILoadOptionsFunctions,
	session: () => Promise<OvhSession>,
	family: CatalogFamily,
	path: string,
	entry: OperationField,
	known: IDataObject,
): Promise<string[] | undefined> {
	const parent = parentCollection(family, path, entry.name);
	if (!parent) return undefined;
	let filled = parent.p;
	for (const name of placeholders(parent.p)) {
		const value = known[name];
		if (typeof value !== 'string' && typeof value !== 'number') return undefined;
		if (String(value).startsWith('=') || String(value).trim() === '') return undefined;
		filled = filled.replace(`{${name}}`, encodeStrict(String(value).trim()));
	}
	try {
		const { body } = await ovhRequest(ctx, await session(), {
			method: 'GET',
			branch: family.branch,
			path: filled,
			unauthenticated: parent.na === 1,
		});
		return Array.isArray(body) ? body.slice(0, MAX_CHOICES).map((id) => String(id)) : undefined;
	} catch {
		return undefined; // no credential yet, or no access: the field stays a plain input
	}
}

export async function getOperationFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const family = await loadFamily(String(this.getCurrentNodeParameter('resource') ?? ''));
	const locator = this.getCurrentNodeParameter('endpoint') as { value?: unknown } | string | undefined;
	const key = typeof locator === 'object' && locator !== null ? locator.value : locator;
	const operation = family && typeof key === 'string' ? findOperation(family, key) : undefined;
	if (!family || !operation) return { fields: [], emptyFieldsNotice: 'Choose an operation first' };
	const current = this.getCurrentNodeParameter('parameters') as { value?: IDataObject | null } | undefined;
	const known = current?.value ?? {};
	let session: Promise<OvhSession> | undefined;
	const lazySession = async () => await (session ??= ovhSession(this));

	const fields = [];
	for (const entry of operationFields(family, operation)) {
		const field = mapperField(entry);
		if (entry.in === 'path') {
			const choices = await pathChoices(this, lazySession, family, operation.p, entry, known);
			if (choices) {
				field.type = 'options';
				field.options = choices.map((choice) => ({ name: choice, value: choice }));
			}
		}
		fields.push(field);
	}
	const note = statusNote(operation);
	return {
		fields,
		emptyFieldsNotice: note ? `This operation takes no parameters. Status: ${note}` : undefined,
	};
}
