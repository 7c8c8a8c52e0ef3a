/**
 * What each example workflow is run with and what its nodes must put out, one file per provider. The same
 * scenarios are checked in n8n's engine by `npm test` (test/examples) and in a real n8n by
 * `npm run test:e2e` (scripts/e2e), which also runs one HTTP Request workflow per credential type.
 * Examples that start from this package's polling triggers have trigger scenarios: `npm test` polls them;
 * the e2e does not run them yet (it says so).
 */
import { CLOUTILITY_HTTP_REQUEST_CHECKS, CLOUTILITY_SCENARIOS, CLOUTILITY_TRIGGER_SCENARIOS } from './cloutility.scenarios';
import { OPENVCLOUD_HTTP_REQUEST_CHECKS, OPENVCLOUD_SCENARIOS, OPENVCLOUD_TRIGGER_SCENARIOS } from './openvcloud.scenarios';
import { OVH_HTTP_REQUEST_CHECKS, OVH_SCENARIOS, OVH_TRIGGER_SCENARIOS } from './ovh.scenarios';
import type { HttpRequestCheck, Scenario, TriggerScenario } from './scenario-kit';
import { VENTUS_HTTP_REQUEST_CHECKS, VENTUS_SCENARIOS, VENTUS_TRIGGER_SCENARIOS } from './ventus.scenarios';

/** Every example's scenario, one file per provider. */
export const SCENARIOS: Scenario[] = [
	...VENTUS_SCENARIOS,
	...OVH_SCENARIOS,
	...CLOUTILITY_SCENARIOS,
	...OPENVCLOUD_SCENARIOS,
];

/** Every example that starts from a polling trigger of this package. */
export const TRIGGER_SCENARIOS: TriggerScenario[] = [
	...VENTUS_TRIGGER_SCENARIOS,
	...CLOUTILITY_TRIGGER_SCENARIOS,
	...OVH_TRIGGER_SCENARIOS,
	...OPENVCLOUD_TRIGGER_SCENARIOS,
];

/** One HTTP Request check per credential type. */
export const HTTP_REQUEST_CHECKS: HttpRequestCheck[] = [
	...VENTUS_HTTP_REQUEST_CHECKS,
	...OVH_HTTP_REQUEST_CHECKS,
	...CLOUTILITY_HTTP_REQUEST_CHECKS,
	...OPENVCLOUD_HTTP_REQUEST_CHECKS,
];

export { Checks, type HttpRequestCheck, type Outputs, type Scenario, type TriggerScenario } from './scenario-kit';
