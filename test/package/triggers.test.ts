/**
 * What every trigger of the package shows on the canvas: its subtitle, an expression n8n evaluates in the editor,
 * names the chosen event for each of its events (one shared builder, nodes/shared/trigger.ts `eventSubtitle`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
const triggers = pkg.n8n.nodes.filter((file) => file.endsWith('Trigger.node.js'));

test('the package has one trigger per provider', () => {
	expect(triggers).toHaveLength(4);
});

test.each(triggers)('%s: the subtitle names each event', async (file) => {
	const exported = (await import(path.join(root, file))) as Record<string, new () => INodeType>;
	const [Type] = Object.values(exported);
	const type = new Type();
	const { description } = type;
	const events = description.properties.find((property) => property.name === 'event')?.options as Array<{ name: string; value: string }>;
	expect(events.length).toBeGreaterThan(2);
	const nodeTypes = { getByName: () => type, getByNameAndVersion: () => type, getKnownTypes: () => ({}) };
	const subtitle = (event: string) => {
		const node: INode = { id: 't', name: 'Trigger', type: description.name, typeVersion: 1, position: [0, 0], parameters: { event } };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return workflow.expression.getSimpleParameterValue(node, description.subtitle as string, 'internal', {});
	};
	expect(events.map(({ value }) => subtitle(value))).toEqual(events.map(({ name }) => name));
});
