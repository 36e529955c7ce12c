// Owns wiring next-edit suggestions: the settings (re-read on change), the history tracker (on only
// while the feature is), the engine (built on first use, not at activation) and the controller.
// extension.ts constructs this and registers what it returns.
import * as vscode from 'vscode';
import type { PathRules } from '../../core/policy/pathRules';
import type { ContextSnippetSource, RecentSnippetSource, RelatedFilesSource } from '../../core/completion/types';
import { NextEditEngine } from '../../core/nextEdit/engine';
import { EditHistory } from '../../core/nextEdit/history';
import type { LlmError } from '../../core/llm/errors';
import { NextEditController } from './controller';
import { HistoryTracker } from './historyTracker';
import { readNextEditSettings, type NextEditSettings } from './settings';

export interface NextEditDeps {
  apiKey: () => string | undefined;
  secrets: () => PathRules;
  related?: RelatedFilesSource;
  definitions?: ContextSnippetSource;
  recent?: RecentSnippetSource;
  log: (line: string) => void;
  onError?: (e: LlmError) => void;
}

export class NextEdit implements vscode.Disposable {
  readonly history = new EditHistory();
  readonly controller: NextEditController;
  private readonly tracker: HistoryTracker;
  private settings: NextEditSettings | undefined;
  private engineInstance: NextEditEngine | undefined;
  private readonly subs: vscode.Disposable[];

  constructor(private readonly deps: NextEditDeps) {
    this.tracker = new HistoryTracker(this.history, deps.secrets);
    this.controller = new NextEditController(() => this.engine, () => this.config().enabled);
    this.tracker.setActive(this.config().enabled);
    this.subs = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('tandem')) return;
        this.settings = undefined;
        this.engineInstance?.reset();
        const on = this.config().enabled;
        this.tracker.setActive(on);
        if (!on) this.controller.hide('off');
      }),
    ];
  }

  private config(): NextEditSettings {
    this.settings ??= readNextEditSettings();
    return this.settings;
  }

  /** The engine, built the first time a prediction is asked for. */
  get engine(): NextEditEngine {
    this.engineInstance ??= new NextEditEngine({
      config: () => ({ ...this.config(), apiKey: this.deps.apiKey() }),
      history: this.history,
      secrets: this.deps.secrets,
      related: this.deps.related,
      definitions: this.deps.definitions,
      recent: this.deps.recent,
      log: this.deps.log,
      onError: this.deps.onError,
    });
    return this.engineInstance;
  }

  /** Requests sent so far (tests). */
  requestsSent(): number {
    return this.engineInstance?.requestsSent ?? 0;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.controller.dispose();
    this.tracker.dispose();
    this.engineInstance?.dispose();
  }
}
