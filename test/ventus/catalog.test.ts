/** The Ventus Cloud catalog: its rows are the API's calls, consistent with themselves and with the node's editor fields. */
import type { INodeProperties } from 'n8n-workflow';

import { ACCOUNT_PLACEHOLDERS, parameterOf, ROWS, rowFor } from '../../nodes/VentusCloud/catalog';
import { nodeProperties } from '../../nodes/VentusCloud/description';

const placeholders = (template: string) => [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);

test('the rows are the documented calls: method, gateway app and method path', () => {
	expect(ROWS.map((row) => `${row.resource}.${row.operation}: ${row.method} ${row.app} ${row.path}`)).toEqual([
		'project.create: POST gotham-{region}-identity {organizationId}/projects/{projectName}',
		'project.delete: DELETE gotham-{region}-identity {organizationId}/projects/{projectId}',
		'project.get: GET gotham-{region}-identity projects/{projectId}',
		'project.list: GET gotham-enterprises orgs/{organizationId}/projects',
		'project.rename: PUT gotham-{region}-identity {organizationId}/projects/{projectId}',
		'price.get: GET gotham-bank prices',
	]);
});

test('every row is found by its resource and operation, and names one operation only', () => {
	for (const row of ROWS) expect(rowFor(row.resource, row.operation)).toBe(row);
	expect(new Set(ROWS.map((row) => `${row.resource}.${row.operation}`)).size).toBe(ROWS.length);
	expect(rowFor('project', 'nothing')).toBeUndefined();
});

test('every placeholder is a path field of the row or the credential\'s organization, and every path field is placed', () => {
	for (const row of ROWS) {
		const used = [...placeholders(row.app), ...placeholders(row.path)];
		const pathFields = row.fields.filter((field) => field.in === 'path').map((field) => field.name);
		for (const name of used) expect(pathFields.includes(name) || name in ACCOUNT_PLACEHOLDERS).toBe(true);
		for (const name of pathFields) expect(used).toContain(name);
	}
});

test('where values go: path, body (never with GET) or the node itself; the region is always a known region', () => {
	for (const row of ROWS) {
		for (const field of row.fields) expect(['path', 'body', 'option']).toContain(field.in);
		if (row.method === 'GET') expect(row.fields.filter((field) => field.in === 'body')).toEqual([]);
		const region = row.fields.find((field) => field.name === 'region' && field.in === 'path');
		if (placeholders(row.app).includes('region')) expect(region?.options?.map((option) => option.value)).toEqual(['vienna', 'upper-austria', 'eastern-switzerland']);
	}
	expect(rowFor('project', 'rename')!.fields.find((field) => field.in === 'body')).toMatchObject({ name: 'name', parameter: 'newName' });
});

test('reads are safe to repeat, changes are not; only the list offers Return All; outputs are declared', () => {
	const safe = ROWS.filter((row) => row.safe ?? row.method === 'GET').map((row) => `${row.resource}.${row.operation}`);
	expect(safe).toEqual(['project.get', 'project.list', 'price.get']);
	expect(ROWS.filter((row) => row.list).map((row) => row.operation)).toEqual(['list']);
	expect(Object.fromEntries(ROWS.map((row) => [`${row.resource}.${row.operation}`, row.output.kind]))).toEqual({
		'project.create': 'object',
		'project.delete': 'done',
		'project.get': 'object',
		'project.list': 'list',
		'project.rename': 'object',
		'price.get': 'priceList',
	});
});

test('the editor fields are derived from the rows: every field is a parameter shown for its operation', () => {
	const properties = nodeProperties();
	for (const row of ROWS) {
		const forRow = properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes(row.resource) && property.displayOptions.show.operation?.includes(row.operation),
		);
		for (const field of row.fields) {
			const holder = forRow.find((property) => property.name === (field.within ?? parameterOf(field)));
			expect(holder).toBeDefined();
			if (field.within) expect((holder!.options as INodeProperties[]).map((option) => option.name)).toContain(parameterOf(field));
			else expect(holder!.displayName).toBe(field.displayName);
		}
		const operation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(row.resource));
		expect(operation!.options).toContainEqual(expect.objectContaining({ value: row.operation, name: row.name, action: row.action }));
	}
});
