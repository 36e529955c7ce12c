// Owns the refactor commands on a selection — Explain, Refactor…, Fix (with the diagnostics in
// range), Generate Tests — and the "Fix with Tandem" code action. Explain and Generate Tests start a
// fresh, short task in the panel (no earlier task's history; the change log names the new task);
// Refactor… and Fix work at the code through inline chat. The range is exactly the selected lines,
// or for a diagnostic the whole function around it.
import * as vscode from 'vscode';
import { codeRequest, type RefactorKind, type RequestText } from '../../core/refactor/requests';
import type { LineSpan } from '../../core/refactor/lineSpan';
import { diagnosticsIn, enclosingFunction, selectionSpan, spanRange, spanText } from '../inlineChat/codeContext';

export type { RefactorKind };

export interface TaskRunner {
  reveal(): Promise<void>;
  /** Starts a new task showing `display`, sending `prompt`; false when a task is still running. */
  startTask(request: RequestText): Promise<boolean>;
}

export interface InlineRunner {
  /** Opens inline chat at the code; with an instruction, sends it at once. */
  start(editor?: vscode.TextEditor, instruction?: string): Promise<unknown>;
  request(doc: vscode.TextDocument, span: LineSpan, instruction: string): Promise<unknown>;
}

async function editorFor(uri?: vscode.Uri): Promise<vscode.TextEditor | undefined> {
  if (!uri) return vscode.window.activeTextEditor;
  const open = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  return open ?? vscode.window.showTextDocument(uri);
}

export function registerRefactorCommands(runner: TaskRunner, inline: InlineRunner): vscode.Disposable[] {
  const panelTask = async (kind: RefactorKind) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return void vscode.window.showInformationMessage('Tandem: select some code in an editor first.');
    const span = selectionSpan(editor.selection);
    const file = vscode.workspace.asRelativePath(editor.document.uri, false);
    await runner.reveal();
    const started = await runner.startTask(codeRequest({ kind, file, languageId: editor.document.languageId, span, code: spanText(editor.document, span) }));
    if (!started) vscode.window.showWarningMessage('Tandem is still working on a task: stop it (Escape in the panel) or wait, then run the command again.');
  };
  const fix = async (range?: vscode.Range, uri?: vscode.Uri) => {
    const editor = await editorFor(uri);
    if (!editor) return void vscode.window.showInformationMessage('Tandem: put the cursor on the code to fix first.');
    const doc = editor.document;
    // From a diagnostic (Fix with Tandem): the whole function around it; from the menu: the selection.
    const span = range ? await enclosingFunction(doc, range) : selectionSpan(editor.selection);
    const diagnostics = diagnosticsIn(doc, range ?? spanRange(doc, span));
    const instruction = diagnostics.length ? `Fix ${diagnostics.length === 1 ? 'this problem' : 'these problems'}:\n${diagnostics.map((d) => `- ${d}`).join('\n')}` : 'Fix the bugs in this code.';
    await inline.request(doc, span, instruction);
  };
  return [
    vscode.commands.registerCommand('tandem.explainSelection', () => panelTask('explain')),
    vscode.commands.registerCommand('tandem.generateTests', () => panelTask('tests')),
    vscode.commands.registerCommand('tandem.refactorSelection', () => inline.start()),
    vscode.commands.registerCommand('tandem.fixSelection', (range?: vscode.Range, uri?: vscode.Uri) => fix(range, uri)),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new FixWithTandem(), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  ];
}

class FixWithTandem implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.diagnostics.length === 0) return [];
    const action = new vscode.CodeAction('Fix with Tandem', vscode.CodeActionKind.QuickFix);
    const span = context.diagnostics.reduce((r, d) => r.union(d.range), range);
    action.command = { command: 'tandem.fixSelection', title: 'Fix with Tandem', arguments: [span, document.uri] };
    action.diagnostics = [...context.diagnostics];
    return [action];
  }
}
