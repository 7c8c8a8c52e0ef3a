/** Building blocks of the provider suites: workflow runs, editor calls and trigger polls as case sides. */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { chain, CredentialStore, pollSession, type NodeSpec, type PollNodeSpec, type PollSession } from '../../test/harness';
import type { Provider } from './emulators/client';
import type { BenchCase, BenchEnv, RunOutput, Variant } from './model';

export const PACKAGE = 'n8n-nodes-eurocloud';

/**
 * Options every action node has (or will have): passed as the user would leave them. Nodes that do not have
 * them yet ignore them (n8n drops parameters a node does not describe).
 */
export const DEFAULT_OPTIONS = { retryTransientErrors: true };

/** The Options collection with "Items in Parallel" set. */
export const parallelOptions = (parallelItems: number) => ({ ...DEFAULT_OPTIONS, parallelItems });

export function outputOf(items: Array<{ json: IDataObject }>): RunOutput {
	const errors = items.filter((item) => item.json.error !== undefined).length;
	return { items: items.length - errors, errors };
}

export interface Planned {
	/** Tokens expire after every `every` API calls. */
	expireEvery?: { every: number; until: number };
	/** More untimed preparation after the reset. */
	prepare?: () => Promise<void>;
}

/** A side that runs a workflow (trigger → `node`) on fresh credential data: every run logs in as a first run does. */
export function workflow(
	env: BenchEnv,
	provider: Provider,
	node: NodeSpec,
	input: IDataObject[],
	credentials: () => Record<string, ICredentialDataDecryptedObject>,
	planned: Planned = {},
): Variant {
	const name = node.name ?? 'Node';
	const spec = chain({ ...node, name });
	return {
		async prepare() {
			await env.emulators.reset(provider);
			if (planned.expireEvery) await env.emulators.call(provider, 'expireEvery', planned.expireEvery);
			await planned.prepare?.();
		},
		async run() {
			const run = await env.harness.run(spec, { input, credentials: credentials() });
			return outputOf(run.items(name));
		},
		tallies: async () => await env.emulators.tallies(provider),
	};
}

/**
 * A side that makes one editor call (picker, option list, resource mapper) the way a user does it while the
 * node's panel is open: the credential's token is kept between calls (n8n stores it), so only the first call,
 * made before the timed ones, logs in. Not `warm`: every call starts on fresh credential data (cold cases).
 */
export function editorCall(
	env: BenchEnv,
	provider: Provider | undefined,
	call: (store: CredentialStore) => Promise<number>,
	{ warm = true } = {},
): Variant {
	let store: CredentialStore | undefined;
	return {
		async prepare() {
			if (!store || !warm) {
				store = new CredentialStore();
				if (warm) await call(store);
			}
			if (provider) await env.emulators.reset(provider);
		},
		async run() {
			const results = await call(store!);
			return { items: results, errors: 0 };
		},
		tallies: provider ? async () => await env.emulators.tallies(provider) : undefined,
	};
}

/**
 * A side that polls a trigger as n8n polls an active workflow, its memory kept between polls: the first poll
 * (untimed, in the first preparation) records the baseline and logs in; `change` (untimed, before every run)
 * makes what the next poll is to see. A run is one poll; its items are the events it emitted.
 */
export function triggerPoll(
	env: BenchEnv,
	provider: Provider,
	spec: PollNodeSpec,
	credentials: () => Record<string, ICredentialDataDecryptedObject>,
	change?: () => Promise<void>,
): Variant {
	let session: PollSession | undefined;
	return {
		async prepare() {
			if (!session) {
				session = pollSession(env.harness, spec, credentials());
				await session.emitted();
			}
			await change?.();
			await env.emulators.reset(provider);
		},
		async run() {
			return { items: (await session!.emitted()).length, errors: 0 };
		},
		tallies: async () => await env.emulators.tallies(provider),
	};
}

/**
 * The HTTP Request side of an editor call: the same request as a one-node workflow, with the token kept between
 * runs (the first, untimed run logs in).
 */
export function keptTokenWorkflow(
	env: BenchEnv,
	provider: Provider,
	node: NodeSpec,
	credentials: () => Record<string, ICredentialDataDecryptedObject>,
): Variant {
	const name = node.name ?? 'Node';
	const spec = chain({ ...node, name });
	let store: CredentialStore | undefined;
	return {
		async prepare() {
			if (!store) store = (await env.harness.run(spec, { credentials: credentials() })).store;
			await env.emulators.reset(provider);
		},
		async run() {
			const run = await env.harness.run(spec, { store });
			return outputOf(run.items(name));
		},
		tallies: async () => await env.emulators.tallies(provider),
	};
}

/** Credential data of an editor call: what the store holds (token included) once it holds it. */
export function storedOr(store: CredentialStore, id: string, initial: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	try {
		return store.data(id);
	} catch {
		return initial;
	}
}

/**
 * The Get cases every provider has, from a maker of one: scaling at 0 ms (100 / 1,000 / 5,000 items; 1,000 runs
 * twice, 5,000 once), then 20 ms and 100 ms latency, where concurrency shows. Quick: 100 items at 0 ms, 50 at 20 ms.
 */
export function standardGets(env: { quick: boolean }, get: (count: number, latencyMs: number) => BenchCase): BenchCase[] {
	if (env.quick) return [{ ...get(100, 0), warmup: true }, get(50, 20)];
	return [
		get(100, 0),
		{ ...get(1000, 0), maxRepeat: 2, warmup: false },
		{ ...get(5000, 0), maxRepeat: 1, warmup: false },
		get(100, 20),
		{ ...get(20, 100), maxRepeat: 3 },
	];
}

/** What a provider's Get case runs: the node (given its Options) and n8n's HTTP Request node doing the same call. */
export interface GetSpec {
	provider: Provider;
	name: string;
	node: (options: IDataObject) => NodeSpec;
	http: NodeSpec;
	input: (count: number) => IDataObject[];
	credentials: () => Record<string, ICredentialDataDecryptedObject>;
}

/**
 * A maker of a provider's Get case (for `standardGets`): one request per item and one login per run are checked;
 * the goals (issue 11) hold for default Options at 0 and 20 ms.
 */
export function getCase(env: BenchEnv, spec: GetSpec) {
	return (count: number, latencyMs: number, options: IDataObject = DEFAULT_OPTIONS, label = ''): BenchCase => ({
		name: `${spec.name}${label}`,
		latencyMs,
		items: count,
		node: workflow(env, spec.provider, spec.node(options), spec.input(count), spec.credentials),
		http: workflow(env, spec.provider, spec.http, spec.input(count), spec.credentials),
		expect: { node: { items: count, errors: 0, api: count, logins: 1 }, http: { items: count, errors: 0, api: count } },
		goal: label || latencyMs > 20 ? undefined : { wallRatio: latencyMs === 0 ? 1.2 : 1.5 },
	});
}

/**
 * Token expiry in a run of `items`: once, halfway. With n8n's HTTP Request node every item is in flight at once,
 * so a second expiry would hit tokens fetched moments before, which no real token lifetime does.
 */
export const expiresHalfway = (items: number): Planned => ({ expireEvery: { every: Math.ceil(items / 2), until: items } });

/** Sizes by mode: the full run's, or `--quick`'s. */
export const sized = <T>(env: { quick: boolean }, full: T, quick: T): T => (env.quick ? quick : full);
