// Owns the status-bar item: on / off / in flight / error with its reason, and the notification
// rule — one notification per distinct failure, reset by the next success, never one per keystroke.
import * as vscode from 'vscode';
import type { CompletionStatus } from '../../core/completion/types';
import type { LlmErrorKind } from '../../core/llm/errors';
import { describeServer, type ServerView } from './serverMonitor';

export type StatusView = { state: 'enabled' | 'disabled' | 'loading' } | { state: 'error'; kind: LlmErrorKind; message: string };

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.status', vscode.StatusBarAlignment.Right, 100);
  private enabled = true;
  private status: CompletionStatus = { state: 'idle' };
  private notified: LlmErrorKind | undefined;
  private server: ServerView | undefined;
  private readonly emitter = new vscode.EventEmitter<StatusView>();
  /** Fires whenever what the item shows changes (tests observe it). */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly onNotify: (message: string, kind: LlmErrorKind) => void) {
    this.item.name = 'Tandem';
    this.item.command = 'tandem.statusMenu';
    this.render();
    this.item.show();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (enabled) this.status = { state: 'idle' };
    this.render();
  }

  setStatus(status: CompletionStatus): void {
    this.status = status;
    if (status.state === 'idle') this.notified = undefined;
    if (status.state === 'error' && status.error.kind !== 'aborted' && this.notified !== status.error.kind) {
      this.notified = status.error.kind;
      this.onNotify(status.error.message, status.error.kind);
    }
    this.render();
  }

  /** What the last server check found (shown while completions are on and idle). */
  setServer(server: ServerView): void {
    this.server = server;
    this.render();
  }

  view(): StatusView {
    if (!this.enabled || this.status.state === 'disabled') return { state: 'disabled' };
    if (this.status.state === 'loading') return { state: 'loading' };
    if (this.status.state === 'error') return { state: 'error', kind: this.status.error.kind, message: this.status.error.message };
    return { state: 'enabled' };
  }

  private render(): void {
    const v = this.view();
    switch (v.state) {
      case 'disabled':
        this.item.text = '$(circle-slash) Tandem';
        this.item.tooltip = 'Tandem completions are off. Click for options.';
        this.item.backgroundColor = undefined;
        break;
      case 'loading':
        this.item.text = '$(loading~spin) Tandem';
        this.item.tooltip = 'Tandem is asking the model for a completion…';
        this.item.backgroundColor = undefined;
        break;
      case 'error':
        this.item.text = '$(warning) Tandem';
        this.item.tooltip = `Tandem: ${v.message}`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      default: {
        // Until the server has answered, "on" would be a promise Tandem cannot keep yet.
        const s = this.server;
        const trouble = s?.state === 'failed' || (s?.state === 'ok' && s.missing.length > 0);
        this.item.text = s?.state === 'checking' ? '$(loading~spin) Tandem' : trouble ? '$(warning) Tandem' : '$(sparkle) Tandem';
        this.item.tooltip = s ? `Tandem: ${describeServer(s)}${s.state === 'ok' && !trouble ? ' Completions are on.' : ''} Click for options.` : 'Tandem completions are on. Click for options.';
        this.item.backgroundColor = trouble ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      }
    }
    this.item.accessibilityInformation = { label: typeof this.item.tooltip === 'string' ? this.item.tooltip : 'Tandem' };
    this.emitter.fire(v);
  }

  /** The item's text and tooltip as shown (tests read them). */
  shown(): { text: string; tooltip: string } {
    return { text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '' };
  }

  dispose(): void {
    this.item.dispose();
    this.emitter.dispose();
  }
}
