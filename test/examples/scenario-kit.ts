/** The pieces of an example scenario: inputs, what must come out, and a small counting assertion kit. */
import type { IDataObject } from 'n8n-workflow';

import type { FixtureCredential } from '../emulators/fixtures';
import type { NodeSpec } from '../harness';

/** A small assertion kit that counts what it checked. */
export class Checks {
	count = 0;

	constructor(private readonly where: string) {}

	private fail(message: string): never {
		throw new Error(`${this.where}: ${message}`);
	}

	equal(actual: unknown, expected: unknown, what: string) {
		this.count++;
		if (JSON.stringify(actual) !== JSON.stringify(expected)) {
			this.fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
		}
	}

	ok(condition: unknown, what: string) {
		this.count++;
		if (!condition) this.fail(what);
	}

	match(actual: unknown, pattern: RegExp, what: string) {
		this.count++;
		if (typeof actual !== 'string' || !pattern.test(actual)) this.fail(`${what}: ${JSON.stringify(actual)} does not match ${pattern}`);
	}
}

export type Outputs = (nodeName: string) => IDataObject[];

export interface Scenario {
	/** File in examples/. */
	file: string;
	/** What the trigger emits (for a webhook: the request as n8n's Webhook node puts it out). */
	input: IDataObject[];
	check(outputs: Outputs, checks: Checks): void;
}

/**
 * An example that starts from one of this package's polling triggers. Its trigger node is polled as n8n
 * polls an active workflow: "Fetch Test Event" first (`manual`, which must move nothing), then the first poll
 * (a baseline: nothing emitted); `change` makes the event happen in the demo world through this package's
 * action node (or `providerEvent` in the emulator itself), and the next poll must emit what `check` says
 * (without a change: nothing). `npm test` polls the trigger node alone in n8n's engine; `npm run test:e2e`
 * activates the whole example in a real n8n and checks the execution the event starts.
 */
export interface TriggerScenario {
	/** File in examples/. */
	file: string;
	/** What "Fetch Test Event" returns. */
	manual?(events: IDataObject[], checks: Checks): void;
	/** A node of this package, with a fixture credential, whose run makes the event happen. */
	change?: NodeSpec;
	/**
	 * Or: the event happens at the provider on its own (a backup failing), made so in the running demo
	 * emulator of this process.
	 */
	providerEvent?(): void;
	/** What the trigger emits on the poll after the change. */
	check?(events: IDataObject[], checks: Checks): void;
}

/**
 * A credential used from n8n's HTTP Request node ("Predefined Credential Type"): a request built from the
 * fixture credential's own settings (see test/emulators/fixtures.ts), and what must come back.
 * The node in the workflow is named "HTTP Request".
 */
export interface HttpRequestCheck {
	credentialType: string;
	request(credential: FixtureCredential): { method: string; url: string };
	check(outputs: Outputs, checks: Checks): void;
}

/** What n8n's Webhook node puts out for a JSON request. */
export const webhookItem = (body: IDataObject): IDataObject => ({
	headers: { 'content-type': 'application/json' },
	params: {},
	query: {},
	body,
});
