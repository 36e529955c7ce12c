// Owns the editor side of a restore: the preview (a quick pick listing every file the restore changes,
// each opening VS Code's diff of the file now against the checkpoint), the one confirmation (picking
// the Restore action), the restore itself, and bringing open editors in line with the files on disk.
import * as vscode from 'vscode';
import type { CheckpointStore, FileChange } from '../../core/checkpoints/store';

export const CHECKPOINT_SCHEME = 'tandem-checkpoint';

/** Read-only documents holding a file as it was at a checkpoint (`tandem-checkpoint:/path?cp=ID`). */
export class CheckpointDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly store: () => CheckpointStore | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const id = new URLSearchParams(uri.query).get('cp');
    const store = this.store();
    if (!id || !store) return '';
    return (await store.fileAt(id, uri.path.replace(/^\//, '')))?.toString('utf8') ?? '';
  }
}

export type RestoreChoice = 'files' | 'filesAndConversation';

interface Item extends vscode.QuickPickItem {
  choice?: RestoreChoice;
  change?: FileChange;
}

const ACTION_WORDS: Record<FileChange['action'], string> = { revert: 'gets its old content back', remove: 'is removed (created later)', recreate: 'comes back (deleted later)' };

async function showFileDiff(root: vscode.Uri, id: string, change: FileChange): Promise<void> {
  const atCheckpoint = vscode.Uri.from({ scheme: CHECKPOINT_SCHEME, path: `/${change.path}`, query: `cp=${id}` });
  const empty = vscode.Uri.from({ scheme: CHECKPOINT_SCHEME, path: `/${change.path}`, query: 'cp=' });
  const now = change.action === 'recreate' ? empty : vscode.Uri.joinPath(root, ...change.path.split('/'));
  const then = change.action === 'remove' ? empty : atCheckpoint;
  await vscode.commands.executeCommand('vscode.diff', now, then, `${change.path} (now ↔ checkpoint ${id})`, { preview: true, preserveFocus: true });
}

/**
 * Shows what restoring checkpoint `to.id` changes and asks once. `conversation`: 'none' offers files
 * only, 'optional' files only or files and conversation, 'required' (edit, retry) only the latter.
 * Without a checkpoint (no file changed since the message) it asks only to cut the conversation.
 */
export async function confirmRestore(to: { store: CheckpointStore; id: string } | undefined, root: vscode.Uri, conversation: 'none' | 'optional' | 'required', resendLabel?: string, onShown?: () => void): Promise<RestoreChoice | undefined> {
  const id = to?.id ?? '';
  const changes = to ? await to.store.changes(to.id) : [];
  const n = changes.length;
  const files = !to ? 'no files (the agent changed none since)' : n === 0 ? 'no files (they already match)' : `${n} file${n === 1 ? '' : 's'}`;
  const resend = resendLabel ?? 'Restore and resend';
  const actions: Item[] =
    conversation === 'required'
      ? [{ label: `$(discard) ${to ? resend : resend.replace(/^Restore and /, 'Go back and ')}`, detail: `Restores ${files} and drops the conversation after this message.`, choice: 'filesAndConversation' }]
      : [
          { label: `$(discard) Restore ${files}`, detail: conversation === 'none' ? 'A checkpoint of the current state is taken first.' : 'The conversation stays as it is.', choice: 'files' },
          ...(conversation === 'optional' ? [{ label: `$(discard) Restore ${files} and the conversation`, detail: 'The conversation after this point is dropped too.', choice: 'filesAndConversation' } as Item] : []),
        ];
  const fileItems: Item[] = changes.map((c) => ({ label: `$(diff) ${c.path}`, description: ACTION_WORDS[c.action], change: c }));
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = to ? `Restore checkpoint ${id}` : 'Go back to before this message';
  qp.placeholder = n ? 'Pick a file to see its diff, or a Restore action to go ahead' : 'Pick the action to go ahead';
  qp.ignoreFocusOut = true;
  qp.items = [...actions, ...(n ? [{ label: 'Files that will change', kind: vscode.QuickPickItemKind.Separator } as Item, ...fileItems] : [])];
  return new Promise<RestoreChoice | undefined>((resolve) => {
    let chosen: RestoreChoice | undefined;
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0];
      if (item?.change) {
        void showFileDiff(root, id, item.change);
        return;
      }
      chosen = item?.choice;
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(chosen);
    });
    qp.show();
    onShown?.();
  });
}

/** Restores the checkpoint, then makes open editors with unsaved edits show the restored files. */
export async function restoreFiles(store: CheckpointStore, root: vscode.Uri, id: string, label: { task?: string; taskId?: string }): Promise<{ undoId: string; changed: FileChange[] }> {
  const { undo, changed } = await store.restore(id, label);
  for (const c of changed) {
    const uri = vscode.Uri.joinPath(root, ...c.path.split('/'));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc?.isDirty) continue; // clean editors reload from disk by themselves
    const onDisk = c.action === 'remove' ? undefined : Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    if (onDisk === undefined) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), onDisk);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
  }
  return { undoId: undo.id, changed };
}
