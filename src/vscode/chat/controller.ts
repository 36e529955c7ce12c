// Owns one chat panel's task: routes the webview's (validated) messages, builds and rebuilds the
// agent, runs turns, keeps the task stored, and rewinds it to a checkpoint (Restore, edit an earlier
// message, Retry). Approvals are the PanelApprover's; event → state is the panel reducer's.
import * as vscode from 'vscode';
import type { Agent } from '../../core/agent/agent';
import type { AuditAnchor } from '../../core/audit/heads';
import { TurnSummary } from '../../core/agent/turnSummary';
import type { CheckpointStore } from '../../core/checkpoints/store';
import type { PanelState } from '../../protocol/messages';
import type { McpService } from '../mcp/mcpService';
import type { ApiKeyStore } from '../model/apiKey';
import { auditRecorder } from '../audit/auditRecorder';
import { AgentLifecycle } from './agentLifecycle';
import { readAgentSettings } from '../agent/settings';
import { routeMessage, type MessageHandlers } from './messageRouter';
import { buildPanelAgent } from './panelAgent';
import { PanelApprover, UNTRUSTED } from './panelApprover';
import { rewindFlow, type RewindHost } from './rewindFlow';
import { applyAgentEvent, endTurn, nextItemId as nextId, type ReducerContext } from './panelReducer';
import type { ProposalDocuments } from './proposals';
import type { TaskStore } from './taskStore';
import { compactConversation, confirmInit, modelPrice, saveMode } from './conversationCommands';
import { commandTurnNote, PanelConversation, type CommandTurn } from './panelConversation';
import { INIT_TASK } from '../../core/agent/initPrompt';
import type { SendContext } from '../../protocol/sendContext';
import { ChatContext } from './chatContext';
import { runPanelCommand } from './panelCommands';
import { CommandTerminal } from '../agent/commandTerminal';
import { retryPlan, type RetryPlan } from './retryFailed';
import { onConnected } from './serverErrorBubble';
import { applyCode } from './applyCode';
import { AttemptsFlow } from './attemptsFlow';
import { SummaryCards } from './summaryCards';
import { openLocation } from './openLocation';
import { TaskHistoryFlow } from './taskHistoryFlow';
import { PromptCommands } from './promptCommands';
import { parsePrompt } from '../../protocol/slashCommands';
import { onDidOfferProtectedUndo } from './protectedUndo';

export class ChatController implements vscode.Disposable {
  private state: PanelState;
  /** Builds the agent on first use and rebuilds it (keeping the conversation) when settings change. */
  private readonly lifecycle: AgentLifecycle<Agent>;
  private abort: AbortController | undefined;
  readonly approver: PanelApprover;
  /** Send, slash commands, the queue, plan/act and ask_user (panelConversation.ts). */
  readonly conversation: PanelConversation;
  private reducer: ReducerContext = { rewindPoint: () => [0, 0] };
  private readonly emitter = new vscode.EventEmitter<PanelState>();
  readonly onDidChangeState = this.emitter.event;
  /** A command changed files that run later: the warning's offer, with the Undo its button runs. */
  readonly onDidOfferProtectedUndo = onDidOfferProtectedUndo;
  private readonly refusals = new vscode.EventEmitter<string>();
  readonly onDidRefuse = this.refusals.event;
  private readonly pickerShown = new vscode.EventEmitter<void>();
  /** The restore preview is on screen (the integration tests answer it only once it is). */
  readonly onDidShowRestorePicker = this.pickerShown.event;
  /** Task history (rename, delete, search) and New task while a task runs (taskHistoryFlow.ts). */
  readonly history = new TaskHistoryFlow({ state: () => this.state, update: (mut) => this.update(mut), refuse: (m) => this.refuse(m), stop: () => this.abort?.abort(), startFresh: () => this.newTask(), onState: (l) => this.emitter.event(l) }, () => this.store);

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
    this.attempts = new AttemptsFlow({ update: (mut) => this.update(mut), notice: (t, l) => this.notice(t, l), approver: this.approver, proposals, keys, audit });
    this.lifecycle = new AgentLifecycle<Agent>((saved) => this.buildAgent(saved), () => this.state.running);
    this.conversation = new PanelConversation({
      state: () => this.state,
      update: (mut) => this.update(mut),
      refuse: (m) => this.refuse(m),
      run: (text, context, display, command) => this.run(text, context, display, undefined, command).catch((err: unknown) => this.notice(`The task failed: ${(err as Error).message}`)),
      commands: () => this.promptCommands.commands(),
      newTask: () => this.history.newTask(),
      compact: () => this.compact(),
      init: () => this.init(),
      saveMode: (mode) => saveMode(mode).catch((err: unknown) => this.notice(`The mode could not be saved in tandem.agent.mode: ${(err as Error).message}`)),
    });
    // Prompt files as /commands: listed in the `/` picker, reloaded when one changes.
    this.promptCommands = new PromptCommands((list, notes) => {
      this.update((s) => (s.commands = list.map(({ name, description }) => ({ name, description }))));
      for (const n of notes) this.notice(n, 'info');
    });
    this.disposables.push(this.promptCommands);
    // A changed endpoint, model, mode or key applies from the next turn; the conversation is kept.
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tandem') && this.rebuildAgent()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        const mode = e.affectsConfiguration('tandem.agent.mode') && !this.state.running;
        const attempts = e.affectsConfiguration('tandem.agent.attempts');
        if (!mode && !attempts) return;
        const now = readAgentSettings();
        this.update((s) => {
          if (mode) s.mode = now.mode;
          if (attempts) s.attemptCount = now.attempts;
        });
      }),
      keys.onDidChange(() => this.rebuildAgent()),
      ...(mcp ? [mcp.onDidChange(() => this.rebuildAgent())] : []),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.rebuildAgent();
        this.update((st) => (st.readOnlyReason = undefined));
      }),
    );
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly promptCommands: PromptCommands;
  /** Selection chip, @-mentions and images of a message (chatContext.ts). */
  readonly chatContext = new ChatContext();
  /** Mirrors the agent's commands into the "Tandem" terminal. */
  readonly terminal = new CommandTerminal((id) => this.approver.editedCommand(id));
  /** Best of k (tandem.agent.attempts > 1). */
  private readonly attempts: AttemptsFlow;
  /** The card a turn ends with, and its diffs (summaryCards.ts). */
  private readonly summaries = new SummaryCards((root) => this.checkpoints(root));

  private rebuildAgent(): void {
    this.lifecycle.rebuild();
  }

  private fresh(): PanelState {
    const settings = readAgentSettings();
    return { taskId: nextId('task_'), title: 'New task', running: false, model: settings.model, usage: { inputTokens: 0, outputTokens: 0 }, items: [], changes: [], decisions: [], ...this.store.listing(), readOnlyReason: vscode.workspace.isTrusted ? undefined : UNTRUSTED, mode: settings.mode, queued: [], questions: [], attemptCount: settings.attempts, commands: this.state?.commands };
  }

  /** Reads the custom commands (prompt files) again; the watchers do so on their own when one changes. */
  reloadCommands(): Promise<void> {
    return this.promptCommands.reload();
  }

  snapshot(): PanelState {
    return this.state;
  }

  /** The server check found the configured server answering: the model shown and a connection-error bubble catch up. */
  serverAnswers(server: { baseUrl: string; chatModel: string; models: readonly string[] }): void {
    if (this.state.running) return;
    this.update((s) => {
      s.model = server.chatModel;
      onConnected(s, server);
    });
  }

  private update(mut: (s: PanelState) => void): void {
    mut(this.state);
    this.emitter.fire(this.state);
  }

  /** Handles a webview message; returns false (and says why) when it is refused. */
  handle(raw: unknown): Promise<boolean> {
    return routeMessage(raw, this.routes, (m) => this.refuse(m));
  }

  /** One handler per webview message type (validated by the router before it gets here). */
  private readonly routes: MessageHandlers = {
    ready: () => {
      this.emitter.fire(this.state);
      this.chatContext.pushEditorContext();
      return true;
    },
    send: async (m) => {
      if (this.chatContext.preparing) return this.refuse('Tandem is still gathering what the last message attached; send again in a moment.');
      // A command no file defined at the last load: the files are read again first (a file watcher can
      // miss a folder created moments ago, and the user should not have to reload the window).
      const p = parsePrompt(m.text, this.promptCommands.commands());
      if (p.kind === 'error' && p.unknown) await this.promptCommands.reload();
      return this.conversation.send(m.text, m.context);
    },
    mentionQuery: async (m) => {
      await this.chatContext.query(m.query, m.seq);
      return true;
    },
    stop: () => {
      this.abort?.abort();
      return true;
    },
    newTask: () => this.history.newTask(),
    ...this.history.handlers,
    openTask: (m) => this.openTask(m.taskId),
    approve: (m) => this.approver.decideChange(m.changeId, { approved: true }),
    reject: (m) => this.approver.decideChange(m.changeId, { approved: false, reason: m.reason }),
    approveAll: () => this.decideAll({ approved: true }),
    rejectAll: (m) => this.decideAll({ approved: false, reason: m.reason }),
    viewDiff: async (m) => {
      const change = this.approver.pendingChange(m.changeId);
      if (!change) return this.refuse('That change is no longer waiting for approval.');
      const root = vscode.workspace.workspaceFolders?.[0]?.uri;
      const findings = this.state.changes.find((c) => c.id === change.id)?.findings ?? [];
      if (root) await this.proposals.showDiff(root, change, findings);
      return true;
    },
    decide: (m) => this.approver.decide(m.requestId, m.allow, m.remember, m.command),
    decideHunk: (m) => this.approver.decideHunk(m.changeId, m.index, m.approve, m.reason),
    insertCode: async (m) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return this.refuse('Open an editor to insert the code into.');
      await editor.edit((b) => b.replace(editor.selection, m.code));
      return true;
    },
    copyCode: async (m) => {
      await vscode.env.clipboard.writeText(m.code);
      return true;
    },
    restoreCheckpoint: (m) => this.restore(m.itemId),
    editMessage: (m) => this.resend(m.itemId, m.text),
    retry: () => {
      const lastUser = [...this.state.items].reverse().find((i) => i.kind === 'user');
      if (!lastUser || lastUser.kind !== 'user') return this.refuse('There is no message to retry.');
      return this.resend(lastUser.id, lastUser.prompt ?? lastUser.text);
    },
    setMode: (m) => this.conversation.setMode(m.mode),
    unqueue: (m) => this.conversation.unqueue(m.id),
    answer: (m) => this.conversation.answer(m.requestId, m.text),
    applyCode: async (m) => {
      const why = await applyCode(m.code, m.path);
      return why ? this.refuse(why) : true;
    },
    retryFailed: () => this.retryFailed(),
    panelCommand: (m) => runPanelCommand(m.command),
    pickAttempt: (m) => this.attemptDone(this.attempts.pick(m.index)),
    openAttemptDiff: async (m) => this.attemptDone(await this.attempts.openDiff(m.index)),
    // The panel's control chooses the attempts of the next task; tandem.agent.attempts stays the default.
    setAttempts: (m) => (this.update((s) => (s.attemptCount = m.count)), true),
    openSummaryDiff: async (m) => this.attemptDone(await this.summaries.open(this.state, m.itemId, m.path)),
    openLocation: async (m) => this.attemptDone(await openLocation(m.path, m.line, m.endLine)),
  };

  private attemptDone(done: boolean | string): boolean {
    return typeof done === 'string' ? this.refuse(done) : done;
  }

  /** The error bubble's Retry: the failed message again, or "continue" when the turn failed midway. */
  private async retryFailed(): Promise<boolean> {
    if (this.state.running) return this.refuse('Tandem is still working on this task; stop it or wait before retrying.');
    const agent = await this.ensureAgent();
    const plan = retryPlan(this.state, typeof agent === 'string' ? undefined : agent.session);
    if (!plan) return this.refuse('The last request did not fail on the model server, so there is nothing to retry.');
    if (typeof agent !== 'string' && plan.keepMessages !== undefined) agent.session.truncate(plan.keepMessages);
    this.update((s) => (s.items = s.items.slice(0, plan.keepItems)));
    this.run(plan.text, undefined, plan.display, plan.resend).catch((err: unknown) => this.notice(`The task failed: ${(err as Error).message}`));
    return true;
  }

  private decideAll(d: { approved: true } | { approved: false; reason?: string }): boolean {
    const ids = this.state.changes.map((c) => c.id);
    if (ids.length === 0) return this.refuse('No change is waiting for approval.');
    for (const id of ids) this.approver.decideChange(id, d);
    return true;
  }

  notice(text: string, level: 'info' | 'error' = 'error'): void {
    this.update((s) => s.items.push({ kind: 'notice', id: nextId('n'), text, level }));
  }

  private refuse(message: string): false {
    this.refusals.fire(message);
    return false;
  }

  private newTask(): boolean {
    if (this.state.running) return this.refuse('Stop the running task before starting a new one.');
    this.lifecycle.reset();
    this.conversation.reset();
    this.attempts.reset();
    this.state = this.fresh();
    this.emitter.fire(this.state);
    return true;
  }

  private openTask(id: string): boolean {
    if (this.state.running) return this.refuse('Stop the running task before opening another.');
    const saved = this.store.get(id);
    if (!saved) return this.refuse(this.store.lastProblem);
    // Its best-of-k table comes back as a record: the attempts' copies are gone, so nothing to pick or diff.
    this.state = { ...this.fresh(), taskId: saved.id, title: saved.title, items: saved.items, plan: (saved.session as { plan?: PanelState['plan'] } | undefined)?.plan, ...(saved.attempts ? { attempts: { ...saved.attempts, archived: true } } : {}) };
    this.lifecycle.reset(saved.session);
    this.conversation.reset();
    this.emitter.fire(this.state);
    return true;
  }

  private reducedAgent: Agent | undefined;

  private async ensureAgent(): Promise<Agent | string> {
    const agent = await this.lifecycle.ensure();
    if (typeof agent === 'string' || agent === this.reducedAgent) return agent;
    // A newly built agent: the reducer starts over with its conversation.
    this.reducedAgent = agent;
    const session = agent.session;
    this.reducer = { rewindPoint: () => [session.messages.length, session.compactions] };
    return agent;
  }

  private buildAgent(saved: unknown): Promise<Agent | string> {
    return buildPanelAgent({ keys: this.keys, approver: this.approver, mcp: this.mcp, checkpoints: this.checkpoints, taskId: () => this.state.taskId, recorder: (folder) => this.recorder(folder), notice: (text, level) => this.notice(text, level), ask: this.conversation.ask, acceptsImages: this.chatContext.editorContext().imagesOff === undefined }, saved);
  }

  /** A new, short task from a refactor command: no earlier history, the readable text shown, its own title. */
  async startTask(req: { prompt: string; display: string; title: string }): Promise<boolean> {
    if (!this.newTask()) return false;
    this.update((s) => (s.title = req.title));
    await this.run(req.prompt, undefined, req.display);
    return true;
  }

  /** Starts a task turn; `context`: what the panel attached; `display`: what the panel shows instead of the prompt; `resend`: a failed message's input, sent again as it was. */
  async run(text: string, context?: SendContext, display?: string, resend?: RetryPlan['resend'], command?: CommandTurn): Promise<void> {
    const attempts = this.state.attemptCount ?? readAgentSettings().attempts;
    if (attempts > 1 && vscode.workspace.isTrusted) return this.runAttempts(text, attempts, display);
    const prepared = resend ? { ...resend, notices: [] } : await this.chatContext.prepare(text, context);
    if ('error' in prepared) {
      this.refuse(prepared.error);
      return;
    }
    const agent = await this.ensureAgent();
    this.update((s) => {
      addUserMessage(s, text, display, prepared.attached);
      for (const n of prepared.notices) s.items.push({ kind: 'notice', id: nextId('n'), text: n, level: 'info' });
      const own = command && commandTurnNote(command);
      if (own) s.items.push({ kind: 'notice', id: nextId('n'), text: own, level: 'info' });
    });
    if (typeof agent === 'string') {
      this.update((s) => s.items.push({ kind: 'notice', id: nextId('n'), text: agent, level: 'error' }));
      return;
    }
    this.abort = new AbortController();
    this.meter(agent);
    let reason = 'error';
    const summary = new TurnSummary();
    try {
      reason = (await agent.run(text, { input: prepared.input, signal: this.abort.signal, mode: this.state.mode, queue: this.conversation.queue, ...(command?.model ? { model: command.model } : {}), ...(command?.tools ? { toolNames: command.tools } : {}), onEvent: (e) => (summary.add(e), this.update((st) => applyAgentEvent(st, e, this.reducer)), this.terminal.onEvent(e)) })).reason;
      this.update((s) => this.summaries.add(s, summary));
    } finally {
      this.update((s) => {
        endTurn(s, this.reducer, agent.takesCheckpoints);
        s.running = false;
        s.changes = [];
        s.decisions = [];
      });
      this.proposals.endReviews();
      this.saveTask(agent.session.toJSON());
      this.lifecycle.turnEnded();
      this.update((s) => Object.assign(s, this.store.listing()));
      this.conversation.turnEnded(reason);
    }
  }

  /** Best of k: the attempts side by side, then the best one's changes as cards (see AttemptsFlow). */
  private async runAttempts(text: string, count: number, display?: string): Promise<void> {
    this.abort = new AbortController();
    this.update((s) => {
      addUserMessage(s, text, display);
      s.running = true;
    });
    try {
      await this.attempts.run(text, count, this.abort.signal);
    } finally {
      this.update((s) => {
        s.running = false;
        // Best of k was this task's choice: the next one starts from the setting (1 unless set).
        s.attemptCount = readAgentSettings().attempts;
      });
      this.saveTask();
    }
  }

  /** Running, with the model, its window and price for the context meter and the cost. */
  private meter(agent: Agent): void {
    const model = readAgentSettings().model;
    this.reducer.window = agent.budget.window;
    this.reducer.price = modelPrice(model, (m) => this.notice(m));
    this.update((s) => {
      s.running = true;
      s.model = model;
      s.context = { used: s.context?.used ?? 0, window: agent.budget.window };
    });
  }

  /** /compact: the conversation summarised now; Stop ends it. */
  private compact(): void {
    const work = async () => {
      const agent = await this.ensureAgent();
      if (typeof agent === 'string') return this.notice(agent);
      this.abort = new AbortController();
      this.meter(agent);
      try {
        this.notice(await compactConversation(agent, { signal: this.abort.signal, onEvent: (e) => this.update((s) => applyAgentEvent(s, e, this.reducer)) }), 'info');
      } finally {
        this.update((s) => (s.running = false));
        this.saveTask(agent.session.toJSON());
        this.conversation.turnEnded('answer');
      }
    };
    work().catch((err: unknown) => this.notice(`Compacting failed: ${(err as Error).message}`));
  }

  /** /init: after the user agrees, the agent writes a first AGENTS.md (its edit is approved as usual). */
  private init(): void {
    confirmInit()
      .then((ok) => (ok === true ? this.run(INIT_TASK) : this.notice(ok, 'info')))
      .catch((err: unknown) => this.notice(`/init failed: ${(err as Error).message}`));
  }

  /** Restore from a step or message: a preview, one confirmation, then files (and, if chosen, the conversation) go back. */
  private restore(itemId: string): boolean {
    rewindFlow(this.rewindHost, itemId, 'optional').catch((err: unknown) => this.notice(`The restore failed: ${(err as Error).message}`));
    return true;
  }

  /** Edit (or retry) an earlier message: back to the checkpoint before it, the conversation cut there, then sent again. */
  private resend(itemId: string, text: string): boolean {
    const item = this.state.items.find((i) => i.id === itemId);
    if (item?.kind !== 'user') return this.refuse('Only your own messages can be edited and sent again.');
    const label = text === item.text || text === item.prompt ? 'Restore and retry' : 'Restore and send the edited message';
    rewindFlow(this.rewindHost, itemId, 'required', label)
      .then((done) => (done ? this.run(text) : undefined))
      .catch((err: unknown) => this.notice(`Sending again failed: ${(err as Error).message}`));
    return true;
  }

  /** What the restore flow (rewindFlow.ts) needs from the panel. */
  private readonly rewindHost: RewindHost = {
    state: () => this.state,
    refuse: (m) => this.refuse(m),
    notice: (t) => this.notice(t),
    update: (mut) => this.update(mut),
    ensureAgent: () => this.ensureAgent(),
    checkpoints: (root) => this.checkpoints(root),
    recorder: (folder) => this.recorder(folder),
    pickerShown: () => this.pickerShown.fire(),
    forgetLastCheckpoint: () => (this.reducer.lastCheckpoint = undefined),
    saveTask: (session) => this.saveTask(session),
  };

  private recorder(folder: vscode.WorkspaceFolder): ReturnType<typeof auditRecorder> {
    return auditRecorder(folder, this.audit, { taskId: () => this.state.taskId, task: () => this.state.title });
  }

  private saveTask(session?: unknown): void {
    const stored = this.store.get(this.state.taskId);
    const attempts = this.state.attempts ?? stored?.attempts;
    this.store.save({ id: this.state.taskId, title: this.state.title, updated: Date.now(), items: this.state.items, session: session ?? this.lifecycle.sessionJson() ?? stored?.session, ...(attempts ? { attempts } : {}) });
  }

  dispose(): void {
    this.terminal.dispose();
    this.chatContext.dispose();
    for (const d of this.disposables) d.dispose();
    this.abort?.abort();
    this.emitter.dispose();
    this.refusals.dispose();
    this.pickerShown.dispose();
    this.summaries.dispose();
  }
}

/** The user's message in the panel (the readable `display` when there is one) and the task's title from it. */
function addUserMessage(s: PanelState, text: string, display?: string, attached: string[] = []): void {
  s.items.push({ kind: 'user', id: nextId('u'), text: display ?? text, ...(display ? { prompt: text } : {}), ...(attached.length ? { attached } : {}) });
  if (s.title === 'New task') s.title = text.split('\n')[0].slice(0, 80);
}
