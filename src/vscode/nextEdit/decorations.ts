// Owns how a next edit elsewhere in the file looks: the removed text struck through, the inserted
// text as ghost-like text at its place, an arrow in the gutter at the step to take, and a hint at
// the end of the cursor's line saying what Tab will do. Theme colours only, so light and dark work.
import * as vscode from 'vscode';
import type { TextEdit } from '../../core/nextEdit/types';

const arrow = (color: string) =>
  vscode.Uri.parse(
    'data:image/svg+xml;base64,' +
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><path d="M2 8h9M8 4l4 4-4 4" fill="none" stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/></svg>`).toString('base64'),
  );

/** Inserted text shown on one line: line breaks as ⏎, long text cut. */
export function insertedLabel(text: string, max = 120): string {
  const one = text.replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, '  ');
  return one.length > max ? one.slice(0, max - 1) + '…' : one;
}

export class NextEditDecorations implements vscode.Disposable {
  private readonly removed = vscode.window.createTextEditorDecorationType({
    textDecoration: 'line-through',
    backgroundColor: new vscode.ThemeColor('diffEditor.removedTextBackground'),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly inserted = vscode.window.createTextEditorDecorationType({
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly gutter = vscode.window.createTextEditorDecorationType({
    light: { gutterIconPath: arrow('#1a73e8') },
    dark: { gutterIconPath: arrow('#75beff') },
    gutterIconSize: '80%',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.modifiedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private readonly hint = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
  });

  /** Draws the edits of the current step (and the later ones, fainter), the arrow and the hint. */
  show(editor: vscode.TextEditor, step: TextEdit[], later: TextEdit[], hint: string): void {
    const all = [...step, ...later];
    editor.setDecorations(
      this.removed,
      all.filter((e) => e.oldText).map((e) => new vscode.Range(e.start.line, e.start.character, e.end.line, e.end.character)),
    );
    editor.setDecorations(
      this.inserted,
      all
        .filter((e) => e.text)
        .map((e, i) => ({
          range: new vscode.Range(e.end.line, e.end.character, e.end.line, e.end.character),
          renderOptions: {
            after: {
              contentText: insertedLabel(e.text),
              color: new vscode.ThemeColor('editorGhostText.foreground'),
              backgroundColor: new vscode.ThemeColor('diffEditor.insertedTextBackground'),
              fontStyle: 'italic',
              textDecoration: i < step.length ? undefined : 'none; opacity: 0.6',
            },
          },
        })),
    );
    const first = step[0];
    editor.setDecorations(this.gutter, first ? [new vscode.Range(first.start.line, 0, first.start.line, 0)] : []);
    const line = editor.selection.active.line;
    const end = editor.document.lineAt(line).range.end;
    editor.setDecorations(this.hint, [{ range: new vscode.Range(end, end), renderOptions: { after: { contentText: hint } } }]);
  }

  clear(editor: vscode.TextEditor | undefined): void {
    if (!editor) return;
    for (const t of [this.removed, this.inserted, this.gutter, this.hint]) editor.setDecorations(t, []);
  }

  dispose(): void {
    for (const t of [this.removed, this.inserted, this.gutter, this.hint]) t.dispose();
  }
}
