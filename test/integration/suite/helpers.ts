// Helpers for tests running inside the extension host: the extension's test API, waiting on events
// with a bound (never sleeping), and settings that are restored afterwards.
import * as vscode from 'vscode';
import type { TandemApi } from '../../../src/extension';
import type { PanelState } from '../../../src/protocol/messages';

export async function tandem(): Promise<TandemApi> {
  const ext = vscode.extensions.getExtension<TandemApi>('tandem-dev.tandem');
  if (!ext) throw new Error('the Tandem extension is not installed in this VS Code');
  return ext.activate();
}

/** Resolves with the first event value that satisfies `pred`; rejects after `ms`. */
export function nextEvent<T>(event: vscode.Event<T>, pred: (v: T) => boolean = () => true, ms = 15_000, what = 'event'): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = event((v) => {
      if (pred(v)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(v);
      }
    });
  });
}

/** Retries `check` on every document change or after `commit` until it holds; bounded. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000, step?: () => Thenable<unknown>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    if (step) await step();
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function setSettings(values: Record<string, unknown>): Promise<void> {
  const c = vscode.workspace.getConfiguration();
  for (const [k, v] of Object.entries(values)) await c.update(k, v, vscode.ConfigurationTarget.Global);
}

export async function openFile(relative: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relative));
  return vscode.window.showTextDocument(doc);
}

/** Replaces the document's text and puts the cursor at the marker `|` (which is removed). */
export async function setTextWithCursor(editor: vscode.TextEditor, textWithMarker: string): Promise<void> {
  const offset = textWithMarker.indexOf('|');
  const text = textWithMarker.replace('|', '');
  const doc = editor.document;
  await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text));
  const pos = doc.positionAt(offset);
  editor.selection = new vscode.Selection(pos, pos);
}

/** The panel state once it satisfies `pred` (now, or after a later change); bounded. */
export async function stateWhere(pred: (s: PanelState) => boolean, what: string, ms = 30_000): Promise<PanelState> {
  const api = await tandem();
  if (pred(api.chat.snapshot())) return api.chat.snapshot();
  return nextEvent(api.chat.onDidChangeState, pred, ms, what);
}

/** A figure for the runner to print (e.g. the activation time); index.ts writes them to the result. */
export function recordMetric(name: string, value: number): void {
  const g = globalThis as { __tandemTestMetrics?: Record<string, number> };
  (g.__tandemTestMetrics ??= {})[name] = value;
}

/** Ctrl+I's command, then `text` typed as a user types — into what has the keyboard: inline chat's input once it opened (its document has the `comment` scheme). */
export async function typeInInlineInput(text: string): Promise<void> {
  const opened = nextEvent(vscode.workspace.onDidOpenTextDocument, (d) => d.uri.scheme === 'comment', 30_000, 'the inline chat input');
  await vscode.commands.executeCommand('tandem.inlineChat');
  await opened;
  await vscode.commands.executeCommand('type', { text });
}
