/**
 * Writes the action nodes' output schemas into the build (run by `npm run build`, after tsc and the assets):
 * `dist/nodes/<Node>/__schema__/v<version>.0.0/<resource>/<operation>.json`, the place n8n serves
 * `/schemas/n8n-nodes-eurocloud.<node>/<version>/<resource>/<operation>.json` from. Earlier schema folders are
 * removed first, so an operation that is gone leaves no file behind.
 *
 *   npx tsx scripts/schemas/build.ts [--list]    (--list: every operation and its schema or the reason for none)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { FACTS_FILE, type ReferenceFacts } from './extract';
import { allNodeSchemas, schemaFile, type NodeSchemas } from './output-schemas';

export const DIST_NODES = path.resolve(__dirname, '..', '..', 'dist', 'nodes');

export function readFacts(): ReferenceFacts {
	return JSON.parse(readFileSync(FACTS_FILE, 'utf8')) as ReferenceFacts;
}

export interface BuildSummary {
	node: string;
	operations: number;
	files: number;
	none: number;
	bytes: number;
}

export function writeSchemas(nodes: NodeSchemas[], root = DIST_NODES): BuildSummary[] {
	return nodes.map(({ node, folder, versions, operations }) => {
		const nodeFolder = path.join(root, folder);
		rmSync(path.join(nodeFolder, '__schema__'), { recursive: true, force: true });
		let files = 0;
		let bytes = 0;
		let none = 0;
		for (const [resourceOperation, outcome] of operations) {
			if ('none' in outcome) {
				none++;
				continue;
			}
			const text = JSON.stringify(outcome.schema);
			for (const version of versions) {
				const file = schemaFile(nodeFolder, version, resourceOperation);
				mkdirSync(path.dirname(file), { recursive: true });
				writeFileSync(file, text);
				files++;
				bytes += Buffer.byteLength(text);
			}
		}
		return { node, operations: operations.size, files, none, bytes };
	});
}

if (require.main === module) {
	const nodes = allNodeSchemas(readFacts());
	if (process.argv.includes('--list')) {
		for (const { node, operations } of nodes) {
			for (const [resourceOperation, outcome] of operations) {
				const shown = 'schema' in outcome ? Object.keys(outcome.schema.properties ?? {}).join(', ') : `NONE: ${outcome.none}`;
				process.stdout.write(`${node} ${resourceOperation}: ${shown}\n`);
			}
		}
	} else {
		const summary = writeSchemas(nodes);
		const total = summary.reduce((sum, entry) => sum + entry.bytes, 0);
		const parts = summary.map((entry) => `${entry.node} ${entry.operations - entry.none}/${entry.operations}`);
		process.stdout.write(`output schemas: ${parts.join(', ')} operations; ${summary.reduce((sum, entry) => sum + entry.files, 0)} files, ${(total / 1024).toFixed(0)} kB\n`);
	}
}
