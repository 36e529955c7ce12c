// Connecting a model in the real VS Code, against the scripted server's /models list: "Connect to a
// Model Server" finds the server that answers (not a closed port), saves it and offers its models;
// "Select Model" picks chat and completion models from the list, and Escape keeps the current model.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { PickerStep } from '../../../src/vscode/model/modelPicker';
import { ModelServer } from '../../fixtures/modelServer';
import { nextEvent, setSettings, tandem } from './helpers';

const MODELS = ['llama3.1:8b', 'qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b'];

/** Waits for the picker's step, then picks the row with that label (or presses Escape). */
/** Every picker shown, in order: a step may show before the test waits for it (right after the previous one is answered). */
const shows: Array<{ step: PickerStep; labels: string[] }> = [];

async function nextShow(step: PickerStep): Promise<{ step: PickerStep; labels: string[] }> {
  const api = await tandem();
  const at = shows.findIndex((s) => s.step === step);
  if (at < 0) await nextEvent(api.models.onDidShow, (s) => s.step === step, 30_000, `the ${step} picker`);
  return shows.splice(shows.findIndex((s) => s.step === step), 1)[0];
}

async function answer(step: PickerStep, choice: { label: string } | 'escape'): Promise<string[]> {
  const shown = await nextShow(step);
  if (choice === 'escape') await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  else {
    const index = shown.labels.indexOf(choice.label);
    assert.ok(index >= 0, `${choice.label} is offered among ${shown.labels.join(', ')}`);
    for (let i = 0; i < index; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  return shown.labels;
}

async function closedUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/v1`;
}

describe('onboarding', () => {
  let server: ModelServer;
  const setting = (key: string) => vscode.workspace.getConfiguration('tandem').get<string>(key);
  let recording: vscode.Disposable;
  before(async () => {
    server = await ModelServer.start();
    recording = (await tandem()).models.onDidShow((s) => shows.push(s));
  });
  after(async () => {
    recording.dispose();
    (await tandem()).models.candidates = (await import('../../../src/core/llm/models')).LOCAL_SERVERS;
    await server.close();
  });
  beforeEach(() => {
    shows.length = 0;
    server.reset();
    server.onRequest('/v1/models', () => ({ kind: 'json', body: { object: 'list', data: MODELS.map((id) => ({ id, object: 'model' })) } }));
  });

  it('selects the chat and completion models from the server list, code models first for completions', async () => {
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'old-chat', 'tandem.completion.model': 'old-completion' });
    const done = vscode.commands.executeCommand<boolean>('tandem.selectModel');
    const chatLabels = await answer('chat', { label: 'qwen2.5-coder:7b' });
    assert.deepEqual(chatLabels, MODELS, 'the chat picker lists the server models');
    const completionLabels = await answer('completion', { label: 'qwen2.5-coder:1.5b-base' });
    assert.deepEqual(completionLabels, ['qwen2.5-coder:1.5b-base', 'qwen2.5-coder:7b', 'llama3.1:8b'], 'code models first');
    assert.equal(await done, true);
    assert.equal(setting('chat.model'), 'qwen2.5-coder:7b');
    assert.equal(setting('completion.model'), 'qwen2.5-coder:1.5b-base');
    assert.ok(server.requestsTo('/v1/models').length >= 1);
  });

  it('keeps the current model when a picker is dismissed', async () => {
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'keep-chat', 'tandem.completion.model': 'keep-completion' });
    const done = vscode.commands.executeCommand<boolean>('tandem.selectModel');
    await answer('chat', 'escape');
    await answer('completion', { label: 'llama3.1:8b' });
    assert.equal(await done, true);
    assert.equal(setting('chat.model'), 'keep-chat');
    assert.equal(setting('completion.model'), 'llama3.1:8b');
  });

  it('connects to the local server that answers, skipping a closed port, and saves it', async () => {
    const api = await tandem();
    const closed = await closedUrl();
    api.models.candidates = [
      { name: 'Nothing here', baseUrl: closed },
      { name: 'Scripted', baseUrl: server.url },
    ];
    await setSettings({ 'tandem.baseUrl': closed, 'tandem.chat.model': 'x', 'tandem.completion.model': 'y' });
    const done = vscode.commands.executeCommand<boolean>('tandem.connect');
    const servers = await answer('server', { label: 'Scripted' });
    assert.ok(!servers.includes('Nothing here'), 'a closed port is not offered');
    assert.ok(servers.includes('Current setting'), 'the current URL stays choosable');
    await answer('chat', { label: 'llama3.1:8b' });
    await answer('completion', 'escape');
    assert.equal(await done, true);
    assert.equal(setting('baseUrl'), server.url);
    assert.equal(setting('chat.model'), 'llama3.1:8b');
    assert.equal(setting('completion.model'), 'y');
    // The status bar's check follows the new settings.
    const v = api.server.view().state === 'ok' && api.server.view().baseUrl === server.url ? api.server.view() : await nextEvent(api.server.onDidChange, (x) => x.state === 'ok' && x.baseUrl === server.url, 20_000, 'the check of the saved server');
    assert.equal(v.state, 'ok');
  });
});
