import type { IDataObject } from 'n8n-workflow';

/** One business unit of the tree, with where it sits. */
export interface TreeEntry extends IDataObject {
	id: number;
	name: string;
	/** Names from the top of the tree down to this unit, joined with " / ". */
	path: string;
	depth: number;
	childCount: number;
}

/**
 * The business unit tree the portal sends (`SimpleBusinessUnit`: each unit with its `businessUnits`)
 * as a flat list in tree order, parents before children.
 */
export function flattenTree(root: unknown): TreeEntry[] {
	const entries: TreeEntry[] = [];
	const visit = (unit: IDataObject, trail: string[], depth: number) => {
		const { businessUnits, ...rest } = unit;
		const children = Array.isArray(businessUnits) ? (businessUnits as IDataObject[]) : [];
		const name = String(unit.name ?? unit.id);
		const path = [...trail, name];
		entries.push({ ...rest, id: Number(unit.id), name, path: path.join(' / '), depth, childCount: children.length });
		for (const child of children) if (child && typeof child === 'object') visit(child, path, depth + 1);
	};
	const roots = Array.isArray(root) ? root : [root];
	for (const unit of roots) if (unit && typeof unit === 'object') visit(unit as IDataObject, [], 0);
	return entries;
}
