/** The pure parts of nodes/shared/operation-fields: parameter naming, editor fields, value conversion. */
import {
	allOperationProperties,
	convertField,
	fieldProperty,
	operationProperties,
	sharedFieldNames,
	type FieldSpec,
	type OperationSpec,
} from '../../nodes/shared/operation-fields';

const id: FieldSpec = { name: 'id', displayName: 'ID', type: 'number', required: true, integer: true };
const specs: OperationSpec[] = [
	{ resource: 'unit', operation: 'get', fields: [id] },
	{ resource: 'unit', operation: 'delete', fields: [id] },
	{ resource: 'node', operation: 'get', fields: [{ name: 'id', displayName: 'Node', type: 'string', required: true, picker: 'searchNodes' }] },
	{
		resource: 'unit',
		operation: 'create',
		fields: [
			{ name: 'name', displayName: 'Name', type: 'string', required: true },
			{ name: 'tags', displayName: 'Tags', type: 'stringList' },
			{ name: 'size', displayName: 'Size', type: 'options', options: [{ name: 'Small', value: 's' }, { name: 'Large', value: 'l' }] },
		],
	},
];

test('required fields share a parameter only when every operation agrees on its type', () => {
	expect([...sharedFieldNames(specs)].sort()).toEqual(['name']);
	const names = allOperationProperties(specs).map((property) => property.name);
	expect(names).toEqual(['id__unit_get', 'id__unit_delete', 'id__node_get', 'name', 'additionalFields']);
});

test('optional fields go into one Additional Fields collection per operation; pickers become resource locators', () => {
	const properties = allOperationProperties(specs);
	const picker = properties.find((property) => property.name === 'id__node_get')!;
	expect(picker.type).toBe('resourceLocator');
	expect(picker.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
	const additional = properties.find((property) => property.name === 'additionalFields')!;
	expect(additional.displayOptions).toEqual({ show: { resource: ['unit'], operation: ['create'] } });
	expect((additional.options as Array<{ name: string }>).map((option) => option.name)).toEqual(['size', 'tags']);
	expect(properties.filter((property) => property.required).every((property) => property.displayOptions?.show?.operation)).toBe(true);
});

test('values are converted to their type, or refused with a reason', () => {
	expect(convertField(id, '42')).toEqual({ value: 42 });
	expect(convertField(id, '4.5')).toEqual({ error: 'must be a whole number (got "4.5")' });
	expect(convertField(id, 'abc')).toEqual({ error: 'must be a number (got "abc")' });
	expect(convertField({ name: 'l', displayName: 'L', type: 'numberList' }, '1, 2,3')).toEqual({ value: [1, 2, 3] });
	expect(convertField({ name: 'l', displayName: 'L', type: 'numberList' }, '1,x')).toEqual({
		error: 'must be numbers separated by commas (got "x")',
	});
	expect(convertField({ name: 't', displayName: 'T', type: 'stringList' }, ['a', 'b'])).toEqual({ value: ['a', 'b'] });
	expect(convertField({ name: 'j', displayName: 'J', type: 'json' }, '{"a":1}')).toEqual({ value: { a: 1 } });
	expect(convertField({ name: 'j', displayName: 'J', type: 'json' }, '{a')).toEqual({ error: 'must be valid JSON' });
	expect(convertField({ name: 'b', displayName: 'B', type: 'boolean' }, 'true')).toEqual({ value: true });
	expect(convertField(specs[3].fields[2], 'xl')).toEqual({ error: 'must be one of s, l (got "xl")' });
});

test('lists, objects, option text forms, dates and strings convert as the shared field model says', () => {
	const list: FieldSpec = { name: 'l', displayName: 'L', type: 'list' };
	expect(convertField(list, '["a", 1]')).toEqual({ value: ['a', 1] });
	expect(convertField(list, 'a, b')).toEqual({ value: ['a', 'b'] });
	expect(convertField(list, '[1,')).toEqual({ error: 'must be a JSON array or values separated by commas' });
	const object: FieldSpec = { name: 'o', displayName: 'O', type: 'object' };
	expect(convertField(object, '{"a":1}')).toEqual({ value: { a: 1 } });
	expect(convertField(object, '[1]')).toEqual({ error: 'must be a JSON object' });
	const numeric: FieldSpec = { name: 'n', displayName: 'N', type: 'options', options: [{ name: 'Two', value: 2 }] };
	expect(convertField(numeric, '2')).toEqual({ value: 2 });
	const when: FieldSpec = { name: 'd', displayName: 'D', type: 'dateTime' };
	expect(convertField(when, new Date('2024-01-02T03:04:05Z'))).toEqual({ value: '2024-01-02T03:04:05.000Z' });
	const text: FieldSpec = { name: 's', displayName: 'S', type: 'string' };
	expect(convertField(text, '  a ')).toEqual({ value: 'a' });
	expect(convertField({ ...text, keepSpaces: true }, '  a ')).toEqual({ value: '  a ' });
	expect(convertField(text, { a: 1 })).toEqual({ value: '{"a":1}' });
	expect(convertField(text, 12)).toEqual({ value: '12' });
});

test('secret fields are masked in the editor', () => {
	const [property] = allOperationProperties([
		{ resource: 'r', operation: 'o', fields: [{ name: 'password', displayName: 'Password', type: 'string', required: true, secret: true }] },
	]);
	expect(property.typeOptions).toEqual({ password: true });
});

test('one field as an editor property under a given parameter name (providers that keep their own names)', () => {
	expect(fieldProperty({ name: 'name', displayName: 'New Name', type: 'string', required: true }, 'newName')).toEqual({
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
	});
	const locator = fieldProperty({ name: 'id', displayName: 'Project', type: 'string', picker: 'searchProjects', placeholder: 'e.g. 1' }, 'projectId');
	expect(locator).toMatchObject({ name: 'projectId', type: 'resourceLocator', default: { mode: 'list', value: '' } });
	expect(locator.modes!.map((mode) => [mode.name, mode.placeholder])).toEqual([
		['list', undefined],
		['id', 'e.g. 1'],
	]);
});

test('date-only fields take a day, or a date-time for its day, and refuse anything else', () => {
	const day: FieldSpec = { name: 'date', displayName: 'Date', type: 'dateTime', dateOnly: true, in: 'path' };
	expect(convertField(day, '2024-04-30')).toEqual({ value: '2024-04-30' });
	expect(convertField(day, ' 2024-04-30T00:00:00 ')).toEqual({ value: '2024-04-30' });
	expect(convertField(day, '2024-04-30T23:15:00.5+02:00')).toEqual({ value: '2024-04-30' });
	expect(convertField(day, new Date('2024-04-30T12:00:00Z'))).toEqual({ value: '2024-04-30' });
	expect(convertField(day, { toISODate: () => '2024-04-30' })).toEqual({ value: '2024-04-30' });
	for (const bad of ['?x=1', '2024-04-30T25:00', '2024-04-30T10:00:00?x=1', '2024-02-30T00:00:00', '30.04.2024', '..']) {
		expect(convertField(day, bad)).toEqual({ error: expect.stringContaining('must be a date written YYYY-MM-DD') });
	}
});

test('Additional Fields are sorted by name unless the provider gives an order', () => {
	const spec: OperationSpec = {
		resource: 'log',
		operation: 'list',
		fields: ['Types', 'Start Time', 'End Time'].map((displayName) => ({ name: displayName.replace(/ /g, ''), displayName, type: 'string' as const })),
	};
	const optional = (order?: Parameters<typeof operationProperties>[2]) =>
		((operationProperties(spec, new Set(), order)[0].options ?? []) as Array<{ displayName: string }>).map((option) => option.displayName);
	expect(optional()).toEqual(['End Time', 'Start Time', 'Types']);
	expect(optional((a, b) => b.displayName.localeCompare(a.displayName))).toEqual(['Types', 'Start Time', 'End Time']);
});
