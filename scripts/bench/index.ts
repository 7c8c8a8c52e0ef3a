/**
 * `npm run bench [suite...]`: runs the benchmark suites against the loopback emulators through the
 * real engine (the same harness the tests use) and prints median times and request tallies.
 */
import { cloutilitySuite } from './cloutility.bench';
import { openVCloudSuite } from './openvcloud.bench';
import { print, runSuite, type Measured, type Suite } from './runner';
import { ovhSuite } from './ovh.bench';
import { ovhTriggerSuite } from './ovh-trigger.bench';
import { ventusSuite } from './ventus.bench';

const suites: Record<string, () => Suite> = {
	ventus: ventusSuite,
	cloutility: cloutilitySuite,
	openvcloud: openVCloudSuite,
	ovh: ovhSuite,
	'ovh-trigger': ovhTriggerSuite,
};

async function main() {
	const wanted = process.argv.slice(2);
	const unknown = wanted.filter((name) => !(name in suites));
	if (unknown.length) throw new Error(`Unknown suite(s): ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
	const results: Measured[] = [];
	for (const [name, suite] of Object.entries(suites)) {
		if (wanted.length && !wanted.includes(name)) continue;
		results.push(...(await runSuite(suite())));
	}
	print(results);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
