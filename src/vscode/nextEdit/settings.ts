// Owns reading `tandem.nextEdit.*` into the engine's config. The model defaults to the chat model
// and the server to the shared base URL; the key is the one completions use.
import * as vscode from 'vscode';
import type { NextEditConfig } from '../../core/nextEdit/types';
import { DEFAULT_BASE_URL } from '../completion/settings';

export type NextEditSettings = Omit<NextEditConfig, 'apiKey'>;

export function readNextEditSettings(): NextEditSettings {
  const c = vscode.workspace.getConfiguration('tandem');
  const base = (c.get<string>('baseUrl') || DEFAULT_BASE_URL).trim();
  const format = c.get<string>('nextEdit.format', 'auto');
  return {
    enabled: c.get<boolean>('nextEdit.enabled', false) === true,
    baseUrl: (c.get<string>('nextEdit.baseUrl') || '').trim() || base,
    model: (c.get<string>('nextEdit.model') || '').trim() || c.get<string>('chat.model', 'qwen2.5-coder:7b'),
    format: format === 'zeta' || format === 'chat' ? format : 'auto',
    debounceMs: clamp(c.get<number>('nextEdit.debounceMs', 100), 0, 5000),
    maxTokens: 2048,
    timeoutMs: 20_000,
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
