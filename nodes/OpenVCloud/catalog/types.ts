/**
 * The shape of the OpenvCloud catalog: every Cloud API actor and method (OpenvCloud 2.4.5 actor specs). A
 * method's parameters are fields of the shared field model (`FieldSpec`), each with the API's name, the
 * API's type (`meta.api`), whether it is required and its default. The node's resources, operations and
 * fields, and the requests it sends, are all derived from these tables.
 */
import type { FieldSpec } from '../../shared/operation-fields';

/** Parameter types as the API declares them; values are converted to these before they are sent. */
export type ApiType = 'int' | 'float' | 'bool' | 'str' | 'list(int)' | 'list(str)' | 'obj';

/**
 * How long a long-running method usually takes, which sets its default poll interval and timeout:
 * quick (rules, limits, scripts), power (start/stop, attach/detach, resize), provision (create, clone,
 * snapshot, restore) and teardown (delete).
 */
export type WaitKind = 'quick' | 'power' | 'provision' | 'teardown';

interface LongRunning {
	kind: WaitKind;
	/**
	 * How the method can be waited for:
	 * - task: sent with `_async`, its task polled (the default);
	 * - sync: only as one synchronous call: it returns a file, or the server finishes the work in the
	 *   background and reports by e-mail or callback URL, so there is no task to wait for.
	 */
	via?: 'task' | 'sync';
	/** Whether "Wait for Completion" starts switched on (default true). */
	waitByDefault?: boolean;
}

export interface CatalogMethod {
	/** The API's method name: `/restmachine/cloudapi/<actor>/<name>`. */
	name: string;
	/** The operation's name in the editor. */
	label: string;
	/** The operation's action text (what an AI agent and the node panel show). */
	action: string;
	description?: string;
	params: FieldSpec[];
	/**
	 * The method only reads: sending it twice is harmless, so it is retried after a gateway error (502, 504)
	 * or a dropped connection too. (Every Cloud API call is a POST, so the HTTP method cannot tell.)
	 */
	safe?: true;
	longRunning?: LongRunning;
	/** The API allows the call without authentication. */
	noAuth?: boolean;
	/** The result is a list of records: the operation offers Return All / Limit. */
	list?: boolean;
	/** The key a scalar result (or each scalar of a list) is put under; default `result`. */
	resultKey?: string;
	/** The method answers with a file (zip): it is returned as binary data. */
	file?: { name: string; mimeType: string };
	/** The result is a secret (a session key): the item only says that the call succeeded. */
	secretResult?: boolean;
	/** What a status code means for this method, when it differs from the usual meaning. */
	statusMessages?: Record<number, string>;
}

export interface CatalogActor {
	/** The API's actor name: `/restmachine/cloudapi/<actor>/...`. */
	actor: string;
	/** The node's resource value. */
	resource: string;
	label: string;
	methods: CatalogMethod[];
}
