// Owns best of k in the panel (tandem.agent.attempts > 1): the attempts run through core/attempts,
// each agent in its own copy with the command sandbox; their rows in the panel state fill in side by
// side as they run (model, tests, files and lines, tokens, time); then the best passing attempt's
// changes are proposed as change cards through the normal approval flow and recorded in the AI
// change log with the attempt, its model and the test result. The user may pick another attempt
// (its changes replace the cards) or open any attempt's diffs.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Agent } from '../../core/agent/agent';
import { createModelProvider } from '../../core/agent/modelProvider';
import { resolveTestCommand } from '../../core/agent/testCommand';
import { builtinToolSet } from '../../core/agent/toolSet';
import { runAttempts, type AttemptAgentRunner, type AttemptResult, type ModelChoice } from '../../core/attempts/attemptRun';
import { attemptApproverFor, parseModelEntry } from '../../core/attempts/modelChoice';
import { passAtKTable } from '../../core/attempts/passAtK';
import type { AuditAnchor } from '../../core/audit/heads';
import { ledgerRecorder } from '../../core/audit/recorder';
import { FileApplier } from '../../core/edits/fileApplier';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import { proposeAndApply } from '../../core/tools/editFlow';
import type { Approver } from '../../core/changes/approval';
import type { AttemptsView, PanelState } from '../../protocol/messages';
import type { ApiKeyStore } from '../model/apiKey';
import { createSandbox } from '../agent/sandbox';
import { readAgentSettings, type AgentSettings } from '../agent/settings';
import type { ProposalDocuments } from './proposals';
import { OpenTextDocuments, WorkspaceApplier } from '../agent/workspaceApplier';
import { editorHooks } from '../agent/hooks';
import { settingsReviewer } from '../agent/reviewer';
import type { HookEngine } from '../../core/hooks/engine';

export interface AttemptsHost {
  update(mut: (s: PanelState) => void): void;
  notice(text: string, level?: 'info' | 'error'): void;
  approver: Approver;
  proposals: ProposalDocuments;
  keys: ApiKeyStore;
  audit?: AuditAnchor;
}

function testsLabel(r: AttemptResult): string {
  if (!r.tests) return 'not run';
  if (r.tests.passed) return 'passed';
  if (r.tests.timedOut) return 'timed out';
  return r.tests.failing !== undefined ? `failed (${r.tests.failing})` : `failed (exit ${r.tests.exitCode ?? '?'})`;
}

const label = (m: ModelChoice) => (m.baseUrl ? `${m.model}@${m.baseUrl}` : m.model);

function row(r: AttemptResult, chosen: boolean): AttemptsView['rows'][number] {
  return { index: r.index, model: label(r.model), state: r.outcome === 'error' && r.changes.length === 0 ? 'failed' : 'done', tests: testsLabel(r), passed: Boolean(r.tests?.passed), files: r.filesChanged, added: r.linesAdded, removed: r.linesRemoved, tokens: r.tokens.input + r.tokens.output, durationMs: r.durationMs, chosen };
}

/** The attempts follow tandem.agent.approval (suggest in an untrusted workspace): outside full-auto their commands are asked in the panel. */
const attemptsMode = (s: AgentSettings) => (vscode.workspace.isTrusted ? s.approval : 'suggest');

export class AttemptsFlow {
  private results: AttemptResult[] = [];
  private folder: vscode.WorkspaceFolder | undefined;
  private task = '';
  /** The proposal on screen; aborting it withdraws its cards. */
  private proposal: AbortController | undefined;
  private picked: AttemptResult | undefined;

  constructor(private readonly host: AttemptsHost) {}

  /** Runs `count` attempts and proposes the best; resolves once its cards are decided (or withdrawn for a pick). */
  async run(task: string, count: number, signal: AbortSignal): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return this.host.notice('Open a folder first: the attempts work in copies of a workspace folder.');
    const s = readAgentSettings();
    const root = await canonicalRoot(folder.uri.fsPath);
    const testCommand = await resolveTestCommand(root, s.testCommand);
    if (!testCommand) return this.host.notice('Best of k needs a test command to verify each attempt, and none was detected (package.json scripts.test, pyproject.toml, Makefile, Cargo.toml, go.mod). Set tandem.agent.testCommand, or set tandem.agent.attempts to 1.');
    const models: ModelChoice[] = [];
    for (const entry of s.attemptModels.length ? s.attemptModels : [s.model]) {
      const m = parseModelEntry(entry, 'tandem.agent.attemptModels');
      if (typeof m === 'string') return this.host.notice(m);
      models.push(m);
    }
    // Outside full-auto the test command is asked once before any attempt starts, as tandem exec --attempts does.
    if (attemptsMode(s) !== 'full-auto') {
      const d = await this.host.approver.request({ type: 'command', command: testCommand, cwd: root, toolCallId: 'attempts-test-command', reason: 'each attempt is verified with this command, run in its own copy of the workspace' }, signal);
      if (!d.approved) return this.host.notice(`The test command (${testCommand}) was not approved, so no attempt was started.`, 'info');
    }
    this.folder = folder;
    this.task = task;
    this.results = [];
    const sandbox = createSandbox(s);
    const confined = (await sandbox.status()).confined;
    // The panel's hooks run in every attempt, each in its own copy (best of k runs only in a trusted workspace).
    let hooks: HookEngine | undefined;
    try {
      hooks = s.hooks ? await editorHooks(root, vscode.workspace.isTrusted, s.commandEnv) : undefined;
    } catch (err) {
      this.host.notice(`Hooks are not available: ${(err as Error).message}`);
    }
    this.host.update((st) => (st.attempts = { total: count, testCommand, rows: [] }));
    const summary = await runAttempts({
      workspaceRoot: root,
      task,
      attempts: count,
      parallel: s.attemptsParallel,
      models,
      runAgent: this.runner(s, sandbox, confined, testCommand, hooks),
      verify: { command: testCommand, timeoutMs: 600_000, sandbox, commandEnv: s.commandEnv },
      signal,
      onAttemptStarted: (a) =>
        this.host.update((st) => {
          // In attempt order, whichever copy was ready first.
          st.attempts?.rows.push({ index: a.index, model: label(a.model), state: 'running', tests: '…', passed: false, files: 0, added: 0, removed: 0, tokens: 0, durationMs: 0, chosen: false });
          st.attempts?.rows.sort((x, y) => x.index - y.index);
        }),
      onAttemptEvent: (i, e) => {
        if (e.type === 'hook' && (e.report.outcome !== 'ok' || e.report.message)) this.host.notice(`Attempt ${i}: ${e.report.event} hook${e.report.toolName ? ` (${e.report.toolName})` : ''} ${e.report.outcome}: ${e.report.message ?? e.report.command}`, e.report.outcome === 'error' || e.report.outcome === 'timeout' ? 'error' : 'info');
      },
      onAttemptFinished: (r) => {
        this.results.push(r);
        this.host.update((st) => {
          if (st.attempts) st.attempts.rows = st.attempts.rows.map((x) => (x.index === r.index ? row(r, false) : x));
          // The task's tokens are its attempts' tokens (the footer's "in / out").
          st.usage = { inputTokens: st.usage.inputTokens + r.tokens.input, outputTokens: st.usage.outputTokens + r.tokens.output };
        });
      },
      onCleanupError: (m) => this.host.notice(m),
    });
    if (summary.cancelled) {
      this.host.update((st) => (st.attempts = undefined));
      return this.host.notice('Stopped: no attempt was kept and every copy was removed.', 'info');
    }
    this.results = summary.results;
    const passed = summary.results.filter((r) => r.tests?.passed).length;
    this.host.update((st) => {
      if (st.attempts) st.attempts.passAtK = passAtKTable(count, passed);
    });
    const best = summary.ranked[0];
    if (!best?.tests?.passed) {
      this.showChosen(undefined);
      return this.host.notice(`No attempt passed the tests (${testCommand}); nothing is proposed. Pick one to see its changes anyway.`);
    }
    await this.proposeLoop(best, signal);
  }

  /** Proposes `first`, then whatever the user picks while its cards are shown. */
  private async proposeLoop(first: AttemptResult, signal?: AbortSignal): Promise<void> {
    let next: AttemptResult | undefined = first;
    while (next) {
      this.picked = undefined;
      await this.propose(next, signal);
      next = this.picked;
    }
  }

  private showChosen(index: number | undefined): void {
    this.host.update((st) => {
      if (st.attempts) st.attempts.rows = st.attempts.rows.map((x) => ({ ...x, chosen: x.index === index }));
    });
  }

  private async propose(r: AttemptResult, outer?: AbortSignal): Promise<void> {
    this.showChosen(r.index);
    if (r.conflicts.length) return this.host.notice(`Attempt ${r.index} changed ${r.conflicts.join(', ')}, which changed in the workspace meanwhile; its changes are not proposed.`);
    if (r.changes.length === 0) return this.host.notice(`Attempt ${r.index} changed no text file; nothing to propose.`, 'info');
    if (r.notText.length) this.host.notice(`Attempt ${r.index} also changed ${r.notText.join(', ')} (binary or links), which are not brought back.`, 'info');
    const folder = this.folder!;
    const s = readAgentSettings();
    const verdict = r.tests ? `tests ${testsLabel(r)} (${r.tests.command})` : 'not tested';
    const recorder = s.auditPath ? ledgerRecorder(path.resolve(folder.uri.fsPath, s.auditPath), { taskId: () => undefined, task: () => `${this.task} [best of ${this.results.length}: attempt ${r.index}, model ${r.model.model}, ${verdict}]`, model: r.model.model, baseUrl: r.model.baseUrl ?? s.baseUrl, anchor: this.host.audit, workspaceRoot: folder.uri.fsPath }) : undefined;
    this.proposal = new AbortController();
    const onOuter = () => this.proposal?.abort();
    outer?.addEventListener('abort', onOuter, { once: true });
    try {
      const root = await canonicalRoot(folder.uri.fsPath);
      // tandem.review.model reads the chosen attempt before its cards are shown, as for any edit.
      const reviewer = settingsReviewer(s, this.host.keys.get());
      const result = await proposeAndApply(r.changes, { workspaceRoot: root, approver: this.host.approver, applier: new WorkspaceApplier(folder.uri), approvalMode: vscode.workspace.isTrusted ? s.approval : 'suggest', allowedCommands: [], toolCallId: `attempt-${r.index}`, documents: new OpenTextDocuments(), guardDisabledRules: s.guardDisabledRules, ...(recorder ? { recorder } : {}), ...(reviewer ? { reviewer } : {}) }, this.proposal.signal);
      if (!this.picked) this.host.notice(result.isError ? `The changes of attempt ${r.index} were not applied: ${result.output}` : `${result.output} (attempt ${r.index}, ${label(r.model)}).`, result.isError ? 'error' : 'info');
    } finally {
      outer?.removeEventListener('abort', onOuter);
      this.proposal = undefined;
    }
  }

  /** Proposes another attempt's changes: the cards on screen are withdrawn first. */
  pick(index: number): boolean | string {
    const r = this.results.find((x) => x.index === index);
    if (!r) return 'That attempt is not part of the last best-of-k run.';
    if (this.proposal) {
      this.picked = r;
      this.proposal.abort();
      return true;
    }
    this.proposeLoop(r).catch((err: Error) => this.host.notice(`Proposing attempt ${index} failed: ${err.message}`));
    return true;
  }

  /** Opens the diff of each file the attempt changed (against the workspace file). */
  async openDiff(index: number): Promise<boolean | string> {
    const r = this.results.find((x) => x.index === index);
    if (!r || !this.folder) return 'That attempt is not part of the last best-of-k run.';
    if (r.changes.length === 0) return `Attempt ${index} changed no text file.`;
    for (const c of r.changes.slice(0, 10)) await this.host.proposals.showDiff(this.folder.uri, c);
    return true;
  }

  reset(): void {
    this.proposal?.abort();
    this.results = [];
  }

  private runner(s: AgentSettings, sandbox: ReturnType<typeof createSandbox>, confined: boolean, testCommand: string, hooks?: HookEngine): AttemptAgentRunner {
    const mode = attemptsMode(s);
    return (spec, task, signal, onEvent) =>
      new Agent({
        provider: createModelProvider(s.api, { baseUrl: spec.model.baseUrl ?? s.baseUrl, apiKey: this.host.keys.get() }),
        model: spec.model.model,
        workspaceRoot: spec.workspaceRoot,
        tools: builtinToolSet([]),
        approver: attemptApproverFor(spec.index, mode, this.host.approver),
        applier: new FileApplier(spec.workspaceRoot),
        approvalMode: mode === 'full-auto' ? 'full-auto' : 'auto-edit',
        allowedCommands: s.allowedCommands,
        maxSteps: s.maxSteps,
        contextWindow: s.contextWindow || undefined,
        testCommand,
        headless: true,
        canApprove: mode !== 'full-auto',
        commandEnv: s.commandEnv,
        sandbox,
        sandboxDescription: confined ? `bubblewrap: ${sandbox.describe()}` : 'none',
        ...(hooks ? { hooks: hooks.at(spec.workspaceRoot) } : {}),
        ...(s.toolCalling ? { toolCalling: s.toolCalling } : {}),
      }).run(task, { signal, onEvent });
  }
}
