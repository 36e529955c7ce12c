// Owns the editor side of the .gitignore offer: a watcher on each workspace folder's `.tandem/` (so
// writes by the agent, inline chat, restores and `tandem exec` in the terminal all count), the memory
// of who was asked (workspace state per folder; "Don't ask again" in global state) and the notification.
// The decision itself lives in core/gitignore/offer.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TandemIgnoreOffer, type OfferOutcome } from '../../core/gitignore/offer';

const ASKED_KEY = 'tandem.gitignoreOffer.asked';
const NEVER_KEY = 'tandem.gitignoreOffer.never';

export class GitignoreOffer implements vscode.Disposable {
  private readonly offer: TandemIgnoreOffer;
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly shown = new vscode.EventEmitter<{ folder: string; message: string }>();
  private readonly settled = new vscode.EventEmitter<{ folder: string; outcome: OfferOutcome }>();
  private readonly folderChanges: vscode.Disposable;
  /** Fires when the notification is shown (tests answer it through the workbench). */
  readonly onDidOffer = this.shown.event;
  /** Fires after each write was considered, with what came of it. */
  readonly onDidSettle = this.settled.event;

  constructor(workspaceState: vscode.Memento, globalState: vscode.Memento) {
    const asked = () => workspaceState.get<string[]>(ASKED_KEY) ?? [];
    this.offer = new TandemIgnoreOffer({
      wasAsked: (key) => asked().includes(key),
      markAsked: (key) => Promise.resolve(workspaceState.update(ASKED_KEY, [...asked(), key])),
      neverAsk: () => globalState.get<boolean>(NEVER_KEY) === true,
      setNeverAsk: () => Promise.resolve(globalState.update(NEVER_KEY, true)),
      ask: (message, choices, folder) => {
        const answer = vscode.window.showInformationMessage(message, ...choices);
        this.shown.fire({ folder: folder.key, message });
        return Promise.resolve(answer);
      },
      info: (m) => void vscode.window.showInformationMessage(m),
      error: (m) => void vscode.window.showErrorMessage(m),
    });
    this.watchFolders();
    this.folderChanges = vscode.workspace.onDidChangeWorkspaceFolders(() => this.watchFolders());
  }

  private async onWrite(folder: vscode.WorkspaceFolder, uri: vscode.Uri): Promise<void> {
    // Git is only asked in a trusted workspace: its config is the repository's to set.
    if (!vscode.workspace.isTrusted) return;
    const written = path.relative(folder.uri.fsPath, uri.fsPath).split(path.sep).join('/');
    const several = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const key = folder.uri.toString();
    const outcome = await this.offer.onWrite({ key, root: folder.uri.fsPath, name: several ? folder.name : undefined }, written === '.tandem' ? '.tandem/' : written);
    this.settled.fire({ folder: key, outcome });
  }

  private watchFolders(): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const keep = new Set(folders.map((f) => f.uri.toString()));
    for (const [key, w] of this.watchers) {
      if (keep.has(key)) continue;
      w.dispose();
      this.watchers.delete(key);
    }
    for (const folder of folders) {
      const key = folder.uri.toString();
      if (this.watchers.has(key)) continue;
      // The folder itself too: a new directory's first file may arrive as the directory's event only.
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '{.tandem,.tandem/**}'), false, false, true);
      const handle = (uri: vscode.Uri) => void this.onWrite(folder, uri);
      this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidCreate(handle), watcher.onDidChange(handle)));
    }
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    this.folderChanges.dispose();
    this.shown.dispose();
    this.settled.dispose();
  }
}
