/**
 * Which process holds a TCP port, in plain words, so `npm run dev` can say why it cannot start instead of
 * failing with a raw EADDRINUSE. Linux: /proc/net/tcp{,6} and /proc/<pid>/fd (what `ss -ltnp` reads); then
 * `ss`, then `lsof` (macOS). A process of another user or another container may stay unnamed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

export interface PortOwner {
	pid: number;
	/** Its working directory, where the OS tells. */
	cwd?: string;
	/** The process name the OS gives (`comm`). */
	name: string;
	/** Its command line, shortened. */
	command: string;
}

export interface TakenPort {
	port: number;
	/** What the port is for, e.g. "n8n" or "OVHcloud emulator". */
	role: string;
	owners: PortOwner[];
}

/** True when nothing listens on 127.0.0.1:port (checked by listening on it for a moment). */
export async function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
	});
}

function read(file: string): string | undefined {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
}

export function processCommand(pid: number): string {
	const raw = read(`/proc/${pid}/cmdline`);
	if (!raw) return '';
	return raw.split('\0').filter(Boolean).join(' ');
}

export function processName(pid: number): string {
	return (read(`/proc/${pid}/comm`) ?? '').trim();
}

function owner(pid: number, name?: string): PortOwner {
	let cwd: string | undefined;
	try {
		cwd = readlinkSync(`/proc/${pid}/cwd`);
	} catch {
		cwd = undefined;
	}
	return { pid, cwd, name: name ?? (processName(pid) || processCommand(pid).split(' ')[0] || '?'), command: processCommand(pid) };
}

/** Socket inodes listening on the port, from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
	const inodes = new Set<string>();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		for (const line of (read(table) ?? '').split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields.length < 10 || fields[3] !== '0A') continue; // 0A: LISTEN
			const localPort = parseInt(fields[1].split(':').pop() ?? '', 16);
			if (localPort === port && fields[9] !== '0') inodes.add(fields[9]);
		}
	}
	return inodes;
}

function ownersFromProc(port: number): PortOwner[] | undefined {
	if (!existsSync('/proc/net/tcp')) return undefined;
	const inodes = listeningInodes(port);
	if (!inodes.size) return [];
	const owners: PortOwner[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let fds: string[];
		try {
			fds = readdirSync(`/proc/${entry}/fd`);
		} catch {
			continue; // gone, or another user's
		}
		for (const fd of fds) {
			let target: string;
			try {
				target = readlinkSync(`/proc/${entry}/fd/${fd}`);
			} catch {
				continue;
			}
			const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
			if (inode && inodes.has(inode)) {
				owners.push(owner(Number(entry)));
				break;
			}
		}
	}
	return owners;
}

function ownersFromTools(port: number): PortOwner[] {
	const ss = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
	if (ss.status === 0) {
		const owners = [...ss.stdout.matchAll(/\("([^"]+)",pid=(\d+)/g)].map((match) => owner(Number(match[2]), match[1]));
		if (owners.length) return owners;
	}
	const lsof = spawnSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], { encoding: 'utf8' });
	if (lsof.status === 0) {
		const owners: PortOwner[] = [];
		for (const line of lsof.stdout.split('\n')) {
			if (line.startsWith('p')) owners.push({ pid: Number(line.slice(1)), name: '?', command: '' });
			else if (line.startsWith('c') && owners.length) owners[owners.length - 1].name = line.slice(1);
		}
		for (const entry of owners) {
			const ps = spawnSync('ps', ['-o', 'command=', '-p', String(entry.pid)], { encoding: 'utf8' });
			if (ps.status === 0) entry.command = ps.stdout.trim();
		}
		return owners;
	}
	return [];
}

/** The processes listening on the port, as far as this user may see. */
export function portOwners(port: number): PortOwner[] {
	const fromProc = ownersFromProc(port);
	if (fromProc?.length) return fromProc;
	return ownersFromTools(port);
}

/** Of the ports given (port -> what it is for), the ones already taken, with who holds them. */
export async function takenPorts(ports: Array<{ port: number; role: string }>): Promise<TakenPort[]> {
	const taken: TakenPort[] = [];
	for (const { port, role } of ports) {
		if (!(await portIsFree(port))) taken.push({ port, role, owners: portOwners(port) });
	}
	return taken;
}

/**
 * One line per taken port, e.g. "port 5678 (n8n) is in use by MainThread (PID 4242): node .../n8n start,
 * left over from an earlier `npm run dev` of this checkout".
 */
export function describeTaken(taken: TakenPort[], root: string): string[] {
	return taken.map(({ port, role, owners }) => {
		if (!owners.length) return `port ${port} (${role}) is in use by a process this user cannot see (another user's, or another container's)`;
		const who = owners
			.map(({ pid, name, command, cwd }) => {
				const ours = command.includes(root) || cwd === root;
				const leftover = ours ? ', started from this checkout (left over from an earlier `npm run dev` or test run?)' : '';
				let shown = command.split(`${root}/`).join('./');
				if (shown.length > 140) shown = `${shown.slice(0, 137)}...`;
				return `${name} (PID ${pid})${shown && shown !== name ? `: ${shown}` : ''}${leftover}`;
			})
			.join('; ');
		return `port ${port} (${role}) is in use by ${who}`;
	});
}
