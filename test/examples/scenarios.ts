/**
 * What each example workflow is run with and what its nodes must put out. The same scenarios are checked
 * in n8n's engine by `npm test` (test/examples) and in a real n8n by `npm run test:e2e` (scripts/e2e).
 */
import type { IDataObject } from 'n8n-workflow';

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

const webhook = (body: IDataObject): IDataObject => ({
	headers: { 'content-type': 'application/json' },
	params: {},
	query: {},
	body,
});

export const SCENARIOS: Scenario[] = [
	{
		file: 'ventus-create-project.json',
		input: [webhook({ name: 'web-shop', region: 'eastern-switzerland' })],
		check(outputs, t) {
			const created = outputs('Create Project');
			t.equal(created.length, 1, 'one project created');
			t.equal(created[0].name, 'web-shop', 'project name');
			t.match(created[0].id, /^[0-9a-f]{24}$/, 'project id');
		},
	},
	{
		file: 'ventus-weekly-prices.json',
		input: [{}],
		check(outputs, t) {
			const prices = outputs('Price List (CHF)');
			t.ok(prices.length >= 2, 'one item per flavor');
			t.ok(prices.every((price) => price.currency === 'chf'), 'only CHF');
			t.equal(prices[0].name, 'VC-1', 'first flavor');
			t.ok(typeof (prices[0].price as IDataObject).base === 'number', 'base price is a number');
		},
	},
];
