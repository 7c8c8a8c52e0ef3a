/**
 * Loads the built package exactly the way n8n does (n8n-core's PackageDirectoryLoader reading the
 * "n8n" section of package.json) and exposes its node and credential types to the engine.
 */
import { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { baseNodeTypes } from './base-nodes';

export const PACKAGE_DIR = path.resolve(__dirname, '..', '..');

const loading = new Map<string, Promise<PackageDirectoryLoader>>();

/** A package loaded once per test process (this package by default, from its built dist/). */
export async function loadPackage(directory = PACKAGE_DIR): Promise<PackageDirectoryLoader> {
	let loader = loading.get(directory);
	if (!loader) {
		loader = (async () => {
			if (directory === PACKAGE_DIR) {
				for (const file of ['dist/nodes', 'dist/credentials']) {
					if (!existsSync(path.join(PACKAGE_DIR, file))) {
						throw new Error(`${file} is missing: run "npm run build" before the tests`);
					}
				}
			}
			const packageLoader = new PackageDirectoryLoader(directory);
			await packageLoader.loadAll();
			return packageLoader;
		})();
		loading.set(directory, loader);
	}
	return await loader;
}

/** Node types that replace the harness's stand-ins, by type name (e.g. n8n's real HTTP Request node for the bench). */
export type NodeTypeOverrides = Record<string, INodeType | IVersionedNodeType>;

export class PackageNodeTypes implements INodeTypes {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly overrides: NodeTypeOverrides = {},
	) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const standIn = this.overrides[nodeType] ?? baseNodeTypes[nodeType];
		if (standIn) return standIn;
		const prefix = `${this.loader.packageName}.`;
		if (!nodeType.startsWith(prefix)) {
			throw new Error(`Node type "${nodeType}" is neither a harness stand-in nor in ${this.loader.packageName}`);
		}
		return this.loader.getNode(nodeType.slice(prefix.length)).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return this.loader.known.nodes as unknown as IDataObject;
	}
}

export class PackageCredentialTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(name: string): ICredentialType {
		return this.loader.getCredential(name).type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.loader.known.credentials[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}
