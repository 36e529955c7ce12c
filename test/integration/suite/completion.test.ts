// Ghost-text completion in a real VS Code against the scripted model server running in the
// extension host: shown and committed, typed through without a new request, silent in disabled
// languages, and a dead server shown in the status bar with one notification.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ModelServer } from '../../fixtures/modelServer';
import { closedPortUrl } from '../../fixtures/processes';
import { completionStream } from '../../fixtures/replies';
import { nextEvent, openFile, setSettings, setTextWithCursor, tandem, until } from './helpers';

/** A function body with the cursor in it; each test names its function so no cached answer leaks. */
const body = (name: string) => `function ${name}(a, b) {\n  |\n}\n`;


describe('ghost-text completion', () => {
  let server: ModelServer;

  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    server.onRequest('/v1/completions', () => completionStream('return a - b;'));
    await setSettings({
      'tandem.baseUrl': server.url,
      'tandem.completion.baseUrl': '',
      'tandem.completion.model': 'test-model',
      'tandem.completion.api': 'completions',
      'tandem.completion.debounceMs': 0,
      'tandem.completion.enabled': true,
      'tandem.completion.disabledLanguages': ['plaintext'],
    });
    await vscode.commands.executeCommand('editor.action.inlineSuggest.hide');
  });

  it('shows the server completion on trigger and commits it into the document', async () => {
    const api = await tandem();
    const editor = await openFile('src/math.js');
    await setTextWithCursor(editor, body('subtract'));
    const settled = nextEvent(api.onDidProvide, (e) => e.shown, 15_000, 'a shown completion');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await settled;
    const [req] = server.requestsTo('/v1/completions');
    assert.equal(req.body.prompt.endsWith('function subtract(a, b) {\n  '), true, 'the prompt ends at the cursor');
    assert.equal(req.body.suffix, '\n}\n', 'the text after the cursor is sent as suffix');
    await until(() => editor.document.getText().includes('return a - b;'), 'the committed completion', 10_000, () =>
      vscode.commands.executeCommand('editor.action.inlineSuggest.commit'),
    );
    assert.equal(editor.document.getText(), 'function subtract(a, b) {\n  return a - b;\n}\n');
    // VS Code asks again at the new cursor position; once that settles the status is back to on.
    await until(() => api.status().state === 'enabled', 'the status to return to enabled');
  });

  it('types through a shown suggestion without a second request', async () => {
    const api = await tandem();
    const editor = await openFile('src/math.js');
    await setTextWithCursor(editor, body('minus'));
    const shown = nextEvent(api.onDidProvide, (e) => e.shown, 15_000, 'a shown completion');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await shown;
    // (the edit above may itself have triggered a request that the explicit trigger replaced)
    const before = server.requestsTo('/v1/completions').length;
    assert.ok(before >= 1);
    for (const ch of 'ret') {
      const again = nextEvent(api.onDidProvide, () => true, 15_000, 'the provider after typing');
      await vscode.commands.executeCommand('type', { text: ch });
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await again;
    }
    assert.equal(server.requestsTo('/v1/completions').length, before, 'typing through the suggestion sent no request');
    await until(() => editor.document.getText().includes('return a - b;'), 'the committed rest of the suggestion', 10_000, () =>
      vscode.commands.executeCommand('editor.action.inlineSuggest.commit'),
    );
    assert.equal(editor.document.getText(), 'function minus(a, b) {\n  return a - b;\n}\n');
  });

  it('sends no request in a disabled language', async () => {
    const api = await tandem();
    await setSettings({ 'tandem.completion.disabledLanguages': ['javascript'] });
    const editor = await openFile('src/math.js');
    await setTextWithCursor(editor, body('difference'));
    const settled = nextEvent(api.onDidProvide, () => true, 15_000, 'the provider call');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const outcome = await settled;
    assert.equal(outcome.shown, false);
    // (a completion asked for by the previous test may still arrive: only this document's count)
    const mine = server.requests.filter((r) => String(r.body?.prompt).includes('function difference('));
    assert.equal(mine.length, 0, `no request reached the server: ${JSON.stringify(server.requests.map((r) => String(r.body?.prompt).slice(-40)))}`);
  });

  it('shows a dead server in the status bar with one notification, and no suggestion', async () => {
    const api = await tandem();
    await setSettings({ 'tandem.baseUrl': await closedPortUrl() });
    const before = api.notifications().length;
    const editor = await openFile('src/math.js');
    await setTextWithCursor(editor, body('sub'));
    for (let i = 0; i < 2; i++) {
      // Each round changes the document so VS Code asks the provider again.
      if (i > 0) await vscode.commands.executeCommand('type', { text: ' ' });
      const settled = nextEvent(api.onDidProvide, () => true, 15_000, 'the provider call');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      assert.equal((await settled).shown, false);
    }
    const status = api.status();
    assert.equal(status.state, 'error');
    assert.equal(status.state === 'error' && status.kind, 'unreachable');
    assert.match(status.state === 'error' ? status.message : '', /Cannot reach the model server/);
    const fresh = api.notifications().slice(before);
    assert.equal(fresh.length, 1, 'one notification for one kind of failure');
    assert.equal(editor.document.getText(), 'function sub(a, b) {\n   \n}\n', 'nothing was inserted');
  });
});
