// Owns `tandem fix`: scans with the guard, groups the findings by file (core/fix), runs the verified
// attempts of each group of this shard, brings the best verified patch back through the normal edit
// flow (approval, AI change log), and prints the table — or with --json one line per finding and a
// last {"type":"fix",…} line — then maps the result onto the exit code (0 / 1 / 4).
import * as path from 'node:path';
import { resolveTestCommand } from '../core/agent/testCommand';
import { userAnchor } from '../core/audit/heads';
import { ledgerRecorder } from '../core/audit/recorder';
import type { Finding } from '../core/changes/finding';
import { FileApplier } from '../core/edits/fileApplier';
import { fixGroup, type FixGroupResult } from '../core/fix/fixRun';
import { groupFindings, shardOf } from '../core/fix/groups';
import { ruleDescriptors, scanText } from '../core/guard/scan';
import { Sandbox } from '../core/sandbox/sandbox';
import { proposeAndApply } from '../core/tools/editFlow';
import { confirmAttempts } from './attemptApproval';
import { agentRunner } from './attempts';
import { startCommand } from './commandStart';
import { cliReviewer, reviewLines } from './reviewer';
import type { ReviewOutcome } from '../core/changes/review';
import { loadCliHooks } from './hooks';
import { EXIT } from './exitCodes';
import { FIX_HELP, parseFixArgs, type FixOptions } from './fixArgs';
import { fixReport, type FindingStatus } from './fixReport';
import { collectFiles, PathError, readSource } from './guardFiles';
import type { CliIo } from './io';
import { TerminalApprover } from './terminalApprover';

async function scanAll(root: string, paths: string[], io: CliIo): Promise<Finding[]> {
  const collected = await collectFiles(root, paths);
  const findings: Finding[] = [];
  // Secret-class files (.env*, .npmrc, keys) are never read for a fix: their text would go to the model.
  const secret = new Set(collected.secretFiles);
  for (const rel of collected.files.filter((f) => !secret.has(f))) {
    const s = await readSource(root, rel, undefined, collected.raw.get(rel));
    if (!('text' in s)) continue;
    findings.push(...(await scanText(rel, s.text).catch((err: Error) => (io.stderr.write(`warning: the guard failed on ${rel} (${err.message}); it is left out.\n`), []))));
  }
  return findings;
}

/** Applies a verified patch through the edit flow; false when it was refused or not applied. */
async function apply(r: FixGroupResult, o: FixOptions, io: CliIo, root: string, approver: TerminalApprover): Promise<{ applied: boolean; message: string }> {
  const best = r.best!;
  const task = `tandem fix ${r.group.path}: ${best.verdict.fixed.map((f) => `${f.ruleId}@${f.line}`).join(', ')} [attempt ${best.result.index}, model ${best.result.model.model}, verified]`;
  const recorder = io.env.TANDEM_AUDIT === '0' ? undefined : ledgerRecorder(path.join(root, '.tandem', 'ai-changes.jsonl'), { taskId: () => undefined, task: () => task, model: best.result.model.model, baseUrl: best.result.model.baseUrl ?? o.baseUrl, anchor: userAnchor(io.env), workspaceRoot: root });
  // --review-model: the reviewer reads the verified patch before it is proposed, as it would in exec.
  const reviewer = cliReviewer(o, io.env);
  const result = await proposeAndApply(best.result.changes, { workspaceRoot: root, approver, applier: new FileApplier(root), approvalMode: o.approval, allowedCommands: [], toolCallId: `fix-${r.group.path}`, ...(recorder ? { recorder } : {}), ...(reviewer ? { reviewer } : {}) }, io.cancel ?? new AbortController().signal);
  for (const line of reviewLines(result.meta?.review as ReviewOutcome | undefined)) io.stderr.write(`${line}\n`);
  return { applied: !result.isError, message: result.output };
}

export async function runFix(argv: string[], io: CliIo): Promise<number> {
  const started = await startCommand(parseFixArgs(argv, io.env), FIX_HELP, io);
  if (typeof started === 'number') return started;
  const { options: o, root } = started;
  const unknown = (o.rules ?? []).filter((id) => !ruleDescriptors().some((r) => r.id === id));
  if (unknown.length) {
    io.stderr.write(`error: --rules names no rule: ${unknown.join(', ')}. See tandem guard --list-rules for the rule ids.\n`);
    return EXIT.badArgs;
  }
  let all: Finding[];
  try {
    all = await scanAll(root, o.paths, io);
  } catch (err) {
    if (!(err instanceof PathError)) throw err;
    io.stderr.write(`error: ${err.message.replace('tandem guard', 'tandem fix')}\n`);
    return EXIT.badArgs;
  }
  const groups = shardOf(groupFindings(all, o.rules), o.shard);
  const statuses: FindingStatus[] = [];
  const note = (line: string) => io.stderr.write(`${line}\n`);
  if (groups.length === 0) {
    note(`No findings${o.rules ? ` of ${o.rules.join(', ')}` : ''}${o.shard.count > 1 ? ` in shard ${o.shard.index}/${o.shard.count}` : ''}: nothing to fix.`);
    io.stdout.write(fixReport(statuses, o.json));
    return EXIT.answer;
  }
  const testCommand = await resolveTestCommand(root, o.testCommand ?? io.env.TANDEM_TEST_COMMAND);
  const total = groups.reduce((a, g) => a + g.findings.length, 0);
  note(`${total} finding(s) in ${groups.length} file(s)${o.shard.count > 1 ? ` (shard ${o.shard.index}/${o.shard.count})` : ''}; ${o.attempts} attempt(s) per file; verifying with the guard${testCommand ? ` and ${testCommand}` : ' (no test command found)'}.`);
  const sandbox = new Sandbox({ mode: 'workspace-write', network: false, probe: io.sandboxProbe, onUnavailable: (m) => note(`warning: ${m}`) });
  const confined = (await sandbox.status()).confined;
  const signal = io.cancel ?? new AbortController().signal;
  // The hooks run in every attempt as in exec (each in its copy); the workspace's only once enabled.
  const hooks = await loadCliHooks(root, io.env, [], false, io.stderr);
  // The attempts follow --approval as exec --attempts does: outside full-auto their commands and the
  // test command are asked in the terminal, and without one nothing starts.
  const terminal = new TerminalApprover({ input: io.stdin, output: io.stderr, interactive: io.interactive });
  const notAsked = await confirmAttempts(o.approval, io.interactive, terminal, testCommand ?? '', root, signal, 'tandem fix');
  if (notAsked) {
    io.stderr.write(`error: ${notAsked}\n`);
    return EXIT.notApplied;
  }
  let refused = 0;
  for (const group of groups) {
    note(`Fixing ${group.path} (${group.findings.length} finding(s))…`);
    const r = await fixGroup({
      workspaceRoot: root,
      group,
      attempts: o.attempts,
      parallel: o.parallel,
      models: [{ model: o.model }],
      runAgent: agentRunner({ baseUrl: o.baseUrl, api: o.api, maxSteps: o.maxSteps, retryTimeoutMs: 60_000, commandEnv: [], approval: o.approval }, io, sandbox, confined, testCommand ?? '', hooks, terminal),
      ...(testCommand ? { testCommand } : {}),
      testTimeoutMs: o.testTimeoutMs,
      sandbox,
      env: io.env,
      scan: (p, text) => scanText(p, text),
      signal,
      onAttemptJudged: (a, v) => note(`[${group.path} attempt ${a.index}] ${v.verified ? `verified: fixes ${v.fixed.length} of ${group.findings.length}` : `not verified: ${v.why}`}`),
      onCleanupError: (m) => note(`warning: ${m}`),
    });
    if (r.cancelled) {
      note('Cancelled: nothing more was applied.');
      return EXIT.cancelled;
    }
    const why = r.best ? undefined : (r.attempts.map((a) => a.verdict.why).find(Boolean) ?? 'no attempt finished');
    let applied = false;
    if (r.best) {
      const back = await apply(r, o, io, root, terminal);
      applied = back.applied;
      if (!applied) {
        refused++;
        note(`The verified patch for ${group.path} was refused or not applied: ${back.message.split('\n')[0]}`);
      }
    }
    for (const f of group.findings) {
      const fixed = applied && r.best!.verdict.fixed.includes(f);
      const reason = fixed ? undefined : r.best ? (applied ? 'still found after the best verified patch' : 'the verified patch was refused or not applied') : why;
      statuses.push({ finding: f, fixed, ...(reason ? { why: reason } : {}) });
    }
  }
  io.stdout.write(fixReport(statuses, o.json));
  if (refused) return EXIT.notApplied;
  return statuses.every((s) => s.fixed) ? EXIT.answer : EXIT.error;
}
