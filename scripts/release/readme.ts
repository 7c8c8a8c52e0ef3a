/**
 * Commands the README gives, read from the fenced block after a marker line (`<!-- install:commands -->`),
 * the way `.ci/run` reads `<!-- ci:commands -->`: a script that runs them cannot drift from the README.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function readmeCommands(root: string, marker: string): string[] {
	const lines = readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
	const at = lines.findIndex((line) => line.trim() === `<!-- ${marker} -->`);
	if (at < 0) throw new Error(`README.md has no "<!-- ${marker} -->" line`);
	const open = lines.findIndex((line, index) => index > at && line.startsWith('```'));
	const close = lines.findIndex((line, index) => index > open && line.startsWith('```'));
	if (open < 0 || close < 0) throw new Error(`README.md has no fenced block after "<!-- ${marker} -->"`);
	return lines
		.slice(open + 1, close)
		.map((line) => line.replace(/\s+#.*$/, '').trim())
		.filter(Boolean);
}
