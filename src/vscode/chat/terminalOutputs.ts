// Owns what @terminal attaches: the last command's output in each terminal, read through VS Code's
// shell integration as the command runs (capped; the oldest output goes first). Terminals without
// shell integration have nothing to attach, and the message says so.
import * as vscode from 'vscode';
import { MAX_TERMINAL_CHARS, terminalAttachment } from '../../core/context/sources';
import type { Attachment } from '../../core/context/attachments';

interface LastOutput {
  command: string;
  text: string;
}

export class TerminalOutputs implements vscode.Disposable {
  private readonly last = new WeakMap<vscode.Terminal, LastOutput>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(vscode.window.onDidStartTerminalShellExecution((e) => void this.record(e)));
  }

  private async record(e: vscode.TerminalShellExecutionStartEvent): Promise<void> {
    const entry: LastOutput = { command: e.execution.commandLine.value, text: '' };
    this.last.set(e.terminal, entry);
    try {
      for await (const chunk of e.execution.read()) {
        entry.text += chunk;
        if (entry.text.length > MAX_TERMINAL_CHARS * 2) entry.text = entry.text.slice(-MAX_TERMINAL_CHARS);
      }
    } catch {
      /* the terminal closed mid-command: keep what arrived */
    }
  }

  /** The active terminal's last command output; throws a sentence when there is none. */
  attachment(): Attachment {
    const terminal = vscode.window.activeTerminal;
    if (!terminal) throw new Error('@terminal: no terminal is open.');
    const out = this.last.get(terminal);
    if (!out) throw new Error(`@terminal: nothing has run in the terminal "${terminal.name}" since Tandem started, or it has no shell integration (enable terminal.integrated.shellIntegration.enabled).`);
    return terminalAttachment(terminal.name, out.text, 'last output', out.command);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
