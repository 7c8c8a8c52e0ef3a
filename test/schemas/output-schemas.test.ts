/**
 * The output schemas of the built package (scripts/schemas, written into dist/ by `npm run build`):
 * - every resource and operation n8n's editor can ask about, in every node version, has its file where n8n
 *   looks (n8n-core's own resolver), or is listed as having none with a reason; no other file is there;
 * - each file is one n8n's editor takes (an object schema with typed properties);
 * - real runs against the emulators put out items that match their schema: here Ventus Cloud's operations,
 *   OVHcloud's Auth Helper, OpenvCloud's cloud space creation with its default waits and the task operations;
 *   Cloutility's and OpenvCloud's catalog tests check every operation they run;
 * - the committed reference facts are what the reference folder says, where it is present.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { readFacts } from '../../scripts/schemas/build';
import { extractFacts, findReferenceRoot, formatFacts, FACTS_FILE } from '../../scripts/schemas/extract';
import { allNodeSchemas, editorAccepts, type NodeSchemas } from '../../scripts/schemas/output-schemas';
import { loadPackage } from '../harness/package-types';
import { ORG, ventusSetup } from '../ventus/setup';
import { byId as byOvcId, FAST_WAIT, NODE_NAME as OVC_NAME, useOpenVCloud } from '../openvcloud/setup';
import { ovhSetup } from '../ovh/setup';
import { builtSchema, DIST_NODES, itemProblems, schemaPath, schemaProblems } from './schema-check';

const PLAN = allNodeSchemas(readFacts());
const planOf = (node: string) => PLAN.find((entry) => entry.node === node)!;

/** The resource and operation values n8n's editor sends for a node: each Resource option with each Operation option shown for it. */
function askedPairs(description: INodeTypeDescription): Array<[resource: string | undefined, operation: string | undefined]> {
	const options = (property: INodeProperties) => (property.options ?? []).map((option) => String((option as { value: unknown }).value));
	const resources = description.properties.filter((property) => property.name === 'resource' && property.type === 'options').flatMap(options);
	const operationsOf = (resource: string | undefined) =>
		description.properties
			.filter((property) => property.name === 'operation' && property.type === 'options')
			.filter((property) => {
				const shown = property.displayOptions?.show?.resource as string[] | undefined;
				return resource === undefined ? !shown : !shown || shown.includes(resource);
			})
			.flatMap(options);
	const pairs: Array<[string | undefined, string | undefined]> = [];
	for (const resource of resources.length ? resources : [undefined]) {
		const operations = operationsOf(resource);
		for (const operation of operations.length ? operations : [undefined]) pairs.push([resource, operation]);
	}
	return pairs;
}

function filesUnder(folder: string): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder).flatMap((name) => {
		const full = path.join(folder, name);
		return statSync(full).isDirectory() ? filesUnder(full) : [full];
	});
}

describe('every operation n8n asks about', () => {
	let nodes: Array<{ name: string; folder: string; description: INodeTypeDescription }>;

	beforeAll(async () => {
		const loader = await loadPackage();
		nodes = Object.entries(loader.known.nodes).map(([name, known]) => ({
			name,
			folder: path.basename(path.dirname(known.sourcePath)),
			description: loader.getNode(name).type.description as INodeTypeDescription,
		}));
	});

	test('has its schema file where n8n looks, or a reason for none; no other file is there', () => {
		const problems: string[] = [];
		const served = new Set<string>();
		const summary: Record<string, { files: number; none: number; unreachable: number }> = {};
		for (const { name, folder, description } of nodes.filter((node) => !node.description.group.includes('trigger'))) {
			const plan: NodeSchemas | undefined = planOf(name);
			if (!plan) {
				problems.push(`${name}: not in scripts/schemas/output-schemas.ts`);
				continue;
			}
			expect([name, folder]).toEqual([name, plan.folder]);
			const versions = Array.isArray(description.version) ? description.version : [description.version];
			expect([name, versions]).toEqual([name, plan.versions]);
			const counts = { files: 0, none: 0, unreachable: 0 };
			for (const version of versions) {
				for (const [resource, operation] of askedPairs(description)) {
					const where = `${name} v${version} ${resource}/${operation}`;
					const file = schemaPath(folder, version, resource, operation);
					if (plan.unreachable?.resources(resource ?? '')) {
						counts.unreachable++;
						continue;
					}
					const outcome = plan.operations.get(`${resource}/${operation}`);
					if (!outcome) problems.push(`${where}: neither a schema nor a reason`);
					else if ('none' in outcome) {
						counts.none++;
						if (!outcome.none) problems.push(`${where}: no reason given`);
						if (file && existsSync(file)) problems.push(`${where}: a file where the plan says none`);
					} else {
						counts.files++;
						if (!file || !existsSync(file)) problems.push(`${where}: no file at ${file}`);
						else {
							served.add(file);
							const schema = JSON.parse(readFileSync(file, 'utf8')) as unknown;
							if (JSON.stringify(schema) !== JSON.stringify(outcome.schema)) problems.push(`${where}: the file is not what the generator makes (rebuild)`);
							if (!editorAccepts(schema)) problems.push(`${where}: n8n's editor would refuse it`);
						}
					}
				}
			}
			summary[name] = counts;
		}
		const stray = nodes
			.map((node) => path.join(DIST_NODES, node.folder, '__schema__'))
			.flatMap(filesUnder)
			.filter((file, index, all) => all.indexOf(file) === index && !served.has(file));
		expect(problems).toEqual([]);
		expect(stray).toEqual([]);
		// Cloutility's two versions put out the same items (version 2 only returns all entries by default).
		expect(summary).toEqual({
			cloutility: { files: 230, none: 64, unreachable: 0 },
			openVCloud: { files: 68, none: 34, unreachable: 0 },
			ovhCloud: { files: 3, none: 0, unreachable: 161 },
			ventusCloud: { files: 5, none: 1, unreachable: 0 },
		});
	});

	test('trigger nodes: the editor shows no schema preview for triggers, and none of their parameters lead to a file', () => {
		const triggers = nodes.filter((node) => node.description.group.includes('trigger'));
		expect(triggers.map((node) => node.name).sort()).toEqual(['cloutilityTrigger', 'openVCloudTrigger', 'ovhCloudTrigger', 'ventusCloudTrigger']);
		for (const { folder, description } of triggers) {
			const versions = Array.isArray(description.version) ? description.version : [description.version];
			for (const version of versions) {
				for (const [resource, operation] of askedPairs(description)) {
					const file = schemaPath(folder, version, resource, operation);
					expect([description.name, resource, operation, !!file && existsSync(file)]).toEqual([description.name, resource, operation, false]);
				}
			}
		}
	});

	test('the OVHcloud API operations have none: n8n cannot ask for them in a form a file can answer', () => {
		const ovh = nodes.find((node) => node.name === 'ovhCloud')!;
		const families = askedPairs(ovh.description).filter(([resource]) => resource !== 'authHelper');
		// A family has a slash, an operation is "any" (the real one is in the API Operation picker) or "GET /path".
		expect(families.every(([resource]) => resource!.includes('/'))).toBe(true);
		expect(families.every(([, operation]) => operation === undefined || operation === 'any' || /^(GET|POST|PUT|DELETE) \//.test(operation))).toBe(true);
		expect(planOf('ovhCloud').unreachable?.reason).toContain('one path segment');
	});
});

describe('the check used on real runs', () => {
	const schema = { type: 'object', properties: { id: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, unit: { type: 'object', properties: { name: { type: 'string' } } } } };

	test('finds wrong types at any depth, and accepts null, integers as numbers and keys the schema does not name', () => {
		expect(schemaProblems({ id: 1, tags: ['a'], unit: { name: 'x' }, extra: true }, schema)).toEqual([]);
		expect(schemaProblems({ id: null, unit: null }, schema)).toEqual([]);
		expect(schemaProblems({ id: 1.5, tags: ['a', 2], unit: { name: 3 } }, schema)).toEqual([
			'$json.id: integer expected, got number (1.5)',
			'$json.tags[1]: string expected, got integer (2)',
			'$json.unit.name: string expected, got integer (3)',
		]);
		expect(schemaProblems({ n: 2 }, { type: 'object', properties: { n: { type: 'number' } } })).toEqual([]);
	});

	test('an item with none of the schema\'s keys is a problem, and so is one without a key every item has', () => {
		expect(itemProblems([{ other: 1 }], schema)).toEqual(['$json has none of id, tags, unit (keys: other)']);
		expect(itemProblems([{ tags: [] }], { ...schema, required: ['id'] })).toEqual(['$json lacks id (keys: tags)']);
	});
});

describe('real runs match their schemas', () => {
	describe('Ventus Cloud: every operation that has one', () => {
		let env: Awaited<ReturnType<typeof ventusSetup>>;
		beforeAll(async () => {
			env = await ventusSetup();
		});
		afterAll(async () => await env.emulator.stop());

		test('project list, create, get, rename and delete', async () => {
			env.reset();
			const existing = env.emulator.addProject(ORG, 'vienna', 'Existing');
			const cases: Array<[string, Record<string, unknown>]> = [
				['list', {}],
				['create', { region: 'vienna', projectName: 'Made' }],
				['get', { region: 'vienna', projectId: existing.id }],
				['rename', { region: 'vienna', projectId: existing.id, newName: 'Renamed' }],
				['delete', { region: 'vienna', projectId: existing.id }],
			];
			const problems: string[] = [];
			for (const [operation, values] of cases) {
				const schema = builtSchema('VentusCloud', 1, 'project', operation)!;
				const run = await env.run({ resource: 'project', operation, ...values } as never);
				const items = run.json('Ventus Cloud');
				if (!items.length) problems.push(`${operation}: no items (${run.nodeError('Ventus Cloud')?.message})`);
				problems.push(...itemProblems(items, schema).map((problem) => `${operation}: ${problem}`));
			}
			expect(problems).toEqual([]);
		});
	});

	describe('OpenvCloud: with default settings, and the task operations', () => {
		const env = useOpenVCloud();

		test('Cloud Space: Create waits for the deployment and puts out the cloud space; Task: Get and Kill', async () => {
			const problems: string[] = [];
			const check = async (resource: string, operation: string, parameters: Record<string, unknown>) => {
				const run = await env.run({ resource, operation, ...parameters } as never, { auth: 'jwt' });
				const items = run.json(OVC_NAME);
				if (!items.length) problems.push(`${resource}/${operation}: no items (${run.nodeError(OVC_NAME)?.message})`);
				problems.push(...itemProblems(items, builtSchema('OpenVCloud', 1, resource, operation)!).map((problem) => `${resource}/${operation}: ${problem}`));
				return items;
			};
			env.emulator.cloudspaceDeployMs = 20;
			await check('cloudSpace', 'create', { accountId: byOvcId(1), location: byOvcId('be-g8-3'), name: 'schema', access: 'ops', ...FAST_WAIT });
			env.emulator.taskPlans.set('machines/stop', { durationMs: 5_000 });
			const started = await env.run({ resource: 'machine', operation: 'stop', machineId: byOvcId(20), waitForCompletion: false, returnTaskId: true }, { auth: 'jwt' });
			const taskGuid = String(started.json(OVC_NAME)[0].taskGuid);
			await check('task', 'get', { taskGuid });
			await check('task', 'kill', { taskGuid });
			expect(problems).toEqual([]);
		});
	});

	describe('OVHcloud: the Auth Helper', () => {
		let env: Awaited<ReturnType<typeof ovhSetup>>;
		beforeAll(async () => {
			env = await ovhSetup();
		});
		afterAll(async () => await env.emulator.stop());

		test('get the current credential, request a consumer key, log out', async () => {
			const problems: string[] = [];
			for (const operation of ['getCurrentCredential', 'requestConsumerKey', 'logOut']) {
				const schema = builtSchema('OvhCloud', 1, 'authHelper', operation)!;
				const run = await env.run({ resource: 'authHelper', operation, access: 'readOnly' });
				const items = run.json('OVHcloud');
				if (!items.length) problems.push(`${operation}: no items (${run.nodeError('OVHcloud')?.message})`);
				problems.push(...itemProblems(items, schema).map((problem) => `${operation}: ${problem}`));
			}
			expect(problems).toEqual([]);
		});
	});
});

const referenceRoot = findReferenceRoot();

(referenceRoot ? test : test.skip)(
	referenceRoot
		? 'the committed reference facts are exactly what the reference folder says'
		: 'the committed reference facts are exactly what the reference folder says (skipped: no shared/reference beside or above the repository and no REFERENCE_DIR)',
	() => {
		expect(readFileSync(FACTS_FILE, 'utf8')).toBe(formatFacts(extractFacts(referenceRoot!)));
	},
);
