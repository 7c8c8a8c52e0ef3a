import type { IHttpRequestMethods } from 'n8n-workflow';

import type { FieldSpec } from '../../shared/operation-fields';

/**
 * One field of a Ventus operation, in the shared field model. `in` says where the value goes: `path` (a
 * placeholder of the app name or the method path, one segment), `body` (a key of the JSON body), or
 * `option` (read by the node itself: a filter or a choice of output).
 */
export interface VentusField extends FieldSpec {
	/** The node parameter holding the value, when it differs from `name` (saved workflows keep their names). */
	parameter?: string;
	/** The collection parameter the field sits in (e.g. `filters`), instead of a parameter of its own. */
	within?: string;
	/** List operations: keep only the entries whose `entry` key matches the value (`equals` ignores case, spaces, underscores). */
	filter?: { entry: string; match: 'equals' | 'contains' };
}

/** What an operation puts out. */
type VentusOutput =
	/** The object the API answers; `requires` is a key it must hold (else the answer is an error naming the operation). */
	| { kind: 'object'; requires?: string }
	/** The array the API answers, one item per entry, narrowed by the filter fields and Return All / Limit. */
	| { kind: 'list' }
	/** The API's answer has no content: the item says what was done, from the given fields (`field: output key`). */
	| { kind: 'done'; echo: Record<string, string>; flag: string }
	/** The price list keyed by currency, narrowed to `currency` and split into one item per flavor on `splitFlavors`. */
	| { kind: 'priceList' };

/** One Ventus Cloud call, and how the node shows it and reads its answer. */
export interface VentusRow {
	resource: string;
	operation: string;
	/** The operation's name in the editor. */
	name: string;
	/** The node panel's action text. */
	action: string;
	description?: string;
	method: IHttpRequestMethods;
	/** The gateway app id; `{region}` is filled from the region field. */
	app: string;
	/** The method path; `{organizationId}` is the credential's organization, other placeholders are fields. */
	path: string;
	/** In the order the editor shows them. */
	fields: VentusField[];
	/** Whether sending it twice is harmless (default: GET is, others are not). */
	safe?: boolean;
	/** A list: Return All / Limit are offered. The API returns the whole list in one answer (no paging). */
	list?: boolean;
	output: VentusOutput;
	/** The resource's default operation. */
	isDefault?: boolean;
}
