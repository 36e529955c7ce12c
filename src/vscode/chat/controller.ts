// Owns one chat panel's task: routes the webview's (validated) messages, builds and rebuilds the
// agent, runs turns, keeps the task stored, and rewinds it to a checkpoint (Restore, edit an earlier
// message, Retry). Approvals are the PanelApprover's; event → state is the panel reducer's.
import * as vscode from 'vscode';
import { Agent } from '../../core/agent/agent';
import type { AuditAnchor } from '../../core/audit/heads';
import { recordRestore } from '../../core/checkpoints/record';
import { createModelProvider } from '../../core/agent/modelProvider';
import { Session } from '../../core/agent/session';
import { TurnSummary } from '../../core/agent/turnSummary';
import { builtinToolSet } from '../../core/agent/toolSet';
import { languageTools } from '../../core/tools/languageTools';
import { VsCodeEditDiagnostics } from '../editDiagnostics';
import { VsCodeLanguageService } from '../languageService';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import { rewindLength, RewindError, type RewindPoint } from '../../core/agent/rewind';
import type { CheckpointStore } from '../../core/checkpoints/store';
import { ToExtension, type PanelState } from '../../protocol/messages';
import type { McpService } from '../mcpService';
import type { ApiKeyStore } from '../secrets';
import { auditRecorder } from '../auditRecorder';
import { readAgentSettings } from './agentSettings';
import { confirmRestore, restoreFiles } from './checkpointFlow';
import { PanelApprover, UNTRUSTED } from './panelApprover';
import { applyAgentEvent, nextItemId as nextId, type ReducerContext } from './panelReducer';
import type { ProposalDocuments } from './proposals';
import type { TaskStore } from './taskStore';
import { OpenTextDocuments, WorkspaceApplier } from './workspaceApplier';
import { createSandbox } from '../sandbox';

export class ChatController implements vscode.Disposable {
  private state: PanelState;
  private agent: Agent | undefined;
  private abort: AbortController | undefined;
  readonly approver: PanelApprover;
  private reducer: ReducerContext = { rewindPoint: () => [0, 0] };
  private readonly emitter = new vscode.EventEmitter<PanelState>();
  readonly onDidChangeState = this.emitter.event;
  private readonly refusals = new vscode.EventEmitter<string>();
  readonly onDidRefuse = this.refusals.event;
  private readonly pickerShown = new vscode.EventEmitter<void>();
  /** The restore preview is on screen (the integration tests answer it only once it is). */
  readonly onDidShowRestorePicker = this.pickerShown.event;

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly proposals: ProposalDocuments,
    private readonly store: TaskStore,
    private readonly mcp?: McpService,
    private readonly audit?: AuditAnchor,
    /** The workspace's checkpoint store; undefined when checkpoints are off. */
    private readonly checkpoints: (root: string) => CheckpointStore | undefined = () => undefined,
  ) {
    this.state = this.fresh();
    this.approver = new PanelApprover(() => this.state.changes, (mut) => this.update(mut), proposals, (m) => this.refuse(m));
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
        this.run(m.text).catch((err: unknown) => this.notice(`The task failed: ${(err as Error).message}`));
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
        return this.approver.decideChange(m.changeId, m.type === 'approve' ? { approved: true } : { approved: false, reason: m.reason });
      case 'approveAll':
      case 'rejectAll': {
        const ids = this.state.changes.map((c) => c.id);
        if (ids.length === 0) return this.refuse('No change is waiting for approval.');
        for (const id of ids) this.approver.decideChange(id, m.type === 'approveAll' ? { approved: true } : { approved: false, reason: m.reason });
        return true;
      }
      case 'viewDiff': {
        const change = this.approver.pendingChange(m.changeId);
        if (!change) return this.refuse('That change is no longer waiting for approval.');
        const root = vscode.workspace.workspaceFolders?.[0]?.uri;
        const findings = this.state.changes.find((c) => c.id === change.id)?.findings ?? [];
        if (root) await this.proposals.showDiff(root, change, findings);
        return true;
      }
      case 'decide':
        return this.approver.decide(m.requestId, m.allow, m.remember);
      case 'decideHunk':
        return this.approver.decideHunk(m.changeId, m.index, m.approve, m.reason);
      case 'insertCode': {
        const editor = vscode.window.activeTextEditor;
        if (!editor) return this.refuse('Open an editor to insert the code into.');
        await editor.edit((b) => b.replace(editor.selection, m.code));
        return true;
      }
      case 'copyCode':
        await vscode.env.clipboard.writeText(m.code);
        return true;
      case 'restoreCheckpoint':
        return this.restore(m.itemId);
      case 'editMessage':
        return this.resend(m.itemId, m.text);
      case 'retry': {
        const lastUser = [...this.state.items].reverse().find((i) => i.kind === 'user');
        if (!lastUser || lastUser.kind !== 'user') return this.refuse('There is no message to retry.');
        return this.resend(lastUser.id, lastUser.prompt ?? lastUser.text);
      }
    }
  }

  private notice(text: string, level: 'info' | 'error' = 'error'): void {
    this.update((s) => s.items.push({ kind: 'notice', id: nextId('n'), text, level }));
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
    const root = await canonicalRoot(folder.uri.fsPath);
    let mcpTools: Awaited<ReturnType<McpService['tools']>> = [];
    try {
      mcpTools = (await this.mcp?.tools()) ?? [];
    } catch (err) {
      this.update((st) => st.items.push({ kind: 'notice', id: nextId('n'), text: `MCP servers are not available: ${(err as Error).message}`, level: 'error' }));
    }
    const sandbox = createSandbox(s);
    const box = await sandbox.status();
    if (!box.confined && trusted && s.approval === 'full-auto') {
      this.update((st) => st.items.push({ kind: 'notice', id: nextId('n'), text: `Commands are not sandboxed: ${box.reason?.replace(/\.$/, '')}. Full-auto asks before each command it does not consider safe on its own.`, level: 'info' }));
    }
    this.agent = new Agent({
      provider: createModelProvider(s.api, { baseUrl: s.baseUrl, apiKey: this.keys.get() }),
      model: s.model,
      workspaceRoot: root,
      recorder: this.recorder(folder),
      tools: builtinToolSet([...languageTools(new VsCodeLanguageService()), ...mcpTools]),
      approver: this.approver,
      checkpoints: trusted ? this.checkpoints(root) : undefined,
      taskId: () => this.state.taskId,
      applier: new WorkspaceApplier(folder.uri),
      // In an untrusted workspace every edit and command reaches the approver, which refuses it.
      approvalMode: trusted ? s.approval : 'suggest',
      allowedCommands: trusted ? s.allowedCommands : [],
      sandbox,
      sandboxDescription: box.confined ? `bubblewrap: ${sandbox.describe()}` : 'none',
      commandEnv: s.commandEnv,
      maxSteps: s.maxSteps,
      contextWindow: s.contextWindow || undefined,
      testCommand: s.testCommand || undefined,
      documents: new OpenTextDocuments(),
      guardDisabledRules: s.guardDisabledRules,
      externalScanner: trusted ? await this.mcp?.scanner() : undefined,
      editDiagnostics: s.diagnosticsWaitMs > 0 ? new VsCodeEditDiagnostics({ boundMs: s.diagnosticsWaitMs, settleMs: Math.min(750, s.diagnosticsWaitMs) }) : undefined,
      session: this.savedSession ? Session.fromJSON(this.savedSession as never) : undefined,
    });
    this.savedSession = undefined;
    const session = this.agent.session;
    this.reducer = { rewindPoint: () => [session.messages.length, session.compactions] };
    return this.agent;
  }

  /** A new, short task from a refactor command: no earlier history, the readable text shown, its own title. */
  async startTask(req: { prompt: string; display: string; title: string }): Promise<boolean> {
    if (!this.newTask()) return false;
    this.update((s) => (s.title = req.title));
    await this.run(req.prompt, req.display);
    return true;
  }

  /** Starts a task turn; `display` is what the panel shows instead of the prompt. */
  async run(text: string, display?: string): Promise<void> {
    const agent = await this.ensureAgent();
    this.update((s) => {
      s.items.push({ kind: 'user', id: nextId('u'), text: display ?? text, ...(display ? { prompt: text } : {}) });
      if (s.title === 'New task') s.title = text.split('\n')[0].slice(0, 80);
    });
    if (typeof agent === 'string') {
      this.update((s) => s.items.push({ kind: 'notice', id: nextId('n'), text: agent, level: 'error' }));
      return;
    }
    this.abort = new AbortController();
    const summary = new TurnSummary();
    this.update((s) => {
      s.running = true;
      s.model = readAgentSettings().model;
    });
    try {
      await agent.run(text, { signal: this.abort.signal, onEvent: (e) => (summary.add(e), this.update((s) => applyAgentEvent(s, e, this.reducer))) });
    } finally {
      const line = summary.summary();
      if (line) this.notice(`Summary: ${line}.`, 'info');
      this.update((s) => {
        s.running = false;
        s.changes = [];
        s.decisions = [];
      });
      this.saveTask(agent.session.toJSON());
      if (this.rebuildPending) {
        this.rebuildPending = false;
        this.rebuildAgent();
      }
      this.update((s) => (s.tasks = this.store.list()));
    }
  }

  /** Restore from a step or message: a preview, one confirmation, then files (and, if chosen, the conversation) go back. */
  private restore(itemId: string): boolean {
    this.rewindFlow(itemId, 'optional').catch((err: unknown) => this.notice(`The restore failed: ${(err as Error).message}`));
    return true;
  }

  /** Edit (or retry) an earlier message: back to the checkpoint before it, the conversation cut there, then sent again. */
  private resend(itemId: string, text: string): boolean {
    const item = this.state.items.find((i) => i.id === itemId);
    if (item?.kind !== 'user') return this.refuse('Only your own messages can be edited and sent again.');
    const label = text === item.text || text === item.prompt ? 'Restore and retry' : 'Restore and send the edited message';
    this.rewindFlow(itemId, 'required', label)
      .then((done) => (done ? this.run(text) : undefined))
      .catch((err: unknown) => this.notice(`Sending again failed: ${(err as Error).message}`));
    return true;
  }

  private async rewindFlow(itemId: string, conversation: 'optional' | 'required', label?: string): Promise<boolean> {
    if (this.state.running) return this.refuse('Stop the running task before going back to a checkpoint.');
    const index = this.state.items.findIndex((i) => i.id === itemId);
    const item = this.state.items[index];
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!item || (item.kind !== 'user' && item.kind !== 'tool') || !item.checkpointId) return this.refuse('That step has no checkpoint to go back to.');
    const store = folder && vscode.workspace.isTrusted ? this.checkpoints(await canonicalRoot(folder.uri.fsPath)) : undefined;
    if (!folder || !store) return this.refuse('Checkpoints are off (tandem.checkpoints.enabled) or the workspace is not trusted.');
    const point: RewindPoint | undefined = item.kind === 'tool' ? { kind: 'afterCall', toolCallId: item.id } : item.rewind ? { kind: 'beforeTurn', messageCount: item.rewind[0], compactions: item.rewind[1] } : undefined;
    const choice = await confirmRestore(store, folder.uri, item.checkpointId, conversation, label, () => this.pickerShown.fire());
    if (!choice) return false;
    const agent = choice === 'filesAndConversation' ? await this.ensureAgent() : undefined;
    if (typeof agent === 'string') return this.refuse(agent);
    // Check the conversation can be cut before any file is touched.
    let cutAt = this.state.items.length;
    let keep: number | undefined;
    if (agent) {
      if (!point) return this.refuse('This message has no recorded place in the conversation, so it cannot be cut back there.');
      try {
        keep = rewindLength(agent.session, point);
      } catch (err) {
        if (err instanceof RewindError) return this.refuse(err.message);
        throw err;
      }
      cutAt = item.kind === 'user' ? index : this.endOfStep(agent.session, item.id, index);
    }
    const { undoId, changed } = await restoreFiles(store, folder.uri, item.checkpointId, { task: this.state.title, taskId: this.state.taskId });
    // The conversation is cut only once the files are back: a failed restore leaves both as they were.
    if (agent && keep !== undefined) agent.session.truncate(keep);
    const recorder = this.recorder(folder);
    const unrecorded = recorder ? await recordRestore(recorder, store, item.checkpointId, undoId, changed) : undefined;
    if (unrecorded) this.notice(unrecorded);
    this.reducer.lastCheckpoint = undefined;
    this.update((s) => {
      s.items = s.items.slice(0, cutAt);
      s.items.push({ kind: 'notice', id: nextId('n'), text: `Restored ${changed.length} file${changed.length === 1 ? '' : 's'} to checkpoint ${item.checkpointId}${agent ? ' and cut the conversation back there' : ''}. The state before the restore is checkpoint ${undoId} (Tandem: Restore Checkpoint… undoes it).`, level: 'info' });
    });
    this.saveTask(agent ? agent.session.toJSON() : undefined);
    return true;
  }

  private recorder(folder: vscode.WorkspaceFolder): ReturnType<typeof auditRecorder> {
    return auditRecorder(folder, this.audit, { taskId: () => this.state.taskId, task: () => this.state.title });
  }

  /** The index just past the panel items of the step that made `callId`. */
  private endOfStep(session: Session, callId: string, index: number): number {
    const step = session.messages.find((m) => m.role === 'assistant' && m.toolCalls?.some((c) => c.id === callId));
    const ids = new Set(step?.role === 'assistant' ? (step.toolCalls ?? []).map((c) => c.id) : [callId]);
    let end = index;
    this.state.items.forEach((i, n) => {
      if (i.kind === 'tool' && ids.has(i.id)) end = Math.max(end, n);
    });
    return end + 1;
  }

  private saveTask(session?: unknown): void {
    const stored = this.store.get(this.state.taskId);
    this.store.save({ id: this.state.taskId, title: this.state.title, updated: Date.now(), items: this.state.items, session: session ?? this.agent?.session.toJSON() ?? stored?.session });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.abort?.abort();
    this.emitter.dispose();
    this.refusals.dispose();
    this.pickerShown.dispose();
  }
}
