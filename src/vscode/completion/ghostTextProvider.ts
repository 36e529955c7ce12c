// Owns the InlineCompletionItemProvider: translates a VS Code document, position, the suggest
// widget's selected item and cancellation token into an engine request (reading lines, never the
// whole text) and the result into ghost text, reported to the acceptance statistics.
import * as vscode from 'vscode';
import type { CompletionEngine } from '../../core/completion/engine';
import type { CompletionDocument, CompletionRequest } from '../../core/completion/types';
import type { CompletionStatsRecorder } from './stats';

/** What one provider call ended with (tests wait on it instead of sleeping). */
export interface Settled {
  uri: string;
  shown: boolean;
  /** The ghost text offered. */
  text?: string;
  /** The suggest widget's selected item the completion had to extend. */
  selected?: string;
}

export function asCompletionDocument(d: vscode.TextDocument): CompletionDocument {
  return {
    uri: d.uri.toString(),
    relativePath: vscode.workspace.asRelativePath(d.uri, false),
    languageId: d.languageId,
    version: d.version,
    lineCount: d.lineCount,
    lineAt: (n: number) => d.lineAt(n).text,
  };
}

export class InlineProvider implements vscode.InlineCompletionItemProvider, vscode.Disposable {
  private readonly settled = new vscode.EventEmitter<Settled>();
  /** Fires after every provider call, shown or not (tests wait on it instead of sleeping). */
  readonly onDidSettle = this.settled.event;
  private readonly starting = new vscode.EventEmitter<{ uri: string; line: number; character: number }>();
  /** Fires as each provider call starts (tests). */
  readonly onWillProvide = this.starting.event;

  constructor(
    private readonly engine: CompletionEngine,
    private readonly stats?: CompletionStatsRecorder,
    /** Asked when completion has nothing here: a next-edit insertion predicted at the cursor (completion wins). */
    private readonly fallback?: (document: vscode.TextDocument, position: vscode.Position) => vscode.InlineCompletionItem | undefined,
  ) {}

  /** A completion shown in part has finished: show all of it if its document is still in front. */
  refresh(uri: string): void {
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri) void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
  }

  dispose(): void {
    this.settled.dispose();
    this.starting.dispose();
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    // One AbortController per call, tied to the token; the listener goes in `finally`.
    const controller = new AbortController();
    const listener = token.onCancellationRequested(() => controller.abort());
    let shown: { text: string } | undefined;
    const selected = selectedItem(context, position);
    const started = Date.now();
    this.starting.fire({ uri: document.uri.toString(), line: position.line, character: position.character });
    try {
      if (token.isCancellationRequested) return undefined;
      const result = await this.engine.provide({
        document: asCompletionDocument(document),
        position: { line: position.line, character: position.character },
        signal: controller.signal,
        explicit: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke,
        selected,
      });
      if (token.isCancellationRequested) return undefined;
      if (!result) {
        const next = this.fallback?.(document, position);
        return next ? [next] : undefined;
      }
      const lineEnd = document.lineAt(position.line).range.end.character;
      const from = Math.max(position.character, selected?.end ?? 0);
      const end = new vscode.Position(position.line, Math.min(from + result.replaceAfter, lineEnd));
      const start = position.translate(0, -(result.replaceBefore ?? 0));
      const item = new vscode.InlineCompletionItem(result.insertText, new vscode.Range(start, end));
      if (this.stats) item.command = this.stats.shown(document, start, result.insertText, result.fromCache ? undefined : Date.now() - started);
      shown = { text: result.insertText };
      return [item];
    } finally {
      listener.dispose();
      this.settled.fire({ uri: document.uri.toString(), shown: shown !== undefined, text: shown?.text, selected: selected?.text });
    }
  }
}

/** The suggest widget's selected item on the cursor line, as the engine takes it. */
function selectedItem(context: vscode.InlineCompletionContext, position: vscode.Position): CompletionRequest['selected'] {
  const info = context.selectedCompletionInfo;
  if (!info || info.range.start.line !== position.line || info.range.end.line !== position.line) return undefined;
  return { start: info.range.start.character, end: info.range.end.character, text: info.text };
}
