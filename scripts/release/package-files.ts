/**
 * What goes into the npm package, checked on the packed tarball itself: `npm run release:check`,
 * `npm run test:e2e`, `npm run dev` and `npm run screenshots` all pack through here.
 *
 * The package is what n8n installs on every instance and worker: the compiled nodes and credentials
 * (`dist/nodes`, `dist/credentials`: JavaScript, codex and catalog JSON, icons, the output schemas n8n's editor
 * asks for), package.json, README,
 * LICENSE, CHANGELOG and index.js. Nothing else: no TypeScript sources or declarations, no source maps
 * (they point at sources that are not shipped), no tests, emulators, scripts, examples, docs or `.dev/`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface PackedFile {
	path: string;
	size: number;
}

export interface Packed {
	name: string;
	version: string;
	/** Absolute path of the tarball. */
	tarball: string;
	filename: string;
	/** Bytes of the .tgz. */
	size: number;
	unpackedSize: number;
	integrity: string;
	files: PackedFile[];
}

/** Above these the check fails: n8n downloads and unpacks the package on every instance and worker. */
export const SIZE_BUDGET = { packed: 2 * 1024 * 1024, unpacked: 16 * 1024 * 1024 };

/** Files allowed at the package root (npm always adds package.json, README and LICENSE). */
const ROOT_FILES = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'index.js']);
/** What may be under dist/: compiled code, codex/catalog/schema JSON, icons. */
const DIST_FILE = /^dist\/(nodes|credentials)\/.+\.(js|json|svg|png)$/;
/**
 * The output schemas (scripts/schemas/build.ts), where n8n looks for them: `<node folder>/__schema__/v1.0.0/
 * <resource>/<operation>.json` (one path segment each, as n8n's route takes them). Nothing else goes in there.
 */
const SCHEMA_FILE = /^dist\/nodes\/\w+\/__schema__\/v\d+\.\d+\.\d+\/\w+\/\w+\.json$/;

/** Why a file must not be in the package, for the files that are easy to let in by mistake. */
const FORBIDDEN: Array<[RegExp, string]> = [
	[/(^|\/)node_modules\//, 'installed dependencies'],
	[/(^|\/)\.dev\//, 'the dev environment (.dev/)'],
	[/(^|\/)\.[^/]+$|(^|\/)\.[^/]+\//, 'a dot file'],
	[/(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]s$/, 'a test'],
	[/emulator/i, 'an emulator'],
	[/^scripts\//, 'a dev script'],
	[/^(examples|docs)\//, 'examples or docs (linked from the README on GitHub)'],
	[/\.map$/, 'a source map (its sources are not shipped)'],
	[/\.d\.ts$/, 'a type declaration (nothing compiles against this package)'],
	[/\.[cm]?ts$/, 'TypeScript source'],
	[/\.tgz$/, 'a tarball'],
];

function run(command: string, args: string[], cwd: string): string {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
	}
	return result.stdout;
}

/** `npm pack` of the package at `root` (its dist/ must be built) into `destination`. */
export function packPackage(root: string, destination: string): Packed {
	mkdirSync(destination, { recursive: true });
	const output = run('npm', ['pack', '--json', '--pack-destination', destination], root);
	// npm prints the JSON array last; anything before it (notices) is not JSON.
	const [result] = JSON.parse(output.slice(output.indexOf('['))) as Array<Omit<Packed, 'tarball'>>;
	return {
		name: result.name,
		version: result.version,
		tarball: path.join(destination, result.filename),
		filename: result.filename,
		size: result.size,
		unpackedSize: result.unpackedSize,
		integrity: result.integrity,
		files: result.files.map(({ path: file, size }) => ({ path: file, size })),
	};
}

interface Manifest {
	main?: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

/**
 * Problems with the packed file list, in plain words (empty: fine). With `sourceRoot`, also finds stale
 * build output: a compiled file whose TypeScript source no longer exists (dist/ is not cleaned by a build).
 */
export function checkPackedFiles(packed: Packed, manifest: Manifest, sourceRoot?: string): string[] {
	const problems: string[] = [];
	const paths = new Set(packed.files.map((file) => file.path));
	for (const file of paths) {
		const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
		if (forbidden) problems.push(`${file}: ${forbidden[1]} must not be in the package`);
		else if (!ROOT_FILES.has(file) && !DIST_FILE.test(file)) {
			problems.push(`${file}: not expected in the package (only dist/nodes, dist/credentials and ${[...ROOT_FILES].join(', ')})`);
		} else if (file.includes('/__schema__/') && !SCHEMA_FILE.test(file)) {
			problems.push(`${file}: not where n8n looks for an output schema (dist/nodes/<Node>/__schema__/v1.0.0/<resource>/<operation>.json)`);
		} else if (sourceRoot && /^dist\/.+\.js$/.test(file)) {
			const source = path.join(sourceRoot, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
			if (!existsSync(source)) problems.push(`${file}: stale build output, ${path.relative(sourceRoot, source)} does not exist (run a clean build)`);
		}
	}
	const required = [
		...ROOT_FILES,
		...(manifest.main ? [manifest.main] : []),
		...(manifest.n8n?.nodes ?? []),
		...(manifest.n8n?.credentials ?? []),
	];
	for (const file of new Set(required)) {
		if (!paths.has(file)) problems.push(`${file}: missing from the package`);
	}
	if (packed.size > SIZE_BUDGET.packed) problems.push(`packed size ${formatBytes(packed.size)} is over the budget of ${formatBytes(SIZE_BUDGET.packed)} (scripts/release/package-files.ts)`);
	if (packed.unpackedSize > SIZE_BUDGET.unpacked) {
		problems.push(`unpacked size ${formatBytes(packed.unpackedSize)} is over the budget of ${formatBytes(SIZE_BUDGET.unpacked)} (scripts/release/package-files.ts)`);
	}
	return problems;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
	return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "463 kB packed, 3.1 MB unpacked, 198 files", and where the bytes are. */
export function describePackage(packed: Packed): string {
	const groups = new Map<string, { files: number; bytes: number }>();
	for (const file of packed.files) {
		const group = /^dist\/nodes\/OvhCloud\/catalog\//.test(file.path)
			? 'OVHcloud catalog'
			: SCHEMA_FILE.test(file.path)
				? 'output schemas'
				: file.path.startsWith('dist/')
				? `dist *.${path.extname(file.path).slice(1)}`
				: 'package root';
		const entry = groups.get(group) ?? { files: 0, bytes: 0 };
		entry.files++;
		entry.bytes += file.size;
		groups.set(group, entry);
	}
	const parts = [...groups]
		.sort((a, b) => b[1].bytes - a[1].bytes)
		.map(([group, { files, bytes }]) => `${group} ${formatBytes(bytes)} (${files})`);
	return `${formatBytes(packed.size)} packed, ${formatBytes(packed.unpackedSize)} unpacked, ${packed.files.length} files: ${parts.join(', ')}`;
}
