import type { IHttpRequestMethods } from 'n8n-workflow';

import type { FieldSpec, OperationSpec } from '../../shared/operation-fields';

/**
 * Where a field's value goes:
 * - `path`: fills the `{name}` placeholder of the path;
 * - `query`: a query parameter (lists become repeated parameters: `types=0&types=100`);
 * - `body`: a key of the JSON body (`ref` fields are sent as `{ "id": value }`, the way the portal links resources);
 * - `bodyJson`: a JSON object whose keys are laid into the body as they are;
 * - `binary`: the name of the input item's binary property to upload;
 * - `option`: read by the node itself (output shaping), never sent.
 */
export type FieldPlace = 'path' | 'query' | 'body' | 'bodyJson' | 'binary' | 'option';

export interface PortalFieldMeta {
	in: FieldPlace;
	/** Sent as a link to another resource: `{ "<name>": { "id": <value> } }`. */
	ref?: boolean;
	/** A date sent as YYYY-MM-DD. */
	dateOnly?: boolean;
	/** Never echoed into the output (e.g. a backup node's password). */
	secret?: boolean;
	[key: string]: boolean | string | undefined;
}

export interface PortalField extends FieldSpec {
	meta: PortalFieldMeta;
}

/**
 * How the portal's answer becomes output items:
 * - `object`: one item; a JSON string answer is wrapped as `{ <scalar>: value }`, an empty one as `{ <done>: true }`,
 *   each beside the values that were sent;
 * - `list`: the `items` of a list envelope (or a bare array), one item each; Return All / Limit;
 * - `pages`: a list paged with `offset`/`limit`: Return All / Limit fetch only the pages needed;
 * - `tree`: the business unit tree, one item per unit with its path (or the tree as it came).
 */
export type Answer = 'object' | 'list' | 'pages' | 'tree';

/** One catalogued endpoint of the portal, as one operation of the node. */
export interface PortalOperation extends OperationSpec {
	fields: PortalField[];
	/** Name in the operation dropdown. */
	name: string;
	/** What the operation does, as n8n shows it in the actions panel (sentence case). */
	action: string;
	description: string;
	method: IHttpRequestMethods;
	/** Path below the base URL, with `{field}` placeholders. */
	path: string;
	answer?: Answer;
	/** Output key for an answer that is a plain value (a JSON string or number). */
	scalar?: string;
	/** Output key set to true when the portal answers with no body. */
	done?: string;
	/**
	 * Updates: the current representation is read first and the given fields are laid over it, so the PUT
	 * does not blank out what the workflow did not mention.
	 */
	mergeCurrent?: boolean;
}

export interface PortalResource {
	value: string;
	name: string;
	description: string;
	operations: PortalOperation[];
}
