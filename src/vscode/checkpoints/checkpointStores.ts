// Owns checkpoints in the editor: one store per workspace folder in the extension's global storage
// (never in the workspace), the tandem.checkpoints.* settings, pruning once per session, the
// read-only documents the restore preview diffs against, and Tandem: Restore Checkpoint….
import * as vscode from 'vscode';
import { recordRestore } from '../../core/checkpoints/record';
import { CheckpointStore } from '../../core/checkpoints/store';
import type { ChangeRecorder } from '../../core/changes/ports';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import { CHECKPOINT_SCHEME, CheckpointDocuments, confirmRestore, restoreFiles } from './restoreFlow';
import type { Log } from '../log';

export class EditorCheckpoints implements vscode.Disposable {
  private readonly stores = new Map<string, CheckpointStore>();
  private readonly registration: vscode.Disposable;
  private lastRoot: string | undefined;

  constructor(
    private readonly storageRoot: string,
    private readonly log: Log,
    private readonly recorderFor: (folder: vscode.WorkspaceFolder) => ChangeRecorder | undefined = () => undefined,
  ) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(CHECKPOINT_SCHEME, new CheckpointDocuments(() => (this.lastRoot ? this.stores.get(this.lastRoot) : undefined)));
  }

  /** The store of a workspace root (canonical path), or undefined when checkpoints are off. */
  storeFor(root: string): CheckpointStore | undefined {
    const c = vscode.workspace.getConfiguration('tandem.checkpoints');
    if (!c.get<boolean>('enabled', true)) return undefined;
    let store = this.stores.get(root);
    if (!store) {
      store = new CheckpointStore(this.storageRoot, root);
      this.stores.set(root, store);
      const days = c.get<number>('retentionDays', 14);
      store.prune(days).then(
        (n) => n && this.log.info(`Pruned ${n} checkpoint(s) older than ${days} days.`),
        (err: Error) => this.log.warn(`Old checkpoints could not be pruned: ${err.message}`),
      );
    }
    this.lastRoot = root;
    return store;
  }

  /** Tandem: Restore Checkpoint… — any checkpoint of the workspace, newest first (undo of a restore included). */
  async pickAndRestore(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return void vscode.window.showInformationMessage('Open a folder first: checkpoints belong to a workspace folder.');
    const store = this.storeFor(await canonicalRoot(folder.uri.fsPath));
    if (!store) return void vscode.window.showInformationMessage('Checkpoints are off (tandem.checkpoints.enabled).');
    const list = await store.list();
    if (list.length === 0) return void vscode.window.showInformationMessage('This workspace has no checkpoints yet: the agent takes them as it works.');
    const picked = await vscode.window.showQuickPick(
      list.map((c) => ({ label: `$(history) ${c.reason}${c.step !== undefined ? ` (step ${c.step})` : ''}`, description: `${new Date(c.time).toLocaleString()} · ${c.id}`, detail: c.task, id: c.id })),
      { title: 'Restore a checkpoint', placeHolder: 'Newest first' },
    );
    if (!picked || !(await confirmRestore({ store, id: picked.id }, folder.uri, 'none'))) return;
    const { undoId, changed } = await restoreFiles(store, folder.uri, picked.id, {});
    const recorder = this.recorderFor(folder);
    const unrecorded = recorder ? await recordRestore(recorder, store, picked.id, undoId, changed) : undefined;
    if (unrecorded) void vscode.window.showWarningMessage(unrecorded);
    void vscode.window.showInformationMessage(`Restored ${changed.length} file(s) to checkpoint ${picked.id}. The state before is checkpoint ${undoId}.`);
  }

  dispose(): void {
    this.registration.dispose();
  }
}
