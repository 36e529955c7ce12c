// Timing a child process for the benches: wall time from spawn to exit, the time its first request
// reaches the scripted server, and its CPU seconds (user+system of everything it waited for).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { ModelServer } from '../test/fixtures/modelServer';

export interface Sample {
  wallMs: number;
  firstRequestMs?: number;
  cpuS: number;
}

/** User+system seconds of the children this process has waited for (/proc/self/stat cutime+cstime). */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // fields 16 and 17 of stat(5), in clock ticks (USER_HZ = 100)
}

/** Runs a program to its end, timing it and its first request to `server`. */
export async function timed(server: ModelServer | undefined, file: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<Sample & { code: number | null; stderr: string }> {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  let first: number | undefined;
  const onRequest = () => (first ??= performance.now() - t0);
  server?.once('request', onRequest);
  const child = spawn(file, args, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const wallMs = performance.now() - t0;
  server?.off('request', onRequest);
  return { wallMs, firstRequestMs: first, cpuS: childCpuSeconds() - cpu0, code, stderr };
}

