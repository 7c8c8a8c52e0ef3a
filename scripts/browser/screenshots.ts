/**
 * `npm run screenshots [-- --update] [-- --only nodes|triggers|panel|credentials|http-request]`: the package in
 * n8n's editor, in headless Chromium (playwright-core driving the system's Chromium). Starts the same environment
 * as `npm run dev` (own user folder, n8n on port 5699, emulators on 5741-5744, no owner yet), then in the browser:
 * sets up the owner account, finds each of this package's action nodes in the node panel by searching its name
 * and opens its panel; opens each trigger example and runs its trigger's "Fetch Test Event"; searches the node
 * panel (after a trigger) for "DNS record" and "bill", checks that OVHcloud's panel lists every action of
 * nodes/OvhCloud/actions.ts and that picking one opens the node with its family and operation chosen; opens each
 * credential's form; and in n8n's HTTP Request node checks that each of the package's credential types is
 * offered as a "Predefined Credential Type" and works there (one request per credential against the emulators,
 * its output checked as `npm run test:e2e` checks it).
 *
 * The screenshots go to .dev/screenshots/ (git-ignored), and each is compared by its pixels with the one in
 * docs/images/. With --update, the ones that look different (more than 0.2% of pixels off by more than a
 * little, or a quarter of the pixels of one 16-pixel tile: one more line in a list) and new ones are written into
 * docs/images/; the others are left as they are, so a run does not leave the README's images modified for
 * nothing. Fails on any browser console error or failed request that
 * comes from this package.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { PANEL_ACTIONS } from '../../nodes/OvhCloud/actions';
import { Checks, HTTP_REQUEST_CHECKS, TRIGGER_SCENARIOS } from '../../test/examples/scenarios';
import { DEV_PORTS, type FixtureCredential } from '../../test/emulators/fixtures';
import { onShutdown, stopOnSignalsAndParentExit } from '../dev/lifecycle';
import { DEV_OWNER, ensurePortsFree, startDevEnvironment } from '../dev/start';
import { DEV_DIR, ensureToolchain, ROOT } from '../dev/toolchain';
import { compareImages, decodePng } from './png';

const PACKAGE_NAME = 'n8n-nodes-eurocloud';
const README_IMAGES = path.join(ROOT, 'docs', 'images');
const IMAGES = path.join(DEV_DIR, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** An image "looks the same" when at most this share of its pixels differ by more than the channel tolerance. */
const SAME_SHARE = 0.002;
/** …and no 16×16 tile has more than this share of its pixels off (a text cursor fills an eighth at most). */
const SAME_TILE = 0.25;
const CHANNEL_TOLERANCE = 32;

const argv = process.argv.slice(2);
const UPDATE = argv.includes('--update');
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const wanted = (part: 'nodes' | 'triggers' | 'panel' | 'credentials' | 'http-request') => !ONLY || ONLY === part;

interface NodeType {
	name: string;
	displayName: string;
	polling?: boolean;
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
		await shot(page, 'ovhCloud-operations.png');
		await first.click();
		await page.waitForSelector('[data-test-id=resource-mapper-container]', { timeout: 30000 });
		await page.waitForTimeout(2500);
	},
};

/**
 * A screenshot into .dev/screenshots/, once every image on the page has loaded: the node icons come from n8n one
 * by one, and a picture taken before one arrives differs from the next run's by that icon.
 */
async function shot(page: Page, file: string) {
	const allImagesLoaded = () => {
		const { document } = globalThis as unknown as { document: { images: ArrayLike<{ complete: boolean }> } };
		return Array.from(document.images).every((image) => image.complete);
	};
	await page.waitForFunction(allImagesLoaded, undefined, { timeout: 10000 }).catch(() => undefined);
	await page.screenshot({ path: path.join(IMAGES, file) });
}

const slug = (text: string) => text.replace(/^n8n-nodes-eurocloud\./, '').replace(/[^a-zA-Z0-9]+/g, '-');

async function signIn(page: Page, url: string) {
	await page.goto(`${url}/`);
	await page.waitForSelector('[data-test-id=form-submit-button]', { timeout: 60000 });
	if (page.url().includes('/setup')) {
		await page.fill('input[name=email]', DEV_OWNER.email);
		await page.fill('input[name=firstName]', DEV_OWNER.firstName);
		await page.fill('input[name=lastName]', DEV_OWNER.lastName);
		await page.fill('input[name=password]', DEV_OWNER.password);
		await shot(page, 'owner-setup.png');
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
	await shot(page, `${slug(node.name)}-search.png`);
	await page.keyboard.press('Enter');
	const { action, resetResourceTo } = actionToPick(node);
	if (action) {
		// n8n lists a node and its trigger as one entry; on an empty canvas the triggers come first and the
		// actions are folded: unfold them.
		const item = page.getByText(action, { exact: true }).first();
		const actions = page.getByText(/^Actions \(\d+\)$/).first();
		// The node's view slides in: wait until it shows the action or the folded list, then unfold if needed.
		await item.or(actions).first().waitFor({ timeout: 10000 });
		if (!(await item.isVisible())) await actions.click();
		await item.click();
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
	await shot(page, `${slug(node.name)}-node.png`);
	await page.keyboard.press('Escape');
	console.log(`[screens] ${node.displayName}: found by searching, node panel opened${action ? ` (${action})` : ''}`);
}

/**
 * After a run in the node panel: the pointer away from the output (the editor's one-time hint about pinning
 * covers its corner while hovered) and the "Node executed successfully" toast closed, so that the picture shows
 * the output the same way from run to run.
 */
async function clearOutput(page: Page) {
	await page.mouse.move(700, 600);
	// The toast comes a moment after the output; wait for it briefly (a run may not make one).
	const toasts = page.locator('.el-notification:visible');
	await toasts.first().waitFor({ timeout: 3000 }).catch(() => undefined);
	for (let attempt = 0; attempt < 5 && (await toasts.count()); attempt++) {
		await page.locator('.el-notification__closeBtn:visible').first().click({ timeout: 2000 }).catch(() => undefined);
		await page.waitForTimeout(300);
	}
	await page.waitForTimeout(1200);
}

/**
 * Each trigger example (imported by the dev environment): its trigger node opened on the canvas and its
 * "Fetch Test Event" run, which must put out at least one item.
 */
async function triggerScreens(page: Page, url: string, nodeTypes: NodeType[]) {
	const done: string[] = [];
	for (const scenario of TRIGGER_SCENARIOS) {
		const workflow = JSON.parse(readFileSync(path.join(ROOT, 'examples', scenario.file), 'utf8')) as {
			id: string;
			nodes: Array<{ name: string; type: string }>;
		};
		const trigger = workflow.nodes.find((node) => nodeTypes.some((type) => type.name === node.type && type.polling));
		if (!trigger) throw new Error(`${scenario.file} has no polling trigger of ${PACKAGE_NAME}`);
		await page.goto(`${url}/workflow/${workflow.id}`);
		await page.waitForSelector('[data-test-id=canvas-node]', { timeout: 60000 });
		await page.locator('[data-test-id=canvas-node]').filter({ hasText: trigger.name }).first().dblclick();
		await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]', { timeout: 30000 });
		const button = page.locator('[data-test-id=ndv] [data-test-id=node-execute-button]').first();
		const label = (await button.textContent())?.trim();
		if (label !== 'Fetch Test Event') throw new Error(`${trigger.name}: the run button says "${label}", not "Fetch Test Event"`);
		await button.click();
		const count = page.locator('[data-test-id=ndv] [data-test-id=output-panel]').getByText(/^\d+ items?$/).first();
		await count.waitFor({ timeout: 60000 });
		const items = (await count.textContent())?.trim();
		await clearOutput(page);
		await shot(page, `${slug(trigger.type)}-node.png`);
		await page.keyboard.press('Escape');
		done.push(`${trigger.name} (${items})`);
		console.log(`[screens] ${scenario.file}: "${trigger.name}" opened, Fetch Test Event put out ${items}`);
	}
	return done;
}

/** Every item name of the node panel's current list, scrolled through (the panel renders a long list lazily). */
async function listedItems(page: Page): Promise<Set<string>> {
	const names = page.locator('[data-test-id=node-creator-item-name]');
	const listed = new Set<string>();
	for (let unchanged = 0, round = 0; unchanged < 3 && round < 200; round++) {
		const before = listed.size;
		for (const text of await names.allTextContents()) listed.add(text.trim());
		unchanged = listed.size === before ? unchanged + 1 : 0;
		await names.last().evaluate((element) => element.scrollIntoView({ block: 'end' }));
		await page.waitForTimeout(150);
	}
	return listed;
}

interface PanelSearch {
	query: string;
	/** The family (Resource) whose section lists the action, as the panel names it. */
	family: string;
	/** The catalog operation of the action to pick (nodes/OvhCloud/actions.ts). */
	operation: string;
	shot: string;
	/** Run the opened node ("Execute step", with the emulator's credential n8n chose) before the screenshot. */
	run?: boolean;
}

/** What people type into the node panel, and the OVHcloud action they should find (issue 14). */
const PANEL_SEARCHES: PanelSearch[] = [
	{ query: 'DNS record', family: 'Domain', operation: 'POST /domain/zone/{zoneName}/record', shot: 'dns-record' },
	{ query: 'bill', family: 'Me (Account, Bills, Orders)', operation: 'GET /me/bill', shot: 'bill', run: true },
];

/**
 * The node panel after a trigger ("What happens next?"): each search finds OVHcloud; its entry lists every panel
 * action of nodes/OvhCloud/actions.ts by its text; picking one opens the node with the family and operation chosen.
 */
async function panelScreens(page: Page, url: string) {
	const expected = Object.values(PANEL_ACTIONS).flat();
	const found: string[] = [];
	for (const search of PANEL_SEARCHES) {
		const wanted = expected.find((candidate) => candidate.key === search.operation);
		if (!wanted) throw new Error(`${search.operation} is not a panel action of nodes/OvhCloud/actions.ts`);
		await page.goto(`${url}/workflow/new`);
		await page.waitForSelector('[data-test-id=canvas-plus-button]', { timeout: 60000 });
		await page.click('[data-test-id=canvas-plus-button]');
		await page.waitForSelector('[data-test-id=node-creator-search-bar]');
		await page.keyboard.type('Manual Trigger', { delay: 20 });
		await page.locator('[data-test-id=node-creator-item-name]', { hasText: 'Manual Trigger' }).first().waitFor();
		await page.keyboard.press('Enter');
		await page.click('[data-test-id=canvas-handle-plus]', { timeout: 30000 });
		await page.waitForSelector('[data-test-id=node-creator-search-bar]');
		await page.keyboard.type(search.query, { delay: 20 });
		const entry = page.locator('[data-test-id=node-creator-item-name]', { hasText: 'OVHcloud' }).first();
		await entry.waitFor({ timeout: 10000 });
		await page.waitForTimeout(800);
		await shot(page, `ovhCloud-panel-search-${search.shot}.png`);
		await entry.click();
		const item = page.getByText(wanted.action, { exact: true }).first();
		await item.waitFor({ timeout: 10000 });
		const listed = await listedItems(page);
		const missing = expected.filter((candidate) => !listed.has(candidate.action)).map((candidate) => candidate.action);
		if (missing.length) throw new Error(`the OVHcloud entry of the node panel does not list: ${missing.join('; ')}`);
		// The family's section at the top of the list.
		await page
			.getByText(new RegExp(`^${search.family.replace(/[()]/g, '\\$&')} actions$`, 'i'))
			.first()
			.evaluate((element) => element.scrollIntoView({ block: 'start' }));
		await page.waitForTimeout(800);
		await shot(page, `ovhCloud-panel-${search.shot}.png`);
		await item.click();
		await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]', { timeout: 30000 });
		await page.waitForTimeout(1500);
		const chosen = {
			resource: await page.locator('[data-test-id=ndv] [data-test-id=parameter-input-resource] input').first().inputValue(),
			operation: await page.locator('[data-test-id=ndv] [data-test-id=parameter-input-operation] input').first().inputValue(),
		};
		if (chosen.resource !== search.family || chosen.operation !== wanted.name) {
			throw new Error(`"${wanted.action}" opened the node with ${JSON.stringify(chosen)}, not ${search.family} / ${wanted.name}`);
		}
		let ran = '';
		if (search.run) {
			await page.click('[data-test-id=ndv] [data-test-id=node-execute-button]');
			const count = page.locator('[data-test-id=ndv] [data-test-id=output-panel]').getByText(/^\d+ items?$/).first();
			await count.waitFor({ timeout: 60000 });
			ran = `, run: ${(await count.textContent())?.trim()}`;
			await clearOutput(page);
		}
		await shot(page, `ovhCloud-panel-${search.shot}-node.png`);
		await page.keyboard.press('Escape');
		found.push(`"${search.query}": ${wanted.action} -> ${chosen.resource} / ${chosen.operation}${ran}`);
		console.log(
			`[screens] node panel: "${search.query}" finds OVHcloud, whose entry lists all ${expected.length} panel actions; "${wanted.action}" opens ${chosen.resource} / ${chosen.operation}${ran}`,
		);
	}
	return found;
}

/**
 * A credential's form, opened as a person does: the list of credentials, "Create credential", the type. The form
 * opens over that list, which by default is sorted by last update, and a run before (a trigger's test event,
 * an HTTP Request) updates the credentials it used (their tokens): sorted by name, the picture behind the form
 * is the same whatever ran before.
 */
async function credentialScreen(page: Page, url: string, credential: CredentialType) {
	await page.goto(`${url}/home/credentials`);
	await page.click('[data-test-id=resources-list-sort]', { timeout: 60000 });
	await page.locator('[data-test-id=resources-list-sort-item]:visible', { hasText: 'Sort by name (A-Z)' }).first().click();
	await page.getByRole('button', { name: 'Create credential', exact: true }).first().click();
	await page.waitForSelector('[data-test-id=new-credential-type-select]', { timeout: 60000 });
	await page.click('[data-test-id=new-credential-type-select]');
	await page.keyboard.type(credential.displayName, { delay: 20 });
	await page.locator('[data-test-id=new-credential-type-select-option]', { hasText: credential.displayName }).first().click();
	await page.click('[data-test-id=new-credential-type-button]');
	await page.waitForSelector('[data-test-id=editCredential-modal] [data-test-id=credential-connection-parameter]', {
		timeout: 30000,
	});
	// The pointer off the fields (it is where the button was, over whichever field is there now, which then shows
	// its hover controls or not depending on timing): onto the empty part of the form's left column.
	await page.mouse.move(330, 650);
	await page.waitForTimeout(1000);
	await shot(page, `credential-${slug(credential.name)}.png`);
	await page.keyboard.press('Escape');
	console.log(`[screens] ${credential.displayName}: credential form opened`);
}

/** Picks an option of a parameter's dropdown in the node panel by its visible text. */
async function chooseOption(page: Page, parameter: string, text: string) {
	await page.click(`[data-test-id=ndv] [data-test-id=parameter-input-${parameter}]`);
	const option = page.locator('.el-select-dropdown__item:visible, .el-select-dropdown__item-wrap:visible li:visible').filter({
		has: page.getByText(text, { exact: true }),
	});
	await option.first().click();
}

/** Sets the HTTP Request node's URL field (an input or an inline editor), checking what it then holds. */
async function setUrl(page: Page, value: string) {
	const field = page.locator('[data-test-id=ndv] [data-test-id=parameter-input-url]');
	for (let attempt = 1; ; attempt++) {
		const editor = field.locator('.cm-content, input').first();
		await editor.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.press('Backspace');
		await page.keyboard.insertText(value);
		await page.waitForTimeout(300);
		const shown = await editor.evaluate((element) => ('value' in element ? String((element as { value: unknown }).value) : (element.textContent ?? '')));
		if (shown.trim() === value) break;
		if (attempt === 3) throw new Error(`the URL field holds "${shown}" instead of "${value}"`);
	}
	await page.click('[data-test-id=ndv] [data-test-id=node-parameters]', { position: { x: 5, y: 5 } });
}

interface ExecutionData {
	resultData: { runData: Record<string, Array<{ error?: { message: string }; data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>> };
}

/**
 * n8n's HTTP Request node with each of the package's credentials: offered under Authentication → Predefined
 * Credential Type, and a request through it against the emulators answers what `npm run test:e2e` expects.
 */
async function httpRequestScreens(page: Page, url: string, credentialTypes: CredentialType[], credentials: FixtureCredential[]) {
	// n8n keeps execution data "flatted"; read it with n8n's own copy of the library.
	const { parse } = createRequire(ensureToolchain().n8nBin)('flatted') as { parse(text: string): unknown };
	await page.goto(`${url}/workflow/new`);
	await page.waitForSelector('[data-test-id=canvas-plus-button]', { timeout: 60000 });
	await page.click('[data-test-id=canvas-plus-button]');
	await page.waitForSelector('[data-test-id=node-creator-search-bar]');
	await page.keyboard.type('HTTP Request', { delay: 20 });
	await page.locator('[data-test-id=node-creator-item-name]', { hasText: 'HTTP Request' }).first().waitFor();
	await page.keyboard.press('Enter');
	await page.waitForSelector('[data-test-id=ndv] [data-test-id=node-parameters]', { timeout: 30000 });
	await chooseOption(page, 'authentication', 'Predefined Credential Type');

	// Every credential type of the package is in the list (typed into its search, as a person would).
	const typeSelect = page.locator('[data-test-id=ndv] [data-test-id=credential-select]');
	const missing: string[] = [];
	for (const type of credentialTypes) {
		await typeSelect.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.type(type.displayName, { delay: 10 });
		const offered = await page
			.locator('[data-test-id=credential-select-option]:visible', { hasText: type.displayName })
			.first()
			.waitFor({ timeout: 5000 })
			.then(() => true)
			.catch(() => false);
		if (!offered) missing.push(type.displayName);
		await page.keyboard.press('Escape');
	}
	await typeSelect.click();
	await page.keyboard.press('Control+A');
	await page.keyboard.type('OVHcloud', { delay: 20 });
	await page.waitForTimeout(800);
	await shot(page, 'httpRequest-credential-types.png');
	await page.keyboard.press('Escape');
	const offeredTypes = credentialTypes.filter((type) => !missing.includes(type.displayName));
	console.log(
		`[screens] HTTP Request: ${offeredTypes.length} of ${credentialTypes.length} credential types offered under Predefined Credential Type${
			missing.length ? `; NOT offered: ${missing.join(', ')}` : ''
		}`,
	);

	const checked: string[] = [];
	for (const check of HTTP_REQUEST_CHECKS) {
		const type = offeredTypes.find((candidate) => candidate.name === check.credentialType);
		const credential = credentials.find((candidate) => candidate.type === check.credentialType);
		if (!type) continue;
		if (!credential) throw new Error(`no fixture credential for ${check.credentialType}`);
		const { method, url: requestUrl } = check.request(credential);
		await typeSelect.click();
		await page.keyboard.press('Control+A');
		await page.keyboard.type(type.displayName, { delay: 10 });
		await page.locator('[data-test-id=credential-select-option]:visible', { hasText: type.displayName }).first().click();
		// The credential of that type: n8n picks it when it is the only one; otherwise choose it by name.
		const credentialSelect = page.locator('[data-test-id=ndv] [data-test-id=node-credentials-select]');
		await credentialSelect.waitFor({ timeout: 10000 });
		if ((await credentialSelect.locator('input').inputValue()) !== credential.name) {
			const item = page.locator('[data-test-id^=node-credentials-select-item-]:visible', { hasText: credential.name }).first();
			for (let attempt = 1; !(await item.isVisible()); attempt++) {
				if (attempt > 5) throw new Error(`the credential "${credential.name}" is not offered for ${type.displayName}`);
				await credentialSelect.locator('.el-select__wrapper, .el-input__wrapper, input').first().click();
				await page.waitForTimeout(500);
			}
			await item.click();
		}
		await chooseOption(page, 'method', method);
		await setUrl(page, requestUrl);

		const run = page.waitForResponse((response) => /\/rest\/workflows\/[^/]+\/run/.test(response.url()) && response.request().method() === 'POST', {
			timeout: 30000,
		});
		await page.click('[data-test-id=ndv] [data-test-id=node-execute-button]');
		const started = (await (await run).json()) as { data?: { executionId?: string } };
		const executionId = started.data?.executionId;
		if (!executionId) throw new Error(`the editor's run request did not answer an execution ID: ${JSON.stringify(started).slice(0, 300)}`);
		let execution: { status?: string; data?: string } = {};
		for (let attempt = 0; attempt < 60; attempt++) {
			// As the editor asks: n8n refuses (and ends the session of) a REST call without the browser's ID.
			const body = await page.evaluate(async (id) => {
				const { localStorage } = globalThis as unknown as { localStorage: { getItem(key: string): string | null } };
				const response = await fetch(`/rest/executions/${id}`, { headers: { 'browser-id': localStorage.getItem('n8n-browserId') ?? '' } });
				return response.ok ? ((await response.json()) as { data?: { status?: string; data?: string } }) : {};
			}, executionId);
			if (body.data) execution = body.data;
			if (execution.status && !['new', 'running'].includes(execution.status)) break;
			await page.waitForTimeout(500);
		}
		if (!execution.data) throw new Error(`execution ${executionId} of HTTP Request with ${type.displayName} did not finish (${execution.status ?? 'no status'})`);
		const runData = (parse(execution.data) as ExecutionData).resultData.runData;
		const task = runData['HTTP Request']?.[0];
		if (!task || task.error) throw new Error(`HTTP Request with ${type.displayName} failed in the editor: ${task?.error?.message ?? 'did not run'}`);
		const checks = new Checks(`HTTP Request with ${type.displayName} in the editor`);
		check.check(() => (task.data?.main?.[0] ?? []).map((item) => item.json) as never, checks);
		await page.locator('[data-test-id=ndv] [data-test-id=output-panel]').getByText(/^\d+ items?$/).first().waitFor({ timeout: 30000 });
		await clearOutput(page);
		await shot(page, `httpRequest-${slug(check.credentialType)}.png`);
		checked.push(`${type.displayName} (${method} ${new URL(requestUrl).pathname}: ${checks.count} checks)`);
		console.log(`[screens] HTTP Request with ${type.displayName}: ${method} ${requestUrl} answered, ${checks.count} output checks passed`);
	}
	await page.keyboard.press('Escape');
	return { checked, missing };
}

/**
 * Compares each new screenshot with the README's by pixels; with --update writes the new and visibly changed
 * ones into docs/images/. Returns one line per image.
 */
function compareWithReadmeImages(): { lines: string[]; changed: string[]; added: string[] } {
	const lines: string[] = [];
	const changed: string[] = [];
	const added: string[] = [];
	const taken = readdirSync(IMAGES).filter((file) => file.endsWith('.png')).sort();
	for (const file of taken) {
		const target = path.join(README_IMAGES, file);
		if (!existsSync(target)) {
			added.push(file);
			lines.push(`new       ${file}`);
		} else {
			const difference = compareImages(decodePng(readFileSync(path.join(IMAGES, file))), decodePng(readFileSync(target)), CHANNEL_TOLERANCE);
			const share = `${(difference.share * 100).toFixed(2)}% of pixels differ, ${Math.round(difference.densestTile * 100)}% in the densest tile`;
			if (!difference.sameSize || difference.share > SAME_SHARE || difference.densestTile > SAME_TILE) {
				changed.push(file);
				lines.push(`changed   ${file} (${difference.sameSize ? share : 'other size'})`);
			} else lines.push(`same      ${file} (${share})`);
		}
		if (UPDATE && (added.includes(file) || changed.includes(file))) copyFileSync(path.join(IMAGES, file), target);
	}
	if (!ONLY) {
		for (const file of readdirSync(README_IMAGES).filter((name) => name.endsWith('.png') && !taken.includes(name))) {
			lines.push(`not taken ${file} (left in docs/images)`);
		}
	}
	return { lines, changed, added };
}

async function main() {
	stopOnSignalsAndParentExit();
	const port = Number(process.env.SCREENSHOTS_N8N_PORT ?? 5699);
	// Fixed emulator ports (10 above npm run dev's), so the URLs in the pictures are the same from run to run.
	const emulatorPorts = Object.fromEntries(Object.entries(DEV_PORTS).map(([provider, devPort]) => [provider, devPort + 10]));
	await ensurePortsFree(
		[
			{ port, role: 'n8n' },
			{ port: port + 1, role: "n8n's task runner broker" },
			...Object.entries(emulatorPorts).map(([provider, emulatorPort]) => ({ port: emulatorPort, role: `${provider} emulator` })),
		],
		'SCREENSHOTS_N8N_PORT',
	);
	const home = path.join(DEV_DIR, 'screenshots-home');
	rmSync(home, { recursive: true, force: true });
	rmSync(IMAGES, { recursive: true, force: true });
	mkdirSync(IMAGES, { recursive: true });
	const dev = await startDevEnvironment({ home, port, emulatorPorts, createOwner: false, echo: false });
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
	let httpRequest: { checked: string[]; missing: string[] } = { checked: [], missing: [] };
	let triggers: string[] = [];
	let panel: string[] = [];

	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	onShutdown(async () => await browser.close());
	let page: Page | undefined;
	try {
		page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
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
		if (wanted('nodes')) for (const node of nodeTypes.filter((type) => !type.polling)) await nodeScreens(page, dev.server.url, node);
		if (wanted('triggers')) triggers = await triggerScreens(page, dev.server.url, nodeTypes);
		if (wanted('panel')) panel = await panelScreens(page, dev.server.url);
		if (wanted('credentials')) for (const credential of credentialTypes) await credentialScreen(page, dev.server.url, credential);
		if (wanted('http-request')) httpRequest = await httpRequestScreens(page, dev.server.url, credentialTypes, dev.fixtures.credentials);
	} catch (error) {
		await page?.screenshot({ path: path.join(IMAGES, 'failure.png') }).catch(() => undefined);
		console.log(`[screens] the page at the failure: ${path.relative(ROOT, path.join(IMAGES, 'failure.png'))}`);
		throw error;
	} finally {
		await browser.close();
		await dev.stop();
	}
	if (otherErrors.size) console.log(`[screens] ${otherErrors.size} console errors not from this package (ignored), e.g. ${[...otherErrors][0]}`);
	for (const name of httpRequest.missing) {
		problems.push(
			`HTTP Request: the credential type "${name}" is not offered under Predefined Credential Type. The editor lists a type whose description has "authenticate"; n8n 2.41 drops an authenticate written as a class method from a community package's credential descriptions, so write it as a property (authenticate = async (credentials, requestOptions) => ...)`,
		);
	}
	const { lines, changed, added } = compareWithReadmeImages();
	for (const line of lines) console.log(`[screens] ${line}`);
	const images = UPDATE
		? `${changed.length + added.length} written into docs/images/ (${changed.length} changed, ${added.length} new), the others left untouched`
		: `in ${path.relative(ROOT, IMAGES)}/: ${changed.length} look different from docs/images/, ${added.length} new${
				changed.length + added.length ? '; `npm run screenshots -- --update` writes those into docs/images/' : ''
			}`;
	const summary = `${wanted('nodes') ? nodeTypes.filter((type) => !type.polling).length : 0} nodes, ${triggers.length} triggers (Fetch Test Event), ${panel.length} node panel searches, ${wanted('credentials') ? credentialTypes.length : 0} credential forms, HTTP Request with ${httpRequest.checked.length} credentials; ${images}`;
	if (problems.length) {
		console.log(`screenshots: FAILED: ${problems.length} problem(s) with ${PACKAGE_NAME}:\n  ${problems.join('\n  ')}\n(${summary})`);
		process.exit(1);
	}
	console.log(`screenshots: ${summary}; no browser errors from ${PACKAGE_NAME}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
