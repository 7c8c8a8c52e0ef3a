/**
 * What the package's runtime code may import: n8n's package scanner (run by `npm run release:check`, and by n8n
 * before it verifies a community package) refuses any module but n8n-workflow and a short list (of Node's own
 * modules only `crypto`), whatever an inline lint comment says. This test keeps `npm test` to the same list.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const ALLOWED = new Set(['n8n-workflow', 'crypto', 'node:crypto']);

function sources(folder: string): string[] {
	return readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

test('nodes/ and credentials/ import only relative modules and what the scanner allows', () => {
	const files = [...sources('nodes'), ...sources('credentials')];
	expect(files.length).toBeGreaterThan(50);
	const refused: string[] = [];
	for (const file of files) {
		const text = readFileSync(path.join(root, file), 'utf8');
		for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
			const specifier = match[1] ?? match[2] ?? match[3];
			if (specifier.startsWith('.') || ALLOWED.has(specifier)) continue;
			refused.push(`${file}: ${specifier}`);
		}
	}
	expect(refused).toEqual([]);
});
