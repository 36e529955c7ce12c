// Request discipline of the completion engine against a real HTTP server speaking OpenAI's API.
import { strict as assert } from 'node:assert';
import { lineSourceOf } from '../../../../src/core/completion/windows';
import { CompletionEngine } from '../../../../src/core/completion/engine';
import type { CompletionConfig, CompletionDocument, CompletionStatus } from '../../../../src/core/completion/types';
import { ModelServer, type Reply } from '../../../fixtures/modelServer';
import { closedPortUrl } from '../../../fixtures/processes';
import { chatStream, completionStream, httpError } from '../../../fixtures/replies';

function doc(textWithCursor: string, languageId = 'typescript', uri = 'file:///w/a.ts') {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const before = text.slice(0, offset).split('\n');
  const src = lineSourceOf(text);
  const document: CompletionDocument = { ...src, lineAt: src.lineAt, lineCount: src.lineCount, uri, relativePath: 'a.ts', languageId, version: 1 };
  return { document, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

const BODY = 'function sub(a: number, b: number) {\n  |\n}\n';


describe('completion engine against a model server', () => {
  let server: ModelServer;
  let config: CompletionConfig;
  let statuses: CompletionStatus[];
  let clock: number;
  let engine: CompletionEngine;

  const make = () =>
    new CompletionEngine({ config: () => config, onStatus: (s) => statuses.push(s), now: () => clock, random: () => 0.5 });
  const provide = (d = doc(BODY), signal = new AbortController().signal, explicit = false) => engine.provide({ ...d, signal, explicit });

  beforeEach(async () => {
    server = await ModelServer.start();
    config = { enabled: true, baseUrl: server.url, model: 'test-model', api: 'completions', debounceMs: 0, maxTokens: 64, disabledLanguages: ['plaintext'], timeoutMs: 5000 };
    statuses = [];
    clock = 1_000_000;
    engine = make();
  });
  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  it('asks with prompt and suffix and returns the post-processed completion', async () => {
    server.enqueue('/v1/completions', completionStream('return a - b;\n}\n'));
    const r = await provide();
    assert.deepEqual(r, { insertText: 'return a - b;', replaceAfter: 0, fromCache: false });
    const [req] = server.requestsTo('/v1/completions');
    assert.ok(req.body.prompt.endsWith('function sub(a: number, b: number) {\n  '));
    assert.equal(req.body.suffix, '\n}\n');
    assert.equal(req.body.model, 'test-model');
    assert.equal(req.body.stream, true);
    assert.deepEqual(statuses.map((s) => s.state), ['loading', 'idle']);
  });

  it('collapses a burst of keystrokes into one request for the last one', async () => {
    config.debounceMs = 150;
    server.onRequest('/v1/completions', () => completionStream('x;'));
    // The debounce timer is the test's: it fires only when the test says so. Each keystroke is let
    // run until it either waits on that timer or has reached the server, as the event loop would
    // between real keystrokes, so a request sent without waiting is seen.
    const timers: Array<() => void> = [];
    let waiting = 0;
    let waited: () => void = () => undefined;
    engine = new CompletionEngine({
      config: () => config,
      now: () => clock,
      partialMs: 60_000,
      sleep: (ms, signal) =>
        new Promise<void>((resolve, reject) => {
          if (ms !== 150) return; // the partial-result deadline never fires here
          waiting++;
          waited();
          timers.push(resolve);
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
    });
    let previous: AbortController | undefined;
    const results: Array<Promise<unknown>> = [];
    const text = 'const total = ';
    for (let i = 1; i <= 10; i++) {
      previous?.abort();
      previous = new AbortController();
      const before = waiting;
      const settled = new Promise<void>((resolve) => (waited = resolve));
      results.push(provide(doc(`${text.slice(0, i)}|\n`), previous.signal));
      await Promise.race([settled, server.waitForRequests(server.requests.length + 1)]);
      assert.ok(waiting > before || server.requests.length > 0);
    }
    assert.equal(server.requests.length, 0, 'no request while the user types');
    for (const fire of timers) fire();
    await Promise.all(results);
    assert.equal(server.requestsTo('/v1/completions').length, 1);
    assert.ok(server.requests[0].body.prompt.endsWith(text.slice(0, 10)));
  });

  it('sends nothing when completions are turned off for the language while the request waits out the debounce', async () => {
    config.debounceMs = 150;
    server.onRequest('/v1/completions', () => completionStream('x;'));
    let fire: () => void = () => undefined;
    const waiting = new Promise<void>((started) => {
      engine = new CompletionEngine({
        config: () => config,
        now: () => clock,
        partialMs: 60_000,
        sleep: (ms) =>
          new Promise<void>((resolve) => {
            if (ms !== 150) return;
            fire = resolve;
            started();
          }),
      });
    });
    const result = provide(doc(BODY));
    await waiting;
    config = { ...config, disabledLanguages: [...config.disabledLanguages, doc(BODY).document.languageId] };
    fire();
    assert.equal(await result, undefined);
    assert.equal(server.requestsTo('/v1/completions').length, 0, 'no request after the language was turned off');
  });

  describe('keeps key-like strings away from the server', () => {
    const keys: Array<[string, string]> = [
      ['an OpenAI key', 'sk-proj-AbCdEf0123456789AbCdEf0123456789'],
      ['an AWS access key', 'AKIAIOSFODNN7EXAMPLE'],
      ['a GitHub token', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
      ['a Slack token', 'xoxb-1234567890-abcdefghij'],
    ];
    const places: Array<[string, (key: string) => string]> = [
      ['before the cursor', (k) => `const key = '${k}';\nfunction f() {\n  |\n}\n`],
      ['after the cursor', (k) => `function f() {\n  |\n}\nconst key = '${k}';\n`],
      ['after the cursor on its line', (k) => `call(|, '${k}');\n`],
    ];
    for (const [what, key] of keys) {
      for (const [where, text] of places) {
        it(`redacts ${what} ${where}`, async () => {
          server.enqueue('/v1/completions', completionStream('x'));
          await provide(doc(text(key)), new AbortController().signal, true);
          const [req] = server.requestsTo('/v1/completions');
          const sent = JSON.stringify(req.body);
          assert.ok(!sent.includes(key), `the key reached the server: ${sent}`);
          assert.match(sent, /REDACTED/);
        });
      }
      it(`redacts ${what} in a chat prompt after the cursor`, async () => {
        config.api = 'chat';
        server.enqueue('/v1/chat/completions', chatStream('x'));
        await provide(doc(`f(|);\nconst k = "${key}";\n`), new AbortController().signal, true);
        const sent = JSON.stringify(server.requestsTo('/v1/chat/completions')[0].body);
        assert.ok(!sent.includes(key));
      });
    }
  });

  it('aborts a stale request so the server sees the connection close', async () => {
    server.enqueue('/v1/completions', completionStream('return a - b;', { stallAfter: 1 }));
    const ac = new AbortController();
    const pending = provide(doc(BODY), ac.signal);
    const [req] = await server.waitForRequests(1);
    ac.abort();
    await server.waitForDisconnect(req);
    assert.equal(await pending, undefined);
    assert.equal(req.disconnected, true);
    assert.equal(statuses[statuses.length - 1].state, 'idle', 'a cancelled request is not an error');
  });

  it('stops reading a single-line completion at its line break', async () => {
    server.enqueue('/v1/completions', completionStream('a - b;\n}\nmore text the user never sees', { size: 3, stallAfter: 6 }));
    const r = await provide(doc('function sub(a, b) {\n  return |\n}\n'));
    assert.equal(r?.insertText, 'a - b;');
    const [req] = server.requests;
    await server.waitForDisconnect(req);
  });

  it('answers from the cache when typing through the suggestion and when coming back', async () => {
    server.enqueue('/v1/completions', completionStream('return a - b;'));
    assert.equal((await provide())?.insertText, 'return a - b;');
    const typed = await provide(doc('function sub(a: number, b: number) {\n  ret|\n}\n'));
    assert.deepEqual(typed, { insertText: 'urn a - b;', replaceAfter: 0, fromCache: true });
    const back = await provide();
    assert.equal(back?.fromCache, true);
    assert.equal(server.requests.length, 1);
  });

  it('sends nothing when disabled, in a disabled language, or in the middle of a word', async () => {
    assert.equal(await provide(doc('hello |\n', 'plaintext')), undefined);
    assert.equal(await provide(doc('const val|ue = 1;\n')), undefined);
    config.enabled = false;
    assert.equal(await provide(), undefined);
    assert.equal(statuses[statuses.length - 1].state, 'disabled');
    assert.equal(server.requests.length, 0);
  });

  it('does ask in the middle of a word when the user asked explicitly', async () => {
    server.enqueue('/v1/completions', completionStream('x'));
    await provide(doc('const val|ue = 1;\n'), new AbortController().signal, true);
    assert.equal(server.requests.length, 1);
  });

  const failures: Array<[string, Reply | 'closed', string]> = [
    ['a refused connection', 'closed', 'unreachable'],
    ['401', httpError(401, 'Incorrect API key provided: sk-abc123456789'), 'auth'],
    ['404', httpError(404, 'model "test-model" not found'), 'notFound'],
    ['500', httpError(500, 'boom'), 'server'],
    ['a stream cut midway', completionStream('return a - b;', { size: 2, cutAfter: 2 }), 'badResponse'],
    ['malformed JSON', { kind: 'raw', contentType: 'text/event-stream', body: 'data: {"choices": [{"text": "ret\n\n' }, 'badResponse'],
  ];
  for (const [what, reply, kind] of failures) {
    it(`turns ${what} into no suggestion and a '${kind}' status`, async () => {
      if (reply === 'closed') config.baseUrl = await closedPortUrl();
      else server.enqueue('/v1/completions', reply);
      const r = await provide();
      assert.equal(r, undefined);
      const last = statuses[statuses.length - 1];
      assert.equal(last.state, 'error');
      assert.equal(last.state === 'error' && last.error.kind, kind);
      assert.ok(last.state === 'error' && !/sk-abc/.test(last.error.message + (last.error.detail ?? '')), 'no key in the error');
    });
  }

  it('times out on a server that never answers', async () => {
    config.timeoutMs = 500;
    server.enqueue('/v1/completions', { kind: 'hang' });
    assert.equal(await provide(), undefined);
    const last = statuses[statuses.length - 1];
    assert.equal(last.state === 'error' && last.error.kind, 'timeout');
    await server.waitForDisconnect(server.requests[0]);
  });

  it('backs off after 429 for as long as Retry-After says, then asks again', async () => {
    server.enqueue('/v1/completions', httpError(429, 'slow down', { 'retry-after': '7' }), completionStream('return a - b;'));
    assert.equal(await provide(), undefined);
    assert.equal(engine.backoffRemaining(), 7000);
    assert.equal(await provide(doc('function f() {\n  |\n}\n')), undefined);
    assert.equal(server.requests.length, 1, 'no request during back-off');
    clock += 7000;
    assert.equal((await provide())?.insertText, 'return a - b;');
    assert.equal(engine.backoffRemaining(), 0);
  });

  it('reports one status per change, not one per request', async () => {
    config.baseUrl = await closedPortUrl();
    await provide(doc(BODY), new AbortController().signal, true);
    await provide(doc(BODY), new AbortController().signal, true);
    assert.deepEqual(statuses.map((s) => s.state), ['loading', 'error', 'loading', 'error']);
    const errors = statuses.filter((s) => s.state === 'error');
    assert.equal(errors.length, 2);
  });

  it('fills the gap with a chat model when the API is chat', async () => {
    config.api = 'chat';
    server.enqueue('/v1/chat/completions', chatStream('```ts\nreturn a - b;\n```'));
    const r = await provide();
    assert.equal(r?.insertText, 'return a - b;');
    const [req] = server.requestsTo('/v1/chat/completions');
    assert.match(req.body.messages[1].content, /<<CURSOR>>/);
  });
});
