// Owns showing the user, with Undo, what a command of the agent changed among the files that run
// later (hooks, .vscode tasks/settings/launch, workflows, .envrc, AGENTS.md…): a panel notice and a
// warning with Undo (puts them back as they were: created ones removed) and Open (the first one).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeProtectedChanges, undoProtected, type ProtectedChange } from '../../core/sandbox/protectedSet';

export function offerProtectedUndo(root: string, changes: ProtectedChange[], notice: (text: string, level: 'info' | 'error') => void): void {
  if (changes.length === 0) return;
  const undoable = changes.filter((c) => c.undoable);
  const what = describeProtectedChanges(changes);
  notice(`A command changed files that run later (on folder-open or the next git): ${what}. Review them before opening the folder or running git.`, 'error');
  const actions = [...(undoable.length ? ['Undo'] : []), ...(changes.some((c) => c.kind !== 'removed') ? ['Open'] : [])];
  void vscode.window.showWarningMessage(`Tandem: a command changed files that run later: ${what}.`, ...actions).then(async (pick) => {
    if (pick === 'Undo') {
      const failed = await undoProtected(root, undoable);
      const left = [...failed, ...changes.filter((c) => !c.undoable).map((c) => c.rel)];
      notice(left.length ? `Undone except ${left.join(', ')} (no earlier content kept, or the file could not be written): check ${left.length === 1 ? 'it' : 'them'} by hand.` : `Undone: ${undoable.map((c) => c.rel).join(', ')} ${undoable.length === 1 ? 'is' : 'are'} as before the command.`, left.length ? 'error' : 'info');
    } else if (pick === 'Open') {
      const first = changes.find((c) => c.kind !== 'removed')!;
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, first.rel)), { preview: true }).then(undefined, () => undefined);
    }
  });
}
