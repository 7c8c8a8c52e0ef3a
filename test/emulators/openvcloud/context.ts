/** What a method handler of the emulated G8 gets, and lookups that answer 404 / 403 like the G8. */
import { ApiFault, type Params } from './params';
import type { Account, CloudSpace, Disk, G8State, G8User, Machine } from './state';

export interface G8Runtime {
	/** Emulated time, Unix seconds. */
	now(): number;
	/** Runs `action` after `ms` (cleared when the emulator stops). */
	later(ms: number, action: () => void): void;
	/** How long a new cloud space takes to go from VIRTUAL to DEPLOYED. */
	cloudspaceDeployMs: number;
}

export interface CallContext {
	params: Params;
	/** Who called; undefined for methods that need no login. */
	user?: G8User;
	state: G8State;
	g8: G8Runtime;
}

export type MethodHandler = (ctx: CallContext) => unknown;

/** A method result that is a file download. */
export class FileResult {
	constructor(
		readonly name: string,
		readonly content: Buffer,
	) {}
}

export const int = (ctx: CallContext, name: string) => ctx.params[name] as number;
export const str = (ctx: CallContext, name: string) => ctx.params[name] as string;
export const given = (ctx: CallContext, name: string) => ctx.params[name] !== undefined && ctx.params[name] !== null;

function allowed(ctx: CallContext, account: Account): boolean {
	return Boolean(ctx.user?.admin || account.acl.some((entry) => entry.userId === ctx.user?.username));
}

export function account(ctx: CallContext, id: number): Account {
	const found = ctx.state.accounts.get(id);
	if (!found) throw new ApiFault(404, `Account with id ${id} not found`);
	if (!allowed(ctx, found)) throw new ApiFault(403, 'Forbidden');
	return found;
}

export function cloudspace(ctx: CallContext, id: number, options: { deleted?: boolean } = {}): CloudSpace {
	const found = ctx.state.cloudspaces.get(id);
	if (!found || (found.deleted && !options.deleted)) throw new ApiFault(404, `Cloud space with id ${id} not found`);
	account(ctx, found.accountId);
	return found;
}

export function machine(ctx: CallContext, id: number, options: { deleted?: boolean } = {}): Machine {
	const found = ctx.state.machines.get(id);
	if (!found || (found.status === 'DELETED' && !options.deleted)) throw new ApiFault(404, `Machine with id ${id} not found`);
	cloudspace(ctx, found.cloudspaceid);
	return found;
}

export function disk(ctx: CallContext, id: number, options: { deleted?: boolean } = {}): Disk {
	const found = ctx.state.disks.get(id);
	if (!found || (found.status === 'DELETED' && !options.deleted)) throw new ApiFault(404, `Disk with id ${id} not found`);
	account(ctx, found.accountId);
	return found;
}

/** The access-rights methods of accounts, cloud spaces and machines. */
export function aclHandlers(target: (ctx: CallContext) => { acl: Array<{ userId: string; right: string }> }) {
	const RIGHTS = new Set(['R', 'RCX', 'ARCXDU']);
	const right = (ctx: CallContext) => {
		const value = str(ctx, 'accesstype');
		if (!RIGHTS.has(value)) throw new ApiFault(400, `Invalid access type ${value}`);
		return value;
	};
	return {
		addUser(ctx: CallContext) {
			const { acl } = target(ctx);
			const userId = str(ctx, 'userId');
			if (acl.some((entry) => entry.userId === userId)) throw new ApiFault(409, `User ${userId} already has access`);
			acl.push({ userId, right: right(ctx) });
			return true;
		},
		updateUser(ctx: CallContext) {
			const { acl } = target(ctx);
			const entry = acl.find((candidate) => candidate.userId === str(ctx, 'userId'));
			if (!entry) throw new ApiFault(404, `User ${str(ctx, 'userId')} has no access`);
			const changed = entry.right !== right(ctx);
			entry.right = right(ctx);
			return changed;
		},
		deleteUser(ctx: CallContext) {
			const holder = target(ctx);
			const before = holder.acl.length;
			holder.acl = holder.acl.filter((entry) => entry.userId !== str(ctx, 'userId'));
			if (holder.acl.length === before) throw new ApiFault(404, `User ${str(ctx, 'userId')} has no access`);
			return true;
		},
	};
}
