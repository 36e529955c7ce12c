// The next-edit engine against a real HTTP server speaking OpenAI's API: both formats on the wire,
// one request per burst, a request in flight cancelled by a newer one, secrets and .tandemignore
// files kept out, bad answers logged and not shown, a huge file capped.
import { strict as assert } from 'node:assert';
import { PathRules } from '../../../../src/core/policy/pathRules';
import { NextEditEngine } from '../../../../src/core/nextEdit/engine';
import { EditHistory } from '../../../../src/core/nextEdit/history';
import { LineShadow } from '../../../../src/core/nextEdit/shadow';
import type { NextEditConfig } from '../../../../src/core/nextEdit/types';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, completionStream } from '../../../fixtures/replies';
import { applyEdits, docWithCursor } from './lines';

const BEFORE = 'function area(w, h) {\n  const s = w * h;\n  log(w);\n  return s;\n}\n';
const AFTER_RENAME = BEFORE.replace('area(w,', 'area(width,');
const PREDICTED = AFTER_RENAME.replace('w * h', 'width * h').replace('log(w)', 'log(width)');
/** The region as the model rewrites it (the whole little file here). */
const REGION_ANSWER = PREDICTED.replace(/\n$/, '');
const ZETA_ANSWER = '```src/area.ts\n<|start_of_file|>\n<|editable_region_start|>\n' + REGION_ANSWER + '\n\n<|editable_region_end|>\n```';
const CHAT_ANSWER = '```\n<|editable_region_start|>\n' + REGION_ANSWER + '\n\n<|editable_region_end|>\n```';

describe('next edit engine against a model server', () => {
  let server: ModelServer;
  let config: NextEditConfig;
  let history: EditHistory;
  let logs: string[];
  let rules: PathRules;
  let engine: NextEditEngine;

  beforeEach(async () => {
    server = await ModelServer.start();
    config = { enabled: true, baseUrl: server.url, model: 'zeta', format: 'auto', debounceMs: 0, maxTokens: 512, timeoutMs: 5000 };
    history = new EditHistory();
    logs = [];
    rules = new PathRules('private/\n');
    engine = new NextEditEngine({ config: () => config, history, secrets: () => rules, log: (l) => logs.push(l) });
    // The user renamed the parameter at the top of the function.
    const shadow = new LineShadow(BEFORE);
    history.record('src/area.ts', shadow.apply({ line: 0, character: 14 }, { line: 0, character: 15 }, 'width'));
  });
  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  const renamed = () => docWithCursor(AFTER_RENAME.replace('width,', 'width|,'), 'src/area.ts');
  const predict = (d = renamed(), signal = new AbortController().signal) => engine.predict({ document: d.document, position: d.position, signal });

  it("asks a Zeta model through /v1/completions with Zeta's prompt and turns its answer into the uses' edits", async () => {
    server.enqueue('/v1/completions', completionStream(ZETA_ANSWER));
    const d = renamed();
    const p = await predict(d);
    assert.ok(p, logs.join('\n'));
    assert.equal(p.format, 'zeta');
    assert.equal(p.version, 1);
    assert.equal(applyEdits(d.text, p.edits), PREDICTED);
    assert.deepEqual(p.edits.map((e) => e.start.line), [1, 2]);
    const [req] = server.requestsTo('/v1/completions');
    assert.equal(req.body.model, 'zeta');
    assert.equal(req.body.temperature, 0);
    assert.match(req.body.prompt, /### User Edits:\n\nUser edited "src\/area.ts":\n```diff\n@@ -1,1 \+1,1 @@\n-function area\(w, h\) \{\n\+function area\(width, h\) \{/);
    assert.ok(req.body.prompt.includes('<|editable_region_start|>\nfunction area(width<|user_cursor_is_here|>, h) {'));
    assert.equal(req.body.suffix, undefined);
  });

  it('asks any other model through /v1/chat/completions and reads a fenced answer', async () => {
    config.model = 'qwen2.5-coder:7b-instruct';
    server.enqueue('/v1/chat/completions', chatStream(CHAT_ANSWER));
    const d = renamed();
    const p = await predict(d);
    assert.ok(p, logs.join('\n'));
    assert.equal(p.format, 'chat');
    assert.equal(applyEdits(d.text, p.edits), PREDICTED);
    const [req] = server.requestsTo('/v1/chat/completions');
    assert.deepEqual(req.body.messages.map((m: { role: string }) => m.role), ['system', 'user']);
    assert.ok(req.body.messages[1].content.includes('-function area(w, h) {'));
  });

  it('shows nothing for an answer without markers and says why in the log', async () => {
    server.enqueue('/v1/completions', completionStream(REGION_ANSWER));
    assert.equal(await predict(), undefined);
    assert.match(logs.join('\n'), /no suggestion for src\/area.ts: the answer has no <\|editable_region_start\|> marker/);
  });

  it('shows nothing for an answer that deletes most of the region', async () => {
    server.enqueue('/v1/completions', completionStream('<|editable_region_start|>\nfunction area(width, h) {\n}\n<|editable_region_end|>'));
    assert.equal(await predict(), undefined);
    assert.match(logs.join('\n'), /not shown .*delete most of the region/);
  });

  it('shows nothing for "no change" from a chat model, and nothing for an unchanged region', async () => {
    config.format = 'chat';
    server.enqueue('/v1/chat/completions', chatStream('no change'));
    assert.equal(await predict(), undefined);
    server.enqueue('/v1/chat/completions', chatStream('<|editable_region_start|>\n' + AFTER_RENAME.replace(/\n$/, '') + '\n<|editable_region_end|>'));
    assert.equal(await predict(), undefined);
    assert.deepEqual(logs, []);
  });

  it('sends one request for a burst of edits: each call cancels the one waiting before it', async () => {
    config.debounceMs = 100;
    const timers: Array<() => void> = [];
    let waited: () => void = () => undefined;
    engine = new NextEditEngine({
      config: () => config,
      history,
      sleep: (_ms, signal) =>
        new Promise<void>((resolve, reject) => {
          timers.push(resolve);
          waited();
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
        }),
    });
    server.onRequest('/v1/completions', () => completionStream(ZETA_ANSWER));
    const results: Array<Promise<unknown>> = [];
    for (let i = 0; i < 8; i++) {
      const parked = new Promise<void>((r) => (waited = r));
      results.push(predict());
      await parked;
    }
    for (const fire of timers) fire();
    const outcomes = await Promise.all(results);
    assert.equal(server.requestsTo('/v1/completions').length, 1);
    assert.equal(outcomes.filter(Boolean).length, 1, 'only the last call predicts');
    assert.ok(outcomes[7]);
  });

  it('cancels a request in flight when a newer prediction is asked for, and never returns the old answer', async () => {
    let release: () => void = () => undefined;
    const open = new Promise<void>((r) => (release = r));
    server.enqueue('/v1/completions', { ...completionStream(ZETA_ANSWER), gate: { after: 1, open } } as never);
    server.enqueue('/v1/completions', completionStream(ZETA_ANSWER));
    const first = predict();
    const [req] = await server.waitForRequests(1, '/v1/completions');
    const second = predict();
    await server.waitForDisconnect(req);
    release();
    assert.equal(await first, undefined);
    assert.ok(await second);
  });

  it('cancels when the caller aborts', async () => {
    server.enqueue('/v1/completions', { kind: 'hang' });
    const c = new AbortController();
    const p = predict(renamed(), c.signal);
    const [req] = await server.waitForRequests(1, '/v1/completions');
    c.abort();
    await server.waitForDisconnect(req);
    assert.equal(await p, undefined);
  });

  it('asks nothing for a secret file or one listed in .tandemignore, and leaves their edits out of the history', async () => {
    for (const path of ['.env', 'config/.env.local', 'private/keys.ts', 'PRIVATE/Keys.ts']) {
      const d = docWithCursor('const a = 1;|\n', path);
      assert.equal(await engine.predict({ document: d.document, position: d.position, signal: new AbortController().signal }), undefined, path);
    }
    assert.equal(server.requests.length, 0);
    history.record('private/token.ts', { startLine: 0, oldLines: ['const t = 1;'], newLines: ['const t = "abc-secret-value";'] });
    history.record('.env', { startLine: 0, oldLines: ['A=1'], newLines: ['A=2'] });
    server.enqueue('/v1/completions', completionStream(ZETA_ANSWER));
    await predict();
    const prompt: string = server.requestsTo('/v1/completions')[0].body.prompt;
    assert.ok(!prompt.includes('abc-secret-value') && !prompt.includes('private/token.ts') && !prompt.includes('"'+'.env"'));
  });

  it('sends no region that holds a key-like string, and masks keys in the history', async () => {
    const key = 'sk-proj-AbCdEf0123456789AbCdEf0123456789';
    const d = docWithCursor(`const key = "${key}";\nfunction f(a|) {}\n`, 'src/k.ts');
    assert.equal(await engine.predict({ document: d.document, position: d.position, signal: new AbortController().signal }), undefined);
    assert.equal(server.requests.length, 0);
    assert.match(logs.join('\n'), /key-like string/);
    history.record('src/other.ts', { startLine: 3, oldLines: ['const k = "";'], newLines: [`const k = "${key}";`] });
    server.enqueue('/v1/completions', completionStream(ZETA_ANSWER));
    await predict();
    const prompt: string = server.requestsTo('/v1/completions')[0].body.prompt;
    assert.ok(!prompt.includes(key));
    assert.ok(prompt.includes('[REDACTED API KEY]'));
  });

  it('caps the prompt for a huge file: never the whole file', async () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `const v${i} = ${i};`);
    const text = lines.join('\n');
    const d = docWithCursor(text.slice(0, text.indexOf('const v100000 ')) + '|' + text.slice(text.indexOf('const v100000 ')), 'src/huge.ts');
    server.enqueue('/v1/completions', completionStream('<|editable_region_start|>\nconst v1 = 1;\n<|editable_region_end|>'));
    await engine.predict({ document: d.document, position: d.position, signal: new AbortController().signal });
    const prompt: string = server.requestsTo('/v1/completions')[0].body.prompt;
    assert.ok(prompt.length < 20_000, `prompt of ${prompt.length} characters`);
    assert.ok(prompt.includes('const v100000 = 100000;'));
  });

  it('backs off after a server failure and logs it', async () => {
    server.enqueue('/v1/completions', { kind: 'error', status: 503, message: 'overloaded' });
    assert.equal(await predict(), undefined);
    assert.equal(await predict(), undefined);
    assert.equal(server.requestsTo('/v1/completions').length, 1, 'no second request during back-off');
    assert.ok(logs.some((l) => /next edit:/.test(l)));
  });

  it('asks nothing when turned off', async () => {
    config.enabled = false;
    assert.equal(await predict(), undefined);
    assert.equal(server.requests.length, 0);
  });
});
