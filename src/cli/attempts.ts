// Owns `tandem exec --attempts K`: runs the attempts (core/attempts) with an agent per attempt built
// like exec's own, prints their progress and the table (or --json events), then brings the best
// attempt's changes back to the workspace through the normal edit flow — applied in full-auto,
// asked in a terminal otherwise — recorded in the AI change log. Outside full-auto the attempts'
// commands are asked too, and without a terminal no attempt starts (attemptApproval.ts, exit 4).
import * as path from 'node:path';
import { Agent } from '../core/agent/agent';
import { createModelProvider } from '../core/agent/modelProvider';
import { resolveTestCommand } from '../core/agent/testCommand';
import { builtinToolSet } from '../core/agent/toolSet';
import { runAttempts, type AttemptAgentRunner, type AttemptResult, type ModelChoice } from '../core/attempts/attemptRun';
import { userAnchor } from '../core/audit/heads';
import { ledgerRecorder } from '../core/audit/recorder';
import { FileApplier } from '../core/edits/fileApplier';
import type { Sandbox } from '../core/sandbox/sandbox';
import { proposeAndApply } from '../core/tools/editFlow';
import type { ToolContext } from '../core/tools/types';
import { attemptApprover } from '../core/attempts/modelChoice';
import { attemptsApprover, confirmAttempts } from './attemptApproval';
import type { ExecOptions } from './args';
import { modelLabel, printVerdict, testsLabel, type RunVerdict } from './attemptsReport';
import { EXIT } from './exitCodes';
import type { CliIo } from './io';
import { describeCall, hookLine } from './render';
import { TerminalApprover } from './terminalApprover';
import type { HookEngine } from '../core/hooks/engine';
import { cliReviewer, reviewLines } from './reviewer';
import type { ReviewOutcome } from '../core/changes/review';

/**
 * Builds each attempt's agent like exec's; the hooks (when any) run in the attempt's own copy.
 * `terminal` unset: the attempts run unattended, as full-auto (exec, fix and eval all pass one).
 */
export function agentRunner(
  o: Pick<ExecOptions, 'baseUrl' | 'api' | 'maxSteps' | 'retryTimeoutMs' | 'commandEnv' | 'toolCalling'> & { approval?: ExecOptions['approval'] },
  io: CliIo,
  sandbox: Sandbox,
  confined: boolean,
  testCommand: string,
  hooks?: HookEngine,
  terminal?: TerminalApprover,
): AttemptAgentRunner {
  const mode = terminal ? (o.approval ?? 'full-auto') : 'full-auto';
  return (spec, task, signal, onEvent) => {
    const endpoint = { baseUrl: spec.model.baseUrl ?? o.baseUrl, apiKey: io.env.OPENAI_API_KEY || undefined };
    const agent = new Agent({
      provider: createModelProvider(o.api, endpoint, { idleTimeoutMs: Number(io.env.TANDEM_IDLE_TIMEOUT_MS) || undefined }),
      model: spec.model.model,
      workspaceRoot: spec.workspaceRoot,
      tools: builtinToolSet([]),
      // Edits of the copy need no question in any mode; commands follow --approval (attemptApproval.ts).
      approver: terminal ? attemptsApprover(spec.index, mode, terminal) : attemptApprover,
      applier: new FileApplier(spec.workspaceRoot),
      approvalMode: mode === 'full-auto' ? 'full-auto' : 'auto-edit',
      allowedCommands: [],
      maxSteps: o.maxSteps,
      testCommand,
      env: io.env,
      retry: { budgetMs: o.retryTimeoutMs },
      headless: true,
      canApprove: mode !== 'full-auto' && io.interactive,
      commandEnv: o.commandEnv,
      sandbox,
      sandboxDescription: confined ? `bubblewrap: ${sandbox.describe()}` : 'none',
      ...(o.toolCalling ? { toolCalling: o.toolCalling } : {}),
      ...(hooks ? { hooks: hooks.at(spec.workspaceRoot) } : {}),
    });
    return agent.run(task, { signal, onEvent });
  };
}

function finishedLine(r: AttemptResult): string {
  const what = r.outcome === 'answer' ? '' : ` (${r.outcome}${r.message ? `: ${r.message}` : ''})`;
  return `[attempt ${r.index}] finished${what}: tests ${testsLabel(r)}, ${r.filesChanged} file(s) changed (+${r.linesAdded} -${r.linesRemoved}), ${(r.durationMs / 1000).toFixed(1)} s`;
}

/** Brings the chosen attempt's changes to the real workspace; true when all were applied. */
async function bringBack(best: AttemptResult, total: number, o: ExecOptions, io: CliIo, root: string, approver: TerminalApprover): Promise<{ applied: boolean; message: string }> {
  const verdict = best.tests ? `tests ${testsLabel(best)} (${best.tests.command})` : 'not tested';
  const recorder =
    io.env.TANDEM_AUDIT === '0'
      ? undefined
      : ledgerRecorder(path.join(root, '.tandem', 'ai-changes.jsonl'), { taskId: () => undefined, task: () => `${o.task} [best of ${total}: attempt ${best.index}, model ${best.model.model}, ${verdict}]`, model: best.model.model, baseUrl: best.model.baseUrl ?? o.baseUrl, anchor: userAnchor(io.env), workspaceRoot: root });
  // --review-model: the reviewer reads the chosen attempt's changes before they are proposed.
  const reviewer = cliReviewer(o, io.env);
  const ctx: ToolContext = { workspaceRoot: root, approver, applier: new FileApplier(root), approvalMode: o.approval, allowedCommands: [], toolCallId: `attempt-${best.index}`, ...(recorder ? { recorder } : {}), ...(reviewer ? { reviewer } : {}) };
  const result = await proposeAndApply(best.changes, ctx, io.cancel ?? new AbortController().signal);
  for (const line of reviewLines(result.meta?.review as ReviewOutcome | undefined)) io.stderr.write(`${line}\n`);
  return { applied: !result.isError, message: result.output };
}

export async function runBestOfK(o: ExecOptions, io: CliIo, root: string, task: string, sandbox: Sandbox, confined: boolean, hooks?: HookEngine): Promise<number> {
  const a = o.attempts!;
  const testCommand = await resolveTestCommand(root, o.testCommand ?? io.env.TANDEM_TEST_COMMAND);
  if (!testCommand) {
    io.stderr.write('error: --attempts needs a test command to verify each attempt, and none was detected (package.json scripts.test, pyproject.toml, Makefile test:, Cargo.toml, go.mod). Pass --test-command CMD.\n');
    return EXIT.badArgs;
  }
  const models: ModelChoice[] = a.models.length ? a.models : [{ model: o.model }];
  const signal = io.cancel ?? new AbortController().signal;
  const terminal = new TerminalApprover({ input: io.stdin, output: io.stderr, interactive: io.interactive });
  const refused = await confirmAttempts(o.approval, io.interactive, terminal, testCommand, root, signal);
  if (refused) {
    io.stderr.write(`error: ${refused}\n`);
    return EXIT.notApplied;
  }
  const note = (line: string) => io.stderr.write(`${line}\n`);
  note(`Running ${a.attempts} attempt(s), at most ${a.parallel} at a time, each in its own copy of the workspace; verifying with: ${testCommand}`);
  const summary = await runAttempts({
    workspaceRoot: root,
    task,
    attempts: a.attempts,
    parallel: a.parallel,
    models,
    runAgent: agentRunner(o, io, sandbox, confined, testCommand, hooks, terminal),
    verify: { command: testCommand, timeoutMs: a.testTimeoutMs, sandbox, env: io.env, commandEnv: o.commandEnv },
    signal,
    onAttemptStarted: (s) => note(`[attempt ${s.index}] started with ${s.model.baseUrl ? `${s.model.model}@${s.model.baseUrl}` : s.model.model}`),
    onAttemptEvent: (i, e) => {
      if (e.type === 'toolCallStarted') note(`[attempt ${i}] ▸ ${describeCall(e.name, e.arguments)}`);
      else if (e.type === 'hook') note(`[attempt ${i}] ${hookLine(e.report)}`);
      else if (e.type === 'error') note(`[attempt ${i}] error: ${e.message}`);
    },
    onAttemptFinished: (r) => note(finishedLine(r)),
    onCleanupError: (m) => note(`warning: ${m}`),
  });
  if (summary.linked.length) note(`note: ${summary.linked.join(', ')} ${summary.linked.length > 1 ? 'were' : 'was'} linked read-only into each copy, not copied.`);
  if (summary.skipped.length) note(`note: nested repositories were not copied: ${summary.skipped.join(', ')}`);
  if (summary.cancelled) {
    note('Cancelled: no attempt was kept and nothing was applied; every copy was removed.');
    return EXIT.cancelled;
  }
  const passed = summary.results.filter((r) => r.tests?.passed).length;
  const best = summary.ranked[0];
  const verdict: RunVerdict = { summary, total: a.attempts, passed, chosen: null, applied: false };
  let code: number = EXIT.answer;
  if (!best || !best.tests?.passed) {
    note(`No attempt passed the tests (${testCommand}); nothing was applied.${best?.tests ? ` The closest, attempt ${best.index} (${modelLabel(best)}), ended with tests ${testsLabel(best)}:\n${best.tests.outputTail}` : ''}`);
    code = EXIT.error;
  } else if (best.changes.length === 0) {
    verdict.chosen = best.index;
    note(`Attempt ${best.index} passed the tests without changing any text file; nothing to apply.`);
  } else if (best.conflicts.length) {
    verdict.chosen = best.index;
    code = EXIT.notApplied;
    note(`The changes of attempt ${best.index} were not applied: ${best.conflicts.join(', ')} changed in the workspace while the attempts ran. Re-run the task on the current files (exit code 4).`);
  } else {
    verdict.chosen = best.index;
    note(`Proposing the changes of attempt ${best.index} (${modelLabel(best)}, tests passed): ${best.changes.map((c) => c.path).join(', ')}`);
    if (best.notText.length) note(`warning: these files changed in attempt ${best.index} but are not text and are not brought back: ${best.notText.join(', ')}`);
    const back = await bringBack(best, a.attempts, o, io, root, terminal);
    verdict.applied = back.applied;
    note(back.message);
    if (!back.applied) {
      code = EXIT.notApplied;
      note(`The changes of attempt ${best.index} were refused or not applied (exit code 4).${io.interactive ? '' : ` No terminal was attached to approve them in ${o.approval} mode; re-run in a terminal or with --approval auto-edit / full-auto.`}`);
    }
  }
  printVerdict(verdict, o.json, io.stdout);
  return code;
}
