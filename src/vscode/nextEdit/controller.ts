// Owns the life of a next-edit suggestion in the editor: asks the engine after an edit pause, shows
// a prediction only for the document version it was made for, draws it (an insertion at the cursor
// is handed to the inline completion provider as ghost text; an edit elsewhere is decorated at its
// place), and answers Tab (jump to it, then apply it as one undo step), Esc (dismiss) and typing
// (the suggestion goes, a new one is asked for). A completion shown at the cursor wins.
import * as vscode from 'vscode';
import type { NextEditEngine } from '../../core/nextEdit/engine';
import { afterStep, groupSteps, isAtCursor, isStale, stillApplies } from '../../core/nextEdit/staleness';
import type { NextEditPrediction, TextEdit } from '../../core/nextEdit/types';
import { asCompletionDocument } from '../completion/ghostTextProvider';
import { NextEditDecorations } from './decorations';
import { tracked } from './historyTracker';

export type NextEditEvent =
  | { kind: 'shown'; uri: string; edits: TextEdit[]; atCursor: boolean }
  | { kind: 'jumped'; uri: string; line: number }
  | { kind: 'applied'; uri: string; remaining: number }
  | { kind: 'hidden'; uri: string; reason: 'dismissed' | 'typed' | 'stale' | 'completion' | 'editor' | 'off' | 'done' }
  | { kind: 'settled'; uri: string; shown: boolean };

interface Shown {
  editor: vscode.TextEditor;
  uri: string;
  version: number;
  steps: TextEdit[][];
  /** An insertion at the cursor, offered as ghost text instead of decorations. */
  atCursor?: TextEdit;
}

const VISIBLE = 'tandem.nextEditVisible';
const AT_TARGET = 'tandem.nextEditAtTarget';

/**
 * Where the cursor is after a typed change. The change event comes before the editor's selection
 * event, so `editor.selection` still shows the cursor from before the keystroke here.
 */
function caretAfter(changes: readonly vscode.TextDocumentContentChangeEvent[]): vscode.Position | undefined {
  if (changes.length !== 1) return undefined;
  const c = changes[0];
  const lines = c.text.split(/\r?\n/);
  const last = lines[lines.length - 1];
  return lines.length === 1 ? c.range.start.translate(0, c.text.length) : new vscode.Position(c.range.start.line + lines.length - 1, last.length);
}

const toRange = (e: TextEdit) => new vscode.Range(e.start.line, e.start.character, e.end.line, e.end.character);

export class NextEditController implements vscode.Disposable {
  /** Created on first use: nothing is drawn at activation. */
  private decorationTypes: NextEditDecorations | undefined;
  private readonly emitter = new vscode.EventEmitter<NextEditEvent>();
  /** Every change of the suggestion's state (tests wait on it instead of sleeping). */
  readonly onDidChange = this.emitter.event;
  private shown: Shown | undefined;
  private pending: AbortController | undefined;
  private applying = false;
  private atTarget = false;
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly engine: () => NextEditEngine,
    private readonly enabled: () => boolean,
  ) {
    this.subs = [
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.window.onDidChangeActiveTextEditor(() => this.hide('editor')),
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e.textEditor)),
      vscode.commands.registerCommand('tandem.nextEdit.tab', () => this.tab()),
      vscode.commands.registerCommand('tandem.nextEdit.dismiss', () => this.hide('dismissed')),
      vscode.commands.registerCommand('tandem.nextEdit.suggest', () => this.request(vscode.window.activeTextEditor, true)),
    ];
  }

  /** The suggestion on screen, if any (tests). */
  current(): { uri: string; steps: TextEdit[][] } | undefined {
    return this.shown && { uri: this.shown.uri, steps: this.shown.steps };
  }

  /** The inline completion provider asks when it has nothing: an insertion predicted at the cursor. */
  atCursor(document: vscode.TextDocument, position: vscode.Position): vscode.InlineCompletionItem | undefined {
    const s = this.shown;
    const e = s?.atCursor;
    if (!s || !e || s.uri !== document.uri.toString() || s.version !== document.version || !isAtCursor(e, position)) return undefined;
    const item = new vscode.InlineCompletionItem(e.text, new vscode.Range(position, position));
    item.command = { command: 'tandem.nextEdit.dismiss', title: 'Accepted' };
    return item;
  }

  /** A completion is shown at the cursor: it wins, the suggestion goes. */
  completionShown(uri: string): void {
    if (this.shown?.uri === uri && !this.shown.atCursor) this.hide('completion');
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (this.applying || !e.contentChanges.length) return;
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document !== e.document) return;
    if (this.shown) this.hide('typed');
    if (this.enabled() && tracked(e.document)) void this.request(editor, false, caretAfter(e.contentChanges));
  }

  private onSelection(editor: vscode.TextEditor): void {
    const s = this.shown;
    if (!s || s.editor !== editor || !s.steps.length) return;
    const at = this.cursorAtStep(s);
    if (at !== this.atTarget) {
      this.atTarget = at;
      void vscode.commands.executeCommand('setContext', AT_TARGET, at);
      this.draw(s);
    }
  }

  /** Asks for a prediction for the editor as it is now; a newer call cancels this one. */
  async request(editor: vscode.TextEditor | undefined, explicit: boolean, caret?: vscode.Position): Promise<void> {
    if (!editor) return;
    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    const doc = editor.document;
    const uri = doc.uri.toString();
    const position = caret ?? editor.selection.active;
    const p = await this.engine().predict({ document: asCompletionDocument(doc), position: { line: position.line, character: position.character }, signal: controller.signal, explicit });
    if (this.pending === controller) this.pending = undefined;
    if (controller.signal.aborted) return;
    const ok = p && this.show(editor, p);
    this.emitter.fire({ kind: 'settled', uri, shown: !!ok });
  }

  private show(editor: vscode.TextEditor, p: NextEditPrediction): boolean {
    const doc = editor.document;
    // Never a stale answer: the document moved on, the editor changed, or the text is no longer there.
    if (vscode.window.activeTextEditor !== editor || isStale(p, { uri: doc.uri.toString(), version: doc.version })) return false;
    const lines = { lineCount: doc.lineCount, lineAt: (n: number) => doc.lineAt(n).text };
    if (!p.edits.every((e) => stillApplies(e, lines))) return false;
    const cursor = editor.selection.active;
    const first = p.edits[0];
    if (p.edits.length === 1 && isAtCursor(first, cursor)) {
      this.shown = { editor, uri: p.uri, version: p.version, steps: [], atCursor: first };
      this.emitter.fire({ kind: 'shown', uri: p.uri, edits: p.edits, atCursor: true });
      void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      return true;
    }
    const s: Shown = { editor, uri: p.uri, version: p.version, steps: groupSteps(p.edits) };
    this.shown = s;
    this.atTarget = this.cursorAtStep(s);
    void vscode.commands.executeCommand('setContext', VISIBLE, true);
    void vscode.commands.executeCommand('setContext', AT_TARGET, this.atTarget);
    this.draw(s);
    this.emitter.fire({ kind: 'shown', uri: p.uri, edits: p.edits, atCursor: false });
    return true;
  }

  private cursorAtStep(s: Shown): boolean {
    const step = s.steps[0];
    const line = s.editor.selection.active.line;
    return !!step && line >= step[0].start.line && line <= step[step.length - 1].end.line;
  }

  private draw(s: Shown): void {
    const [step, ...later] = s.steps;
    const where = step[0].start.line + 1;
    const hint = this.atTarget ? 'Tab to accept the edit · Esc to dismiss' : `Tab to jump to the next edit (line ${where}) · Esc to dismiss`;
    this.decorationTypes ??= new NextEditDecorations();
    this.decorationTypes.show(s.editor, step, later.flat(), hint);
  }

  /** Tab: jump to the step, or apply it when the cursor is there. */
  private async tab(): Promise<void> {
    const s = this.shown;
    if (!s || !s.steps.length || vscode.window.activeTextEditor !== s.editor) return;
    const step = s.steps[0];
    if (!this.cursorAtStep(s)) {
      const at = new vscode.Position(step[0].start.line, step[0].start.character);
      s.editor.selection = new vscode.Selection(at, at);
      s.editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      this.emitter.fire({ kind: 'jumped', uri: s.uri, line: at.line });
      return;
    }
    await this.apply(s, step);
  }

  private async apply(s: Shown, step: TextEdit[]): Promise<void> {
    const doc = s.editor.document;
    const lines = { lineCount: doc.lineCount, lineAt: (n: number) => doc.lineAt(n).text };
    if (doc.version !== s.version || !step.every((e) => stillApplies(e, lines))) {
      this.hide('stale');
      return;
    }
    this.applying = true;
    let ok = false;
    try {
      // One edit call with every replacement: one undo step.
      ok = await s.editor.edit((b) => {
        for (const e of step) b.replace(toRange(e), e.text);
      });
    } finally {
      this.applying = false;
    }
    if (!ok || this.shown !== s) return;
    const last = step[step.length - 1];
    const endLines = last.text.split('\n');
    const endLine = last.start.line + endLines.length - 1;
    const endChar = endLines.length === 1 ? last.start.character + last.text.length : endLines[endLines.length - 1].length;
    s.editor.selection = new vscode.Selection(endLine, endChar, endLine, endChar);
    const rest = s.steps.slice(1);
    s.version = doc.version;
    s.steps = rest.length ? groupSteps(afterStep(rest.flat(), step)) : [];
    this.emitter.fire({ kind: 'applied', uri: s.uri, remaining: s.steps.length });
    if (!s.steps.length) this.hide('done');
    else {
      this.atTarget = this.cursorAtStep(s);
      void vscode.commands.executeCommand('setContext', AT_TARGET, this.atTarget);
      this.draw(s);
    }
  }

  /** Takes the suggestion off the screen (and cancels one being asked for, unless the user typed). */
  hide(reason: Extract<NextEditEvent, { kind: 'hidden' }>['reason']): void {
    if (reason !== 'typed') this.pending?.abort();
    const s = this.shown;
    if (!s) return;
    this.shown = undefined;
    this.atTarget = false;
    this.decorationTypes?.clear(s.editor);
    void vscode.commands.executeCommand('setContext', VISIBLE, false);
    void vscode.commands.executeCommand('setContext', AT_TARGET, false);
    this.emitter.fire({ kind: 'hidden', uri: s.uri, reason });
  }

  dispose(): void {
    this.pending?.abort();
    this.hide('off');
    for (const d of this.subs) d.dispose();
    this.decorationTypes?.dispose();
    this.emitter.dispose();
  }
}
