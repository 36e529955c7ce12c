// Entry of the headless CLI (`tandem exec`, bundled to dist/cli.js). Wiring only: parse arguments,
// build the provider, the core tool set and the approver, run one agent turn, render its events,
// map how it ended onto the exit code. The tools and policy are core's — the same as the panel's.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Agent } from '../core/agent/agent';
import type { DoneReason } from '../core/agent/events';
import { builtinToolSet } from '../core/agent/toolSet';
import { createModelProvider } from '../core/agent/modelProvider';
import type { ModelProvider } from '../core/llm/provider';
import { userAnchor } from '../core/audit/heads';
import { ledgerRecorder } from '../core/audit/recorder';
import { FileApplier } from '../core/edits/fileApplier';
import type { Tool } from '../core/tools/types';
import pkg from '../../package.json';
import { HELP, parseArgs, type ExecOptions } from './args';
import { runAudit } from './audit';
import { startCliMcp } from './mcp';
import { JsonRenderer, TextRenderer, type Writable } from './render';
import { TerminalApprover } from './terminalApprover';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** True when stdin and stderr are terminals (someone can answer approvals). */
  interactive: boolean;
  cwd: string;
  /** Fires when the user asks to stop (Ctrl-C). */
  cancel?: AbortSignal;
}

export const EXIT: Record<DoneReason | 'badArgs', number> = { answer: 0, error: 1, badArgs: 2, stepLimit: 3, cancelled: 130 };

function providerFor(o: ExecOptions, env: NodeJS.ProcessEnv): ModelProvider {
  // The key goes to the HTTP client only; it is never printed (errors are redacted in core).
  const endpoint = { baseUrl: o.baseUrl, apiKey: env.OPENAI_API_KEY || undefined };
  return createModelProvider(o.api, endpoint, { idleTimeoutMs: Number(env.TANDEM_IDLE_TIMEOUT_MS) || undefined });
}

async function workspaceRoot(dir: string): Promise<string> {
  const real = await fs.realpath(dir);
  if (!(await fs.stat(real)).isDirectory()) throw new Error('not a directory');
  return real;
}

export async function runExec(o: ExecOptions, io: CliIo): Promise<number> {
  let root: string;
  try {
    root = await workspaceRoot(path.resolve(io.cwd, o.cwd));
  } catch {
    io.stderr.write(`error: --cwd ${o.cwd} is not a directory that exists.\n`);
    return EXIT.badArgs;
  }
  const approver = new TerminalApprover({ input: io.stdin, output: io.stderr, interactive: io.interactive });
  const mcp = o.mcp ? await startCliMcp(root, io.env, o.enableMcp, io.stderr) : { tools: [], dispose: async () => undefined };
  try {
    return await runAgent(o, io, root, approver, mcp.tools);
  } finally {
    await mcp.dispose();
  }
}

async function runAgent(o: ExecOptions, io: CliIo, root: string, approver: TerminalApprover, extraTools: Tool[]): Promise<number> {
  const agent = new Agent({
    provider: providerFor(o, io.env),
    model: o.model,
    workspaceRoot: root,
    tools: builtinToolSet(extraTools),
    approver,
    applier: new FileApplier(root),
    approvalMode: o.approval,
    allowedCommands: [],
    maxSteps: o.maxSteps,
    testCommand: io.env.TANDEM_TEST_COMMAND,
    env: io.env,
    // Every applied change goes into the workspace's AI change log, as in the panel.
    recorder: io.env.TANDEM_AUDIT === '0' ? undefined : ledgerRecorder(path.join(root, '.tandem', 'ai-changes.jsonl'), { taskId: () => undefined, task: () => o.task, model: o.model, baseUrl: o.baseUrl, anchor: userAnchor(io.env), workspaceRoot: root }),
  });
  const renderer = o.json ? new JsonRenderer(io.stdout) : new TextRenderer(io.stdout, io.stderr);
  const result = await agent.run(o.task, { signal: io.cancel, onEvent: (e) => renderer.render(e) });
  if (approver.refusedWithoutTty > 0 && !o.json) {
    io.stderr.write(`${approver.refusedWithoutTty} change(s) or command(s) were not applied: no terminal was attached to approve them in ${o.approval} mode. Re-run in a terminal or with --approval auto-edit / full-auto.\n`);
  }
  if (result.reason === 'stepLimit' && !o.json) io.stderr.write(`${result.message}\n`);
  return EXIT[result.reason];
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'audit') return runAudit(argv.slice(1), io);
  const parsed = parseArgs(argv, io.env, io.cwd);
  switch (parsed.kind) {
    case 'help':
      io.stdout.write(HELP);
      return 0;
    case 'version':
      io.stdout.write(`tandem ${pkg.version}\n`);
      return 0;
    case 'error':
      io.stderr.write(`error: ${parsed.message}\n`);
      return EXIT.badArgs;
    case 'exec':
      return runExec(parsed.options, io);
  }
}

if (require.main === module) {
  const cancel = new AbortController();
  process.on('SIGINT', () => {
    // First Ctrl-C cancels the turn (the request and any command); a second one exits at once.
    if (cancel.signal.aborted) process.exit(EXIT.cancelled);
    cancel.abort();
  });
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    cwd: process.cwd(),
    cancel: cancel.signal,
  }).then(
    (code) => {
      process.exitCode = code;
      // stdin may hold the event loop open after the turn; nothing else is pending once we are here.
      process.stdin.unref?.();
    },
    (err: unknown) => {
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = EXIT.error;
    },
  );
}
