// Owns showing the user, with Undo, what a command of the agent changed among the files that run
// later (hooks, .vscode tasks/settings/launch, workflows, .envrc, AGENTS.md…): a panel notice and a
// warning with Undo (puts them back as they were: created ones removed) and Open (the first one).
// Each offer is also fired as an event whose `choose` is the very path the warning's buttons take
// (the extension's test API answers it there, as a VS Code notification cannot be clicked in a test).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeProtectedChanges, undoProtected, type ProtectedChange } from '../../core/sandbox/protectedSet';

export type ProtectedAction = 'Undo' | 'Open';

export interface ProtectedOffer {
  root: string;
  message: string;
  actions: ProtectedAction[];
  /** What the warning's button of that name does; resolves once done. */
  choose(pick: ProtectedAction): Promise<void>;
}

const offers = new vscode.EventEmitter<ProtectedOffer>();
/** Fires for every warning shown (each with the actions it offers). */
export const onDidOfferProtectedUndo = offers.event;

export function offerProtectedUndo(root: string, changes: ProtectedChange[], notice: (text: string, level: 'info' | 'error') => void): void {
  if (changes.length === 0) return;
  const undoable = changes.filter((c) => c.undoable);
  const what = describeProtectedChanges(changes);
  notice(`A command changed files that run later (on folder-open or the next git): ${what}. Review them before opening the folder or running git.`, 'error');
  const actions: ProtectedAction[] = [...(undoable.length ? (['Undo'] as const) : []), ...(changes.some((c) => c.kind !== 'removed') ? (['Open'] as const) : [])];
  let chosen = false;
  const choose = async (pick: ProtectedAction): Promise<void> => {
    // One answer per offer: the warning and the test API share it, so Undo cannot run twice.
    if (chosen || !actions.includes(pick)) return;
    chosen = true;
    if (pick === 'Undo') {
      const failed = await undoProtected(root, undoable);
      const left = [...failed, ...changes.filter((c) => !c.undoable).map((c) => c.rel)];
      notice(left.length ? `Undone except ${left.join(', ')} (no earlier content kept, or the file could not be written): check ${left.length === 1 ? 'it' : 'them'} by hand.` : `Undone: ${undoable.map((c) => c.rel).join(', ')} ${undoable.length === 1 ? 'is' : 'are'} as before the command.`, left.length ? 'error' : 'info');
    } else {
      const first = changes.find((c) => c.kind !== 'removed')!;
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, first.rel)), { preview: true }).then(undefined, () => undefined);
    }
  };
  const message = `Tandem: a command changed files that run later: ${what}.`;
  void vscode.window.showWarningMessage(message, ...actions).then((pick) => (pick ? choose(pick) : undefined));
  offers.fire({ root, message, actions, choose });
}
