/** The environment suites get: their cases are listed before the engine is loaded, so the harness comes later. */
import type { Harness } from '../../test/harness';
import type { Emulators } from './emulators/client';
import type { BenchEnv } from './model';

/** A BenchEnv whose harness is set by `load` (reading it before then throws `notLoaded`). */
export function benchEnv(emulators: Emulators, quick: boolean, notLoaded = 'The harness is not loaded yet') {
	const loaded: { harness?: Harness } = {};
	const env: BenchEnv = {
		get harness(): Harness {
			if (!loaded.harness) throw new Error(notLoaded);
			return loaded.harness;
		},
		emulators,
		quick,
	};
	return { env, load: (harness: Harness) => (loaded.harness = harness) };
}
