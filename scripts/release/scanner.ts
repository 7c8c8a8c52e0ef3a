/**
 * n8n's community-package scanner (`@n8n/scan-community-package`), run before publishing.
 *
 * The scanner's command line only takes a published package: it reads the version's npm provenance,
 * downloads the source at the attested GitHub commit and the tarball from the registry, and lints both
 * with n8n's rules (the source: package.json and nodes/, credentials/; the tarball: every .js file and
 * package.json). Before publishing there is no provenance to read, so this runs the same two lint legs
 * with the scanner's own code (`analyzePackage`, the same rule set and file patterns) on the packed
 * tarball and on this source tree. The provenance leg runs in the release workflow, on the published
 * version (`npx @n8n/scan-community-package n8n-nodes-eurocloud@<version>`).
 *
 * The scanner is installed on first use into .dev/ (git-ignored), pinned, like the dev toolchain: it
 * brings its own ESLint, plugins and TypeScript, which must not mix with this project's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SCANNER_PACKAGE = '@n8n/scan-community-package';
export const SCANNER_VERSION = '0.32.0';

export interface ScanLeg {
	/** What was scanned, in words. */
	label: string;
	passed: boolean;
	files: number;
	/** ESLint's report when it failed, or the scanner's message. */
	details?: string;
}

export interface ScanResult {
	scanner: string;
	passed: boolean;
	legs: ScanLeg[];
}

function scannerDir(devDir: string) {
	return path.join(devDir, `scan-community-package-${SCANNER_VERSION}`);
}

/** Installs the pinned scanner into .dev/ if missing; returns the path of its scanner.mjs. */
export function ensureScanner(devDir: string): string {
	const dir = scannerDir(devDir);
	const entry = path.join(dir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	if (!existsSync(path.join(dir, '.installed')) || !existsSync(entry)) {
		mkdirSync(dir, { recursive: true });
		writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
		console.log(`[release] installing ${SCANNER_PACKAGE}@${SCANNER_VERSION} into ${path.relative(process.cwd(), dir)} (first use only)`);
		const result = spawnSync(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `${SCANNER_PACKAGE}@${SCANNER_VERSION}`],
			{ cwd: dir, stdio: 'inherit' },
		);
		if (result.status !== 0) throw new Error(`installing ${SCANNER_PACKAGE}@${SCANNER_VERSION} failed`);
		writeFileSync(path.join(dir, '.installed'), `${SCANNER_VERSION}\n`);
	}
	return entry;
}

/** Runs in a child Node process: the scanner is an ES module with its own dependencies. */
const RUNNER = `
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
const [entry, packageDir, sourceDir] = process.argv.slice(1);
const scanner = await import(pathToFileURL(entry).href);
const glob = createRequire(entry)('fast-glob');
const count = (cwd, patterns) => glob.sync(patterns, { cwd, ignore: ['node_modules/**', '**/package-lock.json'] }).length;
const legs = [];
const leg = async (label, dir, patterns) => {
	const result = await scanner.analyzePackage(dir, patterns);
	legs.push({ label, passed: result.passed, files: count(dir, patterns), details: result.details ?? (result.passed ? undefined : result.message) });
};
const TARBALL = ['**/*.js', 'package.json'];
await leg('packed tarball (compiled .js and package.json)', packageDir, TARBALL);
await leg('source (package.json, nodes/, credentials/)', sourceDir, scanner.SOURCE_FILE_PATTERNS);
process.stdout.write('\\n' + JSON.stringify(legs) + '\\n');
`;

/** The scanner's two lint legs: the unpacked tarball in `packageDir`, the source tree in `sourceDir`. */
export function scanPackage(devDir: string, packageDir: string, sourceDir: string): ScanResult {
	const entry = ensureScanner(devDir);
	const result = spawnSync(process.execPath, ['--input-type=module', '-e', RUNNER, entry, packageDir, sourceDir], {
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const lastLine = result.stdout.trim().split('\n').pop() ?? '';
	if (result.status !== 0 || !lastLine.startsWith('[')) {
		throw new Error(`the scanner did not run (${result.status}):\n${result.stderr}${result.stdout}`.slice(0, 6000));
	}
	const legs = JSON.parse(lastLine) as ScanLeg[];
	return { scanner: `${SCANNER_PACKAGE}@${SCANNER_VERSION}`, passed: legs.every((scanLeg) => scanLeg.passed), legs };
}
