// Owns the "Tandem" output channel. Everything written passes through redaction first.
import * as vscode from 'vscode';
import { redactSecrets } from '../core/llm/errors';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Tandem', { log: true });

  info(message: string): void {
    this.channel.info(redactSecrets(message));
  }

  warn(message: string): void {
    this.channel.warn(redactSecrets(message));
  }

  error(message: string): void {
    this.channel.error(redactSecrets(message));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
