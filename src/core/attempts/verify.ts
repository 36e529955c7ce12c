// Owns checking one attempt: the project's test command run in the attempt's copy, confined by the
// command sandbox to that copy and stopped at a time limit, turned into a TestOutcome. The output
// kept (shown on the terminal, in --json and in the panel) passes the secret redactor first.
import { redactKeys } from '../secrets/redact';
import { runShell } from '../tools/shell';
import type { Sandbox } from '../sandbox/sandbox';
import { failingCount, type TestOutcome } from './rank';

export interface VerifyOptions {
  command: string;
  timeoutMs: number;
  sandbox?: Sandbox;
  env?: NodeJS.ProcessEnv;
  commandEnv?: string[];
  /** The user's workspace, whose secret values are masked in the output besides the copy's. */
  workspaceRoot?: string;
}

export async function verifyAttempt(copyRoot: string, o: VerifyOptions, signal: AbortSignal): Promise<TestOutcome> {
  const r = await runShell(o.command, { cwd: copyRoot, workspaceRoot: copyRoot, timeoutMs: o.timeoutMs, ...(o.sandbox ? { sandbox: o.sandbox } : {}), ...(o.env ? { env: o.env } : {}), ...(o.commandEnv ? { envExtra: o.commandEnv } : {}), maxOutput: 20_000 }, signal);
  const output = `${r.stdout}\n${r.stderr}`;
  const passed = r.exitCode === 0 && !r.timedOut && !r.cancelled;
  const env = o.env ?? process.env;
  const clean = (t: string) => redactKeys(o.workspaceRoot ? redactKeys(t, env, { workspaceRoot: o.workspaceRoot }) : t, env, { workspaceRoot: copyRoot });
  const tail = clean(output.trim().split('\n').slice(-15).join('\n'));
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
