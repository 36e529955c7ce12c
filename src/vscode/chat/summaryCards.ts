// Owns the summary card a task's turn ends with, and its per-file links: each opens VS Code's diff of
// the file before the turn (a read-only document) against the file now. The text from before comes
// from the turn's starting checkpoint (kept with the card, so the link works after the panel or VS
// Code restarts), else from the turn's own first edit of the file (kept for this session only); with
// neither, the link says why it cannot open.
import * as vscode from 'vscode';
import type { TurnSummary } from '../../core/agent/turnSummary';
import type { CheckpointStore } from '../../core/checkpoints/store';
import { canonicalRoot } from '../../core/policy/workspaceJail';
import type { SummaryItem } from '../../protocol/followViews';
import type { PanelState } from '../../protocol/messages';

export const BEFORE_SCHEME = 'tandem-before';

/** Cards whose texts from before stay in memory (the checkpoint serves older ones). */
const KEPT_CARDS = 30;
let seq = 0;

export class SummaryCards implements vscode.TextDocumentContentProvider, vscode.Disposable {
  /** Texts from before a turn, by card id then path: this session's fallback when there is no checkpoint. */
  private readonly remembered = new Map<string, Map<string, string | undefined>>();
  /** What each left-side document shows, by its URI. */
  private readonly shown = new Map<string, string>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly checkpoints: (root: string) => CheckpointStore | undefined) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, this);
  }

  dispose(): void {
    this.registration.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.shown.get(uri.toString()) ?? '';
  }

  /** Adds the turn's card to the panel (nothing when the turn changed no file and ran no command). */
  add(s: PanelState, summary: TurnSummary): void {
    const card = summary.card();
    if (!card) return;
    const user = [...s.items].reverse().find((i) => i.kind === 'user');
    const checkpointId = user?.kind === 'user' ? user.checkpointId : undefined;
    const id = `sum_${Date.now().toString(36)}${++seq}`;
    this.remembered.set(id, new Map(card.files.map((f) => [f.path, summary.textBefore(f.path)])));
    // Bounded: the oldest cards fall back to their checkpoint alone.
    for (const old of [...this.remembered.keys()].slice(0, -KEPT_CARDS)) this.remembered.delete(old);
    s.items.push({ kind: 'summary', id, ...card, ...(checkpointId ? { checkpointId } : {}) });
  }

  /** Opens one file's diff of a card; a string says why it cannot. */
  async open(s: PanelState, itemId: string, path: string): Promise<true | string> {
    const item = s.items.find((i): i is SummaryItem => i.kind === 'summary' && i.id === itemId);
    const file = item?.files.find((f) => f.path === path);
    if (!item || !file) return 'That file is not part of this summary.';
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return 'Open the workspace folder to see what the task changed.';
    const before = await this.textBefore(item, file, folder.uri);
    if (typeof before !== 'string') return before.error;
    const left = vscode.Uri.from({ scheme: BEFORE_SCHEME, path: `/${file.from ?? file.path}`, query: `card=${encodeURIComponent(itemId)}` });
    this.shown.set(left.toString(), before);
    const now = vscode.Uri.joinPath(folder.uri, ...file.path.split('/'));
    const exists = await Promise.resolve(vscode.workspace.fs.stat(now)).then(
      () => true,
      () => false,
    );
    const right = exists ? now : vscode.Uri.from({ scheme: BEFORE_SCHEME, path: `/${file.path}`, query: 'deleted=1' });
    await vscode.commands.executeCommand('vscode.diff', left, right, `${file.path} (before the task ↔ now)`, { preview: true });
    return true;
  }

  private async textBefore(item: SummaryItem, file: SummaryItem['files'][number], root: vscode.Uri): Promise<string | { error: string }> {
    if (file.created) return '';
    const store = item.checkpointId && vscode.workspace.isTrusted ? this.checkpoints(await canonicalRoot(root.fsPath)) : undefined;
    if (store && item.checkpointId) {
      try {
        const buf = await store.fileAt(item.checkpointId, file.from ?? file.path);
        return buf ? new TextDecoder().decode(buf) : '';
      } catch {
        // pruned or gone: the session's copy may still have it
      }
    }
    const kept = this.remembered.get(item.id);
    if (kept?.has(file.path)) return kept.get(file.path) ?? '';
    return {
      error: `The text of ${file.from ?? file.path} from before this task is no longer available: ${item.checkpointId ? 'its checkpoint was removed' : 'no checkpoint was taken (tandem.checkpoints.enabled)'} and VS Code was restarted since the task ran.`,
    };
  }
}
