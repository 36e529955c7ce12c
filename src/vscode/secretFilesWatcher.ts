// Owns the workspace's secret-file rules for completion: built-in patterns plus .tandemignore,
// re-read only when that file changes (never on the keystroke path).
import * as vscode from 'vscode';
import { SecretFiles } from '../core/guard/secretFiles';

export class SecretFilesWatcher implements vscode.Disposable {
  private current: SecretFiles | undefined;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/.tandemignore');
  private readonly subs: vscode.Disposable[];

  constructor() {
    const reset = () => (this.current = undefined);
    this.subs = [this.watcher.onDidChange(reset), this.watcher.onDidCreate(reset), this.watcher.onDidDelete(reset), vscode.workspace.onDidChangeWorkspaceFolders(reset)];
  }

  get(): SecretFiles {
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    this.current ??= SecretFiles.forWorkspace(root?.scheme === 'file' ? root.fsPath : undefined);
    return this.current;
  }

  dispose(): void {
    this.watcher.dispose();
    for (const s of this.subs) s.dispose();
  }
}
