/**
 * `npm run screenshots`: the package in n8n's editor, in headless Chromium (playwright-core driving the
 * system's Chromium). Starts the same environment as `npm run dev` (own user folder and port, emulators on
 * ephemeral ports, no owner yet), then in the browser: sets up the owner account, finds each of this
 * package's nodes in the node panel by searching its name, opens each node's panel and each credential's
 * form, and saves screenshots into docs/images/. Fails on any browser console error or failed request that
 * comes from this package.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { DEV_OWNER, startDevEnvironment } from '../dev/start';
import { DEV_DIR, ROOT } from '../dev/toolchain';

const PACKAGE_NAME = 'n8n-nodes-eurocloud';
const IMAGES = path.join(ROOT, 'docs', 'images');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface NodeType {
	name: string;
	displayName: string;
	credentials?: Array<{ name: string }>;
	properties: Array<{
		name: string;
		type: string;
		default?: unknown;
		options?: Array<{ name?: string; value: unknown; action?: string }>;
		displayOptions?: { show?: Record<string, unknown[]> };
	}>;
}

interface CredentialType {
	name: string;
	displayName: string;
}

/**
 * The action to pick in the node panel: the one of the node's default resource and operation, or else the
 * first action the node has (a node whose default resource has no actions, like OVHcloud's API families).
 */
function actionToPick(node: NodeType): { action?: string; resetResourceTo?: string } {
	const resource = node.properties.find((property) => property.name === 'resource');
	const operations = node.properties.filter((property) => property.name === 'operation' && property.type === 'options');
	const forDefault = operations.find(
		(property) => !property.displayOptions?.show?.resource || property.displayOptions.show.resource.includes(resource?.default),
	);
	const action = forDefault?.options?.find((option) => option.value === forDefault.default)?.action;
	if (action) return { action };
	const first = operations.flatMap((property) => property.options ?? []).find((option) => option.action)?.action;
	if (!first) return {};
	const defaultName = resource?.options?.find((option) => option.value === resource.default)?.name;
	return { action: first, resetResourceTo: defaultName };
}

/**
 * Extra steps that show a node's main feature in its panel screenshot. OVHcloud: the operation picker
 * searching the catalog, then one operation chosen so its typed parameter fields show.
 */
const SHOWCASES: Record<string, (page: Page) => Promise<void>> = {
	'n8n-nodes-eurocloud.ovhCloud': async (page) => {
		await page.click('[data-test-id=resource-locator-endpoint] [data-test-id=rlc-input]');
		await page.keyboard.type('/me/bill', { delay: 20 });
		const first = page.locator('[data-test-id=rlc-item]', { hasText: 'GET /me/bill' }).first();
		await first.waitFor();
		await page.screenshot({ path: path.join(IMAGES, 'ovhCloud-operations.png') });
		await first.click();
		await page.waitForSelector('[data-test-id=resource-mapper-container]', { timeout: 30000 });
		await page.waitForTimeout(2500);
	},
};

const slug = (text: string) => text.replace(/^n8n-nodes-eurocloud\./, '').replace(/[^a-zA-Z0-9]+/g, '-');

async function signIn(page: Page, url: string) {
	await page.goto(`${url}/`);
	await page.waitForSelector('[data-test-id=form-submit-button]', { timeout: 60000 });
	if (page.url().includes('/setup')) {
		await page.fill('input[name=email]', DEV_OWNER.email);
		await page.fill('input[name=firstName]', DEV_OWNER.firstName);
		await page.fill('input[name=lastName]', DEV_OWNER.lastName);
		await page.fill('input[name=password]', DEV_OWNER.password);
		await page.screenshot({ path: path.join(IMAGES, 'owner-setup.png') });
		await page.click('[data-test-id=form-submit-button]');
		console.log('[screens] owner account set up in the browser');
	} else {
		await page.fill('input[name=emailOrLdapLoginId]', DEV_OWNER.email);
		await page.fill('input[type=password]', DEV_OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
	}
	await page.waitForURL((target) => !/\/(setup|signin)/.test(target.pathname), { timeout: 60000 });
}

async function nodeScreens(page: Page, url: string, node: NodeType) {
	await page.goto(`${url}/workflow/new`);
	await page.waitForSelector('[data-test-id=canvas-plus-button]', { timeout: 60000 });
	await page.click('[data-test-id=canvas-plus-button]');
	await page.waitForSelector('[data-test-id=node-creator-search-bar]');
	await page.keyboard.type(node.displayName, { delay: 20 });
	await page.locator('[data-test-id=node-creator-item-name]', { hasText: node.displayName }).first().waitFor();
	await page.screenshot({ path: path.join(IMAGES, `${slug(node.name)}-search.png`) });
	await page.keyboard.press('Enter');
	const { action, resetResourceTo } = actionToPick(node);
	if (action) {
		await page.getByText(action, { exact: true }).first().click();
	}
	await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]', { timeout: 30000 });
	if (resetResourceTo) {
		// Back to the node's default resource, the view most people start from.
		await page.click('[data-test-id=parameter-input-resource]');
		await page.keyboard.type(resetResourceTo, { delay: 20 });
		await page
			.locator('.el-select-dropdown__item:visible')
			.filter({ has: page.getByText(resetResourceTo, { exact: true }) })
			.first()
			.click();
	}
	await SHOWCASES[node.name]?.(page);
	await page.waitForTimeout(1500);
	await page.screenshot({ path: path.join(IMAGES, `${slug(node.name)}-node.png`) });
	await page.keyboard.press('Escape');
	console.log(`[screens] ${node.displayName}: found by searching, node panel opened${action ? ` (${action})` : ''}`);
}

async function credentialScreen(page: Page, url: string, credential: CredentialType) {
	await page.goto(`${url}/home/credentials/create`);
	await page.waitForSelector('[data-test-id=new-credential-type-select]', { timeout: 60000 });
	await page.click('[data-test-id=new-credential-type-select]');
	await page.keyboard.type(credential.displayName, { delay: 20 });
	await page.locator('[data-test-id=new-credential-type-select-option]', { hasText: credential.displayName }).first().click();
	await page.click('[data-test-id=new-credential-type-button]');
	await page.waitForSelector('[data-test-id=editCredential-modal] [data-test-id=credential-connection-parameter]', {
		timeout: 30000,
	});
	await page.waitForTimeout(1000);
	await page.screenshot({ path: path.join(IMAGES, `credential-${slug(credential.name)}.png`) });
	await page.keyboard.press('Escape');
	console.log(`[screens] ${credential.displayName}: credential form opened`);
}

async function main() {
	const home = path.join(DEV_DIR, 'screenshots-home');
	rmSync(home, { recursive: true, force: true });
	rmSync(IMAGES, { recursive: true, force: true });
	mkdirSync(IMAGES, { recursive: true });
	const port = Number(process.env.SCREENSHOTS_N8N_PORT ?? 5699);
	const dev = await startDevEnvironment({ home, port, createOwner: false, echo: false });
	const allTypes = JSON.parse(readFileSync(dev.server.typesFile('nodes'), 'utf8')) as NodeType[];
	const names = new Set(allTypes.map((node) => node.name));
	// n8n adds an "…Tool" variant of every node usable as a tool; those are not the package's own nodes.
	const nodeTypes = allTypes.filter(
		(node) => node.name.startsWith(`${PACKAGE_NAME}.`) && !(node.name.endsWith('Tool') && names.has(node.name.slice(0, -4))),
	);
	const credentialNames = new Set(nodeTypes.flatMap((node) => (node.credentials ?? []).map((credential) => credential.name)));
	const credentialTypes = (JSON.parse(readFileSync(dev.server.typesFile('credentials'), 'utf8')) as CredentialType[]).filter(
		(credential) => credentialNames.has(credential.name),
	);
	const ours = [PACKAGE_NAME, ...nodeTypes.map((node) => node.name.split('.')[1]), ...credentialTypes.map((credential) => credential.name)].map(
		(name) => name.toLowerCase(),
	);
	// n8n's editor looks community packages up on the npm registry (for updates); with no route to the
	// internet that lookup fails. It is n8n's request about the package, not an error of the package.
	const registryLookup = (text: string) => text.includes('registry.npmjs.org/');
	const fromUs = (text: string) => !registryLookup(text) && ours.some((name) => text.toLowerCase().includes(name));
	const problems: string[] = [];
	const otherErrors = new Set<string>();

	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const text = `${message.text()} (${message.location().url})`;
			if (fromUs(text)) problems.push(`console: ${text}`);
			else otherErrors.add(text.slice(0, 160));
		});
		page.on('requestfailed', (request) => {
			if (fromUs(request.url())) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
		});
		page.on('response', (response) => {
			if (response.status() >= 400 && fromUs(response.url())) problems.push(`HTTP ${response.status()}: ${response.url()}`);
		});

		await signIn(page, dev.server.url);
		for (const node of nodeTypes) await nodeScreens(page, dev.server.url, node);
		for (const credential of credentialTypes) await credentialScreen(page, dev.server.url, credential);
	} finally {
		await browser.close();
		await dev.stop();
	}
	if (otherErrors.size) console.log(`[screens] ${otherErrors.size} console errors not from this package (ignored), e.g. ${[...otherErrors][0]}`);
	if (problems.length) {
		console.log(`screenshots: FAILED: ${problems.length} browser error(s) from ${PACKAGE_NAME}:\n${problems.join('\n')}`);
		process.exit(1);
	}
	console.log(
		`screenshots: ${nodeTypes.length} nodes and ${credentialTypes.length} credential forms captured in ${path.relative(ROOT, IMAGES)}/, no browser errors from ${PACKAGE_NAME}`,
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
