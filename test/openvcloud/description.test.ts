/** What the editor gets: resources and operations from the catalog, per-method defaults, masked secrets, a light description. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { allEntries } from '../../nodes/OpenVCloud/catalog';
import { openVCloudSetup, OVC_NODE } from './setup';

let env: Awaited<ReturnType<typeof openVCloudSetup>>;
let description: INodeTypeDescription;

beforeAll(async () => {
	env = await openVCloudSetup();
	description = env.harness.nodeTypes.getByNameAndVersion(OVC_NODE, 1).description;
});
afterAll(async () => await env.emulator.stop());

/** The parameters the editor shows for an operation, with their defaults. */
const shown = (resource: string, operation: string, extra: INodeParameters = {}) =>
	NodeHelpers.getNodeParameters(description.properties, { resource, operation, ...extra }, true, false, null, description)!;

test('an n8n action node: tool-usable, subtitle, icons, codex with category and documentation', () => {
	expect(description).toMatchObject({ displayName: 'OpenvCloud', usableAsTool: true, inputs: ['main'], outputs: ['main'] });
	expect(description.subtitle).toContain('$parameter["operation"]');
	const dir = path.resolve(__dirname, '../../dist/nodes/OpenVCloud');
	for (const icon of ['openVCloud.svg', 'openVCloud.dark.svg']) expect(existsSync(path.join(dir, icon))).toBe(true);
	const codex = JSON.parse(readFileSync(path.join(dir, 'OpenVCloud.node.json'), 'utf8')) as Record<string, unknown>;
	expect(codex).toMatchObject({ node: 'n8n-nodes-eurocloud.openVCloud', categories: ['Development'] });
	expect(JSON.stringify(codex.resources)).toContain('primaryDocumentation');
});

test('one resource per actor plus Task, one operation per method, each with an action', () => {
	const resources = description.properties.find((property) => property.name === 'resource')!;
	expect((resources.options as Array<{ name: string }>).map((option) => option.name)).toEqual([
		'Account',
		'Cloud Space',
		'Disk',
		'External Network',
		'Image',
		'Location',
		'Machine',
		'Port Forwarding',
		'Size',
		'Task',
		'User',
	]);
	const operations = description.properties.filter((property) => property.name === 'operation');
	const options = operations.flatMap((property) => property.options as Array<{ value: string; action?: string }>);
	expect(options).toHaveLength(92);
	expect(options.every((option) => option.action && option.action.length > 5)).toBe(true);
	for (const { actor, method } of allEntries()) {
		const property = operations.find((candidate) => candidate.displayOptions?.show?.resource?.[0] === actor.resource)!;
		expect((property.options as Array<{ value: string }>).map((option) => option.value)).toContain(method.name);
	}
});

test('required fields are parameters, optional ones under Additional Fields, with the catalog defaults', () => {
	const addDisk = shown('machine', 'addDisk');
	expect(addDisk).toMatchObject({ size: 10, type: 'B', diskName: '', additionalFields: {} });
	const create = description.properties.find(
		(property) => property.name === 'additionalFields' && property.displayOptions?.show?.resource?.[0] === 'cloudSpace' && property.displayOptions.show.operation?.[0] === 'create',
	)!;
	const optional = Object.fromEntries((create.options as INodeProperties[]).map((option) => [option.name, option.default]));
	expect(optional).toMatchObject({ maxCPUCapacity: -1, privatenetwork: '192.168.103.0/24', type: 'routeros' });
});

test('Wait for Completion: on for long-running tasks, off for resizes, absent for files and background jobs', () => {
	expect(shown('machine', 'create')).toMatchObject({ waitForCompletion: true, pollInterval: 5, waitTimeout: 1800 });
	expect(shown('machine', 'stop')).toMatchObject({ waitForCompletion: true, pollInterval: 2, waitTimeout: 600 });
	expect(shown('machine', 'delete')).toMatchObject({ waitForCompletion: true, pollInterval: 3, waitTimeout: 900 });
	expect(shown('portForwarding', 'create')).toMatchObject({ waitForCompletion: true, pollInterval: 1, waitTimeout: 120 });
	expect(shown('cloudSpace', 'create')).toMatchObject({ waitForCompletion: true, waitForDeployment: true });
	expect(shown('machine', 'resize')).toMatchObject({ waitForCompletion: false, returnTaskId: false });
	expect(shown('machine', 'resize')).not.toHaveProperty('pollInterval');
	for (const [resource, operation] of [
		['machine', 'createTemplate'],
		['machine', 'importOVF'],
		['account', 'getConsumption'],
		['cloudSpace', 'getOpenvpnConfig'],
		['machine', 'get'],
	]) {
		expect(shown(resource, operation)).not.toHaveProperty('waitForCompletion');
	}
	expect(shown('account', 'getConsumption')).toMatchObject({ binaryPropertyName: 'data' });
	expect(shown('machine', 'list')).toMatchObject({ returnAll: true });
	expect(shown('machine', 'list', { returnAll: false })).toMatchObject({ limit: 50 });
});

test('passwords and tokens typed into the node are masked', () => {
	const masked = (name: string) =>
		description.properties
			.flatMap((property) => [property, ...((property.options as INodeProperties[] | undefined) ?? [])])
			.filter((property) => property.name === name)
			.every((property) => property.typeOptions?.password === true);
	for (const name of ['password', 'passwd', 'inviteusertoken']) expect(masked(name)).toBe(true);
	expect(masked('username')).toBe(false);
});

test('the description stays light for the editor', () => {
	const bytes = JSON.stringify(description).length;
	expect(bytes).toBeLessThan(100_000);
});
