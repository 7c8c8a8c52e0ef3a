/**
 * `npx tsx scripts/openvcloud/check-catalog.ts [reference.json]`: compares the node's OpenvCloud catalog with
 * the reference extracted from the OpenvCloud actor specs (actors, methods, parameter names, types,
 * required flags, defaults, long-running flags) and the emulator's facts table; then the newer methods and
 * parameters (2.5+) with the reference's `additionalEndpointsSeenElsewhere` (names, long-running) and the
 * emulator's facts (names, types, required). Every endpoint seen elsewhere is either an operation (or a
 * parameter of one) or listed below as left to the HTTP Request node. Prints every difference; exits
 * non-zero if there is one. The reference lives outside the repository, hence a script, not a test.
 */
import { readFileSync } from 'node:fs';

import { apiType, CATALOG, isNewer, type CatalogMethod } from '../../nodes/OpenVCloud/catalog';
import { CLOUDAPI_FACTS, SPEC_FACTS } from '../../test/emulators/openvcloud/api-facts';

interface RefParam {
	name: string;
	type: string;
	required: boolean;
	default: unknown;
}
interface RefMethod {
	name: string;
	longRunning: boolean;
	auth: boolean;
	parameters: RefParam[];
}
interface SeenElsewhere {
	path: string;
	parametersSeen: string[];
	longRunning: boolean;
}
interface Reference {
	actors: Array<{ name: string; methods: RefMethod[] }>;
	additionalEndpointsSeenElsewhere: SeenElsewhere[];
}

/** Endpoints seen elsewhere that stay for the HTTP Request node (the README says why). */
const LEFT_TO_HTTP_REQUEST = [
	'machines/configureAlertCallBack',
	'machines/stats',
	'cloudspaces/stats',
	'accounts/stats',
	'billing/calculate',
];

const file = process.argv[2] ?? '/work/shared/reference/api/openvcloud-cloudapi.json';
const reference = JSON.parse(readFileSync(file, 'utf8')) as Reference;
const problems: string[] = [];
let methods = 0;
let params = 0;
let longRunning = 0;

const factsOf = (path: string) => CLOUDAPI_FACTS.find((candidate) => candidate.path === path);
const factText = (facts: ReadonlyArray<readonly [string, string, boolean]> | undefined) =>
	facts?.map(([name, type, required]) => `${name}:${type}:${required}`);

/** The emulator's facts agree with the catalog on these parameters (names, order, types, required). */
function checkFacts(path: string, method: CatalogMethod, newerOnly: boolean) {
	const facts = factsOf(path)?.params.filter(([name]) => !newerOnly || method.params.some((param) => param.name === name && isNewer(param)));
	const catalog = method.params.filter((param) => !newerOnly || isNewer(param)).map((param) => [param.name, apiType(param), Boolean(param.required)] as const);
	if (JSON.stringify(factText(facts)) !== JSON.stringify(factText(catalog))) problems.push(`${path}: emulator facts differ for the newer parameters`);
}

for (const refActor of reference.actors) {
	const actor = CATALOG.find((candidate) => candidate.actor === refActor.name);
	if (!actor) {
		problems.push(`actor ${refActor.name} is missing`);
		continue;
	}
	const specMethods = actor.methods.filter((method) => !method.newer);
	if (specMethods.length !== refActor.methods.length) {
		problems.push(`${refActor.name}: ${specMethods.length} methods, reference has ${refActor.methods.length}`);
	}
	for (const refMethod of refActor.methods) {
		const path = `${refActor.name}/${refMethod.name}`;
		const method = specMethods.find((candidate) => candidate.name === refMethod.name);
		if (!method) {
			problems.push(`${path} is missing`);
			continue;
		}
		methods++;
		if (refMethod.longRunning) longRunning++;
		if (Boolean(method.longRunning) !== refMethod.longRunning) problems.push(`${path}: long-running differs`);
		if (Boolean(method.noAuth) !== !refMethod.auth) problems.push(`${path}: authentication differs`);
		const specParams = method.params.filter((param) => !isNewer(param));
		const names = specParams.map((param) => param.name);
		const refNames = refMethod.parameters.map((param) => param.name);
		if (JSON.stringify(names) !== JSON.stringify(refNames)) {
			problems.push(`${path}: parameters ${names.join(',')} vs reference ${refNames.join(',')}`);
		}
		for (const refParam of refMethod.parameters) {
			params++;
			const param = specParams.find((candidate) => candidate.name === refParam.name);
			if (!param) continue;
			const where = `${path} ${refParam.name}`;
			if (apiType(param) !== refParam.type) problems.push(`${where}: type ${apiType(param)} vs ${refParam.type}`);
			if (Boolean(param.required) !== refParam.required) problems.push(`${where}: required ${param.required} vs ${refParam.required}`);
			const refDefault = refParam.default ?? undefined;
			if (param.default !== refDefault) problems.push(`${where}: default ${String(param.default)} vs ${String(refDefault)}`);
		}
		const specFacts = SPEC_FACTS.find((candidate) => candidate.path === path);
		const refFacts = refMethod.parameters.map((param) => `${param.name}:${param.type}:${param.required}`);
		if (JSON.stringify(factText(specFacts?.params)) !== JSON.stringify(refFacts)) problems.push(`${path}: emulator facts differ`);
		if (method.params.some(isNewer)) checkFacts(path, method, true);
	}
}

// The newer API: every method or parameter marked newer is seen elsewhere, and everything seen elsewhere is
// an operation, a parameter of one, or left to the HTTP Request node.
let newerMethods = 0;
let newerParams = 0;
const seenPaths = new Set<string>();
for (const seen of reference.additionalEndpointsSeenElsewhere) {
	const path = seen.path.replace('/restmachine/cloudapi/', '');
	seenPaths.add(path);
	const [actorName, methodName] = path.split('/');
	const method = CATALOG.find((candidate) => candidate.actor === actorName)?.methods.find((candidate) => candidate.name === methodName);
	const seenNames = seen.parametersSeen.map((name) => name.split(' ')[0]);
	if (!method) {
		if (!LEFT_TO_HTTP_REQUEST.includes(path)) problems.push(`${path} (seen elsewhere) is neither an operation nor left to the HTTP Request node`);
		continue;
	}
	if (LEFT_TO_HTTP_REQUEST.includes(path)) problems.push(`${path} is an operation but listed as left to the HTTP Request node`);
	if (method.newer) {
		newerMethods++;
		newerParams += method.params.length;
		if (Boolean(method.longRunning) !== seen.longRunning) problems.push(`${path}: long-running differs from what was seen`);
		const names = method.params.map((param) => param.name);
		if (JSON.stringify([...names].sort()) !== JSON.stringify([...seenNames].sort())) {
			problems.push(`${path}: parameters ${names.join(',')} vs seen ${seenNames.join(',')}`);
		}
		if (method.params.some(isNewer)) problems.push(`${path}: a newer method's parameters are not marked one by one`);
		checkFacts(path, method, false);
	} else {
		const extra = method.params.filter(isNewer).map((param) => param.name);
		newerParams += extra.length;
		const missing = seenNames.filter((name) => !method.params.some((param) => param.name === name));
		if (missing.length) problems.push(`${path}: parameters seen elsewhere are missing: ${missing.join(',')}`);
		if (extra.length === 0) problems.push(`${path}: seen elsewhere with newer parameters, but none is marked newer`);
	}
}
for (const actor of CATALOG) {
	for (const method of actor.methods) {
		const path = `${actor.actor}/${method.name}`;
		const marked = method.newer || method.params.some(isNewer);
		if (marked && !seenPaths.has(path)) problems.push(`${path} is marked newer but was not seen elsewhere`);
	}
}

console.log(`catalog: ${CATALOG.length} actors, ${methods} methods, ${params} parameters, ${longRunning} long-running (2.4.5)`);
console.log(`newer API (2.5+): ${newerMethods} methods, ${newerParams} parameters; left to the HTTP Request node: ${LEFT_TO_HTTP_REQUEST.join(', ')}`);
if (problems.length) {
	console.log(problems.join('\n'));
	process.exit(1);
}
console.log('catalog matches the reference');
