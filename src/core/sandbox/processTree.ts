// Owns ending a command's processes when no sandbox holds them: on Linux the tree is read from
// /proc — descendants by parent pid, plus everything still in the command's session or process
// group, or carrying the run's marker variable in its environment — so children that called setsid,
// and double-forked daemons, are found. A process that also clears its environment (`env -i`) after
// leaving the session escapes this; the sandbox's PID namespace is what ends those.
import { readdirSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/** A fresh NAME=value entry that marks one run's processes. */
export function runMarker(): string {
  return `${RUN_MARKER}=${randomUUID()}`;
}

interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
  /** Start time in clock ticks: tells a pid apart from a later process that reuses it. */
  start: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (f[0] === 'Z' || f[0] === 'X') return undefined;
    return { pid, ppid: Number(f[1]), pgrp: Number(f[2]), session: Number(f[3]), start: f[19] };
  } catch {
    return undefined;
  }
}

function allProcesses(): ProcInfo[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const out: ProcInfo[] = [];
  for (const n of names) if (/^\d+$/.test(n)) {
    const p = readProc(Number(n));
    if (p) out.push(p);
  }
  return out;
}

/** The variable every process of one run inherits (see ProcessTracker.marker). */
export const RUN_MARKER = 'TANDEM_RUN_ID';

function carries(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker);
  } catch {
    return false;
  }
}

/**
 * The processes that belong to the command whose leader is `leader` (its group, session, marker).
 * Only processes that started no earlier than the leader can carry its marker, so only their
 * environments are read (reading every process's is slow on a busy machine).
 */
export function commandProcesses(leader: number, marker?: string, leaderStart?: string): Map<number, string> {
  const found = new Map<number, string>();
  if (process.platform !== 'linux') return found;
  const procs = allProcesses();
  const since = Number(leaderStart ?? procs.find((p) => p.pid === leader)?.start ?? Infinity);
  const children = new Map<number, ProcInfo[]>();
  for (const p of procs) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid)!.push(p);
    if (p.pgrp === leader || p.session === leader || (marker && p.pid !== process.pid && Number(p.start) >= since && carries(p.pid, marker))) found.set(p.pid, p.start);
  }
  // Descendants of the leader and of every group or session member, however they detached.
  const queue = [leader, ...found.keys()];
  const seen = new Set(queue);
  while (queue.length) {
    const pid = queue.shift()!;
    for (const c of children.get(pid) ?? []) {
      if (seen.has(c.pid)) continue;
      seen.add(c.pid);
      found.set(c.pid, c.start);
      queue.push(c.pid);
    }
  }
  found.delete(process.pid);
  return found;
}

/** Tracks a command's processes so they can all be ended, even after some left its group. */
export class ProcessTracker {
  private readonly known = new Map<number, string>();
  private readonly leaderStart: string | undefined;

  /**
   * `marker`: the NAME=value the run's environment carries (see runMarker()). `scan: false` when a
   * PID namespace holds the processes already: then the group is signalled and nothing is read.
   */
  constructor(
    private readonly leader: number | undefined,
    private readonly opts: { marker?: string; scan: boolean },
  ) {
    this.leaderStart = opts.scan && leader !== undefined ? readProc(leader)?.start : undefined;
  }

  /** Adds what is running now to what is known. */
  snapshot(): void {
    if (this.leader === undefined || !this.opts.scan) return;
    for (const [pid, start] of commandProcesses(this.leader, this.opts.marker, this.leaderStart)) this.known.set(pid, start);
  }

  /** Signals the group and every known process that is still the same process. */
  kill(sig: NodeJS.Signals): void {
    const pid = this.leader;
    if (pid === undefined) return;
    if (process.platform === 'win32') {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F']);
      return;
    }
    this.snapshot();
    try {
      process.kill(-pid, sig);
    } catch {
      /* the group is gone */
    }
    for (const [p, start] of this.known) {
      if (readProc(p)?.start !== start) continue;
      try {
        process.kill(p, sig);
      } catch {
        /* gone */
      }
    }
  }
}
