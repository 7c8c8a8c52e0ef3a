/** Backup node routes: create, read, update, delete, activation with the name check, password, filespaces, proxies, retention, node groups. */
import type { CloutilityEmulator, CloutilityUser } from '../cloutility';
import {
	CLIENT_OPTION_SETS,
	DEFAULT_SERVER,
	DOMAINS,
	NODE_TYPES,
	OPERATING_SYSTEMS,
	STORAGE_PROTECT_NAME,
	type BackupNode,
	type Consumer,
	type Json,
} from '../cloutility-world';
import { apply, failure, notFound, refId } from '../cloutility-views';
import { json, type EmulatorRequest, type EmulatorResponse } from '../kit';

export function nodeRoutes(portal: CloutilityEmulator): void {
	const path = '/v1/bunits/:bunitId/consumers/:consumerId/node';
	const withNode = (method: string, suffix: string, answer: (found: { consumer: Consumer; node: BackupNode }, request: EmulatorRequest, user: CloutilityUser) => EmulatorResponse) =>
		portal.on(method, suffix ? `${path}/${suffix}` : path, (request, user) => {
			const found = portal.node(request, user);
			return 'status' in found ? found : answer(found, request, user);
		});
	portal.on('POST', path, (request, user) => {
		const consumer = portal.consumer(request, user);
		if ('status' in consumer) return consumer;
		if (portal.world.nodes.has(consumer.id)) return failure(409, 'conflict', `Consumption unit ${consumer.id} already has a backup node`);
		const body = request.json<Json>() ?? {};
		const setup = nodeSetup(body, {});
		if ('status' in setup) return setup;
		const node = portal.world.newNode(consumer.id, setup);
		node.contact = typeof body.contact === 'string' ? body.contact : '';
		node.cpuCount = typeof body.cpuCount === 'number' ? body.cpuCount : 1;
		portal.world.nodes.set(consumer.id, node);
		portal.world.log(100, consumer.bunitId, `Backup node for ${consumer.name} created`, user.username, consumer.id);
		return json(200, portal.views.node(node));
	});
	withNode('GET', '', ({ node }) => json(200, portal.views.node(node)));
	withNode('PUT', '', ({ consumer, node }, request, user) => {
		const body = request.json<Json>() ?? {};
		const setup = nodeSetup(body, node);
		if ('status' in setup) return setup;
		Object.assign(node, setup);
		apply(node, body, ['contact', 'cpuCount']);
		portal.world.log(200, consumer.bunitId, `Backup node of ${consumer.name} modified`, user.username, consumer.id);
		return json(200, portal.views.node(node));
	});
	withNode('DELETE', '', ({ consumer, node }, _request, user) => {
		const gone = portal.views.node(node);
		portal.world.removeConsumer(consumer.id);
		portal.world.log(300, consumer.bunitId, `Backup node and consumption unit ${consumer.name} deleted`, user.username, consumer.id);
		return json(200, gone);
	});
	withNode('GET', 'spname', ({ consumer }) => json(200, consumer.name.toUpperCase().replace(/[^A-Z0-9_.\-+&]/g, '_').slice(0, 64)));
	withNode('GET', 'activate', ({ consumer, node }, request, user) => {
		const name = request.query.get('tsmName') ?? '';
		if (!STORAGE_PROTECT_NAME.test(name)) {
			return failure(400, 'invalid_node_name', `"${name}" is not a valid node name`, 'Node names have 1 to 64 characters from A-Z, 0-9, _ . - + &');
		}
		if (node.activatedDate) return failure(409, 'conflict', `The backup node is already activated as ${String(node.tsmName)}`);
		const taken = [...portal.world.nodes.values()].some((other) => other.tsmName === name.toUpperCase());
		if (taken) return failure(409, 'conflict', `Node name ${name.toUpperCase()} is already registered on the server`);
		portal.world.activate(consumer.id, name);
		portal.world.log(200, consumer.bunitId, `Backup node ${String(node.tsmName)} activated`, user.username, consumer.id);
		return json(200, `Node ${String(node.tsmName)} registered on ${DEFAULT_SERVER.name}`);
	});
	withNode('POST', 'password', ({ consumer, node }, request, user) => {
		const password = (request.json<Json>() ?? {}).tsmPassword;
		if (typeof password !== 'string' || password.length === 0 || password.length > 64) {
			return failure(400, 'invalid_request', 'tsmPassword must have 1 to 64 characters');
		}
		node.tsmPassword = password;
		portal.world.log(200, consumer.bunitId, `Password of ${consumer.name} changed`, user.username, consumer.id);
		return json(200, portal.views.node(node));
	});
	withNode('GET', 'filespaces', ({ node }, request) => {
		if (request.query.get('tsmSync') === 'true') node.lastTsmSync = portal.world.timestamp();
		return portal.list(request, portal.world.filespaces(node));
	});
	withNode('GET', 'possibleproxynodes', ({ consumer, node }, request) => {
		const related = new Set(portal.world.proxies.filter((pair) => pair.agent === consumer.id || pair.target === consumer.id).flatMap((pair) => [pair.agent, pair.target]));
		const candidates = [...portal.world.nodes.values()].filter(
			(other) => other !== node && other.activatedDate && !related.has(other.consumerId) && portal.world.consumers.get(other.consumerId)?.bunitId === consumer.bunitId,
		);
		return portal.list(request, candidates.map((other) => portal.views.node(other, false)));
	});
	const relate = (agent: number, target: number) => {
		if (agent === target) return failure(400, 'invalid_request', 'A node cannot be its own proxy');
		if (!portal.world.proxies.some((pair) => pair.agent === agent && pair.target === target)) portal.world.proxies.push({ agent, target });
		return undefined;
	};
	const other = (request: EmulatorRequest, user: CloutilityUser, name: string) => {
		const id = request.params[name] ?? request.query.get(name);
		if (!id || !/^\d+$/.test(id)) return failure(400, 'invalid_request', `${name} is required`);
		const consumer = portal.world.consumers.get(Number(id));
		if (!consumer || !portal.world.subtree(user.bunitId).includes(consumer.bunitId)) return notFound(`Consumption unit ${id}`);
		if (!portal.world.nodes.has(consumer.id)) return failure(404, 'not_found', `Consumption unit ${id} has no backup node`);
		return consumer;
	};
	withNode('POST', 'proxyagents', ({ consumer, node }, request, user) => {
		const agent = other(request, user, 'proxyAgentId');
		if ('status' in agent) return agent;
		const refused = relate(agent.id, consumer.id);
		if (refused) return refused;
		portal.world.log(200, consumer.bunitId, `${agent.name} is now a proxy agent of ${consumer.name}`, user.username, consumer.id);
		return json(200, portal.views.node(node));
	});
	withNode('POST', 'proxytargets', ({ consumer, node }, request, user) => {
		const target = other(request, user, 'proxyTargetId');
		if ('status' in target) return target;
		const refused = relate(consumer.id, target.id);
		if (refused) return refused;
		portal.world.log(200, consumer.bunitId, `${consumer.name} is now a proxy agent of ${target.name}`, user.username, consumer.id);
		return json(200, portal.views.node(node));
	});
	const sever = (agent: number, target: number) => {
		const index = portal.world.proxies.findIndex((pair) => pair.agent === agent && pair.target === target);
		if (index === -1) return failure(404, 'not_found', `Consumption unit ${agent} is not a proxy agent of ${target}`);
		portal.world.proxies.splice(index, 1);
		return { status: 204 } as EmulatorResponse;
	};
	withNode('DELETE', 'proxyagents/:proxyConsumerId', ({ consumer }, request, user) => {
		const agent = other(request, user, 'proxyConsumerId');
		return 'status' in agent ? agent : sever(agent.id, consumer.id);
	});
	withNode('DELETE', 'proxytargets/:targetConsumerId', ({ consumer }, request, user) => {
		const target = other(request, user, 'targetConsumerId');
		return 'status' in target ? target : sever(consumer.id, target.id);
	});
	withNode('GET', 'retentionRules', ({ node }, request) =>
		portal.list(request, [{ id: 61, name: `${String(node.tsmName ?? 'NODE')}-MONTHLY`, retentionDays: 365, isActive: true, frequency: 'Monthly', scheduleStyle: 'Enhanced' }]),
	);
	withNode('POST', 'nodegroups', ({ consumer, node }, request, user) => {
		const name = (request.json<Json>() ?? {}).name;
		if (typeof name !== 'string' || !STORAGE_PROTECT_NAME.test(name)) return failure(400, 'invalid_request', 'A node group needs a valid name');
		const group = { id: portal.world.id(), name: name.toUpperCase(), createdDate: portal.world.timestamp() };
		node.nodeGroups.push(group);
		portal.world.log(100, consumer.bunitId, `Node group ${group.name} created`, user.username, consumer.id);
		return json(200, group);
	});
}

/** Operating system, node type, policy domain and option set of a node body, checked; current values fill gaps. */
function nodeSetup(body: Json, current: Partial<BackupNode>) {
	const pick = (key: string, fallback: number | undefined) => refId(body, key) ?? fallback;
	const setup = {
		operatingSystemId: pick('operatingSystem', current.operatingSystemId),
		typeId: pick('type', current.typeId),
		domainId: pick('domain', current.domainId),
		clientOptionSetId: pick('clientOptionSet', current.clientOptionSetId),
	};
	const os = OPERATING_SYSTEMS.find((candidate) => candidate.id === setup.operatingSystemId);
	if (!os) return failure(400, 'invalid_request', `Operating system ${String(setup.operatingSystemId)} does not exist`, 'Send operatingSystem: {id}');
	if (!NODE_TYPES.some((type) => type.id === setup.typeId)) return failure(400, 'invalid_request', `Node type ${String(setup.typeId)} does not exist`, 'Send type: {id}');
	if (!os.supportedNodeTypeIds.includes(setup.typeId!)) {
		return failure(400, 'invalid_request', `Node type ${String(setup.typeId)} is not supported on ${os.name}`);
	}
	if (!DOMAINS.some((domain) => domain.id === setup.domainId)) {
		return failure(400, 'invalid_request', `Policy domain ${String(setup.domainId)} is not on the default server`, 'Send domain: {id}');
	}
	if (!CLIENT_OPTION_SETS.some((set) => set.id === setup.clientOptionSetId)) {
		return failure(400, 'invalid_request', `Client option set ${String(setup.clientOptionSetId)} is not on the default server`, 'Send clientOptionSet: {id}');
	}
	return setup as { operatingSystemId: number; typeId: number; domainId: number; clientOptionSetId: number };
}
