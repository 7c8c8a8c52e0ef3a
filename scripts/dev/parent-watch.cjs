// Preloaded into n8n by the dev scripts (`node --require parent-watch.cjs .../n8n start`): when the process that
// started n8n is gone, even killed with SIGKILL, n8n is asked to stop as if by Ctrl-C (SIGTERM); if it has not
// stopped 15 s later, its own child processes (the task runner) and then n8n are killed. So no n8n is left holding
// its ports. Plain CommonJS: it runs in n8n's own Node, before n8n.
'use strict';
const { readdirSync, readFileSync } = require('node:fs');

const parent = process.ppid;

function childProcesses() {
	const found = [];
	try {
		for (const entry of readdirSync('/proc')) {
			if (!/^\d+$/.test(entry)) continue;
			try {
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid) found.push(Number(entry));
			} catch {
				// gone
			}
		}
	} catch {
		// no /proc
	}
	return found;
}

const timer = setInterval(() => {
	let gone = process.ppid !== parent;
	if (!gone) {
		try {
			process.kill(parent, 0);
		} catch (error) {
			gone = error.code === 'ESRCH';
		}
	}
	if (!gone) return;
	clearInterval(timer);
	process.kill(process.pid, 'SIGTERM');
	setTimeout(() => {
		for (const child of childProcesses()) {
			try {
				process.kill(child, 'SIGKILL');
			} catch {
				// gone
			}
		}
		process.kill(process.pid, 'SIGKILL');
	}, 15000).unref();
}, 1000);
timer.unref();
