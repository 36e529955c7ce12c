// Model-server trouble in the real VS Code, against the scripted server: the status bar checks the
// server (GET /models) when the settings change and says what it found; a failing chat request shows
// one bubble that updates in place through the retries and ends in the error with Retry, and Retry
// sends the message again once the server works.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatItem } from '../../../src/protocol/messages';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';
import { nextEvent, setSettings, stateWhere, tandem } from './helpers';

async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** The server check once no newer one is running (a setting written after another starts one more). */
async function settled() {
  const api = await tandem();
  const v = api.server.view();
  return v.state !== 'checking' ? v : nextEvent(api.server.onDidChange, (x) => x.state !== 'checking', 20_000, 'the server check to finish');
}

describe('model server errors', () => {
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    const api = await tandem();
    await api.chat.handle({ type: 'newTask' });
  });

  it('checks the server when the settings change and shows what it found in the status bar', async () => {
    const api = await tandem();
    server.onRequest('/v1/models', () => ({ kind: 'json', body: { object: 'list', data: [{ id: 'chat-7b' }, { id: 'coder-1b' }] } }));
    const found = nextEvent(api.server.onDidChange, (v) => v.state === 'ok' && v.baseUrl === server.url && v.chatModel === 'chat-7b' && v.completionModel === 'coder-1b', 20_000, 'the check of the scripted server');
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'chat-7b', 'tandem.completion.model': 'coder-1b', 'tandem.completion.enabled': true });
    await found;
    const ok = await settled();
    assert.ok(ok.state === 'ok');
    assert.deepEqual(ok.models, ['chat-7b', 'coder-1b']);
    assert.deepEqual(ok.missing, []);
    assert.ok(server.requestsTo('/v1/models').length >= 1, 'the server was asked');
    assert.equal(api.statusShown().text, '$(sparkle) Tandem');
    assert.match(api.statusShown().tooltip, /answers with 2 models\. Completions are on\./);

    // A completion model the server does not list: said, with what to do.
    const missing = nextEvent(api.server.onDidChange, (v) => v.state === 'ok' && v.missing.length > 0, 20_000, 'the missing model');
    await setSettings({ 'tandem.completion.model': 'not-there' });
    await missing;
    await settled();
    assert.equal(api.statusShown().text, '$(warning) Tandem');
    assert.match(api.statusShown().tooltip, /not the completion model "not-there": run "Tandem: Select Model"/);

    // Nothing listening: the status bar says so instead of "on".
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const failed = nextEvent(api.server.onDidChange, (v) => v.state === 'failed' && v.baseUrl === url, 20_000, 'the failed check');
    await setSettings({ 'tandem.baseUrl': url });
    await failed;
    await settled();
    assert.equal(api.statusShown().text, '$(warning) Tandem');
    assert.match(api.statusShown().tooltip, /Cannot reach the model server at http:\/\/127\.0\.0\.1:\d+\/v1\. Is it running\?/);
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.completion.model': 'coder-1b' });
  });

  it('shows one error bubble that counts down through the retries, then the error with Retry, which sends the message again', async () => {
    const api = await tandem();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest' });
    server.enqueue('/v1/chat/completions', ...Array.from({ length: 4 }, () => ({ kind: 'error' as const, status: 503, message: 'overloaded' })));
    let mostBubbles = 0;
    const seen: ChatItem[] = [];
    const sub = api.chat.onDidChangeState((s) => {
      mostBubbles = Math.max(mostBubbles, s.items.filter((i) => i.kind === 'serverError').length);
      seen.push(...s.items.filter((i) => i.kind === 'serverError' || i.kind === 'notice').map((i) => ({ ...i })));
    });
    try {
      const turn = api.chat.run('Say hello');
      const retrying = await stateWhere((s) => s.items.some((i) => i.kind === 'serverError' && i.state === 'retrying'), 'the retrying bubble');
      const bubble = retrying.items.find((i) => i.kind === 'serverError');
      assert.ok(bubble?.kind === 'serverError' && bubble.retryAt !== undefined && bubble.retryAt > Date.now() - 60_000, 'the bubble knows when the next attempt is');
      await turn;
      const s = api.chat.snapshot();
      const failed = s.items[s.items.length - 1];
      assert.ok(failed.kind === 'serverError' && failed.state === 'failed', 'the bubble ends as the error');
      assert.match(failed.message, /gave up after 4 attempts/);
      assert.equal(failed.errorKind, 'server');
      assert.equal(mostBubbles, 1, 'never more than one bubble');
      assert.ok(!seen.some((i) => i.kind === 'notice' && /Retrying/.test(i.text)), 'no stacked retry notices');
      assert.ok(new Set(seen.filter((i) => i.kind === 'serverError').map((i) => i.id)).size === 1, 'one bubble, updated in place');
    } finally {
      sub.dispose();
    }

    server.enqueue('/v1/chat/completions', chatStream('Hello there.'));
    assert.equal(await api.chat.handle({ type: 'retryFailed' }), true);
    const done = await stateWhere((s) => !s.running && s.items.some((i) => i.kind === 'assistant' && i.markdown === 'Hello there.'), 'the answer after Retry');
    assert.deepEqual(done.items.filter((i) => i.kind === 'user').map((i) => i.kind === 'user' && i.text), ['Say hello'], 'the message is shown once');
    assert.ok(!done.items.some((i) => i.kind === 'serverError'), 'the error bubble is gone');
    const sent = server.requestsTo('/v1/chat/completions').pop()?.body as { messages: Array<{ role: string; content: string }> };
    assert.equal(sent.messages.filter((m) => m.role === 'user' && m.content === 'Say hello').length, 1, 'the model got the message once');
    assert.equal(await api.chat.handle({ type: 'retryFailed' }), false, 'nothing left to retry');
    assert.equal(await api.chat.handle({ type: 'panelCommand', command: 'showLog' }), true);
    assert.equal(await api.chat.handle({ type: 'panelCommand', command: 'workbench.action.quit' }), false, 'only the listed commands');
  });
});
