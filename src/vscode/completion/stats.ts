// Owns measuring autocomplete locally: each completion shown, then accepted (its command ran),
// partially accepted (some of it is in the document: typed through or accepted word by word) or
// dismissed; kept in the extension's global storage, never sent anywhere, and shown by
// **Tandem: Show Completion Stats** and in the status-bar menu.
import * as vscode from 'vscode';
import { CompletionStats, describeStats, type StatsSummary } from '../../core/completion/stats';

const STORAGE_KEY = 'tandem.completionStats';
export const ACCEPTED_COMMAND = 'tandem.completionAccepted';

interface Pending {
  id: number;
  document: vscode.TextDocument;
  start: vscode.Position;
  text: string;
  language: string;
  accepted: boolean;
}

export class CompletionStatsRecorder implements vscode.Disposable {
  private readonly stats: CompletionStats;
  private pending: Pending | undefined;
  private nextId = 1;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly memento: vscode.Memento) {
    this.stats = new CompletionStats(memento.get(STORAGE_KEY));
    this.disposables.push(
      vscode.commands.registerCommand(ACCEPTED_COMMAND, (id: number) => this.accepted(id)),
      vscode.commands.registerCommand('tandem.showCompletionStats', () => this.show()),
    );
  }

  /** Records a completion handed to VS Code; returns the command its acceptance runs. */
  shown(document: vscode.TextDocument, start: vscode.Position, text: string, latencyMs: number | undefined): vscode.Command {
    const p = this.pending;
    // Typing through a suggestion shows its rest: the same completion, not a new one.
    if (!p || !this.continues(p, document, start, text)) {
      this.finish();
      this.stats.shown(document.languageId, latencyMs);
      this.pending = { id: this.nextId++, document, start, text, language: document.languageId, accepted: false };
      this.scheduleSave();
    }
    return { title: 'Completion accepted', command: ACCEPTED_COMMAND, arguments: [this.pending!.id] };
  }

  private continues(p: Pending, document: vscode.TextDocument, start: vscode.Position, text: string): boolean {
    if (p.document !== document || start.line !== p.start.line || start.character < p.start.character) return false;
    const typed = document.lineAt(start.line).text.slice(p.start.character, start.character);
    return p.text.startsWith(typed + text.split('\n')[0]) || p.text.startsWith(typed) && text === p.text.slice(typed.length);
  }

  private accepted(id: number): void {
    if (this.pending?.id !== id) return;
    this.pending.accepted = true;
    this.finish();
  }

  /** Decides the outcome of the completion shown last. */
  finish(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    let outcome: 'accepted' | 'partial' | 'dismissed' = p.accepted ? 'accepted' : 'dismissed';
    if (!p.accepted && !p.document.isClosed && p.start.line < p.document.lineCount) {
      const after = p.document.lineAt(p.start.line).text.slice(p.start.character);
      const first = p.text.split('\n')[0];
      let n = 0;
      while (n < first.length && n < after.length && after[n] === first[n]) n++;
      if (n === first.length && !p.text.includes('\n')) outcome = 'accepted';
      else if (n >= 2) outcome = 'partial';
    }
    this.stats.outcome(p.language, outcome);
    this.scheduleSave();
  }

  summary(): StatsSummary {
    return this.stats.summary();
  }

  /** One line for the status-bar menu. */
  describe(): string {
    return describeStats(this.summary());
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.memento.update(STORAGE_KEY, this.stats.toJSON());
    }, 2_000);
  }

  async show(): Promise<vscode.TextDocument> {
    const s = this.summary();
    const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)} %` : '–');
    const rows = s.byLanguage.map(([lang, c]) => `| ${lang} | ${c.shown} | ${c.accepted} | ${c.partial} | ${c.dismissed} | ${pct(c.accepted + c.partial, c.accepted + c.partial + c.dismissed)} |`);
    const content = [
      '# Tandem completion stats',
      '',
      'Measured on this machine only; nothing here is sent anywhere.',
      '',
      `- ${describeStats(s)}`,
      `- Median latency of completions from the model (cache hits excluded): ${s.medianLatencyMs ?? '–'} ms`,
      '',
      '| Language | Shown | Accepted | Partly accepted | Dismissed | Acceptance |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc;
  }

  dispose(): void {
    this.finish();
    clearTimeout(this.saveTimer);
    void this.memento.update(STORAGE_KEY, this.stats.toJSON());
    for (const d of this.disposables) d.dispose();
  }
}
