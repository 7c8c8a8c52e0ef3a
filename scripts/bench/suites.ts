/**
 * The suites `npm run bench` knows, in the order they run. To add one (e.g. trigger polls, per provider or as a
 * suite of its own): write `<name>.bench.ts` exporting a function that returns a `Suite` (see model.ts and one
 * of the provider suites), and add it here. Fresh processes (cold and memory cases) find suites by name here too.
 */
import { cloutilitySuite } from './cloutility.bench';
import { cloutilityTriggerSuite } from './cloutility-trigger.bench';
import type { Suite } from './model';
import { openVCloudSuite } from './openvcloud.bench';
import { openVCloudTriggerSuite } from './openvcloud-trigger.bench';
import { ovhSuite } from './ovh.bench';
import { ovhTriggerSuite } from './ovh-trigger.bench';
import { startupSuite } from './startup.bench';
import { ventusSuite } from './ventus.bench';

export const SUITES: Record<string, () => Suite> = {
	startup: startupSuite,
	ventus: ventusSuite,
	cloutility: cloutilitySuite,
	openvcloud: openVCloudSuite,
	ovh: ovhSuite,
	'ovh-trigger': ovhTriggerSuite,
	'cloutility-trigger': cloutilityTriggerSuite,
	'openvcloud-trigger': openVCloudTriggerSuite,
};
