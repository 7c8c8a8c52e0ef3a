/**
 * Work that finishes later, in the OVHcloud emulator. The operations the catalog says can wait (`w`, derived
 * from the schema) start it: a task (its answer gets an ID and a state), an order (an `orderId`), a v2 resource
 * change (`resourceStatus` CREATING, UPDATING or DELETING and a current task). The route it is read on reports
 * its state as real time passes: half of the plan's duration waiting (`todo`, `PENDING`, `checking`), the rest
 * running (`doing`, `RUNNING`, `delivering`), then the plan's outcome: done (`done`, `DONE`, `delivered`,
 * READY; a deleted resource answers 404), an error with a comment, cancelled, or waiting for the customer.
 * Task routes answer 404 for tasks nobody started. Plans are set per operation (`METHOD path`) or by default.
 */
import { randomUUID } from 'node:crypto';

import type { CatalogWait } from '../../nodes/OvhCloud/catalog/types';
import type { EmulatorResponse } from './kit';
import type { MatchedOperation } from './ovh-catalog';

export interface WorkPlan {
	/** How long the work takes, in milliseconds. */
	durationMs: number;
	/** How it ends. */
	outcome: 'done' | 'error' | 'cancelled' | 'needsCustomer';
	/** What OVHcloud says about it at the end (a task's comment, a resource task's error). */
	comment?: string;
}

interface Work {
	branch: string;
	wait: CatalogWait;
	method: string;
	plan: WorkPlan;
	started: number;
	/** The object as answered, updated on each read. */
	value: Record<string, unknown>;
}

type Phase = 'waiting' | 'running' | WorkPlan['outcome'];

/** The state names of each kind of work, by phase (v1 tasks in lower case, v2 tasks in upper case). */
const STATES: Record<'v1' | 'v2' | 'order' | 'resource', Record<Phase, string>> = {
	v1: { waiting: 'todo', running: 'doing', done: 'done', error: 'error', cancelled: 'cancelled', needsCustomer: 'waitingAck' },
	v2: { waiting: 'PENDING', running: 'RUNNING', done: 'DONE', error: 'ERROR', cancelled: 'ERROR', needsCustomer: 'WAITING_USER_INPUT' },
	order: {
		waiting: 'checking',
		running: 'delivering',
		done: 'delivered',
		error: 'cancelled',
		cancelled: 'cancelled',
		needsCustomer: 'documentsRequested',
	},
	resource: { waiting: '', running: '', done: 'READY', error: 'ERROR', cancelled: 'ERROR', needsCustomer: 'ERROR' },
};

const RESOURCE_CHANGE: Record<string, string> = { POST: 'CREATING', PUT: 'UPDATING', DELETE: 'DELETING' };

const notFound = (what: string): EmulatorResponse => ({
	status: 404,
	body: { errorCode: 'RESOURCE_NOT_FOUND', httpCode: '404 Not Found', message: `The requested object (${what}) does not exist` },
});

export class OvhWork {
	/** The plan of operations without their own: instant success. */
	defaultPlan: WorkPlan = { durationMs: 0, outcome: 'done' };

	private readonly plans = new Map<string, WorkPlan>();

	/** Work by the route it is read on and the values of its placeholders (see `key`). */
	private readonly works = new Map<string, Work>();

	private nextId = 5000;

	/** Sets how the work of an operation (`POST /dedicated/server/{serviceName}/reinstall`) goes. */
	plan(operation: string, plan: Partial<WorkPlan>) {
		this.plans.set(operation, { ...this.defaultPlan, ...plan });
	}

	/** Forgets plans and work. */
	clear() {
		this.plans.clear();
		this.works.clear();
		this.defaultPlan = { durationMs: 0, outcome: 'done' };
	}

	/** `v1 /dedicated/server/{serviceName}/task/{taskId} ns1 1001`: a route and its (decoded) placeholder values. */
	private key(branch: string, template: string, values: (name: string) => unknown): string {
		const names = [...template.matchAll(/\{([^}]+)\}/g)].map((found) => found[1]);
		return [branch, template, ...names.map((name) => String(values(name)))].join('\u0000');
	}

	private phase(work: Work): Phase {
		const elapsed = Date.now() - work.started;
		if (elapsed >= work.plan.durationMs) return work.plan.outcome;
		return elapsed < work.plan.durationMs / 2 ? 'waiting' : 'running';
	}

	/** The object in its current state. */
	private current(work: Work): Record<string, unknown> | string {
		const phase = this.phase(work);
		const end = phase !== 'waiting' && phase !== 'running';
		const comment = end && phase !== 'done' ? work.plan.comment : undefined;
		if (work.wait.k === 'order') return STATES.order[phase];
		if (work.wait.k === 'task') {
			const states = STATES[work.branch === 'v2' ? 'v2' : 'v1'];
			work.value[work.wait.s ?? 'status'] = states[phase];
			if (comment) work.value[work.branch === 'v2' ? 'message' : 'comment'] = comment;
			if (phase === 'done') work.value.doneDate = new Date().toISOString();
			return work.value;
		}
		if (!end) return work.value;
		work.value.resourceStatus = STATES.resource[phase];
		work.value.currentTasks = comment
			? [{ id: randomUUID(), type: 'Resource', status: 'ERROR', link: '', errors: [{ message: comment }] }]
			: [];
		return work.value;
	}

	/** Answers a read of started work, or undefined when the route is not one or nothing was started there. */
	read(branch: string, match: MatchedOperation): EmulatorResponse | undefined {
		if (match.operation.m !== 'GET') return undefined;
		const key = this.key(branch, match.operation.p, (name) => match.params[name]);
		const work = this.works.get(key);
		const what = Object.entries(match.params).map(([name, value]) => `${name} = ${value}`).join(', ');
		if (!work) {
			const isTaskRoute = match.operation.w?.k === 'task' && match.operation.w.p === match.operation.p;
			return isTaskRoute ? notFound(what) : undefined;
		}
		if (work.wait.k === 'resource' && work.method === 'DELETE' && this.phase(work) === 'done') {
			this.works.delete(key);
			return notFound(what);
		}
		return { status: 200, body: this.current(work) };
	}

	/**
	 * After an operation that can wait was answered: gives its answer an ID and a state where it has none, and
	 * records the work on the route it is read on. Returns the answer to send.
	 */
	started(branch: string, match: MatchedOperation, answer: unknown): unknown {
		const wait = match.operation.w;
		if (!wait || match.operation.m === 'GET' || answer === null || typeof answer !== 'object') return answer;
		const plan = this.plans.get(`${match.operation.m} ${match.operation.p}`) ?? this.defaultPlan;
		const list = Array.isArray(answer) ? (answer as unknown[]) : [answer];
		const answered = list.map((entry) => {
			const value = { ...(entry as Record<string, unknown>) };
			// A new ID, unless a handler gave one (the generic answer copies path values, e.g. a name server's {id}).
			const given = wait.i ? value[wait.i] : undefined;
			if (wait.i && (given === undefined || given === null || String(given) === match.params[wait.i])) value[wait.i] = branch === 'v2' ? randomUUID() : this.nextId++;
			const work: Work = { branch, wait, method: match.operation.m, plan, started: Date.now(), value };
			const names = [...wait.p.matchAll(/\{([^}]+)\}/g)].map((found) => found[1]);
			const last = names[names.length - 1];
			this.works.set(this.key(branch, wait.p, (name) => (wait.i && name === last ? value[wait.i] : match.params[name])), work);
			if (wait.k === 'order') return value;
			// A state the answer already has (a handler's own task) stays; work planned to take no time is over at once.
			if (wait.k === 'task' && value[wait.s ?? 'status'] !== undefined) return value;
			if (plan.durationMs === 0) return this.current(work);
			if (wait.k === 'task') value[wait.s ?? 'status'] = STATES[branch === 'v2' ? 'v2' : 'v1'].waiting;
			else {
				value.resourceStatus = RESOURCE_CHANGE[match.operation.m];
				value.currentTasks = [{ id: randomUUID(), type: `Resource${match.operation.m}`, status: 'PENDING', link: '' }];
			}
			return value;
		});
		return Array.isArray(answer) ? answered : answered[0];
	}
}
