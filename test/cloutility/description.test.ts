/** The node as the editor loads it, and the pure parts behind it: request building, the tree, paging, name rules. */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { OPERATIONS, SHARED_FIELDS, findOperation } from '../../nodes/Cloutility/catalog';
import { storageProtectNameProblem } from '../../nodes/Cloutility/catalog/fields';
import { mergeLeadingFields } from '../../nodes/Cloutility/description';
import { buildRequest } from '../../nodes/Cloutility/request';
import { flattenTree } from '../../nodes/Cloutility/tree';
import { collectOffsetPages } from '../../nodes/shared/offset-paging';
import { Harness } from '../harness';
import { CLOUTILITY_NODE } from './setup';

let description: INodeTypeDescription;

beforeAll(async () => {
	const harness = await Harness.load();
	description = harness.nodeTypes.getByNameAndVersion(CLOUTILITY_NODE, 1).description;
});

describe('the node as n8n loads it', () => {
	test('an action node usable as a tool, with a subtitle, themed icons and the credential', () => {
		expect(description).toMatchObject({
			displayName: 'Cloutility',
			usableAsTool: true,
			subtitle: expect.stringContaining('$parameter["operation"]'),
			// n8n's loader turns the icon files into icon URLs.
			iconUrl: { light: expect.stringMatching(/Cloutility\/cloutility\.svg$/), dark: expect.stringMatching(/Cloutility\/cloutility\.dark\.svg$/) },
			credentials: [{ name: 'cloutilityApi', required: true }],
			inputs: ['main'],
			outputs: ['main'],
		});
	});

	test('resources use the portal\'s own words, and every operation has an action', () => {
		const resource = description.properties.find((property) => property.name === 'resource')!;
		expect((resource.options as Array<{ name: string }>).map((option) => option.name)).toEqual([
			'Account',
			'Audit Log',
			'Backup Node',
			'Backup Server',
			'Billing',
			'Business Unit',
			'Catalog',
			'Consumption',
			'Consumption Unit',
			'Job',
			'Report',
			'Tag',
			'User',
		]);
		const consumptionUnit = (resource.options as Array<{ value: string; description: string }>).find((option) => option.value === 'consumptionUnit')!;
		expect(consumptionUnit.description).toContain('the API calls it consumer');
		const operations = description.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options as Array<{ action?: string }>);
		expect(operations).toHaveLength(72);
		expect(operations.every((operation) => typeof operation.action === 'string' && operation.action.length > 5)).toBe(true);
	});

	test('list operations offer Return All and Limit; the editor description stays small', () => {
		for (const operation of OPERATIONS.filter((candidate) => candidate.answer && candidate.answer !== 'object')) {
			const shown = (name: string) =>
				description.properties.some(
					(property) =>
						property.name === name &&
						(property.displayOptions?.show?.resource as string[]).includes(operation.resource) &&
						(property.displayOptions?.show?.operation as string[]).includes(operation.operation),
				);
			expect([operation.operation, shown('returnAll'), shown('limit')]).toEqual([operation.operation, true, true]);
		}
		expect(JSON.stringify(description).length).toBeLessThan(80_000);
	});

	test('the business unit and consumption unit pickers keep one parameter across operations', () => {
		expect(SHARED_FIELDS.has('bunitId')).toBe(true);
		expect(SHARED_FIELDS.has('consumerId')).toBe(true);
		const pickers = description.properties.filter((property) => property.name === 'bunitId');
		expect(pickers.every((property) => property.type === 'resourceLocator')).toBe(true);
		// No catalog field takes a name the node uses for itself.
		const own = new Set(['resource', 'operation', 'returnAll', 'limit', 'additionalFields', 'offset']);
		expect(OPERATIONS.flatMap((operation) => operation.fields.map((field) => field.name)).filter((name) => own.has(name))).toEqual([]);
	});

	test('the node password field is masked', () => {
		const password = description.properties.find((property) => property.name === 'tsmPassword')!;
		expect(password.typeOptions?.password).toBe(true);
	});
});

describe('building requests', () => {
	test('path values are encoded, query lists repeat, refs become {id}, other fields merge under the given ones', () => {
		const create = findOperation('backupNode', 'create')!;
		const built = buildRequest(create, {
			bunitId: 22,
			consumerId: 408,
			operatingSystem: 1,
			type: 2,
			domain: 11,
			clientOptionSet: 21,
			cpuCount: 2,
			otherFields: { cpuCount: 8, tcpName: 'ws-07' },
		});
		expect(built.path).toBe('/v1/bunits/22/consumers/408/node');
		expect(built.body).toEqual({
			operatingSystem: { id: 1 },
			type: { id: 2 },
			domain: { id: 11 },
			clientOptionSet: { id: 21 },
			cpuCount: 2,
			tcpName: 'ws-07',
		});
		const audit = buildRequest(findOperation('auditLog', 'getManyForBusinessUnit')!, { bunitId: 22, types: [0, 400], includeDescendants: true });
		expect(audit.query).toEqual([
			['types', '0'],
			['types', '400'],
			['includeDescendants', 'true'],
		]);
		const invoice = buildRequest(findOperation('billing', 'getInvoice')!, { bunitId: 22, date: '2024-04-30T10:00:00' });
		expect(invoice.path).toBe('/v1/bunits/22/invoices/2024-04-30');
		const password = buildRequest(findOperation('backupNode', 'setPassword')!, { bunitId: 22, consumerId: 408, tsmPassword: 'secret' });
		expect(password.sent).toEqual({ bunitId: 22, consumerId: 408 });
	});

	test('flattenTree lists parents before children with their paths', () => {
		const tree = { id: 1, name: 'A', businessUnits: [{ id: 2, name: 'B', businessUnits: [{ id: 3, name: 'C', businessUnits: [] }] }, { id: 4, name: 'D' }] };
		expect(flattenTree(tree).map((entry) => [entry.id, entry.path, entry.depth, entry.childCount])).toEqual([
			[1, 'A', 0, 2],
			[2, 'A / B', 1, 1],
			[3, 'A / B / C', 2, 0],
			[4, 'A / D', 1, 0],
		]);
	});

	test('offset paging moves by what the server returned and stops at the total', async () => {
		const data = Array.from({ length: 45 }, (_, index) => index);
		const asked: Array<[number, number]> = [];
		// A server that caps pages at 20 whatever is asked, and reports the total.
		const capped = async (offset: number, limit: number) => {
			asked.push([offset, limit]);
			return { items: data.slice(offset, offset + Math.min(limit, 20)), total: data.length };
		};
		expect(await collectOffsetPages(capped, { pageSize: 100, wanted: Infinity })).toEqual(data);
		expect(asked).toEqual([
			[0, 100],
			[20, 100],
			[40, 100],
		]);
		asked.length = 0;
		expect(await collectOffsetPages(capped, { pageSize: 10, wanted: 25 })).toEqual(data.slice(0, 25));
		expect(asked).toEqual([
			[0, 10],
			[10, 10],
			[20, 5],
		]);
		// Without a total, a page shorter than asked is the last one.
		asked.length = 0;
		const noTotal = async (offset: number, limit: number) => {
			asked.push([offset, limit]);
			return { items: data.slice(offset, offset + limit) };
		};
		expect(await collectOffsetPages(noTotal, { pageSize: 20, wanted: Infinity })).toEqual(data);
		expect(asked.map(([offset]) => offset)).toEqual([0, 20, 40]);
	});

	test('IBM Storage Protect node names: 1 to 64 of A–Z 0–9 _ . - + &', () => {
		expect(storageProtectNameProblem('WS-01.HR_+&')).toBeUndefined();
		expect(storageProtectNameProblem('x'.repeat(64))).toBeUndefined();
		expect(storageProtectNameProblem('x'.repeat(65))).toContain('at most 64');
		expect(storageProtectNameProblem('a b')).toContain('not allowed: " "');
		expect(storageProtectNameProblem('a*b?')).toContain('not allowed: "*", "?"');
	});

	test('merging fields keeps each operation\'s order and never crosses resources', () => {
		const field = (name: string, resource: string, operation: string): INodeProperties => ({
			displayName: name,
			name,
			type: 'string',
			default: '',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		});
		const merged = mergeLeadingFields([
			[field('p', 'r', 'a'), field('q', 'r', 'a')],
			[field('q', 'r', 'b'), field('p', 'r', 'b')],
			[field('p', 'other', 'a')],
		]);
		expect(merged.map((property) => [property.name, property.displayOptions?.show?.resource, property.displayOptions?.show?.operation])).toEqual([
			['p', ['r'], ['a']],
			['q', ['r'], ['a', 'b']],
			['p', ['r'], ['b']],
			['p', ['other'], ['a']],
		]);
	});
});
