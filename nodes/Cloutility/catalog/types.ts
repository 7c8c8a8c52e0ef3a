import type { IHttpRequestMethods } from 'n8n-workflow';

import type { OperationSpec } from '../../shared/operation-fields';

/**
 * How the portal's answer becomes output items:
 * - `object`: one item; a JSON string answer is wrapped as `{ <scalar>: value }`, an empty one as `{ <done>: true }`,
 *   each beside the values that were sent;
 * - `list`: the `items` of a list envelope (or a bare array), one item each; Return All / Limit;
 * - `pages`: a list paged with `offset`/`limit`: Return All / Limit fetch only the pages needed;
 * - `tree`: the business unit tree, one item per unit with its path (or the tree as it came).
 */
export type Answer = 'object' | 'list' | 'pages' | 'tree';

/**
 * Where an endpoint is documented:
 * - `guide`: the portal's REST API guide (Safespring's), including links its example answers carry;
 * - `help`: the endpoint's own page under the portal's `/v1/help` (Safespring's, or another Cloutility instance's);
 * - `help-index`: only the `/v1/help` index lists it (no page of its own: parameters come from the path template);
 * - `client`: called by a public client of the API (the Go client, Auwau's example).
 */
export type DocSource = 'guide' | 'help' | 'help-index' | 'client';

/**
 * One catalogued endpoint of the portal, as one operation of the node. Its fields use the shared field
 * model; where each value goes is the field's `in`:
 * - `path`: fills the `{name}` placeholder of the path (one segment, checked before any request);
 * - `query`: a query parameter (lists become repeated parameters: `types=0&types=100`);
 * - `body`: a key of the JSON body (fields with `meta.ref` are sent as `{ "id": value }`, the way the portal
 *   links resources; `meta.key` names the key when it is not the field's name, e.g. `id`; a field with
 *   `meta.whole` is the whole body, e.g. a JSON list of IDs);
 * - `bodyJson`: a JSON object whose keys are laid into the body as they are;
 * - `binary`: the name of the input item's binary property to upload;
 * - `option`: read by the node itself (output shaping), never sent.
 */
export interface PortalOperation extends OperationSpec {
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
	/** Output key set to true when the portal answers with no body (the portal may also answer with the resource). */
	done?: string;
	/**
	 * Updates: the current representation is read first and the given fields are laid over it, so the PUT
	 * does not blank out what the workflow did not mention.
	 */
	mergeCurrent?: boolean;
	/** Whether sending it twice is harmless; default: reads (GET) are, everything else is not. */
	safe?: boolean;
	/** Where the endpoint is documented (see the README's operations table and test/cloutility/reference.test.ts). */
	source: DocSource[];
}

export interface PortalResource {
	value: string;
	name: string;
	description: string;
	operations: PortalOperation[];
}
