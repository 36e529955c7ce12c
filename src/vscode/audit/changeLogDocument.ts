// Owns the AI change log as a read-only virtual document (tandem-log:), rendered from the ledger
// each time it is shown: nothing to save by mistake, no Untitled tab left behind, and the editor
// title offers Verify (package.json menus) for this scheme.
// It is a read-only file system, not a TextDocumentContentProvider: File: Save on a content
// provider's document opens a Save As dialog, on a read-only file system's it does nothing, and its
// buffer never turns dirty. The editor refuses typing; VS Code still applies a WorkspaceEdit (another
// extension's, a refactoring's) to any open buffer, read-only or not, so such a change is undone at
// once by putting the rendered log back.
import * as vscode from 'vscode';

export const CHANGE_LOG_SCHEME = 'tandem-log';
export const CHANGE_LOG_URI = vscode.Uri.from({ scheme: CHANGE_LOG_SCHEME, path: '/AI Change Log.md' });

const READ_ONLY = 'The AI change log is written only by Tandem, one entry per applied change. Verify (in the title bar) checks it.';

export class ChangeLogDocuments implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** The text last handed to VS Code: anything else in the buffer was put there by an edit. */
  private rendered: string | undefined;
  /** Bumped on every show so an open tab reloads (VS Code compares mtime and size). */
  private mtime = Date.now();
  private readonly guard: vscode.Disposable;

  constructor(private readonly render: () => Promise<string>) {
    this.guard = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme !== CHANGE_LOG_SCHEME || e.contentChanges.length === 0) return;
      if (this.rendered !== undefined && e.document.getText() !== this.rendered) void this.restore(e.document, this.rendered);
    });
  }

  /** Registers the scheme as a read-only file system; the reason shows when someone tries to type. */
  register(): vscode.Disposable {
    return vscode.workspace.registerFileSystemProvider(CHANGE_LOG_SCHEME, this, { isCaseSensitive: true, isReadonly: new vscode.MarkdownString(READ_ONLY) });
  }

  /** Shows the log as it is now (an open tab is refreshed). */
  async show(): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === CHANGE_LOG_URI.toString());
    this.mtime = Math.max(Date.now(), this.mtime + 1);
    if (open) {
      this.rendered = await this.render();
      await this.restore(open, this.rendered);
    }
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: CHANGE_LOG_URI }]);
    await vscode.window.showTextDocument(CHANGE_LOG_URI, { preview: true });
  }

  /** Replaces the buffer's text with `text` (a no-op when it is already that). */
  private async restore(doc: vscode.TextDocument, text: string): Promise<void> {
    if (doc.getText() === text) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.validateRange(new vscode.Range(0, 0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)), text);
    await vscode.workspace.applyEdit(edit);
  }

  private async text(uri: vscode.Uri): Promise<string> {
    if (uri.path !== CHANGE_LOG_URI.path) throw vscode.FileSystemError.FileNotFound(uri);
    this.rendered = await this.render();
    return this.rendered;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    const size = Buffer.byteLength(await this.text(uri), 'utf8');
    return { type: vscode.FileType.File, ctime: 0, mtime: this.mtime, size, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return new TextEncoder().encode(await this.text(uri));
  }

  readDirectory(uri: vscode.Uri): Array<[string, vscode.FileType]> {
    if (uri.path !== '/') throw vscode.FileSystemError.FileNotADirectory(uri);
    return [[CHANGE_LOG_URI.path.slice(1), vscode.FileType.File]];
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(`${READ_ONLY} (${uri.toString()})`);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  dispose(): void {
    this.guard.dispose();
    this.changed.dispose();
  }
}
