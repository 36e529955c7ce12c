// Owns the agent's entry point: an Agent holds one conversation (Session) and its wiring; `run(task)`
// runs one turn and streams events to the caller. Front ends (panel, CLI, tests) construct it with
// their ports — provider, tools, approver, applier — and render the events; the loop knows no UI.
import * as os from 'node:os';
import type { ModelProvider, ModelRequest } from '../llm/provider';
import { RetryingProvider, type RetryOptions } from '../llm/retry';
import type { Approver } from '../changes/approval';
import type { ChangeApplier } from '../changes/ports';
import type { ToolContext } from '../tools/types';
import { budgetFor, toolOutputCap, type Budget } from '../llm/tokens';
import { checkpointTaker, type CheckpointTaker } from './checkpoints';
import type { AgentEvent, AgentEventListener } from './events';
import { formatInstructions, InstructionTracker } from './instructions';
import { Session } from './session';
import { environmentMessage, systemPrompt } from './systemPrompt';
import { resolveTestCommand } from './testCommand';
import type { ToolSet } from './toolRuntime';
import { runTurn, type TurnInput, type TurnResult } from './turn';
import { LanguageToolName } from '../tools/toolNames';
import type { UserAsker } from '../tools/askUser';
import { conversationTools, withTools } from './conversationTools';
import type { MessageQueue } from './messageQueue';
import { taskForMode, toolSetForMode, toolSetLimitedTo, type AgentMode } from './modes';
import { compact } from './step';
import type { AgentHooks } from '../hooks/engine';
import { ToolCallingProvider, type ToolCallingMemory, type ToolCallingMode } from '../llm/toolCalling';

export interface AgentOptions {
  /** The model API (ChatProvider or ResponsesProvider); retries are added here unless retry === false. */
  provider: ModelProvider;
  model: string;
  /** Absolute, canonical path of the workspace root. */
  workspaceRoot: string;
  tools: ToolSet;
  approver: Approver;
  applier: ChangeApplier;
  approvalMode: ToolContext['approvalMode'];
  allowedCommands?: string[];
  /** Model calls per turn before the turn stops (default 50). */
  maxSteps?: number;
  /** Context window override in tokens (tandem.agent.contextWindow); defaults by model name. */
  contextWindow?: number;
  /** tandem.agent.testCommand; detected from the workspace when unset. */
  testCommand?: string;
  retry?: RetryOptions | false;
  /** The parent environment commands pick their allowlisted variables from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** tandem.agent.env: names passed through to commands, or NAME=value entries. */
  commandEnv?: string[];
  /** The command sandbox; without one commands run unconfined and full-auto asks before them. */
  sandbox?: ToolContext['sandbox'];
  /** Continue a restored conversation. */
  session?: Session;
  /** The editor's open documents (unsaved text is the base of edits). */
  documents?: ToolContext['documents'];
  /** Guard rules switched off (tandem.guard.disabledRules). */
  guardDisabledRules?: string[];
  /** Records applied changes (the audit ledger). */
  recorder?: ToolContext['recorder'];
  /** Told when a command created, changed or removed files that run later (the panel offers Undo). */
  onProtectedChanges?: ToolContext['onProtectedChanges'];
  /** A scanner run on proposed changes in addition to the guard rules. */
  externalScanner?: ToolContext['externalScanner'];
  /** The model reviewer (tandem.review.model), asked before each edit is shown. */
  reviewer?: ToolContext['reviewer'];
  /** The editor's language servers, to report errors an edit introduces. */
  editDiagnostics?: ToolContext['editDiagnostics'];
  maxOutputTokens?: number;
  temperature?: number;
  /** Snapshots the workspace at each turn's start and after each mutating tool call. */
  checkpoints?: CheckpointTaker;
  /** Take the turn-start checkpoint only once something may change a file (none for a turn that only reads; the CLI). */
  lazyCheckpoints?: boolean;
  /** The task id checkpoints are labelled with (the panel's task; none in the CLI). */
  taskId?: () => string | undefined;
  /** Run by `tandem exec` (no editor); said in the system prompt. */
  headless?: boolean;
  /** Whether someone can answer approvals (default: not headless); said in the system prompt. */
  canApprove?: boolean;
  /** How commands are sandboxed, for the system prompt ("none" or undefined when they are not). */
  sandboxDescription?: string;
  /** The final answer must be JSON valid against this schema; sent as response_format where supported. */
  outputSchema?: ModelRequest['outputSchema'];
  /** Answers ask_user; without one (headless) the model is told to decide itself. */
  ask?: UserAsker;
  /** The model accepts images (tandem.chat.vision): images MCP tools return are passed on. */
  acceptsImages?: boolean;
  /** Hooks (hooks.json) run around prompts, tool calls and stops; absent: none. */
  hooks?: AgentHooks;
  /** tandem.agent.toolCalling: native tools, tools described as text, or auto (native, text when refused). */
  toolCalling?: ToolCallingMode;
  /** Where auto remembers the models that refused native tools (default: for the process). */
  toolCallingMemory?: ToolCallingMemory;
}

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: AgentEventListener;
  /** 'plan': read-only tools, ending with a plan; 'act' (default): every tool. */
  mode?: AgentMode;
  /** Messages the user types during the turn; delivered at the next step. */
  queue?: MessageQueue;
  /**
   * What the model receives instead of the bare task: the task with its attached context
   * (context/attachments.ts) and images. The task alone still labels checkpoints and summaries.
   */
  input?: TurnInput;
  /** This turn's model instead of the agent's (a prompt file's `model:`); on the same endpoint. */
  model?: string;
  /** This turn's tools limited to these names (a prompt file's `tools:`); the conversation tools stay. */
  toolNames?: readonly string[];
}

export const DEFAULT_MAX_STEPS = 50;

export class Agent {
  readonly session: Session;
  readonly budget: Budget;
  private readonly provider: ModelProvider;
  /** Built once: byte-identical on every call of every turn. */
  private readonly system: string;
  private readonly instructions: InstructionTracker;
  /** The front end's tools plus update_plan and ask_user. */
  private readonly tools: ToolSet;
  /** The tools of an act-mode turn (headless: without update_plan and ask_user). */
  private readonly actTools: ToolSet;
  private listener: AgentEventListener = () => {};
  private running = false;
  /** The first task of the conversation: the label of its checkpoints. */
  private firstTask: string | undefined;
  /** SessionStart hooks ran for this agent. */
  private sessionStarted = false;

  constructor(private readonly options: AgentOptions) {
    this.session = options.session ?? new Session();
    this.budget = budgetFor(options.model, options.contextWindow);
    this.instructions = new InstructionTracker(options.workspaceRoot);
    this.tools = withTools(options.tools, conversationTools(() => this.session, (e) => this.listener(e), options.ask, { headless: options.headless, mode: 'plan' }));
    this.actTools = options.headless ? withTools(options.tools, conversationTools(() => this.session, (e) => this.listener(e), options.ask, { headless: true, mode: 'act' })) : this.tools;
    this.system = systemPrompt({ headless: options.headless ?? false, approvalMode: options.approvalMode, canApprove: options.canApprove, sandbox: options.sandboxDescription, languageTools: options.tools.specs.some((t) => t.function.name === LanguageToolName.goToDefinition) });
    // Inside the retries: a refusal of `tools` switches to text at once instead of being retried.
    const provider = new ToolCallingProvider(options.provider, {
      mode: options.toolCalling ?? 'auto',
      ...(options.toolCallingMemory ? { memory: options.toolCallingMemory } : {}),
      onSwitch: (message) => this.listener({ type: 'notice', message }),
    });
    this.provider =
      options.retry === false
        ? provider
        : new RetryingProvider(provider, {
            ...options.retry,
            onRetry: (info) => {
              if (options.retry) options.retry.onRetry?.(info);
              const { kind, status, detail, message } = info.error;
              this.listener({ type: 'retry', attempt: info.attempt, delayMs: info.delayMs, message, kind, ...(status ? { status } : {}), ...(detail ? { detail } : {}) });
            },
          });
  }

  /** Checkpoints are taken (a turn that changed nothing took none when they are lazy). */
  get takesCheckpoints(): boolean {
    return this.options.checkpoints !== undefined;
  }

  /** Runs one turn of the conversation. Never rejects: failures end with a `done` event and result. */
  async run(task: string, options: RunOptions = {}): Promise<TurnResult> {
    if (this.running) throw new Error('This agent is already running a turn; wait for it to finish or cancel it first.');
    this.running = true;
    const emit: AgentEventListener = (e: AgentEvent) => options.onEvent?.(e);
    this.listener = emit;
    const signal = options.signal ?? new AbortController().signal;
    const resumed = this.session.messages.length > 0;
    try {
      if (this.session.messages.length === 0) {
        try {
          await this.openConversation();
        } catch (err) {
          const message = `Could not prepare the task: ${err instanceof Error ? err.message : String(err)}`;
          emit({ type: 'error', message });
          emit({ type: 'done', reason: 'error', message, steps: 0 });
          return { reason: 'error', text: '', steps: 0, message };
        }
      }
      else for (const m of this.session.messages) if (m.role === 'user' && m.kind === 'context') this.instructions.markSeen('');
      if (this.options.hooks && !this.sessionStarted) await this.startSession(this.options.hooks, emit, signal, resumed);
      const o = this.options;
      this.firstTask ??= task;
      const firstTask = this.firstTask;
      const mode = options.mode ?? 'act';
      const modeTools = mode === 'act' ? this.actTools : toolSetForMode(this.tools, mode);
      const tools = options.toolNames?.length ? toolSetLimitedTo(modeTools, options.toolNames).tools : modeTools;
      const checkpoint = o.checkpoints ? checkpointTaker(o.checkpoints, emit, () => ({ task: firstTask, ...(o.taskId?.() ? { taskId: o.taskId() } : {}) }), o.lazyCheckpoints) : undefined;
      const applier = checkpoint?.applier ? checkpoint.applier(o.applier, o.workspaceRoot) : o.applier;
      return await runTurn(
        {
          step: { provider: this.provider, model: options.model || o.model, system: this.system, tools: tools.specs, budget: this.budget, session: this.session, emit, maxOutputTokens: o.maxOutputTokens, temperature: o.temperature, ...(o.outputSchema ? { outputSchema: o.outputSchema } : {}) },
          runtime: {
            tools,
            context: { workspaceRoot: o.workspaceRoot, applier, approvalMode: o.approvalMode, allowedCommands: o.allowedCommands ?? [], ...(o.env ? { env: o.env } : {}), ...(o.commandEnv ? { commandEnv: o.commandEnv } : {}), ...(o.sandbox ? { sandbox: o.sandbox } : {}), ...(o.documents ? { documents: o.documents } : {}), ...(o.guardDisabledRules ? { guardDisabledRules: o.guardDisabledRules } : {}), ...(o.recorder ? { recorder: o.recorder } : {}), ...(o.onProtectedChanges ? { onProtectedChanges: o.onProtectedChanges } : {}), ...(o.externalScanner ? { externalScanner: o.externalScanner } : {}), ...(o.reviewer ? { reviewer: o.reviewer } : {}), ...(o.editDiagnostics ? { editDiagnostics: o.editDiagnostics } : {}) },
            approver: o.approver,
            emit,
            maxOutputChars: toolOutputCap(this.budget),
            instructions: this.instructions,
            idTaken: (id) => this.session.hasCallId(id),
            ...(checkpoint ? { checkpoint } : {}),
            ...(o.acceptsImages ? { acceptsImages: true } : {}),
            ...(o.hooks ? { hooks: { hooks: o.hooks, sessionId: this.session.id } } : {}),
          },
          maxSteps: o.maxSteps ?? DEFAULT_MAX_STEPS,
          emit,
          ...(options.queue ? { queue: options.queue } : {}),
          mode,
          ...(o.hooks ? { hooks: { hooks: o.hooks, sessionId: this.session.id, prompt: task } } : {}),
        },
        taskForMode(task, mode),
        signal,
        // What the model reads (the task with its attachments) carries the plan-mode note too.
        options.input ? { ...options.input, content: taskForMode(options.input.content, mode) } : undefined,
      );
    } finally {
      this.running = false;
      this.listener = () => {};
    }
  }

  /**
   * Compacts the conversation now (/compact), between turns; false when there was nothing to
   * compact. Throws when a turn is running, and on a failed summary request (LlmError).
   */
  async compactNow(options: RunOptions = {}): Promise<boolean> {
    if (this.running) throw new Error('The agent is running a turn; compact once it has ended.');
    if (!this.session.messages.some((m) => m.role !== 'user' || m.kind !== 'context')) return false;
    this.running = true;
    this.listener = (e) => options.onEvent?.(e);
    try {
      const o = this.options;
      return await compact({ provider: this.provider, model: o.model, system: this.system, tools: this.tools.specs, budget: this.budget, session: this.session, emit: this.listener, task: '', maxOutputTokens: o.maxOutputTokens, temperature: o.temperature }, 'manual', options.signal ?? new AbortController().signal);
    } finally {
      this.running = false;
      this.listener = () => {};
    }
  }

  /** SessionStart hooks: once per agent ('resume' for a restored conversation); their output is context. */
  private async startSession(hooks: AgentHooks, emit: AgentEventListener, signal: AbortSignal, resumed = false): Promise<void> {
    this.sessionStarted = true;
    const { context } = await hooks.sessionStart(resumed ? 'resume' : 'startup', { sessionId: this.session.id, signal, report: (report) => emit({ type: 'hook', report }) });
    if (context) this.session.push({ role: 'user', kind: 'context', content: `<session-start-hook>\n${context}\n</session-start-hook>` });
  }

  /** The environment message: workspace facts, test command and the root AGENTS.md. */
  private async openConversation(): Promise<void> {
    const o = this.options;
    const root = await this.instructions.forRoot();
    this.session.push(
      environmentMessage({
        workspaceRoot: o.workspaceRoot,
        platform: `${os.platform()} ${os.arch()}`,
        shell: process.platform === 'win32' ? 'cmd.exe' : '/bin/sh',
        testCommand: await resolveTestCommand(o.workspaceRoot, o.testCommand),
        instructions: root ? formatInstructions([root]) : undefined,
        date: new Date().toISOString().slice(0, 10),
      }),
    );
  }
}
