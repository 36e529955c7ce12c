// Owns checking one attempt: the project's test command run in the attempt's copy, confined by the
// command sandbox to that copy and stopped at a time limit, turned into a TestOutcome.
import { runShell } from '../tools/shell';
import type { Sandbox } from '../sandbox/sandbox';
import { failingCount, type TestOutcome } from './rank';

export interface VerifyOptions {
  command: string;
  timeoutMs: number;
  sandbox?: Sandbox;
  env?: NodeJS.ProcessEnv;
  commandEnv?: string[];
}

export async function verifyAttempt(copyRoot: string, o: VerifyOptions, signal: AbortSignal): Promise<TestOutcome> {
  const r = await runShell(o.command, { cwd: copyRoot, workspaceRoot: copyRoot, timeoutMs: o.timeoutMs, ...(o.sandbox ? { sandbox: o.sandbox } : {}), ...(o.env ? { env: o.env } : {}), ...(o.commandEnv ? { envExtra: o.commandEnv } : {}), maxOutput: 20_000 }, signal);
  const output = `${r.stdout}\n${r.stderr}`;
  const passed = r.exitCode === 0 && !r.timedOut && !r.cancelled;
  const tail = output.trim().split('\n').slice(-15).join('\n');
  return {
    command: o.command,
    passed,
    ...(failingCount(output, passed) !== undefined ? { failing: failingCount(output, passed) } : {}),
    exitCode: r.exitCode,
    timedOut: r.timedOut,
    durationMs: r.durationMs,
    outputTail: r.timedOut ? `${tail}\n(stopped after ${Math.round(o.timeoutMs / 1000)} s)` : tail,
  };
}
