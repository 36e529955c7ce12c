// Owns connecting to a model server and choosing its models: "Tandem: Connect to a Model Server"
// looks for local servers (Ollama, LM Studio, llama.cpp, vLLM on their default ports), tests the one
// picked (or a URL typed in) with GET /models, then "Tandem: Select Model" offers the server's models
// for chat and for completions in quick picks — a name the server does not list may still be typed.
import * as vscode from 'vscode';
import { detectServers, listModels, LOCAL_SERVERS } from '../../core/llm/models';
import { readAgentSettings } from '../agent/settings';
import type { ApiKeyStore } from './apiKey';

export type PickerStep = 'server' | 'chat' | 'completion';

/** Names that suggest a fill-in-the-middle code model: offered first for completions. */
const CODE_MODEL = /(coder|code|starcoder|codestral|codegemma|santacoder|fim|base)/i;

export class ModelPicker implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<{ step: PickerStep; labels: string[] }>();
  /** A quick pick is on screen (the integration tests answer it only once it is). */
  readonly onDidShow = this.shown.event;
  /** The servers looked for (tests point it at a scripted server). */
  candidates: ReadonlyArray<{ name: string; baseUrl: string }> = LOCAL_SERVERS;

  /** `onFound` hears of a server that just answered, once the settings name it and its picked models. */
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly onFound: (found: { baseUrl: string; models: string[] }) => void = () => undefined,
  ) {}

  /** Finds or asks for a server, tests it, saves it, then offers its models. */
  async connect(): Promise<boolean> {
    const current = readAgentSettings().baseUrl.replace(/\/+$/, '');
    const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Tandem: looking for local model servers…' }, () => detectServers(this.candidates, { apiKey: this.keys.get() }));
    const items: Array<vscode.QuickPickItem & { url?: string }> = found.map((s) => ({ label: s.name, description: s.baseUrl, detail: `${s.models.length} model${s.models.length === 1 ? '' : 's'}${s.models.length ? `: ${s.models.slice(0, 4).join(', ')}${s.models.length > 4 ? ', …' : ''}` : ''}`, url: s.baseUrl }));
    if (!found.some((s) => s.baseUrl === current)) items.push({ label: 'Current setting', description: current, url: current });
    items.push({ label: '$(edit) Enter a server URL…', detail: 'Any OpenAI-compatible endpoint ending in /v1, e.g. https://api.openai.com/v1' });
    const none = found.length === 0 ? `No local server answered on ${this.candidates.map((c) => new URL(c.baseUrl).port).join(', ')}. Start one (e.g. "ollama serve") or enter its URL.` : 'Pick the server Tandem should use';
    const picked = await this.pickItem('server', 'Tandem: Connect to a model server', none, items);
    if (!picked) return false;
    const url = picked.url ?? (await this.askUrl(current));
    if (!url) return false;
    const list = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Tandem: testing ${url}…` }, () => listModels(url, { apiKey: this.keys.get() }));
    if (!list.ok) {
      const again = await vscode.window.showErrorMessage(`Tandem: ${list.message}`, 'Try Again', 'Set API Key');
      if (again === 'Try Again') return this.connect();
      if (again === 'Set API Key') await vscode.commands.executeCommand('tandem.setApiKey');
      return false;
    }
    await vscode.workspace.getConfiguration('tandem').update('baseUrl', list.baseUrl, vscode.ConfigurationTarget.Global);
    return this.selectModels(list);
  }

  /** Offers the server's models for chat, then for completions; Escape keeps the current one. */
  async selectModels(found?: { baseUrl: string; models: string[] }): Promise<boolean> {
    const c = vscode.workspace.getConfiguration('tandem');
    if (!found) {
      const list = await listModels(readAgentSettings().baseUrl, { apiKey: this.keys.get() });
      if (!list.ok) {
        const next = await vscode.window.showErrorMessage(`Tandem: ${list.message}`, 'Connect…', 'Type a Model Name');
        if (next === 'Connect…') return this.connect();
        if (next !== 'Type a Model Name') return false;
      } else found = list;
    }
    const models = found?.models ?? [];
    const chat = await this.pickModel('chat', 'Tandem: Chat model (1/2)', models, c.get<string>('chat.model', ''));
    if (chat) await c.update('chat.model', chat, vscode.ConfigurationTarget.Global);
    const ordered = [...models.filter((m) => CODE_MODEL.test(m)), ...models.filter((m) => !CODE_MODEL.test(m))];
    const completion = await this.pickModel('completion', 'Tandem: Completion model (2/2) — a base code model completes best', ordered, c.get<string>('completion.model', ''));
    if (completion) await c.update('completion.model', completion, vscode.ConfigurationTarget.Global);
    // The server answered just now: what it said stands without waiting for another check.
    if (found) this.onFound({ baseUrl: found.baseUrl, models: found.models });
    if (chat || completion) void vscode.window.setStatusBarMessage(`Tandem: chat ${c.get<string>('chat.model')}, completions ${c.get<string>('completion.model')}`, 4000);
    return Boolean(chat || completion);
  }

  private async askUrl(current: string): Promise<string | undefined> {
    const v = await vscode.window.showInputBox({
      title: 'Tandem: Model server URL',
      value: current,
      prompt: 'The OpenAI-compatible base URL, ending in /v1',
      ignoreFocusOut: true,
      validateInput: (s) => (/^https?:\/\/[^\s/]+/i.test(s.trim()) ? undefined : 'Enter an http:// or https:// URL, e.g. http://localhost:11434/v1'),
    });
    return v?.trim() || undefined;
  }

  private pickModel(step: PickerStep, title: string, models: string[], current: string): Promise<string | undefined> {
    const base = models.map((m) => ({ label: m, ...(m === current ? { description: 'current' } : {}) }));
    return this.pickItem(step, title, models.length ? 'Pick a model, or type a name the server does not list' : 'The server lists no models: type the model name', base, (v) => (v && !models.includes(v) ? [...base, { label: v, description: 'use this name (not listed by the server)' }] : base)).then((p) => p?.label);
  }

  private pickItem<T extends vscode.QuickPickItem>(step: PickerStep, title: string, placeholder: string, items: T[], onValue?: (value: string) => T[]): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<T>();
    qp.title = title;
    qp.placeholder = placeholder;
    qp.items = items;
    qp.ignoreFocusOut = true;
    qp.matchOnDescription = true;
    return new Promise((resolve) => {
      const subs = [
        qp.onDidChangeValue((v) => onValue && (qp.items = onValue(v.trim()))),
        qp.onDidAccept(() => {
          const chosen = qp.selectedItems[0] ?? (onValue && qp.value.trim() ? onValue(qp.value.trim()).find((i) => i.label === qp.value.trim()) : undefined);
          if (!chosen) return;
          resolve(chosen);
          qp.hide();
        }),
        qp.onDidHide(() => {
          resolve(undefined);
          for (const s of subs) s.dispose();
          qp.dispose();
        }),
      ];
      qp.show();
      this.shown.fire({ step, labels: qp.items.map((i) => i.label) });
    });
  }

  dispose(): void {
    this.shown.dispose();
  }
}
