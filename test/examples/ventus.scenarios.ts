/** Ventus Cloud: what its example workflows are run with and must put out, and its HTTP Request check. */
import type { IDataObject } from 'n8n-workflow';

import { webhookItem, type HttpRequestCheck, type Scenario, type TriggerScenario } from './scenario-kit';

export const VENTUS_SCENARIOS: Scenario[] = [
	{
		file: 'ventus-create-project.json',
		input: [webhookItem({ name: 'web-shop', region: 'eastern-switzerland' })],
		check(outputs, t) {
			const created = outputs('Create Project');
			t.equal(created.length, 1, 'one project created');
			t.equal(created[0].name, 'web-shop', 'project name');
			t.match(created[0].id, /^[0-9a-f]{24}$/, 'project id');
		},
	},
	{
		file: 'ventus-weekly-prices.json',
		input: [{}],
		check(outputs, t) {
			const prices = outputs('Price List (CHF)');
			t.ok(prices.length >= 2, 'one item per flavor');
			t.ok(prices.every((price) => price.currency === 'chf'), 'only CHF');
			t.equal(prices[0].name, 'VC-1', 'first flavor');
			t.ok(typeof (prices[0].price as IDataObject).base === 'number', 'base price is a number');
		},
	},
];

export const VENTUS_TRIGGER_SCENARIOS: TriggerScenario[] = [
	{
		file: 'ventus-new-project-notify.json',
		change: {
			type: 'n8n-nodes-eurocloud.ventusCloud',
			name: 'Create Project',
			parameters: { resource: 'project', operation: 'create', region: 'upper-austria', projectName: 'made-while-watched' },
			credentials: { ventusCloudApi: 'ventusEmulator01' },
		},
		check(events, t) {
			t.equal(events.length, 1, 'one event for the one new project');
			t.equal(events[0].event, 'projectCreated', 'event');
			t.equal(events[0].name, 'made-while-watched', 'project name');
			t.equal(events[0].region, 'Upper-Austria', 'region as the project list gives it');
			t.match(events[0].id, /^[0-9a-f]{24}$/, 'project id');
		},
	},
];

export const VENTUS_HTTP_REQUEST_CHECKS: HttpRequestCheck[] = [
	{
		credentialType: 'ventusCloudApi',
		request: ({ data }) => ({
			method: 'GET',
			url: `${String(data.apiUrl)}/v1.0/invoke/gotham-enterprises/method/orgs/${String(data.organizationId)}/projects`,
		}),
		check(outputs, t) {
			const projects = outputs('HTTP Request');
			t.equal(projects.length, 3, 'three demo projects');
			t.equal(projects.map((project: IDataObject) => project.region).sort(), ['Eastern-Switzerland', 'Upper-Austria', 'Vienna'], 'regions');
		},
	},
];
