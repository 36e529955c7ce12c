// Owns reading `tandem.*` settings into the engine's CompletionConfig. The value is cached and
// rebuilt only when the configuration changes, so no keystroke reads settings.
import * as vscode from 'vscode';
import type { CompletionConfig } from '../../core/completion/types';

export type CompletionSettings = Omit<CompletionConfig, 'apiKey'> & { template: string; clipboard: boolean };

export const DEFAULT_BASE_URL = 'http://localhost:11434/v1';

export class Settings implements vscode.Disposable {
  private cached: CompletionSettings | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly listener: vscode.Disposable;
  /** Fires after any `tandem.*` setting changed. */
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tandem')) {
        this.cached = undefined;
        this.emitter.fire();
      }
    });
  }

  completion(): CompletionSettings {
    if (!this.cached) {
      const c = vscode.workspace.getConfiguration('tandem');
      const base = (c.get<string>('baseUrl') || DEFAULT_BASE_URL).trim();
      this.cached = {
        enabled: c.get<boolean>('completion.enabled', true),
        baseUrl: (c.get<string>('completion.baseUrl') || '').trim() || base,
        model: c.get<string>('completion.model', 'qwen2.5-coder:1.5b-base'),
        template: templateSetting(c.get<string>('completion.template')),
        api: c.get<'completions' | 'chat'>('completion.api', 'completions') === 'chat' ? 'chat' : 'completions',
        debounceMs: clamp(c.get<number>('completion.debounceMs', 150), 0, 5000),
        maxTokens: clamp(c.get<number>('completion.maxTokens', 128), 1, 4096),
        disabledLanguages: c.get<string[]>('completion.disabledLanguages', ['plaintext', 'markdown', 'scminput']).map((l) => l.toLowerCase()),
        timeoutMs: clamp(c.get<number>('completion.timeoutMs', 15000), 500, 300000),
        contextTokens: clamp(c.get<number>('completion.contextTokens', 0), 0, 1_000_000),
        multiline: multilineSetting(c.get<string>('completion.multiline', 'auto')),
        clipboard: c.get<boolean>('completion.clipboard', false) === true,
      };
    }
    return this.cached;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}

/** A named format is trimmed; a user template is kept exactly as written (its spacing matters). */
function templateSetting(v: string | undefined): string {
  if (!v || v.trim() === '') return 'auto';
  return v.includes('{') ? v : v.trim();
}

function multilineSetting(v: string | undefined): 'auto' | 'always' | 'never' {
  return v === 'always' || v === 'never' ? v : 'auto';
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
