// Owns the panel's custom commands: the prompt files core/commands finds for the first workspace
// folder and the user, loaded when the panel starts and again when one of those files changes, and
// put in the panel state for the `/` picker. Problems with a file are shown once as a notice.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { loadCommands, userCommandDir, type PromptCommand } from '../../core/commands/promptFiles';
import { SLASH_COMMANDS } from '../../protocol/slashCommands';

export class PromptCommands implements vscode.Disposable {
  private list: PromptCommand[] = [];
  private readonly said = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly changed: (commands: PromptCommand[], notes: string[]) => void) {
    const reload = () => void this.reload();
    const patterns: vscode.GlobPattern[] = ['**/.tandem/commands/*.md', '**/.github/prompts/*.prompt.md', new vscode.RelativePattern(vscode.Uri.file(userCommandDir(process.env)), '*.md')];
    for (const p of patterns) {
      const w = vscode.workspace.createFileSystemWatcher(p);
      this.disposables.push(w, w.onDidCreate(reload), w.onDidChange(reload), w.onDidDelete(reload));
    }
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(reload));
    reload();
  }

  commands(): readonly PromptCommand[] {
    return this.list;
  }

  async reload(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    // The canonical path: a command file's own path is judged against it (core/commands).
    const root = folder?.scheme === 'file' ? await fs.realpath(folder.fsPath).catch(() => undefined) : undefined;
    const listing = await loadCommands(root, process.env, SLASH_COMMANDS.map((c) => c.name)).catch((err: Error) => ({ commands: [], notes: [`Custom commands could not be loaded: ${err.message}`] }));
    this.list = listing.commands;
    const fresh = listing.notes.filter((n) => !this.said.has(n));
    for (const n of fresh) this.said.add(n);
    this.changed(this.list, fresh);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
