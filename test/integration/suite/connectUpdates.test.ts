// Connect repairs the open task (issue 25, point 6), in the real VS Code against the scripted server:
// a message sent while the configured server is down ends in the "Cannot reach…" bubble, which offers
// Connect; after a successful Connect (the real command and its quick picks) the bubble says what it
// is connected to and keeps Retry, the panel shows the newly picked model, and Retry answers. The
// status bar shows the new server and models from the moment Connect returns: never the old error,
// the old model or a "checking" spinner afterwards.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { PickerStep } from '../../../src/vscode/model/modelPicker';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';
import { nextEvent, setSettings, stateWhere, tandem } from './helpers';

async function closedUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/v1`;
}

describe('Connect updates the open task', () => {
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    (await tandem()).models.candidates = (await import('../../../src/core/llm/models')).LOCAL_SERVERS;
    await server.close();
  });

  it('turns the "Cannot reach" bubble into what it is connected to, with Retry, and shows the new model', async () => {
    const api = await tandem();
    await api.chat.handle({ type: 'newTask' });
    const closed = await closedUrl();
    await setSettings({ 'tandem.baseUrl': closed, 'tandem.chat.model': 'old-model', 'tandem.agent.approval': 'suggest' });
    await api.chat.run('Say hello');
    const failed = api.chat.snapshot().items.at(-1);
    assert.ok(failed?.kind === 'serverError' && failed.state === 'failed', 'the turn ends in the error bubble');
    assert.equal(failed.errorKind, 'unreachable');
    assert.match(failed.message, /Cannot reach the model server/);
    assert.equal(api.chat.snapshot().model, 'old-model');
    if (api.server.view().state !== 'failed') await nextEvent(api.server.onDidChange, (v) => v.state === 'failed', 30_000, 'the failed server check');
    assert.match(api.statusShown().tooltip, /Cannot reach/, 'the status bar starts from the error');
    const completionModel = vscode.workspace.getConfiguration('tandem').inspect<string>('completion.model')?.globalValue;

    // The real Connect: the scripted server found, its model picked for chat, completions kept.
    server.onRequest('/v1/models', () => ({ kind: 'json', body: { object: 'list', data: [{ id: 'chat-7b' }] } }));
    api.models.candidates = [{ name: 'Scripted', baseUrl: server.url }];
    const shown: PickerStep[] = [];
    const sub = api.models.onDidShow((s) => shown.push(s.step));
    const statuses: string[] = [];
    const statusSub = api.onStatus(() => statuses.push(`${api.statusShown().text} ${api.statusShown().tooltip}`));
    let afterConnect = 0;
    const step = async (want: PickerStep) => {
      if (!shown.includes(want)) await nextEvent(api.models.onDidShow, (s) => s.step === want, 30_000, `the ${want} picker`);
    };
    try {
      const connected = api.chat.handle({ type: 'panelCommand', command: 'connect' });
      await step('server');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await step('chat');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await step('completion');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.equal(await connected, true);
      afterConnect = statuses.length;
      // At once, from what Connect found: the new server, its model, completions on.
      const now = api.statusShown();
      assert.equal(now.text, '$(sparkle) Tandem', `the status bar right after Connect: ${now.text} ${now.tooltip}`);
      assert.equal(now.tooltip, `Tandem: ${server.url} answers with 1 model. Completions are on. Click for options.`);
      // A later check of the same server (the settings Connect wrote) does not flash anything else.
      await api.server.check();
    } finally {
      sub.dispose();
      statusSub.dispose();
    }
    const later = statuses.slice(afterConnect).filter((t) => !t.startsWith('$(sparkle) Tandem') || /Cannot reach|old-model|Checking/.test(t));
    assert.deepEqual(later, [], 'nothing but the new server in the status bar after Connect');
    const s = await stateWhere((x) => x.model === 'chat-7b' && x.items.at(-1)?.kind === 'serverError' && (x.items.at(-1) as { state: string }).state === 'connected', 'the bubble and model after Connect');
    const bubble = s.items.at(-1)!;
    assert.ok(bubble.kind === 'serverError');
    assert.equal(bubble.id, failed.id, 'the same bubble, updated in place');
    assert.equal(bubble.message, `Connected to ${server.url} (model chat-7b). Retry sends your message again.`);

    server.enqueue('/v1/chat/completions', chatStream('Hello there.', {}, 'chat-7b'));
    assert.equal(await api.chat.handle({ type: 'retryFailed' }), true);
    const done = await stateWhere((x) => !x.running && x.items.some((i) => i.kind === 'assistant' && i.markdown === 'Hello there.'), 'the answer after Retry');
    assert.ok(!done.items.some((i) => i.kind === 'serverError'), 'the bubble is gone');
    assert.equal((server.requestsTo('/v1/chat/completions').pop()?.body as { model: string }).model, 'chat-7b');
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.completion.model': completionModel });
  });
});
