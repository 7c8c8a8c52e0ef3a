/**
 * `npx tsx scripts/openvcloud/check-catalog.ts [reference.json]`: compares the node's OpenvCloud catalog with
 * the reference extracted from the OpenvCloud actor specs (actors, methods, parameter names, types,
 * required flags, defaults, long-running flags) and the emulator's facts table. Prints every difference;
 * exits non-zero if there is one. The reference lives outside the repository, hence a script, not a test.
 */
import { readFileSync } from 'node:fs';

import { apiType, CATALOG } from '../../nodes/OpenVCloud/catalog';
import { CLOUDAPI_FACTS } from '../../test/emulators/openvcloud/api-facts';

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
interface Reference {
	actors: Array<{ name: string; methods: RefMethod[] }>;
}

const file = process.argv[2] ?? '/work/shared/reference/api/openvcloud-cloudapi.json';
const reference = JSON.parse(readFileSync(file, 'utf8')) as Reference;
const problems: string[] = [];
let methods = 0;
let params = 0;
let longRunning = 0;

for (const refActor of reference.actors) {
	const actor = CATALOG.find((candidate) => candidate.actor === refActor.name);
	if (!actor) {
		problems.push(`actor ${refActor.name} is missing`);
		continue;
	}
	if (actor.methods.length !== refActor.methods.length) {
		problems.push(`${refActor.name}: ${actor.methods.length} methods, reference has ${refActor.methods.length}`);
	}
	for (const refMethod of refActor.methods) {
		const path = `${refActor.name}/${refMethod.name}`;
		const method = actor.methods.find((candidate) => candidate.name === refMethod.name);
		if (!method) {
			problems.push(`${path} is missing`);
			continue;
		}
		methods++;
		if (refMethod.longRunning) longRunning++;
		if (Boolean(method.longRunning) !== refMethod.longRunning) problems.push(`${path}: long-running differs`);
		if (Boolean(method.noAuth) !== !refMethod.auth) problems.push(`${path}: authentication differs`);
		const names = method.params.map((param) => param.name);
		const refNames = refMethod.parameters.map((param) => param.name);
		if (JSON.stringify(names) !== JSON.stringify(refNames)) {
			problems.push(`${path}: parameters ${names.join(',')} vs reference ${refNames.join(',')}`);
		}
		for (const refParam of refMethod.parameters) {
			params++;
			const param = method.params.find((candidate) => candidate.name === refParam.name);
			if (!param) continue;
			const where = `${path} ${refParam.name}`;
			if (apiType(param) !== refParam.type) problems.push(`${where}: type ${apiType(param)} vs ${refParam.type}`);
			if (Boolean(param.required) !== refParam.required) problems.push(`${where}: required ${param.required} vs ${refParam.required}`);
			const refDefault = refParam.default ?? undefined;
			if (param.default !== refDefault) problems.push(`${where}: default ${String(param.default)} vs ${String(refDefault)}`);
		}
		const facts = CLOUDAPI_FACTS.find((candidate) => candidate.path === path);
		const factNames = facts?.params.map(([name, type, required]) => `${name}:${type}:${required}`);
		const refFacts = refMethod.parameters.map((param) => `${param.name}:${param.type}:${param.required}`);
		if (JSON.stringify(factNames) !== JSON.stringify(refFacts)) problems.push(`${path}: emulator facts differ`);
	}
}

console.log(`catalog: ${CATALOG.length} actors, ${methods} methods, ${params} parameters, ${longRunning} long-running`);
if (problems.length) {
	console.log(problems.join('\n'));
	process.exit(1);
}
console.log('catalog matches the reference');
