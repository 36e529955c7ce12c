// Owns the AI change log as a read-only virtual document (tandem-log:), rendered from the ledger
// each time it is shown: nothing to save by mistake, no Untitled tab left behind, and the editor
// title offers Verify (package.json menus) for this scheme.
import * as vscode from 'vscode';

export const CHANGE_LOG_SCHEME = 'tandem-log';
export const CHANGE_LOG_URI = vscode.Uri.from({ scheme: CHANGE_LOG_SCHEME, path: '/AI Change Log.md' });

export class ChangeLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly render: () => Promise<string>) {}

  provideTextDocumentContent(): Promise<string> {
    return this.render();
  }

  /** Shows the log as it is now (an open tab is refreshed). */
  async show(): Promise<void> {
    this.changed.fire(CHANGE_LOG_URI);
    await vscode.window.showTextDocument(CHANGE_LOG_URI, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
