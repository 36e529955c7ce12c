// Owns one chat panel's task: runs the agent, turns its events into the panel state, and is the
// approver — each proposed change becomes a card and each command a Run/Deny question that the
// user answers from the panel. Messages from the webview are validated; stale ones are refused.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { Agent } from '../../core/agent/agent';
import type { AuditAnchor } from '../../core/audit/heads';
import { ledgerRecorder } from '../../core/audit/recorder';
import type { AgentEvent } from '../../core/agent/events';
import { createModelProvider } from '../../core/agent/modelProvider';
import { Session } from '../../core/agent/session';
import { builtinToolSet } from '../../core/agent/toolSet';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import type { ApprovalDecision, ApprovalRequest, Approver, ProposedChange } from '../../core/tools/types';
import { ToExtension, type ChatItem, type PanelState, type PendingDecision } from '../../protocol/messages';
import type { McpService } from '../mcpService';
import type { ApiKeyStore } from '../secrets';
import { readAgentSettings } from './agentSettings';
import type { ProposalDocuments } from './proposals';
import type { TaskStore } from './taskStore';
import { OpenTextDocuments, WorkspaceApplier } from './workspaceApplier';

interface PendingEdit {
  changes: ProposedChange[];
  verdicts: Map<string, ApprovalDecision>;
  resolve: (d: ApprovalDecision) => void;
}

const UNTRUSTED = 'This workspace is not trusted: Tandem may read and answer here, but not edit files or run commands.';

let seq = 0;
const nextId = (p: string) => `${p}${Date.now().toString(36)}${++seq}`;

export class ChatController implements Approver, vscode.Disposable {
  private state: PanelState;
  private agent: Agent | undefined;
  private abort: AbortController | undefined;
  private readonly edits = new Map<string, PendingEdit>();
  private readonly decisions = new Map<string, (allow: boolean, remember?: boolean) => void>();
  private readonly emitter = new vscode.EventEmitter<PanelState>();
  readonly onDidChangeState = this.emitter.event;
  private readonly refusals = new vscode.EventEmitter<string>();
  readonly onDidRefuse = this.refusals.event;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly proposals: ProposalDocuments,
    private readonly store: TaskStore,
    private readonly mcp?: McpService,
    private readonly audit?: AuditAnchor,
  ) {
    this.state = this.fresh();
    // A changed endpoint, model, mode or key applies from the next turn; the conversation is kept.
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem') && this.rebuildAgent()),
      keys.onDidChange(() => this.rebuildAgent()),
      ...(mcp ? [mcp.onDidChange(() => this.rebuildAgent())] : []),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.rebuildAgent();
        this.update((st) => (st.readOnlyReason = undefined));
      }),
    );
  }

  private readonly disposables: vscode.Disposable[] = [];

  private rebuildPending = false;

  private rebuildAgent(): void {
    if (!this.agent) return;
    // Mid-turn, the session is still growing: rebuild once the turn has ended.
    if (this.state.running) {
      this.rebuildPending = true;
      return;
    }
    this.savedSession = this.agent.session.toJSON();
    this.agent = undefined;
  }

  private fresh(): PanelState {
    return { taskId: nextId('task_'), title: 'New task', running: false, model: readAgentSettings().model, usage: { inputTokens: 0, outputTokens: 0 }, items: [], changes: [], decisions: [], tasks: this.store.list(), readOnlyReason: vscode.workspace.isTrusted ? undefined : UNTRUSTED };
  }

  snapshot(): PanelState {
    return this.state;
  }

  private update(mut: (s: PanelState) => void): void {
    mut(this.state);
    this.emitter.fire(this.state);
  }

  /** Handles a webview message; returns false (and says why) when it is refused. */
  async handle(raw: unknown): Promise<boolean> {
    const parsed = ToExtension.safeParse(raw);
    if (!parsed.success) return this.refuse('The panel sent a message Tandem does not understand.');
    const m = parsed.data;
    switch (m.type) {
      case 'ready':
        this.emitter.fire(this.state);
        return true;
      case 'send':
        if (this.state.running) return this.refuse('Tandem is still working on this task; stop it or wait before sending more.');
        void this.run(m.text);
        return true;
      case 'stop':
        this.abort?.abort();
        return true;
      case 'newTask':
        return this.newTask();
      case 'openTask':
        return this.openTask(m.taskId);
      case 'approve':
      case 'reject':
        return this.decideChange(m.changeId, m.type === 'approve' ? { approved: true } : { approved: false, reason: m.reason });
      case 'approveAll':
      case 'rejectAll': {
        const ids = this.state.changes.map((c) => c.id);
        if (ids.length === 0) return this.refuse('No change is waiting for approval.');
        for (const id of ids) this.decideChange(id, m.type === 'approveAll' ? { approved: true } : { approved: false, reason: m.reason });
        return true;
      }
      case 'viewDiff': {
        const change = [...this.edits.values()].flatMap((e) => e.changes).find((c) => c.id === m.changeId);
        if (!change) return this.refuse('That change is no longer waiting for approval.');
        const root = vscode.workspace.workspaceFolders?.[0]?.uri;
        const findings = this.state.changes.find((c) => c.id === change.id)?.findings ?? [];
        if (root) await this.proposals.showDiff(root, change, findings);
        return true;
      }
      case 'decide': {
        const resolve = this.decisions.get(m.requestId);
        if (!resolve) return this.refuse('That question is no longer waiting for an answer.');
        resolve(m.allow, m.remember);
        return true;
      }
      case 'insertCode': {
        const editor = vscode.window.activeTextEditor;
        if (!editor) return this.refuse('Open an editor to insert the code into.');
        await editor.edit((b) => b.replace(editor.selection, m.code));
        return true;
      }
      case 'copyCode':
        await vscode.env.clipboard.writeText(m.code);
        return true;
    }
  }

  private refuse(message: string): false {
    this.refusals.fire(message);
    return false;
  }

  private newTask(): boolean {
    if (this.state.running) return this.refuse('Stop the running task before starting a new one.');
    this.agent = undefined;
    this.savedSession = undefined;
    this.state = this.fresh();
    this.emitter.fire(this.state);
    return true;
  }

  private openTask(id: string): boolean {
    if (this.state.running) return this.refuse('Stop the running task before opening another.');
    const saved = this.store.get(id);
    if (!saved) return this.refuse('That task is no longer stored.');
    this.state = { ...this.fresh(), taskId: saved.id, title: saved.title, items: saved.items };
    this.agent = undefined;
    this.savedSession = saved.session;
    this.emitter.fire(this.state);
    return true;
  }

  private savedSession: unknown;

  private async ensureAgent(): Promise<Agent | string> {
    if (this.agent) return this.agent;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return 'Open a folder first: the agent works inside a workspace folder.';
    const s = readAgentSettings();
    const trusted = vscode.workspace.isTrusted;
    let mcpTools: Awaited<ReturnType<McpService['tools']>> = [];
    try {
      mcpTools = (await this.mcp?.tools()) ?? [];
    } catch (err) {
      this.update((st) => st.items.push({ kind: 'notice', id: nextId('n'), text: `MCP servers are not available: ${(err as Error).message}`, level: 'error' }));
    }
    this.agent = new Agent({
      provider: createModelProvider(s.api, { baseUrl: s.baseUrl, apiKey: this.keys.get() }),
      model: s.model,
      workspaceRoot: await canonicalRoot(folder.uri.fsPath),
      recorder: s.auditPath
        ? ledgerRecorder(path.resolve(folder.uri.fsPath, s.auditPath), { taskId: () => this.state.taskId, task: () => this.state.title, model: s.model, baseUrl: s.baseUrl, anchor: this.audit, workspaceRoot: folder.uri.fsPath })
        : undefined,
      tools: builtinToolSet(mcpTools),
      approver: this,
      applier: new WorkspaceApplier(folder.uri),
      // In an untrusted workspace every edit and command reaches the approver, which refuses it.
      approvalMode: trusted ? s.approval : 'suggest',
      allowedCommands: trusted ? s.allowedCommands : [],
      maxSteps: s.maxSteps,
      contextWindow: s.contextWindow || undefined,
      testCommand: s.testCommand || undefined,
      documents: new OpenTextDocuments(),
      guardDisabledRules: s.guardDisabledRules,
      externalScanner: trusted ? await this.mcp?.scanner() : undefined,
      session: this.savedSession ? Session.fromJSON(this.savedSession as never) : undefined,
    });
    this.savedSession = undefined;
    return this.agent;
  }

  /** Starts a task turn (also used by the refactor commands). */
  async run(text: string): Promise<void> {
    const agent = await this.ensureAgent();
    this.update((s) => {
      s.items.push({ kind: 'user', id: nextId('u'), text });
      if (s.title === 'New task') s.title = text.split('\n')[0].slice(0, 80);
    });
    if (typeof agent === 'string') {
      this.update((s) => s.items.push({ kind: 'notice', id: nextId('n'), text: agent, level: 'error' }));
      return;
    }
    this.abort = new AbortController();
    this.update((s) => {
      s.running = true;
      s.model = readAgentSettings().model;
    });
    try {
      await agent.run(text, { signal: this.abort.signal, onEvent: (e) => this.onEvent(e) });
    } finally {
      this.update((s) => {
        s.running = false;
        s.changes = [];
        s.decisions = [];
      });
      this.store.save({ id: this.state.taskId, title: this.state.title, updated: Date.now(), items: this.state.items, session: agent.session.toJSON() });
      if (this.rebuildPending) {
        this.rebuildPending = false;
        this.rebuildAgent();
      }
      this.update((s) => (s.tasks = this.store.list()));
    }
  }

  private onEvent(e: AgentEvent): void {
    this.update((s) => {
      const last = s.items[s.items.length - 1];
      switch (e.type) {
        case 'text':
          if (last?.kind === 'assistant') last.markdown += e.delta;
          else s.items.push({ kind: 'assistant', id: nextId('a'), markdown: e.delta });
          break;
        case 'toolCallStarted':
          s.items.push({ kind: 'tool', id: e.id, name: e.name, summary: summarise(e.arguments), state: 'running', output: '' });
          break;
        case 'toolOutput': {
          const step = s.items.find((i): i is Extract<ChatItem, { kind: 'tool' }> => i.kind === 'tool' && i.id === e.id);
          if (step) step.output = (step.output + e.chunk).slice(-20_000);
          break;
        }
        case 'toolCallFinished': {
          const step = s.items.find((i): i is Extract<ChatItem, { kind: 'tool' }> => i.kind === 'tool' && i.id === e.id);
          if (step) {
            step.state = e.isError ? 'failed' : 'done';
            step.output = e.output.slice(0, 20_000);
          }
          break;
        }
        case 'usage':
          s.usage = { inputTokens: e.totalInputTokens, outputTokens: e.totalOutputTokens };
          break;
        case 'retry':
          s.items.push({ kind: 'notice', id: nextId('n'), text: `${e.message} Retrying in ${Math.round(e.delayMs / 1000)} s…`, level: 'info' });
          break;
        case 'error':
          s.items.push({ kind: 'notice', id: nextId('n'), text: e.message, level: 'error' });
          break;
        case 'done':
          if (e.reason === 'cancelled') s.items.push({ kind: 'notice', id: nextId('n'), text: 'Stopped.', level: 'info' });
          else if (e.reason === 'stepLimit') s.items.push({ kind: 'notice', id: nextId('n'), text: e.message ?? 'The step limit was reached.', level: 'error' });
          break;
      }
    });
  }

  // Approver: the loop awaits these; the panel answers them.
  request(req: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision> {
    if (!vscode.workspace.isTrusted && req.type !== 'read') return Promise.resolve({ approved: false, reason: UNTRUSTED });
    return new Promise((resolve) => {
      const onAbort = () => finish({ approved: false, reason: 'The task was stopped.' });
      const finish = (d: ApprovalDecision) => {
        signal.removeEventListener('abort', onAbort);
        resolve(d);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (req.type === 'edit') {
        const key = nextId('e');
        for (const c of req.changes) this.proposals.remember(c);
        this.edits.set(key, {
          changes: req.changes,
          verdicts: new Map(),
          resolve: (d) => {
            this.edits.delete(key);
            for (const c of req.changes) this.proposals.forget(c.id);
            this.update((s) => (s.changes = s.changes.filter((c) => !req.changes.some((r) => r.id === c.id))));
            finish(d);
          },
        });
        const findingsOf = (p: string) => req.findings?.filter((f) => f.path === p).map(({ ruleId, cwe, severity, message, fix, line }) => ({ ruleId, cwe, severity, message, fix, line }));
        this.update((s) => s.changes.push(...req.changes.map(({ id, path, kind, newPath, added, removed, diff }) => ({ id, path, kind, newPath, added, removed, diff, findings: findingsOf(newPath ?? path) }))));
        signal.addEventListener('abort', () => this.edits.get(key)?.resolve({ approved: false, reason: 'The task was stopped.' }), { once: true });
        return;
      }
      const requestId = nextId('q');
      const pending: PendingDecision =
        req.type === 'command'
          ? { requestId, kind: 'command', subject: req.command, detail: req.cwd, reason: req.reason }
          : req.type === 'read'
            ? { requestId, kind: 'read', subject: req.path, detail: '', reason: req.reason }
            : { requestId, kind: 'tool', subject: req.toolName, detail: JSON.stringify(req.args, null, 2), reason: req.reason };
      this.decisions.set(requestId, (allow, remember) => {
        this.decisions.delete(requestId);
        this.update((s) => (s.decisions = s.decisions.filter((d) => d.requestId !== requestId)));
        finish(allow ? { approved: true, ...(remember ? { remember: true } : {}) } : { approved: false, reason: 'The user denied it.' });
      });
      signal.addEventListener('abort', () => this.decisions.get(requestId)?.(false), { once: true });
      this.update((s) => s.decisions.push(pending));
    });
  }

  private decideChange(changeId: string, d: ApprovalDecision): boolean {
    const entry = [...this.edits.values()].find((e) => e.changes.some((c) => c.id === changeId));
    if (!entry || entry.verdicts.has(changeId)) return this.refuse('That change is no longer waiting for approval.');
    entry.verdicts.set(changeId, d);
    this.update((s) => (s.changes = s.changes.filter((c) => c.id !== changeId)));
    if (entry.verdicts.size === entry.changes.length) {
      const rejected = [...entry.verdicts.values()].find((v) => !v.approved);
      entry.resolve(rejected ?? { approved: true });
    }
    return true;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.abort?.abort();
    this.emitter.dispose();
    this.refusals.dispose();
  }
}

function summarise(args: string): string {
  try {
    const a = JSON.parse(args) as Record<string, unknown>;
    const main = a.path ?? a.command ?? a.pattern ?? a.query;
    return typeof main === 'string' ? main.slice(0, 200) : '';
  } catch {
    return '';
  }
}
