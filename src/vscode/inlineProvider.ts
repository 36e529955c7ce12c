// Owns the InlineCompletionItemProvider: translates a VS Code document, position and cancellation
// token into an engine request (reading lines, never the whole text) and the result into ghost text.
import * as vscode from 'vscode';
import type { CompletionEngine } from '../core/completion/engine';
import type { CompletionDocument } from '../core/completion/types';

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
  private readonly settled = new vscode.EventEmitter<{ uri: string; shown: boolean }>();
  /** Fires after every provider call, shown or not (tests wait on it instead of sleeping). */
  readonly onDidSettle = this.settled.event;

  constructor(private readonly engine: CompletionEngine) {}

  dispose(): void {
    this.settled.dispose();
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
    let shown = false;
    try {
      if (token.isCancellationRequested) return undefined;
      const result = await this.engine.provide({
        document: asCompletionDocument(document),
        position: { line: position.line, character: position.character },
        signal: controller.signal,
        explicit: context.triggerKind === vscode.InlineCompletionTriggerKind.Invoke,
      });
      if (!result || token.isCancellationRequested) return undefined;
      const lineEnd = document.lineAt(position.line).range.end.character;
      const end = position.translate(0, Math.min(result.replaceAfter, lineEnd - position.character));
      shown = true;
      return [new vscode.InlineCompletionItem(result.insertText, new vscode.Range(position, end))];
    } finally {
      listener.dispose();
      this.settled.fire({ uri: document.uri.toString(), shown });
    }
  }
}
