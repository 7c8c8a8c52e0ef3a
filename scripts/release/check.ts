/**
 * `npm run release:check`: everything the release workflow does before `npm publish`, locally.
 *
 * 1. The version: package.json's version has a CHANGELOG section (on a tag: `v<version>`, and the section dated);
 *    the package has no runtime dependencies.
 * 2. A clean build (dist/ removed first, so no stale file of an earlier build is packed).
 * 3. `npm pack` into .dev/release/, and the packed file list checked (scripts/release/package-files.ts).
 * 4. n8n's community-package scanner on the unpacked tarball and on the source (scripts/release/scanner.ts).
 * 5. `npm publish --dry-run` of that tarball (npm's own checks of the manifest; nothing is sent).
 * It prints the scanner's verdict and the packed size, and writes the release notes (the version's CHANGELOG
 * section) beside the tarball. Lint and tests are the README's checks (`.ci/run`), which the workflow runs first:
 * `.ci/run && npm run release:check` is the whole rehearsal.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { checkPackedFiles, describePackage, packPackage } from './package-files';
import { scanPackage } from './scanner';

const ROOT = path.resolve(__dirname, '..', '..');
const DEV_DIR = path.join(ROOT, '.dev');
const OUT = path.join(DEV_DIR, 'release');

interface Manifest {
	name: string;
	version: string;
	main?: string;
	dependencies?: Record<string, string>;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

const failures: string[] = [];
const notes: string[] = [];
const summary: Array<[string, string]> = [];

function step(message: string) {
	console.log(`[release] ${message}`);
}

function run(command: string, args: string[], options: { quiet?: boolean } = {}) {
	const started = Date.now();
	const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: options.quiet ? 'pipe' : 'inherit' });
	const seconds = ((Date.now() - started) / 1000).toFixed(0);
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}) after ${seconds} s\n${result.stderr ?? ''}${result.stdout ?? ''}`);
	}
	return { seconds, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** The version's section of CHANGELOG.md: its heading's date (or words) and its text. */
export function changelogSection(changelog: string, version: string): { date: string; body: string } | undefined {
	const lines = changelog.split('\n');
	const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
	if (start < 0) return undefined;
	const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
	const date = lines[start].replace(`## [${version}]`, '').replace(/^\s*-\s*/, '').trim();
	return { date, body: lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim() };
}

function checkVersion(manifest: Manifest) {
	const tag = process.env.GITHUB_REF_TYPE === 'tag' ? process.env.GITHUB_REF_NAME : undefined;
	if (tag && tag !== `v${manifest.version}`) failures.push(`the tag ${tag} does not match package.json's version ${manifest.version} (expected v${manifest.version})`);
	const dependencies = Object.keys(manifest.dependencies ?? {});
	if (dependencies.length) failures.push(`runtime dependencies are not allowed in an n8n community package: ${dependencies.join(', ')}`);
	const published = spawnSync('npm', ['view', `${manifest.name}@${manifest.version}`, 'version'], { cwd: ROOT, encoding: 'utf8' });
	if (published.status === 0 && published.stdout.trim() === manifest.version) {
		failures.push(`${manifest.name}@${manifest.version} is already on the npm registry: raise the version in package.json and CHANGELOG.md`);
	} else if (published.status !== 0 && !/E404|404 Not Found/.test(published.stderr)) {
		notes.push(`could not ask the npm registry whether ${manifest.version} is already published: ${published.stderr.trim().split('\n')[0]}`);
	}
	const section = changelogSection(readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), manifest.version);
	if (!section) {
		failures.push(`CHANGELOG.md has no "## [${manifest.version}]" section`);
		return;
	}
	const dated = /^\d{4}-\d{2}-\d{2}$/.test(section.date);
	if (!dated) {
		const message = `CHANGELOG.md's ${manifest.version} section is not dated ("${section.date}"): give it the release date before tagging v${manifest.version}`;
		if (tag) failures.push(message);
		else notes.push(message);
	}
	writeFileSync(path.join(OUT, 'notes.md'), `${section.body}\n`);
	summary.push(['changelog', `${manifest.version} section found${dated ? `, dated ${section.date}` : ', not dated yet'}; release notes in ${path.relative(ROOT, OUT)}/notes.md`]);
}

async function main() {
	const started = Date.now();
	const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
	rmSync(OUT, { recursive: true, force: true });
	mkdirSync(OUT, { recursive: true });
	step(`${manifest.name}@${manifest.version}`);
	checkVersion(manifest);

	rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
	const build = run('npm', ['run', 'build', '--silent'], { quiet: true });
	step(`clean build in ${build.seconds} s`);

	const packed = packPackage(ROOT, OUT);
	const size = describePackage(packed);
	step(`packed ${path.relative(ROOT, packed.tarball)}: ${size}`);
	summary.push(['package', `${path.relative(ROOT, packed.tarball)}: ${size}`]);
	const fileProblems = checkPackedFiles(packed, manifest, ROOT);
	failures.push(...fileProblems.map((problem) => `package file list: ${problem}`));
	summary.push(['files', fileProblems.length ? `${fileProblems.length} problem(s), see above` : 'only compiled nodes and credentials, icons, codex and catalog JSON, and the root files; nothing stale']);
	writeFileSync(path.join(OUT, 'files.txt'), `${packed.files.map((file) => `${file.size}\t${file.path}`).join('\n')}\n`);

	const unpacked = path.join(OUT, 'package');
	mkdirSync(unpacked, { recursive: true });
	run('tar', ['-xzf', packed.tarball, '-C', unpacked, '--strip-components=1'], { quiet: true });
	const scanStarted = Date.now();
	const scan = scanPackage(DEV_DIR, unpacked, ROOT);
	const scanSeconds = Math.round((Date.now() - scanStarted) / 1000);
	for (const leg of scan.legs) {
		step(`scanner, ${leg.label}: ${leg.passed ? 'passed' : 'FAILED'} (${leg.files} files)`);
		if (!leg.passed) {
			console.log(leg.details ?? '');
			failures.push(`${scan.scanner} failed on the ${leg.label}`);
		}
	}
	const legs = scan.legs.map((leg) => `${leg.label.split(' (')[0]} ${leg.files} files ${leg.passed ? 'clean' : 'FAILED'}`).join(', ');
	summary.push([
		'scanner',
		`${scan.scanner}: ${scan.passed ? 'PASSED' : 'FAILED'} (${legs}; ${scanSeconds} s). Provenance can only be checked once published: the release workflow runs the full scanner on the published version`,
	]);

	const dryRun = run('npm', ['publish', '--dry-run', '--access', 'public', '--tag', 'next', packed.tarball], { quiet: true });
	const warnings = dryRun.output.split('\n').filter((line) => /npm warn/i.test(line) && !/dry-run|--dry-run/.test(line));
	if (warnings.length) notes.push(...warnings.map((line) => `npm publish --dry-run: ${line.replace(/^npm warn\s*/i, '')}`));
	summary.push(['publish', `npm publish --dry-run: ok${warnings.length ? ` with ${warnings.length} warning(s)` : ''} (nothing sent)`]);

	if (process.env.GITHUB_OUTPUT) {
		appendFileSync(process.env.GITHUB_OUTPUT, `version=${manifest.version}\ntarball=${packed.tarball}\nnotes=${path.join(OUT, 'notes.md')}\n`);
	}

	const seconds = Math.round((Date.now() - started) / 1000);
	console.log('');
	for (const [label, text] of summary) console.log(`  ${label.padEnd(9)} ${text}`);
	for (const note of notes) console.log(`  note      ${note}`);
	if (failures.length) {
		console.log(`\nrelease:check: FAILED for ${manifest.name}@${manifest.version} (${seconds} s):\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
		process.exit(1);
	}
	const next = notes.length ? `deal with the note(s) above, then tag v${manifest.version}` : `ready to tag v${manifest.version}`;
	console.log(`\nrelease:check: passed for ${manifest.name}@${manifest.version} in ${seconds} s; ${next}`);
}

main().catch((error: unknown) => {
	console.error(error);
	console.log('release:check: FAILED');
	process.exit(1);
});
