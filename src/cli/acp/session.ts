// Owns one ACP session: a Tandem conversation in one workspace, run turn by turn as `tandem exec`
// runs its task — the same tools, policy, sandbox, guard, checkpoints and AI change log — with the
// approvals asked through the client, files read and written through it when it offers that, and the
// mode (suggest / auto-edit / full-auto, or plan) switched between turns. Saved after every turn.
import * as path from 'node:path';
import type * as acp from '@agentclientprotocol/sdk';
import { Agent } from '../../core/agent/agent';
import { createModelProvider } from '../../core/agent/modelProvider';
import type { Session } from '../../core/agent/session';
import { toolSetFrom } from '../../core/agent/toolSet';
import { userAnchor } from '../../core/audit/heads';
import { ledgerRecorder } from '../../core/audit/recorder';
import { loadCommands, type PromptCommand } from '../../core/commands/promptFiles';
import { attachTextMentions, prepareInput, restrictTools } from '../../core/commands/prepare';
import { acceptsImages } from '../../core/context/images';
import { attachmentBudget } from '../../core/context/attachments';
import { budgetFor } from '../../core/llm/tokens';
import type { Sandbox } from '../../core/sandbox/sandbox';
import type { TaskHistory } from '../../core/tasks/taskHistory';
import { builtinTools } from '../../core/tools/registry';
import type { Tool } from '../../core/tools/types';
import type { ExecOptions } from '../args';
import { cliCheckpointStore } from '../checkpoints';
import { cliErrorText } from '../errorText';
import { AcpApprover, type PermissionAsker } from './approver';
import { cliReviewer } from '../reviewer';
import type { HookEngine } from '../../core/hooks/engine';
import { rememberWorkspaceCommand, workspaceAllowedCommands, type PermissionMemory } from './permissionMemory';
import { ClientApplier, ClientDocuments, type ClientFiles } from './clientFs';
import { saveSession } from './history';
import { promptParts } from './prompt';
import { UpdateStream, type UpdateSender } from './updates';
import { BUILTIN_ACP_COMMANDS, modeId, modeState, parseModeId, type SessionMode } from './modes';

export interface AcpSessionDeps {
  root: string;
  options: ExecOptions;
  env: NodeJS.ProcessEnv;
  session: Session;
  history: TaskHistory;
  send: UpdateSender;
  ask: PermissionAsker;
  files: ClientFiles;
  mcpTools: Tool[];
  sandbox: { sandbox: Sandbox; description: string };
  disposeMcp: () => Promise<void>;
  /** hooks.json (the user's, and the workspace's once enabled); absent: none. */
  hooks?: HookEngine;
}

export class RequestFailure extends Error {}

export class AcpSession {
  private mode: SessionMode;
  private running: AbortController | undefined;
  private commands: PromptCommand[] = [];
  private commandsKey = '';
  private firstTask: string | undefined;
  /** The client's "always" answers: exact command entries, rejections, edits (see permissionMemory.ts). */
  private readonly memory: PermissionMemory;
  /** The workspace's remembered command entries were read into the memory. */
  private loadedAllowed = false;

  constructor(private readonly d: AcpSessionDeps) {
    this.mode = { approval: d.options.approval, agent: d.options.mode };
    this.memory = {
      allowedCommands: [],
      rejected: new Set(),
      editsAllowed: false,
      allowEdits: () => {
        this.memory.editsAllowed = true;
        // From the next turn on the session runs in auto-edit, and the client's mode picker says so.
        if (this.mode.approval === 'suggest') {
          this.mode = { ...this.mode, approval: 'auto-edit' };
          d.send({ sessionUpdate: 'current_mode_update', currentModeId: modeId(this.mode) }).catch(() => undefined);
        }
      },
      persistCommand: (entry) =>
        rememberWorkspaceCommand(d.env, d.root, entry).catch((err: Error) => {
          d.send({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: `The command could not be remembered for this workspace (${err.message}); it stays allowed in this session.\n` } }).catch(() => undefined);
        }),
    };
  }

  get id(): string {
    return this.d.session.id;
  }

  modes(): acp.SessionModeState {
    return modeState(this.mode);
  }

  /** session/set_mode; refused while a turn runs (its tools are fixed for the turn). */
  setMode(id: string): void {
    const next = parseModeId(id, this.mode);
    if (!next) throw new RequestFailure(`Unknown mode "${id}". Modes: suggest, auto-edit, full-auto, plan.`);
    if (this.running) throw new RequestFailure('The mode changes between turns: cancel the prompt or wait for it to end.');
    this.mode = next;
  }

  /** Announces the custom commands when they changed (first call: always). */
  async announceCommands(force = false): Promise<void> {
    const listing = await loadCommands(this.d.root, this.d.env, BUILTIN_ACP_COMMANDS);
    this.commands = listing.commands;
    const key = JSON.stringify(listing.commands.map((c) => [c.name, c.description]));
    if (!force && key === this.commandsKey) return;
    this.commandsKey = key;
    await this.d.send({
      sessionUpdate: 'available_commands_update',
      availableCommands: [...BUILTIN_ACP_COMMANDS.map((name) => ({ name, description: name === 'plan' ? 'Switch to plan mode (read-only), optionally with a task' : 'Switch back to act mode, optionally with a task', input: { hint: 'task (optional)' } })), ...listing.commands.map((c) => ({ name: c.name, description: c.description, input: { hint: 'arguments' } }))],
    }).catch(() => undefined);
    for (const note of listing.notes) this.d.send({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: `${note}\n` } }).catch(() => undefined);
  }

  cancel(): void {
    this.running?.abort();
  }

  async prompt(blocks: acp.ContentBlock[]): Promise<acp.StopReason> {
    if (this.running) throw new RequestFailure('This session is already running a prompt: wait for it to end or cancel it first.');
    const abort = new AbortController();
    this.running = abort;
    try {
      return await this.turn(blocks, abort.signal);
    } finally {
      this.running = undefined;
    }
  }

  private async turn(blocks: acp.ContentBlock[], signal: AbortSignal): Promise<acp.StopReason> {
    const o = this.d.options;
    if (!this.loadedAllowed) {
      this.loadedAllowed = true;
      for (const entry of await workspaceAllowedCommands(this.d.env, this.d.root)) if (!this.memory.allowedCommands.includes(entry)) this.memory.allowedCommands.push(entry);
    }
    const updates = new UpdateStream(this.d.root, this.d.send);
    await this.announceCommands();
    const parts = await promptParts(this.d.root, blocks, acceptsImages(o.model, o.vision));
    // /plan and /act switch the mode, like the panel's, and run the rest as the task.
    let typed = parts.text;
    const builtin = /^\/(plan|act)(?:\s+([\s\S]*))?$/i.exec(typed.trim());
    if (builtin) {
      this.mode = { ...this.mode, agent: builtin[1].toLowerCase() as 'plan' | 'act' };
      updates.push({ sessionUpdate: 'current_mode_update', currentModeId: modeId(this.mode) });
      typed = builtin[2]?.trim() ?? '';
      if (!typed && !parts.attachments.length) {
        await updates.flush();
        return 'end_turn';
      }
    }
    const prepared = prepareInput(typed, this.commands);
    if (prepared.kind === 'error') {
      updates.message(prepared.message);
      await updates.flush();
      return 'end_turn';
    }
    const text = prepared.text;
    const command = prepared.kind === 'command' ? prepared.command : undefined;
    let agentMode = this.mode.agent;
    if (command?.mode) agentMode = command.mode;
    const model = command?.model ?? o.model;
    const restricted = restrictTools([...builtinTools(), ...this.d.mcpTools], command?.tools);
    if (restricted.unknown.length) parts.notes.push(`/${command!.name} names tools Tandem does not have: ${restricted.unknown.join(', ')}.`);
    const attached = await attachTextMentions(this.d.root, text, attachmentBudget(budgetFor(model).window), this.d.env, parts.attachments);
    for (const note of [...parts.notes, ...attached.notes]) updates.push({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: `${note}\n` } });
    this.firstTask ??= text;

    const documents = this.d.files.read ? new ClientDocuments(this.d.root, this.d.files) : undefined;
    const tools = toolSetFrom(restricted.tools);
    const checkpoints = this.d.env.TANDEM_CHECKPOINTS === '0' ? undefined : cliCheckpointStore(this.d.env, this.d.root);
    const reviewer = cliReviewer(o, this.d.env);
    const agent = new Agent({
      provider: createModelProvider(o.api, { baseUrl: o.baseUrl, apiKey: this.d.env.OPENAI_API_KEY || undefined }, { idleTimeoutMs: Number(this.d.env.TANDEM_IDLE_TIMEOUT_MS) || undefined }),
      model,
      workspaceRoot: this.d.root,
      session: this.d.session,
      tools: documents ? documents.wrap(tools) : tools,
      approver: new AcpApprover(this.id, this.d.root, this.d.ask, this.memory),
      applier: this.d.files.write ? new ClientApplier(this.d.root, this.d.files) : new ClientApplier(this.d.root, {}),
      ...(documents ? { documents } : {}),
      approvalMode: this.mode.approval,
      allowedCommands: this.memory.allowedCommands,
      maxSteps: o.maxSteps,
      testCommand: o.testCommand ?? this.d.env.TANDEM_TEST_COMMAND,
      env: this.d.env,
      retry: { budgetMs: o.retryTimeoutMs },
      headless: true,
      canApprove: true,
      commandEnv: o.commandEnv,
      sandbox: this.d.sandbox.sandbox,
      sandboxDescription: this.d.sandbox.description,
      ...(checkpoints ? { checkpoints, taskId: () => this.id } : {}),
      ...(acceptsImages(model, o.vision) ? { acceptsImages: true } : {}),
      // --review-model: the reviewer's findings reach the permission request beside the guard's.
      ...(reviewer ? { reviewer } : {}),
      ...(this.d.hooks ? { hooks: this.d.hooks } : {}),
      recorder: this.d.env.TANDEM_AUDIT === '0' ? undefined : ledgerRecorder(path.join(this.d.root, '.tandem', 'ai-changes.jsonl'), { taskId: () => this.id, task: () => this.firstTask ?? text, model, baseUrl: o.baseUrl, anchor: userAnchor(this.d.env), workspaceRoot: this.d.root }),
    });
    const result = await agent.run(text, { signal, mode: agentMode, input: { content: attached.text, ...(parts.images.length ? { images: parts.images } : {}) }, onEvent: updates.onEvent });
    try {
      saveSession(this.d.history, this.d.session, this.firstTask, this.d.root);
    } catch (err) {
      updates.push({ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: `The session could not be saved to the task history (${(err as Error).message}); session/load will not find this turn.\n` } });
    }
    await checkpoints?.prune(Number(this.d.env.TANDEM_CHECKPOINT_DAYS) || 14).catch(() => undefined);
    if (result.reason === 'stepLimit' && result.message) updates.message(`\n\n${result.message}`);
    await updates.flush();
    switch (result.reason) {
      case 'answer':
        return 'end_turn';
      case 'cancelled':
        return 'cancelled';
      case 'stepLimit':
        return 'max_turn_requests';
      case 'error':
        throw new RequestFailure(updates.lastError ? cliErrorText(updates.lastError, o.baseUrl, model) : (result.message ?? 'The turn failed.'));
    }
  }

  async dispose(): Promise<void> {
    this.cancel();
    await this.d.disposeMcp();
  }
}
