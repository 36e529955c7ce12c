// Owns the panel's side of a conversation the user controls: what Send does (a slash command, a new
// turn, or — while a turn runs — a queued message the loop delivers at its next step), the plan/act
// mode, removing queued messages, and the questions the model asks (ask_user) with their answers.
// Plain TypeScript (no `vscode`): the controller passes in what it needs as a host.
import { MessageQueue } from '../../core/agent/messageQueue';
import type { AgentMode } from '../../core/agent/modes';
import type { UserAsker } from '../../core/tools/askUser';
import type { PanelState } from '../../protocol/messages';
import type { SendContext } from '../../protocol/sendContext';
import { parsePrompt } from '../../protocol/slashCommands';
import { expandCommand } from '../../core/commands/expand';
import type { PromptCommand } from '../../core/commands/promptFiles';

/** What a custom command's front matter sets for its turn: its `model:` and its `tools:` list. */
export interface CommandTurn {
  model?: string;
  tools?: readonly string[];
}

/** The notice above a custom command's turn: the model and the tools its prompt file chose. */
export function commandTurnNote(c: CommandTurn): string | undefined {
  const parts = [...(c.model ? [`the model ${c.model}`] : []), ...(c.tools?.length ? [`only the tools ${c.tools.join(', ')}`] : [])];
  return parts.length ? `This command runs with ${parts.join(' and ')} (from its prompt file).` : undefined;
}

export interface ConversationHost {
  state(): PanelState;
  update(mut: (s: PanelState) => void): void;
  refuse(message: string): false;
  /** Starts a turn with this text in the current mode, with what the panel attached to it; `display`: what the transcript shows instead. */
  run(text: string, context?: SendContext, display?: string, command?: CommandTurn): void;
  /** The user's custom commands (prompt files), loaded by the host. */
  commands?(): readonly PromptCommand[];
  newTask(): boolean;
  /** /compact: compacts the conversation now. */
  compact(): void;
  /** /init: writes a first AGENTS.md after asking. */
  init(): void;
  /** Remembers the mode (tandem.agent.mode). */
  saveMode(mode: AgentMode): void;
}

let seq = 0;

export class PanelConversation {
  readonly queue = new MessageQueue();
  private readonly answers = new Map<string, (answer: string | undefined) => void>();

  constructor(private readonly host: ConversationHost) {
    this.queue.onChange((items) => host.update((s) => (s.queued = items.map((m) => ({ id: m.id, text: m.text })))));
  }

  /** The user pressed Send. */
  send(input: string, context?: SendContext): boolean {
    const commands = this.host.commands?.() ?? [];
    const p = parsePrompt(input, commands);
    const running = this.host.state().running;
    if (p.kind === 'error') return this.host.refuse(p.message);
    if (p.kind === 'custom') return this.runCommand(commands.find((c) => c.name === p.name)!, p.args, input.trim(), context);
    if (p.kind === 'text') {
      if (running) {
        // A queued message is text the loop reads at its next step: images and mentions would be lost.
        if (context && (context.images.length || context.mentions.length)) return this.host.refuse('Images and @-mentions cannot be queued: send them when the task has finished (your message is kept).');
        this.queue.add(p.text);
        return true;
      }
      // Messages left queued when the last turn stopped go first.
      const waiting = this.queue.drain().map((m) => m.text);
      this.host.run([...waiting, p.text].join('\n\n'), context);
      return true;
    }
    // /new is the New task button: while a task runs, the panel asks before stopping it.
    if (p.command === 'new') return this.host.newTask();
    if (running) return this.host.refuse(`/${p.command} waits until the task is not running: stop it or wait for it to finish.`);
    switch (p.command) {
      case 'compact':
        this.host.compact();
        return true;
      case 'init':
        this.host.init();
        return true;
      case 'plan':
      case 'act':
        this.setMode(p.command);
        if (p.text) this.host.run(p.text, context);
        return true;
    }
  }

  /**
   * A custom command: its prompt with the arguments put in (its @file references are attached like
   * typed mentions when the turn is prepared); a command with a mode switches to it, as /plan does.
   */
  private runCommand(command: PromptCommand, args: string, typed: string, context?: SendContext): boolean {
    if (this.host.state().running) return this.host.refuse(`/${command.name} waits until the task is not running: stop it or wait for it to finish.`);
    if (command.mode && !this.setMode(command.mode)) return false;
    const turn: CommandTurn = { ...(command.model ? { model: command.model } : {}), ...(command.tools?.length ? { tools: command.tools } : {}) };
    this.host.run(expandCommand(command, args), context, typed, turn.model || turn.tools ? turn : undefined);
    return true;
  }

  /** Plan or act, from the next turn on; refused while a turn runs (its tools are fixed). */
  setMode(mode: AgentMode): boolean {
    const s = this.host.state();
    if (s.mode === mode) return true;
    if (s.running) return this.host.refuse('The mode changes between turns: stop the task or wait for it to finish.');
    this.host.update((st) => (st.mode = mode));
    this.host.saveMode(mode);
    return true;
  }

  unqueue(id: string): boolean {
    return this.queue.remove(id) || this.host.refuse('That message was already delivered or removed.');
  }

  /** The model's question (ask_user), shown as a card; resolves with the answer, or undefined on Stop. */
  readonly ask: UserAsker = (q, signal) =>
    new Promise((resolve) => {
      const requestId = `ask${Date.now().toString(36)}${++seq}`;
      const onAbort = () => settle(undefined);
      const settle = (answer: string | undefined) => {
        if (!this.answers.delete(requestId)) return;
        signal.removeEventListener('abort', onAbort);
        this.host.update((s) => (s.questions = (s.questions ?? []).filter((x) => x.requestId !== requestId)));
        resolve(answer);
      };
      this.answers.set(requestId, settle);
      this.host.update((s) => (s.questions = [...(s.questions ?? []), { requestId, question: q.question, ...(q.options ? { options: q.options } : {}) }]));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });

  answer(requestId: string, text: string): boolean {
    const settle = this.answers.get(requestId);
    if (!settle) return this.host.refuse('That question is no longer waiting for an answer.');
    settle(text);
    return true;
  }

  /**
   * A turn ended. After an answer, messages queued too late for it start the next turn; after a
   * Stop or an error they stay queued (shown) and go with the next Send.
   */
  turnEnded(reason: string): void {
    if (reason !== 'answer' || this.queue.size === 0) return;
    this.host.run(this.queue.drain().map((m) => m.text).join('\n\n'));
  }

  /** A new or opened task: nothing stays queued. */
  reset(): void {
    this.queue.clear();
  }
}
