/** The pieces of an example scenario: inputs, what must come out, and a small counting assertion kit. */
import type { IDataObject } from 'n8n-workflow';

import type { FixtureCredential } from '../emulators/fixtures';

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
 * An example that starts with a polling trigger of this package. Its trigger node is polled through n8n's
 * polling path (test/harness/poll.ts) against the demo fixture: "Fetch Test Event" (manual mode), then the
 * first two polls of the active trigger. What follows the trigger (e.g. a message node of n8n-nodes-base) is
 * not run by the tests; `npm run test:e2e` leaves these examples out (it starts workflows by hand).
 */
export interface TriggerScenario {
	file: string;
	/** The name of the trigger node in the example. */
	trigger: string;
	check(polls: { manual: IDataObject[]; baseline: IDataObject[]; next: IDataObject[] }, checks: Checks): void;
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
