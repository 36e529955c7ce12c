// Owns the refactor commands on a selection — Explain, Refactor…, Fix (with the diagnostics in
// range), Generate Tests — and the "Fix with Tandem" code action. Each becomes an agent task in the
// panel, so its edits go through the same diff approval.
import * as vscode from 'vscode';

export type RefactorKind = 'explain' | 'refactor' | 'fix' | 'tests';

export interface TaskRunner {
  reveal(): Promise<void>;
  run(task: string): Promise<void>;
}

function selectionOf(editor: vscode.TextEditor, range?: vscode.Range): { range: vscode.Range; text: string } {
  let r = range ?? editor.selection;
  if (r.isEmpty) r = editor.document.lineAt(r.start.line).range;
  return { range: r, text: editor.document.getText(r) };
}

/** The task text for a refactor request: the file, the lines, the code, and what to do. */
export function refactorPrompt(kind: RefactorKind, file: string, languageId: string, range: vscode.Range, code: string, extra: { instruction?: string; diagnostics?: string[] } = {}): string {
  const where = `${file}, lines ${range.start.line + 1}-${range.end.line + 1}`;
  const block = '```' + languageId + '\n' + code + '\n```';
  switch (kind) {
    case 'explain':
      return `Explain this code from ${where}. Do not change any file.\n\n${block}`;
    case 'refactor':
      return `Refactor this code in ${where}: ${extra.instruction}\nKeep behaviour the same, edit the file in place, and run the tests afterwards.\n\n${block}`;
    case 'fix':
      return `Fix the problems in ${where}.\n${extra.diagnostics?.length ? `Diagnostics:\n${extra.diagnostics.map((d) => `- ${d}`).join('\n')}\n` : ''}\n${block}`;
    case 'tests':
      return `Write tests for this code from ${where}, in the project's test framework and folder layout, then run them.\n\n${block}`;
  }
}

export function registerRefactorCommands(runner: TaskRunner): vscode.Disposable[] {
  const start = async (kind: RefactorKind, range?: vscode.Range, uri?: vscode.Uri) => {
    const editor = uri ? await vscode.window.showTextDocument(uri) : vscode.window.activeTextEditor;
    if (!editor) {
      vscode.window.showInformationMessage('Tandem: select some code in an editor first.');
      return;
    }
    const sel = selectionOf(editor, range);
    let instruction: string | undefined;
    if (kind === 'refactor') {
      instruction = await vscode.window.showInputBox({ title: 'Tandem: Refactor', prompt: 'What should change?', placeHolder: 'e.g. extract the loop into a function', ignoreFocusOut: true });
      if (!instruction) return;
    }
    const diagnostics =
      kind === 'fix'
        ? vscode.languages
            .getDiagnostics(editor.document.uri)
            .filter((d) => d.range.intersection(sel.range))
            .map((d) => `line ${d.range.start.line + 1}: ${d.message}${d.source ? ` (${d.source})` : ''}`)
        : undefined;
    const file = vscode.workspace.asRelativePath(editor.document.uri, false);
    await runner.reveal();
    await runner.run(refactorPrompt(kind, file, editor.document.languageId, sel.range, sel.text, { instruction, diagnostics }));
  };
  return [
    vscode.commands.registerCommand('tandem.explainSelection', () => start('explain')),
    vscode.commands.registerCommand('tandem.refactorSelection', () => start('refactor')),
    vscode.commands.registerCommand('tandem.fixSelection', (range?: vscode.Range, uri?: vscode.Uri) => start('fix', range, uri)),
    vscode.commands.registerCommand('tandem.generateTests', () => start('tests')),
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
