// Owns `tandem eval`: every task of a folder (task.json + its workspace) run with K attempts per
// model — each attempt in its own copy, verified by the task's test command, nothing brought back —
// then pass@1 … pass@K per model as a table or JSON; `--shard I/N` for a CI matrix and
// `tandem eval merge` to combine the shards' JSON.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { runAttempts } from '../core/attempts/attemptRun';
import { Sandbox } from '../core/sandbox/sandbox';
import { confirmAttempts } from './attemptApproval';
import { agentRunner } from './attempts';
import { loadCliHooks } from './hooks';
import { hookLine } from './render';
import { EVAL_HELP, parseEvalArgs, type EvalOptions } from './evalArgs';
import { evalTable, mergeResults, summarise, type EvalResults, type EvalTaskResult } from './evalReport';
import { EXIT } from './exitCodes';
import type { CliIo } from './io';
import { TerminalApprover } from './terminalApprover';

const taskSchema = z.object({ task: z.string().min(1), testCommand: z.string().min(1), workspace: z.string().min(1).default('workspace') }).strict();

interface EvalTask {
  name: string;
  task: string;
  testCommand: string;
  workspace: string;
}

/** The tasks of DIR in name order; a string is the error naming the file and what to fix. */
async function loadTasks(dir: string): Promise<EvalTask[] | string> {
  const names = (await fs.readdir(dir, { withFileTypes: true }).catch(() => undefined))?.filter((d) => d.isDirectory()).map((d) => d.name).sort();
  if (!names) return `${dir} is not a folder that exists.`;
  const tasks: EvalTask[] = [];
  for (const name of names) {
    const file = path.join(dir, name, 'task.json');
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      return `${file} is not valid JSON (${(err as Error).message}).`;
    }
    const r = taskSchema.safeParse(json);
    if (!r.success) return `${file}: ${r.error.issues.map((i) => `${i.path.join('.') || 'the file'} ${i.message}`).join('; ')}. Expected {"task": "…", "testCommand": "…", "workspace": "workspace"}.`;
    const workspace = path.resolve(dir, name, r.data.workspace);
    if (!(await fs.stat(workspace).catch(() => undefined))?.isDirectory()) return `${file}: its workspace ${workspace} is not a folder.`;
    tasks.push({ name, task: r.data.task, testCommand: r.data.testCommand, workspace: await fs.realpath(workspace) });
  }
  if (tasks.length === 0) return `${dir} holds no task (a folder with task.json); see tandem eval --help.`;
  return tasks;
}

async function emit(results: EvalResults, json: boolean, output: string | undefined, io: CliIo): Promise<number> {
  if (output) {
    try {
      await fs.writeFile(path.resolve(io.cwd, output), `${JSON.stringify(results, null, 2)}\n`);
    } catch (err) {
      io.stderr.write(`error: Could not write ${output} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).\n`);
      return EXIT.error;
    }
  }
  io.stdout.write(json ? `${JSON.stringify(results)}\n` : evalTable(results));
  return EXIT.answer;
}

async function runTasks(o: EvalOptions, io: CliIo): Promise<number> {
  const loaded = await loadTasks(path.resolve(io.cwd, o.dir));
  if (typeof loaded === 'string') {
    io.stderr.write(`error: ${loaded}\n`);
    return EXIT.badArgs;
  }
  const mine = loaded.filter((_, i) => i % o.shard.count === o.shard.index - 1);
  const sandbox = new Sandbox({ mode: 'workspace-write', network: false, probe: io.sandboxProbe, onUnavailable: (m) => io.stderr.write(`warning: ${m}\n`) });
  const confined = (await sandbox.status()).confined;
  const signal = io.cancel ?? new AbortController().signal;
  const results: EvalTaskResult[] = [];
  io.stderr.write(`Shard ${o.shard.index}/${o.shard.count}: ${mine.length} of ${loaded.length} task(s), ${o.attempts} attempt(s) per model.\n`);
  // The attempts follow --approval as exec --attempts does: outside full-auto every task's test command
  // is asked once before anything starts, each command of an attempt as it comes; no terminal, no run.
  const terminal = new TerminalApprover({ input: io.stdin, output: io.stderr, interactive: io.interactive });
  for (const command of [...new Set(mine.map((t) => t.testCommand))]) {
    const notAsked = await confirmAttempts(o.approval, io.interactive, terminal, command, mine.find((t) => t.testCommand === command)!.workspace, signal, 'tandem eval');
    if (notAsked) {
      io.stderr.write(`error: ${notAsked}\n`);
      return EXIT.notApplied;
    }
  }
  for (const t of mine) {
    // The hooks run in every attempt's copy as in tandem exec: the user's always, the task workspace's once enabled.
    const hooks = o.hooks ? await loadCliHooks(t.workspace, io.env, [], false, io.stderr) : undefined;
    for (const model of o.models) {
      const summary = await runAttempts({
        workspaceRoot: t.workspace,
        task: t.task,
        attempts: o.attempts,
        parallel: o.parallel,
        models: [model],
        runAgent: agentRunner({ baseUrl: o.baseUrl, api: o.api, maxSteps: o.maxSteps, retryTimeoutMs: 60_000, commandEnv: [], approval: o.approval }, io, sandbox, confined, t.testCommand, hooks, terminal),
        verify: { command: t.testCommand, timeoutMs: o.testTimeoutMs, sandbox, env: io.env },
        signal,
        onAttemptEvent: (i, e) => {
          if (e.type === 'hook') io.stderr.write(`[${t.name} · ${model.model} attempt ${i}] ${hookLine(e.report)}\n`);
        },
        onCleanupError: (m) => io.stderr.write(`warning: ${m}\n`),
      });
      if (summary.cancelled) {
        io.stderr.write('Cancelled: no result was written.\n');
        return EXIT.cancelled;
      }
      const c = summary.results.filter((r) => r.tests?.passed).length;
      results.push({ task: t.name, model: model.model, n: summary.results.length, c });
      io.stderr.write(`${t.name} · ${model.model}: ${c} of ${summary.results.length} attempt(s) passed\n`);
    }
  }
  return emit(summarise(results, o.attempts, `${o.shard.index}/${o.shard.count}`), o.json, o.output, io);
}

export async function runEval(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseEvalArgs(argv, io.env);
  if (parsed.kind === 'help') {
    io.stdout.write(EVAL_HELP);
    return EXIT.answer;
  }
  if (parsed.kind === 'error') {
    io.stderr.write(`error: ${parsed.message}\n`);
    return EXIT.badArgs;
  }
  if (parsed.kind === 'run') return runTasks(parsed.options, io);
  const inputs: Array<{ file: string; text: string }> = [];
  for (const file of parsed.files) {
    const text = await fs.readFile(path.resolve(io.cwd, file), 'utf8').catch(() => undefined);
    if (text === undefined) {
      io.stderr.write(`error: ${file} cannot be read; pass the files written by tandem eval --output.\n`);
      return EXIT.badArgs;
    }
    inputs.push({ file, text });
  }
  const merged = mergeResults(inputs);
  if (typeof merged === 'string') {
    io.stderr.write(`error: ${merged}\n`);
    return EXIT.badArgs;
  }
  return emit(merged, parsed.json, parsed.output, io);
}
