/**
 * The Parameters (resource mapper) of the chosen operation: its fields from the catalog (required ones
 * marked, enumerations as options). A path placeholder whose parent collection lists IDs (`{zoneName}` ←
 * `GET /domain/zone`) is offered as a searchable dropdown of those IDs, once the placeholders the
 * collection itself needs have values.
 */
import type { FieldType, IDataObject, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import type { FieldType as SharedFieldType } from '../shared/operation-fields';
import { fillPath } from '../shared/path';
import { chosenOperationKey } from './actions';
import { findOperation, loadFamily, parentCollection, placeholders } from './catalog';
import { operationFields, type OvhField } from './catalog/fields';
import type { CatalogFamily } from './catalog/types';
import { statusNote } from './listSearch';
import { apiRequest, connect, type Connection } from './transport';

const MAX_CHOICES = 1000;

const MAPPER_TYPES: Partial<Record<SharedFieldType, FieldType>> = {
	string: 'string',
	number: 'number',
	boolean: 'boolean',
	options: 'options',
	dateTime: 'dateTime',
	list: 'array',
	object: 'object',
};

/** A field as the editor's typed input. */
function mapperField(field: OvhField): ResourceMapperField {
	const result: ResourceMapperField = {
		id: field.id,
		displayName: field.displayName,
		required: field.required ?? false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: MAPPER_TYPES[field.type] ?? 'string',
		removed: !field.required && field.in !== 'path',
	};
	if (field.options) result.options = field.options.map(({ name, value }) => ({ name, value }));
	return result;
}

/** The IDs a path placeholder can take, or undefined when they cannot be listed now. */
async function pathChoices(
	ctx: ILoadOptionsFunctions,
	session: () => Promise<Connection>,
	family: CatalogFamily,
	path: string,
	field: OvhField,
	known: IDataObject,
): Promise<string[] | undefined> {
	const parent = parentCollection(family, path, field.name);
	if (!parent) return undefined;
	const values: Record<string, unknown> = {};
	for (const name of placeholders(parent.p)) {
		const value = known[name];
		if (typeof value !== 'string' && typeof value !== 'number') return undefined;
		if (String(value).startsWith('=') || String(value).trim() === '') return undefined;
		values[name] = value;
	}
	try {
		const { body } = await apiRequest(ctx, await session(), {
			method: 'GET',
			branch: family.branch,
			path: fillPath(parent.p, values),
			unauthenticated: parent.na === 1,
		});
		return Array.isArray(body) ? body.slice(0, MAX_CHOICES).map((id) => String(id)) : undefined;
	} catch {
		return undefined; // no credential yet, no access, or a value that cannot be a path segment: the field stays a plain input
	}
}

export async function getOperationFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const family = await loadFamily(String(this.getCurrentNodeParameter('resource') ?? ''));
	const key = chosenOperationKey(this.getCurrentNodeParameter('operation'), () => this.getCurrentNodeParameter('endpoint'));
	const operation = family && key ? findOperation(family, key) : undefined;
	if (!family || !operation) return { fields: [], emptyFieldsNotice: 'Choose an operation first' };
	const current = this.getCurrentNodeParameter('parameters') as { value?: IDataObject | null } | undefined;
	const known = current?.value ?? {};
	let session: Promise<Connection> | undefined;
	const lazySession = async () => await (session ??= connect(this));

	const fields = [];
	for (const field of operationFields(family, operation)) {
		const result = mapperField(field);
		if (field.in === 'path') {
			const choices = await pathChoices(this, lazySession, family, operation.p, field, known);
			if (choices) {
				result.type = 'options';
				result.options = choices.map((choice) => ({ name: choice, value: choice }));
			}
		}
		fields.push(result);
	}
	const note = statusNote(operation);
	return {
		fields,
		emptyFieldsNotice: note ? `This operation takes no parameters. Status: ${note}` : undefined,
	};
}
