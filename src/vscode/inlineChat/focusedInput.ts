// Opens inline chat's input with the cursor in it, as Copilot's Ctrl+I does. VS Code focuses a comment
// input only for a thread the user starts ("Add Comment", a "template" thread); a thread an extension
// creates opens unfocused, so typing after Ctrl+I went into the code. So for Ctrl+I the controller
// offers the selected lines as a commenting range for a moment and asks VS Code to add a comment there:
// VS Code opens its focused input under the lines, and the first reply brings the thread to
// InlineChat. VS Code takes the range a moment after it asked for it, so the command is sent a
// macrotask later, and once more if no input opened; when VS Code does not ask for the range in time or
// no input opens (comments turned off, threads of other extensions still loading), the caller falls back
// to a thread of its own.
import * as vscode from 'vscode';
import type { LineSpan } from '../../core/refactor/lineSpan';

/**
 * How long VS Code may take to ask for the offered range before the fallback is used. It asks within
 * milliseconds on an idle machine; on a busy one (a build, a test run) it took over 2 s, and the
 * fallback's unfocused thread then let typing go into the code.
 */
const ASKED_WITHIN_MS = 6000;

export class FocusedInput implements vscode.Disposable {
  private offered: { uri: string; range: vscode.Range } | undefined;
  private asked: (() => void) | undefined;

  constructor(private readonly controller: vscode.CommentController) {}

  /** Opens VS Code's own focused input under `span` of `editor`; false when VS Code did not take the offer. */
  async open(editor: vscode.TextEditor, span: LineSpan): Promise<boolean> {
    const uri = editor.document.uri.toString();
    const range = new vscode.Range(span.start, 0, span.end, editor.document.lineAt(span.end).text.length);
    let timer: NodeJS.Timeout | undefined;
    const asked = new Promise<boolean>((resolve) => {
      this.asked = () => resolve(true);
      timer = setTimeout(() => resolve(false), ASKED_WITHIN_MS);
    });
    this.offered = { uri, range };
    // Setting the provider makes VS Code ask for the ranges again (of the open editors).
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (doc) => {
        if (doc.uri.toString() !== this.offered?.uri) return [];
        this.asked?.();
        return [this.offered.range];
      },
    };
    const ok = await asked;
    clearTimeout(timer);
    this.asked = undefined;
    if (!ok || vscode.window.activeTextEditor?.document.uri.toString() !== uri) return false;
    // The answer with the range must reach VS Code in an earlier message than the command (VS Code applies
    // it once the message is handled): a macrotask later it has been sent on its own.
    // A second try only when no input opened for a long while: addComment TOGGLES the threads at the
    // line, so a second one over an input that opened late (a busy machine) collapsed it, text typed in
    // it and all, behind a "discard unsubmitted comments?" dialog (seen in CI).
    const inputs = () => vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'comment').length;
    const before = inputs();
    for (const [wait, within] of [[30, 5000], [300, 1500]]) {
      await new Promise((r) => setTimeout(r, wait));
      const input = inputOpened(within);
      await vscode.commands.executeCommand('workbench.action.addComment');
      if ((await input) || inputs() > before) return true;
    }
    return false;
  }

  /** The input was used or closed: the lines are no longer offered (no "+" left in the gutter). */
  withdraw(): void {
    if (!this.offered) return;
    this.offered = undefined;
    this.controller.commentingRangeProvider = undefined;
  }

  dispose(): void {
    this.withdraw();
  }
}

/** Resolves true when VS Code opens a comment input (its document has the `comment` scheme) within `ms`. */
function inputOpened(ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sub = vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.scheme !== 'comment') return;
      clearTimeout(timer);
      sub.dispose();
      resolve(true);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      resolve(false);
    }, ms);
  });
}
