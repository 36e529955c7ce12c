// Owns the "Tandem" terminal: every command the agent runs is mirrored into a VS Code pseudoterminal
// — the command line, its output as it streams, and how it ended — so the user can watch it where
// they watch their own commands. It only shows; the command itself runs in core (sandboxed when
// configured), never in this terminal. Made on the first command, made again after the user closes it,
// and brought to the front (without focus) whenever a new command starts.
import * as vscode from 'vscode';
import type { AgentEvent } from '../../core/agent/events';
import { ToolName } from '../../core/tools/toolNames';

const MAX_TRANSCRIPT = 64_000;
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** Terminal line endings; control sequences other than colours stay out of the mirror. */
function forTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export class CommandTerminal implements vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  private readonly write = new vscode.EventEmitter<string>();
  private opened = false;
  private backlog = '';
  private transcriptText = '';
  /** Commands whose header is shown, by tool call id. */
  private readonly started = new Map<string, { command: string; shown: boolean }>();
  private readonly closeListener: vscode.Disposable;

  constructor(private readonly editedCommand: (toolCallId: string) => string | undefined) {
    this.closeListener = vscode.window.onDidCloseTerminal((t) => {
      if (t === this.terminal) {
        this.terminal = undefined;
        this.opened = false;
      }
    });
  }

  /** Feeds one agent event; only run_command steps are mirrored. */
  onEvent(e: AgentEvent): void {
    if (e.type === 'toolCallStarted' && e.name === ToolName.runCommand) {
      let command = '';
      try {
        command = String((JSON.parse(e.arguments) as { command?: unknown }).command ?? '');
      } catch {
        return;
      }
      this.started.set(e.id, { command, shown: false });
    } else if (e.type === 'toolOutput' && this.started.has(e.id)) {
      this.header(e.id);
      this.emit(forTerminal(e.chunk));
    } else if (e.type === 'toolCallFinished' && this.started.has(e.id)) {
      const ran = /\[(exit code|timed out|cancelled)/.test(e.output);
      if (ran) {
        this.header(e.id);
        const status = /\[([^\]]*)\]/.exec(e.output)?.[1] ?? '';
        this.emit(`${/exit code 0;/.test(status) ? DIM : RED}[${status}]${RESET}\r\n\r\n`);
      }
      this.started.delete(e.id);
    }
  }

  /** What was written so far (tests read it; a pseudoterminal's screen cannot be read back). */
  transcript(): string {
    return this.transcriptText;
  }

  private header(id: string): void {
    const run = this.started.get(id);
    if (!run || run.shown) return;
    run.shown = true;
    const command = this.editedCommand(id) ?? run.command;
    this.ensureTerminal();
    // Each new command brings the mirror to the front of the bottom panel (it may be behind Problems or
    // Comments since the last one), without taking the keyboard from where the user is.
    this.terminal?.show(true);
    this.emit(`${BOLD}$ ${forTerminal(command)}${RESET}\r\n`);
  }

  private ensureTerminal(): void {
    if (this.terminal) return;
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.write.event,
      open: () => {
        this.opened = true;
        if (this.backlog) this.write.fire(this.backlog);
        this.backlog = '';
      },
      close: () => {
        this.opened = false;
      },
      // Typing here runs nothing: say so instead of silently dropping keys.
      handleInput: () => this.write.fire(`\r\n${DIM}This terminal shows the commands Tandem runs; it does not take input.${RESET}\r\n`),
    };
    this.terminal = vscode.window.createTerminal({ name: 'Tandem', pty, iconPath: new vscode.ThemeIcon('sparkle'), isTransient: true });
  }

  private emit(text: string): void {
    this.transcriptText = (this.transcriptText + text).slice(-MAX_TRANSCRIPT);
    if (this.opened) this.write.fire(text);
    else this.backlog = (this.backlog + text).slice(-MAX_TRANSCRIPT);
  }

  dispose(): void {
    this.closeListener.dispose();
    this.terminal?.dispose();
    this.write.dispose();
  }
}
