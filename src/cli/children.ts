// Owns stopping what the CLI started when it must exit at once (a second Ctrl-C): every child
// process of ours and its process group (commands run detached in their own group, see
// core/tools/shell.ts), found through /proc on Linux. Elsewhere it does nothing; the OS then
// delivers the terminal's Ctrl-C to the foreground group anyway.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of the direct children of `parent` (Linux /proc; empty elsewhere). */
export function childPids(parent: number = process.pid): number[] {
  if (process.platform !== 'linux') return [];
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command name (which may hold spaces and parentheses): state, ppid, pgrp.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** SIGKILLs each child's process group (when it leads one) and the child itself. Never throws. */
export function killChildProcessGroups(parent: number = process.pid): void {
  for (const pid of childPids(parent)) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // Not a group leader, or already gone.
      }
    }
  }
}
