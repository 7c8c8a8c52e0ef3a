/**
 * What n8n needs of the package's credential types beyond a workflow run: n8n copies each type with
 * `{ ...type }` when it lists the types the HTTP Request node offers under "Predefined Credential Type", and
 * offers only those whose copy still has `authenticate`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };

test.each(pkg.n8n.credentials)('%s keeps authenticate when copied, so the HTTP Request node offers it', async (file) => {
	const exported = (await import(path.join(root, file))) as Record<string, new () => { name: string; authenticate?: unknown }>;
	const [Type] = Object.values(exported);
	const copy = { ...new Type() };
	expect(copy.authenticate).toBeDefined();
});
