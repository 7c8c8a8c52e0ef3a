/** OpenvCloud: what its example workflows are run with and must put out, and its HTTP Request check. */
import type { IDataObject } from 'n8n-workflow';

import { webhookItem, type HttpRequestCheck, type Scenario, type TriggerScenario } from './scenario-kit';

/** A date as the nightly example names its snapshots (`$now` in the workflow's time zone, Europe/Brussels). */
function brusselsDate(at: Date): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** Today's snapshot names; also yesterday's when the run may have started before midnight. */
function tonightsNames(): string[] {
	const now = new Date();
	const started = new Date(now.getTime() - 10 * 60 * 1000);
	return [...new Set([brusselsDate(started), brusselsDate(now)])].map((date) => `nightly-${date}`);
}

export const OPENVCLOUD_SCENARIOS: Scenario[] = [
	{
		file: 'openvcloud-create-machine.json',
		input: [webhookItem({ cloudspaceId: 11, name: 'api-1', imageId: 4, sizeId: 2, disksize: 40, description: 'REST API backend' })],
		check(outputs, t) {
			const created = outputs('Create Machine');
			t.equal(created.length, 1, 'one machine created');
			t.ok(typeof created[0].machineId === 'number', 'the task returned the new machine id');
			t.equal(created[0].cloudspaceId, 11, 'created in cloud space 11 (staging)');

			const machine = outputs('Read Machine Back');
			t.equal(machine.length, 1, 'one machine read back');
			t.equal(machine[0].id, created[0].machineId, 'read back the machine just created');
			t.equal(machine[0].name, 'api-1', 'machine name');
			t.equal(machine[0].status, 'RUNNING', 'machine runs');
			t.equal(machine[0].description, 'REST API backend', 'description from the request');
			t.equal([machine[0].sizeid, machine[0].memory, machine[0].vcpus], [2, 2048, 2], 'size M');
			t.equal(machine[0].imageid, 4, 'Ubuntu 22.04');
			t.equal((machine[0].disks as IDataObject[]).map((disk) => [disk.type, disk.sizeMax]), [['B', 40]], 'a 40 GB boot disk');
			t.match((machine[0].interfaces as IDataObject[])[0]?.ipAddress, /^192\.168\.\d{1,3}\.\d{1,3}$/, 'a private IP address');
		},
	},
	{
		file: 'openvcloud-nightly-snapshots.json',
		input: [{}],
		check(outputs, t) {
			const machines = outputs('Machines in Production');
			t.equal(machines.map((machine) => machine.name), ['web-1', 'web-2', 'db-1'], 'the three machines of production, one item each');
			t.ok(machines.every((machine) => machine.cloudspaceId === 10), 'only cloud space 10');

			const taken = outputs('Take Nightly Snapshot');
			t.equal(taken.length, machines.length, 'one snapshot per machine');
			// The G8 answers with the snapshot of each disk of the machine: web-1 and db-1 have two disks, web-2 one.
			t.equal(taken.map((snapshot) => Object.keys(snapshot).length), [2, 1, 2], 'every disk of every machine snapshotted');

			const names = tonightsNames();
			const kept = outputs('Snapshots Kept');
			const tonight = kept.filter((snapshot) => names.includes(String(snapshot.name)));
			t.equal(tonight.length, machines.length, `one ${names.join(' / ')} snapshot per machine`);
			t.equal(new Set(tonight.map((snapshot) => snapshot.diskguid)).size, machines.length, 'each on a different machine');
			t.ok(
				tonight.every((snapshot) => Math.abs(Number(snapshot.epoch) - Date.now() / 1000) < 600),
				'taken just now',
			);
			t.equal(
				kept.filter((snapshot) => !names.includes(String(snapshot.name))).map((snapshot) => snapshot.name),
				['before-upgrade', 'before-pg16-upgrade'],
				'earlier snapshots are kept',
			);
		},
	},
];

export const OPENVCLOUD_TRIGGER_SCENARIOS: TriggerScenario[] = [
	{
		file: 'openvcloud-machine-stopped-alert.json',
		// Someone stops staging-web (machine 23, in cloud space 11 of account acme).
		change: {
			type: 'n8n-nodes-eurocloud.openVCloud',
			name: 'Stop staging-web',
			parameters: { resource: 'machine', operation: 'stop', machineId: { __rl: true, mode: 'id', value: '23' }, pollInterval: 0.2, waitTimeout: 30 },
			credentials: { openVCloudApi: 'openvcloudEmul01' },
		},
		check(emitted, t) {
			t.equal(emitted.length, 1, 'one event: the machine that stopped');
			const [event] = emitted;
			t.equal([event.event, event.id, event.name], ['machineStatusChanged', 23, 'staging-web'], 'which machine');
			t.equal([event.previousStatus, event.status], ['RUNNING', 'HALTED'], 'from RUNNING to HALTED');
			t.equal(event.cloudspaceId, 11, 'in cloud space staging');
			t.equal((event.interfaces as IDataObject[])?.[0]?.ipAddress, '192.168.104.10', 'the full machine (Include Full Details): its IP address');
		},
	},
];

export const OPENVCLOUD_HTTP_REQUEST_CHECKS: HttpRequestCheck[] = [
	{
		credentialType: 'openVCloudApi',
		request: ({ data }) => ({ method: 'POST', url: `${String(data.baseUrl)}/restmachine/cloudapi/cloudspaces/list` }),
		check(outputs, t) {
			const spaces = outputs('HTTP Request');
			t.equal(spaces.map((space) => space.name), ['production', 'staging'], 'the two cloud spaces of account acme');
			t.ok(spaces.every((space) => space.status === 'DEPLOYED' && space.accountId === 1), 'deployed, in account 1');
			t.equal(spaces.map((space) => space.externalnetworkip), ['185.15.201.10', '185.15.201.11'], 'public IPs');
		},
	},
];
