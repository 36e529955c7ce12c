// Owns knowing whether the configured model server answers: a GET /models at start and after every
// change of the endpoint, models or API key (a newer check cancels an older one), and what it found —
// the models the server lists, and the configured chat and completion models it does not list. The
// status bar, its menu and the panel's welcome show it; nothing here pops up a notification.
import * as vscode from 'vscode';
import { listModels, type ModelList } from '../../core/llm/models';
import type { ServerInfo } from '../../protocol/messages';
import { readAgentSettings } from '../agent/settings';
import type { Log } from '../log';
import type { ApiKeyStore } from './apiKey';
import type { Settings } from '../completion/settings';

export type ServerView =
  | { state: 'checking'; baseUrl: string }
  | { state: 'ok'; baseUrl: string; models: string[]; chatModel: string; completionModel: string; missing: string[] }
  | { state: 'failed'; baseUrl: string; kind: string; message: string };

export class ServerMonitor implements vscode.Disposable {
  private current: ServerView;
  private running: AbortController | undefined;
  private readonly emitter = new vscode.EventEmitter<ServerView>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly settings: Settings,
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
  ) {
    this.current = { state: 'checking', baseUrl: readAgentSettings().baseUrl };
    this.disposables = [settings.onDidChange(() => void this.check()), keys.onDidChange(() => void this.check())];
  }

  view(): ServerView {
    return this.current;
  }

  /**
   * Checks the chat endpoint (and the completion endpoint when it is another one). While the view
   * already shows this endpoint and these models as answering (Connect just found them), it checks
   * again quietly instead of flashing "checking".
   */
  async check(): Promise<ServerView> {
    this.running?.abort();
    const ac = (this.running = new AbortController());
    const chat = readAgentSettings();
    const completion = this.settings.completion();
    const c = this.current;
    const same = c.state === 'ok' && sameUrl(c.baseUrl, chat.baseUrl) && c.chatModel === chat.model && c.completionModel === completion.model;
    if (!same) this.set({ state: 'checking', baseUrl: chat.baseUrl });
    const apiKey = this.keys.get();
    const urls = [...new Set([chat.baseUrl, completion.baseUrl].map(trimUrl))];
    const lists = await Promise.all(urls.map((u) => listModels(u, { apiKey, signal: ac.signal })));
    if (ac.signal.aborted) return this.current;
    this.running = undefined;
    const failed = lists.find((l): l is Extract<ModelList, { ok: false }> => !l.ok);
    if (failed) {
      this.log.warn(`Model server check: ${failed.message}${failed.detail ? ` (${failed.detail})` : ''}`);
      return this.set({ state: 'failed', baseUrl: failed.baseUrl, kind: failed.kind, message: failed.message });
    }
    const view = this.answered(lists[0].baseUrl, (url) => (lists[urls.indexOf(trimUrl(url))] as Extract<ModelList, { ok: true }>).models);
    this.log.info(`Model server ${view.baseUrl} answered with ${view.models.length} model(s)${view.missing.length ? `; it does not list the ${view.missing.join(' or the ')}` : ''}.`);
    return this.set(view);
  }

  /**
   * Takes what Connect just found (the server answered with these models and the settings now name
   * it) as the view at once, so nothing keeps showing the old server's error or models meanwhile.
   * When completions use another endpoint, that one still needs a check.
   */
  connected(found: { baseUrl: string; models: string[] }): ServerView {
    const chat = readAgentSettings();
    const completion = this.settings.completion();
    if (!sameUrl(found.baseUrl, chat.baseUrl) || !sameUrl(completion.baseUrl, chat.baseUrl)) {
      void this.check();
      return this.current;
    }
    this.running?.abort();
    this.running = undefined;
    return this.set(this.answered(found.baseUrl, () => found.models));
  }

  /** The view of an answering server: its models and the configured ones it does not list. */
  private answered(baseUrl: string, models: (url: string) => string[]): Extract<ServerView, { state: 'ok' }> {
    const chat = readAgentSettings();
    const completion = this.settings.completion();
    const missing = [
      ...(models(chat.baseUrl).length && !models(chat.baseUrl).includes(chat.model) ? [`chat model "${chat.model}"`] : []),
      ...(completion.enabled && models(completion.baseUrl).length && !models(completion.baseUrl).includes(completion.model) ? [`completion model "${completion.model}"`] : []),
    ];
    return { state: 'ok', baseUrl, models: models(chat.baseUrl), chatModel: chat.model, completionModel: completion.model, missing };
  }

  private set(v: ServerView): ServerView {
    this.current = v;
    this.emitter.fire(v);
    return v;
  }

  dispose(): void {
    this.running?.abort();
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }
}

function trimUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

function sameUrl(a: string, b: string): boolean {
  return trimUrl(a) === trimUrl(b);
}

/** One line for tooltips and menus: what the check found. */
export function describeServer(v: ServerView): string {
  if (v.state === 'checking') return `Checking the model server at ${v.baseUrl}…`;
  if (v.state === 'failed') return v.message;
  const listed = `${v.baseUrl} answers with ${v.models.length} model${v.models.length === 1 ? '' : 's'}`;
  return v.missing.length ? `${listed}, but not the ${v.missing.join(' or the ')}: run "Tandem: Select Model".` : `${listed}.`;
}

/** The view as the panel's welcome receives it. */
export function serverInfo(v: ServerView): ServerInfo {
  if (v.state === 'checking') return { state: 'checking', baseUrl: v.baseUrl };
  if (v.state === 'failed') return { state: 'failed', baseUrl: v.baseUrl, message: v.message };
  return { state: 'ok', baseUrl: v.baseUrl, message: describeServer(v), models: v.models.slice(0, 200), missing: v.missing };
}
