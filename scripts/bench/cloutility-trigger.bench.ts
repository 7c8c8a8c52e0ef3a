/**
 * Cloutility Trigger: what one poll costs, per event, at 20 ms emulator latency: a poll with nothing new and a poll
 * with K = 10 new, next to one HTTP Request reading what a quiet poll reads (the audit log, the latest report).
 * The portal is the cloutility suite's (its 1,050 seeded audit entries included); business unit 76 is watched
 * without the units below, business unit 22 with them, as in test/cloutility/trigger.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import { cloutilityCredentials } from './cloutility.bench';
import type { CloutilityHappening } from './emulators/controls';
import { httpRequestNode } from './http-request';
import { keptTokenWorkflow, PACKAGE, triggerPoll } from './kit';
import type { BenchCase, BenchEnv, Suite } from './model';

const TRIGGER = `${PACKAGE}.cloutilityTrigger`;
const CREDENTIAL = 'cloutilityApi';
const K = 10;
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const onlyUnit = { options: { includeDescendants: false } };

interface TriggerEvent {
	name: string;
	parameters: IDataObject;
	/** What happens between two polls, K times. */
	kind: CloutilityHappening;
	/** The path and query of what a quiet poll reads, for the HTTP Request side. */
	reads: string;
	/** API requests of a poll with nothing new, and with K new (undefined: depends on how many runs came before). */
	requests: [nothing: number, some: number | undefined];
	/**
	 * Whether the poll reads the audit log first (the change feed). Its pages, one per 100 entries from 10 minutes
	 * before the newest seen, depend on how many entries the last 10 minutes hold (earlier cases and repetitions
	 * wrote them; how many depends on how fast they ran): reported, not checked. `requests` then counts the
	 * requests beyond the audit log, which do not depend on timing.
	 */
	feed?: boolean;
	/** What the reader should know about the poll with K new. */
	note?: string;
}

const EVENTS: TriggerEvent[] = [
	{
		name: 'New Audit Log Entry (errors of business unit 22 and those below)',
		parameters: { event: 'auditLogEntry', bunitId: fromList('22'), types: [400] },
		kind: 'auditError',
		reads: '/v1/bunits/22/auditlogs?types=400&includeDescendants=true&orderDesc=false&offset=0&limit=100',
		requests: [0, 0],
		feed: true,
	},
	{
		name: 'Backup Node Created',
		parameters: { event: 'backupNodeCreated', bunitId: fromList('76'), ...onlyUnit },
		kind: 'nodeCreated',
		reads: '/v1/bunits/76/auditlogs?types=100&types=200&types=300&orderDesc=false&offset=0&limit=100',
		// Beyond the audit log: the units of the business unit, the node of each unit the new entries name.
		requests: [0, 1 + K],
		feed: true,
		note:
			`Not the same work on both sides: the trigger reads the audit log, then the units, then the ${K} new nodes (4 at a time, ` +
			`in about the time of 3 requests), 5 round trips or more; the HTTP Request side reads the audit log once. ` +
			'Backup Node Activated or Changed and Consumption Unit Created or Deleted (each new unit in full) are alike.',
	},
	{
		name: 'Backup Node Activated or Changed',
		parameters: { event: 'backupNodeActivatedOrChanged', bunitId: fromList('76'), ...onlyUnit },
		kind: 'nodeActivated',
		reads: '/v1/bunits/76/auditlogs?types=100&types=200&types=300&orderDesc=false&offset=0&limit=100',
		requests: [0, 1 + K],
		feed: true,
	},
	{
		name: 'Consumption Unit Created or Deleted',
		parameters: { event: 'consumptionUnitCreatedOrDeleted', bunitId: fromList('76'), ...onlyUnit },
		kind: 'unitCreated',
		reads: '/v1/bunits/76/auditlogs?types=100&types=300&orderDesc=false&offset=0&limit=100',
		// Beyond the audit log: the units of the business unit, each new unit in full.
		requests: [0, 1 + K],
		feed: true,
	},
	{
		name: 'New Node Report (one consumption unit, K nights)',
		parameters: { event: 'nodeReport', bunitId: fromList('76'), consumerId: fromList('408') },
		kind: 'nightlyReports',
		reads: '/v1/bunits/76/consumers/408/reports?status=true&warnings=true',
		requests: [1, 1],
	},
	{
		name: 'New Status Report (K nights)',
		parameters: { event: 'statusReport', bunitId: fromList('22') },
		kind: 'nightlyReports',
		reads: '/v1/bunits/22/reports/latest',
		// The latest report, then the list of reports: 1 page per 100 stored, which grows from run to run.
		requests: [1, undefined],
	},
];

export function cloutilityTriggerSuite(): Suite {
	return {
		name: 'cloutility-trigger',
		cases(env: BenchEnv): BenchCase[] {
			const url = env.emulators.url('cloutility');
			const credentials = () => cloutilityCredentials(url);
			const poll = (event: TriggerEvent, change?: () => Promise<void>) =>
				triggerPoll(env, 'cloutility', { type: TRIGGER, parameters: event.parameters, credentials: { [CREDENTIAL]: 'bench' } }, credentials, change);
			const read = (event: TriggerEvent) => keptTokenWorkflow(env, 'cloutility', httpRequestNode({ method: 'GET', url: `${url}${event.reads}`, credentialType: CREDENTIAL }), credentials);
			return EVENTS.flatMap((event): BenchCase[] => {
				const [nothing, some] = event.requests;
				const counted = event.feed ? 'beyondAuditLog' : 'api';
				const requests = (count: number | undefined) => (count === undefined ? {} : { [counted]: count });
				return [
					{
						name: `Trigger: ${event.name}, a poll with nothing new`,
						latencyMs: 20,
						items: 1,
						node: poll(event),
						http: read(event),
						expect: { node: { items: 0, errors: 0, ...requests(nothing), logins: 0 }, http: { api: 1, logins: 0 } },
						note:
							event === EVENTS[0]
								? 'Trigger polls: the requests of one poll; the HTTP Request side reads once what a quiet poll reads (one page of audit log). ' +
									'Every event but the reports reads the audit log from 10 minutes before the newest entry seen, 1 request per 100 entries: ' +
									'for business unit 76, 2 or 3 pages with what earlier cases and repetitions wrote, a count that depends on how fast they ran ' +
									'(reported, not checked; the requests beyond the audit log are checked).'
								: undefined,
					},
					{
						name: `Trigger: ${event.name}, a poll with ${K} new`,
						latencyMs: 20,
						items: 1,
						node: poll(event, async () => await env.emulators.call('cloutility', 'happen', { kind: event.kind, count: K })),
						http: read(event),
						expect: { node: { items: K, errors: 0, ...requests(some), logins: 0 }, http: { api: 1, logins: 0 } },
						note: event.note,
					},
				];
			});
		},
	};
}
