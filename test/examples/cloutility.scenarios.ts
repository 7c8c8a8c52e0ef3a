/** Cloutility: what its example workflows are run with and must put out, and its HTTP Request check. */
import type { IDataObject } from 'n8n-workflow';

import { CLOUTILITY_DEMO_RECENT_ERRORS, CLOUTILITY_DEMO_VISIBLE_UNITS, runningCloutilityEmulators } from '../emulators/cloutility-fixture';
import { webhookItem, type HttpRequestCheck, type Scenario, type TriggerScenario } from './scenario-kit';

const DAY_MS = 24 * 3_600_000;

/** The error a backup of the build server (consumption unit 411, Development, below Company AB) ends with. */
const BACKUP_ERROR = { businessUnitId: 76, consumerId: 411, message: 'Backup of BUILDSERVER failed: ANS1311E Server out of data storage space' };

/** A nested object's property, e.g. `name` of `operatingSystem`. */
const inner = (item: IDataObject, key: string, property = 'name') => (item[key] as IDataObject | undefined)?.[property];

/** A new Linux file server in HR, with the IDs the demo portal's pickers show. */
const NEW_MACHINE = {
	businessUnitId: 94,
	machineName: 'hr-fileserver 02',
	operatingSystemId: 2,
	nodeTypeId: 1,
	policyDomainId: 11,
	clientOptionSetId: 22,
	contact: 'anna.berg@company.example',
	cpuCount: 4,
	note: 'HR file shares, Anna Berg',
	assetTag: 'CMDB-1123',
};

export const CLOUTILITY_SCENARIOS: Scenario[] = [
	{
		file: 'cloutility-enroll-backup-node.json',
		input: [webhookItem(NEW_MACHINE)],
		check(outputs, t) {
			const [unit, ...moreUnits] = outputs('Create Consumption Unit');
			t.equal(moreUnits.length, 0, 'one consumption unit created');
			t.equal(unit.name, 'hr-fileserver 02', 'consumption unit named after the machine');
			t.equal(inner(unit, 'businessUnit', 'id'), 94, 'consumption unit in HR Department');
			t.equal([unit.note, unit.externalReference], ['HR file shares, Anna Berg', 'CMDB-1123'], 'note and asset tag');
			t.ok(typeof unit.id === 'number' && unit.id >= 1000, 'consumption unit has a new ID');

			const [node, ...moreNodes] = outputs('Create Backup Node');
			t.equal(moreNodes.length, 0, 'one backup node created');
			t.equal(inner(node, 'consumer', 'id'), unit.id, 'backup node of the new consumption unit');
			t.equal(
				[inner(node, 'operatingSystem'), inner(node, 'type'), inner(node, 'domain'), inner(node, 'clientOptionSet')],
				['Linux', 'File', 'STANDARD', 'LINUX_DEFAULT'],
				'operating system, node type, policy domain, client option set',
			);
			t.equal([node.contact, node.cpuCount], ['anna.berg@company.example', 4], 'contact and CPU count');
			t.equal(inner(node, 'dataSourceState'), 'New', 'not active before activation');
			t.equal(node.tsmName, undefined, 'no Storage Protect name before activation');

			const [activated] = outputs('Activate Backup Node');
			t.equal([activated.bunitId, activated.consumerId], [94, unit.id], 'activated the new unit');
			t.equal(activated.tsmName, 'HR-FILESERVER-02', 'node name by the Storage Protect rules (capitals, space replaced)');
			t.match(activated.result, /^Node HR-FILESERVER-02 registered on TSM-STO2-01$/, "the portal's answer");

			const settings = outputs('Backup Client Settings');
			t.equal(settings.length, 1, 'one answer for the webhook');
			const [client] = settings;
			t.equal([client.id, client.tsmName], [node.id, 'HR-FILESERVER-02'], 'the activated node');
			t.equal(inner(client, 'dataSourceState'), 'Active', 'active after activation');
			t.match(client.activatedDate, /^\d{4}-\d{2}-\d{2}T/, 'activation date');
			t.match(client.tsmPassword, /\S{8,}/, 'node password for the backup client');
			t.equal(inner(client, 'server'), 'TSM-STO2-01', 'backup server');
			t.equal([inner(client, 'domain'), inner(client, 'clientOptionSet')], ['STANDARD', 'LINUX_DEFAULT'], 'domain and option set');
		},
	},
	{
		file: 'cloutility-daily-audit-errors.json',
		input: [{}],
		check(outputs, t) {
			const [user] = outputs('Signed-In User');
			t.equal([inner(user, 'businessUnit', 'id'), inner(user, 'businessUnit')], [22, 'Company AB'], "the user's business unit");

			const errors = outputs('Errors of the Last 24 Hours');
			t.equal(errors.length, CLOUTILITY_DEMO_RECENT_ERRORS.length, 'one item per error entry of the last 24 hours');
			t.equal(
				errors.map((entry) => entry.message),
				CLOUTILITY_DEMO_RECENT_ERRORS.map((entry) => entry.message),
				'the seeded errors, newest first',
			);
			t.ok(errors.every((entry) => entry.type === 400 && entry.typeName === 'Error'), 'only error entries');
			const ages = errors.map((entry) => Date.now() - Date.parse(String(entry.createdDate)));
			t.ok(ages.every((age) => age >= 0 && age < DAY_MS), 'all within the last day');
			t.ok(ages.every((age, index) => index === 0 || age >= ages[index - 1]), 'newest first');
			const units = new Set(errors.map((entry) => entry.businessUnitId as number));
			t.ok([...units].every((id) => CLOUTILITY_DEMO_VISIBLE_UNITS.includes(id)), "only Company AB's tree");
			t.equal([...units].sort((a, b) => a - b), [22, 76, 95], 'child business units included');
		},
	},
];

export const CLOUTILITY_TRIGGER_SCENARIOS: TriggerScenario[] = [
	{
		file: 'cloutility-backup-error-message.json',
		manual(manual, t) {
			const [newest] = CLOUTILITY_DEMO_RECENT_ERRORS;
			t.equal(manual.length, 1, 'Fetch Test Event: the newest error entry');
			t.equal([manual[0].event, manual[0].typeName], ['auditLogEntry', 'error'], 'an audit log error');
			t.equal(inner(manual[0], 'entry', 'message'), newest.message, 'the newest error of Company AB and the units below');
			t.equal(inner(manual[0], 'entry', 'businessUnitId'), newest.businessUnitId, 'in its business unit');
		},
		// A backup fails at the portal (nothing an API call does): the backup server writes an error entry.
		providerEvent() {
			for (const portal of runningCloutilityEmulators()) {
				portal.world.log(400, BACKUP_ERROR.businessUnitId, BACKUP_ERROR.message, 'system', BACKUP_ERROR.consumerId);
			}
		},
		check(events, t) {
			t.equal(events.length, 1, 'one event for the one new error entry');
			const [event] = events;
			t.equal([event.event, event.typeName], ['auditLogEntry', 'error'], 'an audit log error');
			t.equal(inner(event, 'entry', 'message'), BACKUP_ERROR.message, "the portal's message");
			t.equal([inner(event, 'entry', 'businessUnitId'), inner(event, 'entry', 'consumerId')], [BACKUP_ERROR.businessUnitId, BACKUP_ERROR.consumerId], 'in a unit below Company AB, for the build server');
		},
	},
];

export const CLOUTILITY_HTTP_REQUEST_CHECKS: HttpRequestCheck[] = [
	{
		credentialType: 'cloutilityApi',
		request: ({ data }) => ({ method: 'GET', url: `${String(data.baseUrl)}/v1/me` }),
		check(outputs, t) {
			const me = outputs('HTTP Request');
			t.equal(me.length, 1, 'one answer');
			t.equal([me[0].name, me[0].email], ['Backup Admin', 'backup-admin@company.example'], 'the signed-in user');
			t.equal([inner(me[0], 'businessUnit', 'id'), inner(me[0], 'businessUnit')], [22, 'Company AB'], 'its business unit');
			t.equal(inner(me[0], 'role'), 'Administrator', 'its role');
		},
	},
];
