// Owns the API key: kept in VS Code's SecretStorage (never in settings or logs), falling back to the
// OPENAI_API_KEY environment variable. Cached in memory so the keystroke path never awaits storage.
import * as vscode from 'vscode';
import { registerSecretValue } from '../../core/secrets/knownValues';

const KEY = 'tandem.apiKey';

export class ApiKeyStore implements vscode.Disposable {
  private stored: string | undefined;
  private readonly listener: vscode.Disposable;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.listener = secrets.onDidChange((e) => {
      if (e.key === KEY) void this.refresh();
    });
  }

  /** Loads the stored key once (called at activation without awaiting on the hot path). */
  async refresh(): Promise<void> {
    this.stored = (await this.secrets.get(KEY)) || undefined;
    // The key itself is never sent to the model, whatever a command or file prints.
    registerSecretValue('API key', this.stored);
    this.emitter.fire();
  }

  /** The key to send, or undefined for servers that need none. */
  get(): string | undefined {
    return this.stored ?? (process.env.OPENAI_API_KEY || undefined);
  }

  get source(): 'secret-storage' | 'environment' | 'none' {
    if (this.stored) return 'secret-storage';
    return process.env.OPENAI_API_KEY ? 'environment' : 'none';
  }

  async set(value: string): Promise<void> {
    await this.secrets.store(KEY, value);
    this.stored = value;
    registerSecretValue('API key', value);
    this.emitter.fire();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
    this.stored = undefined;
    this.emitter.fire();
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
