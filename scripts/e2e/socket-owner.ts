/**
 * Which of a few known processes holds the other end of a loopback TCP connection (Linux only): the
 * connection is found in /proc/net/tcp by its two ports, and its socket inode among the file descriptors
 * of each process (and its children, e.g. n8n's task runner). Used while the connection is open, from the
 * server side of it, to tell which n8n process (main or a worker) sent a request.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

function inodeOf(clientPort: number, serverPort: number): string | undefined {
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text = '';
		try {
			text = readFileSync(table, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields.length < 10) continue;
			const local = parseInt(fields[1].split(':')[1], 16);
			const remote = parseInt(fields[2].split(':')[1], 16);
			if (local === clientPort && remote === serverPort) return fields[9];
		}
	}
	return undefined;
}

function childrenOf(pid: number): number[] {
	try {
		return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
			readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
				.split(/\s+/)
				.filter(Boolean)
				.map(Number),
		);
	} catch {
		return [];
	}
}

function holds(pid: number, socket: string): boolean {
	let fds: string[] = [];
	try {
		fds = readdirSync(`/proc/${pid}/fd`);
	} catch {
		return false;
	}
	return fds.some((fd) => {
		try {
			return readlinkSync(`/proc/${pid}/fd/${fd}`) === socket;
		} catch {
			return false;
		}
	});
}

/**
 * The name of the process (of `processes`, by PID; their children count as them) at the client end of the
 * connection from `clientPort` to `serverPort`, or `other`.
 */
export function socketOwner(clientPort: number, serverPort: number, processes: Map<number, string>): string {
	const inode = inodeOf(clientPort, serverPort);
	if (!inode) return 'other (connection not found)';
	const socket = `socket:[${inode}]`;
	for (const [pid, name] of processes) {
		const family = [pid, ...childrenOf(pid)];
		if (family.some((member) => holds(member, socket))) return name;
	}
	return 'other';
}
