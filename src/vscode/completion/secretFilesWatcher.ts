// Owns the workspace's path rules for completion (core/policy/pathRules: built-in lists plus .tandemignore),
// re-read only when that file changes (never on the keystroke path).
import * as vscode from 'vscode';
import { PathRules } from '../../core/policy/pathRules';

export class SecretFilesWatcher implements vscode.Disposable {
  private current: PathRules | undefined;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/.tandemignore');
  private readonly subs: vscode.Disposable[];

  constructor() {
    const reset = () => (this.current = undefined);
    this.subs = [this.watcher.onDidChange(reset), this.watcher.onDidCreate(reset), this.watcher.onDidDelete(reset), vscode.workspace.onDidChangeWorkspaceFolders(reset)];
  }

  get(): PathRules {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    this.current ??= PathRules.forWorkspace(root?.scheme === 'file' ? root.fsPath : undefined);
    return this.current;
  }

  dispose(): void {
    this.watcher.dispose();
    for (const s of this.subs) s.dispose();
  }
}
