// Typing into a completion while it streams, partial results for slow models, the suggest widget's
// selected item, and the engine's settings (multiline, templates, context length), against a real
// HTTP server speaking OpenAI's API.
import { strict as assert } from 'node:assert';
import { lineSourceOf } from '../../../../src/core/completion/windows';
import { CompletionEngine, type EngineOptions } from '../../../../src/core/completion/engine';
import type { CompletionConfig, CompletionDocument, CompletionStatus } from '../../../../src/core/completion/types';
import { ModelServer, type Reply } from '../../../fixtures/modelServer';
import { chatStream, completionStream } from '../../../fixtures/replies';

function doc(textWithCursor: string, uri = 'file:///w/a.ts') {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const before = text.slice(0, offset).split('\n');
  const src = lineSourceOf(text);
  const document: CompletionDocument = { lineAt: src.lineAt, lineCount: src.lineCount, uri, relativePath: 'a.ts', languageId: 'typescript', version: 1 };
  return { document, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** A stream held after `after` events until the test opens it. */
function gated(reply: Reply, after: number): { reply: Reply; open: () => void } {
  let open: () => void = () => undefined;
  const gate = { after, open: new Promise<void>((r) => (open = r)) };
  return { reply: { ...(reply as Extract<Reply, { kind: 'stream' }>), gate }, open: () => open() };
}

const at = (typed: string) => doc(`function sub(a: number, b: number) {\n  ${typed}|\n}\n`);

describe('completion streams the user types into', () => {
  let server: ModelServer;
  let config: CompletionConfig;
  let statuses: CompletionStatus[];
  let progress: string[];
  let waiters: Array<[(v: string) => boolean, () => void]>;
  let engine: CompletionEngine;

  /** Resolves once the streamed text satisfies `test`. */
  const streamed = (test: (v: string) => boolean) =>
    progress.some(test) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push([test, resolve]));
  const make = (extra: Partial<EngineOptions> = {}) =>
    new CompletionEngine({
      config: () => config,
      onStatus: (s) => statuses.push(s),
      onProgress: (v) => {
        progress.push(v);
        for (const [test, resolve] of waiters) if (test(v)) resolve();
      },
      partialMs: 60_000,
      adoptMs: 60_000,
      ...extra,
    });
  const provide = (d: ReturnType<typeof doc>, signal = new AbortController().signal, explicit = false) => engine.provide({ ...d, signal, explicit });

  beforeEach(async () => {
    server = await ModelServer.start();
    config = { enabled: true, baseUrl: server.url, model: 'test-model', api: 'completions', debounceMs: 0, maxTokens: 64, disabledLanguages: [], timeoutMs: 10_000 };
    statuses = [];
    progress = [];
    waiters = [];
    engine = make();
  });
  afterEach(async () => {
    engine.dispose();
    await server.close();
  });

  it('follows the stream when the user types what it is writing: one request, the rest shown', async () => {
    const g = gated(completionStream('return a - b;', { size: 4 }), 2);
    server.enqueue('/v1/completions', g.reply);
    const first = new AbortController();
    const shown = provide(at(''), first.signal);
    await streamed((v) => v === 'return a');
    // VS Code cancels the call on the keystroke and asks again one character further.
    first.abort();
    const second = provide(at('r'));
    const third = provide(at('ret'));
    g.open();
    assert.equal(await shown, undefined);
    assert.deepEqual(await second, { insertText: 'eturn a - b;', replaceAfter: 0, fromCache: false });
    assert.deepEqual(await third, { insertText: 'urn a - b;', replaceAfter: 0, fromCache: false });
    assert.equal(server.requests.length, 1, 'typing into the stream sent no second request');
    assert.equal(server.requests[0].disconnected, false, 'the stream was not aborted');
  });

  it('closes the stream at once and asks again when the user types something else', async () => {
    const g = gated(completionStream('return a - b;', { size: 4 }), 2);
    server.enqueue('/v1/completions', g.reply, completionStream('st d = a - b;'));
    const first = new AbortController();
    void provide(at(''), first.signal);
    await streamed((v) => v === 'return a');
    first.abort();
    const [req] = server.requests;
    const other = await provide(at('con'));
    await server.waitForDisconnect(req);
    assert.equal(server.requests.length, 2);
    assert.equal(other?.insertText, 'st d = a - b;');
    assert.ok(server.requests[1].body.prompt.endsWith('  con'));
    g.open();
  });

  it('closes an unfollowed stream after the grace period', async () => {
    engine.dispose();
    engine = make({ adoptMs: 10 });
    server.enqueue('/v1/completions', completionStream('return a - b;', { stallAfter: 1 }));
    const ac = new AbortController();
    const pending = provide(at(''), ac.signal);
    const [req] = await server.waitForRequests(1);
    ac.abort();
    await server.waitForDisconnect(req);
    assert.equal(await pending, undefined);
    assert.equal(statuses[statuses.length - 1].state, 'idle');
  });

  it('shows what a slow model has written by the deadline, at a token boundary, and the rest once it ends', async () => {
    let fireDeadline: () => void = () => undefined;
    engine.dispose();
    let told: (uri: string) => void = () => undefined;
    const late = new Promise<string>((r) => (told = r));
    engine = make({ partialMs: 500, onLateResult: (uri) => told(uri), sleep: (ms) => new Promise<void>((resolve) => (ms === 500 ? (fireDeadline = resolve) : resolve())) });
    const g = gated(completionStream('return a - b;', { size: 4 }), 2);
    server.enqueue('/v1/completions', g.reply);
    const pending = provide(at(''));
    await streamed((v) => v === 'return a');
    fireDeadline();
    // 'return a' may be the start of a longer name: only the whole token 'return ' is shown.
    assert.deepEqual(await pending, { insertText: 'return ', replaceAfter: 0, fromCache: false });
    g.open();
    // The stream kept going after the partial result; once it ends the editor is told to ask again,
    // and its end answers the next keystrokes.
    assert.equal(await late, 'file:///w/a.ts');
    const later = await provide(at('return '));
    assert.equal(later?.insertText, 'a - b;');
    assert.equal(server.requests.length, 1);
  });

  it('completes after the item selected in the suggest widget, and offers both together', async () => {
    server.enqueue('/v1/completions', completionStream('.log(a - b);'));
    const d = doc('function sub(a, b) {\n  con|\n}\n');
    const r = await engine.provide({ ...d, signal: new AbortController().signal, selected: { start: 2, end: 5, text: 'console' } });
    assert.ok(server.requests[0].body.prompt.endsWith('\n  console'), 'the prompt continues the selected item');
    assert.deepEqual(r, { insertText: 'console.log(a - b);', replaceAfter: 0, fromCache: false, replaceBefore: 3 });
  });

  it('asks for one line only when multiline is never, and several when always', async () => {
    server.onRequest('/v1/completions', () => completionStream('const s = a - b;\n  return s;'));
    config.multiline = 'never';
    assert.equal((await provide(at(''), undefined, true))?.insertText, 'const s = a - b;');
    assert.equal(server.requests[0].body.max_tokens, 64);
    engine.dispose();
    engine = make();
    config.multiline = 'always';
    config.maxTokens = 200;
    assert.equal((await provide(doc('const x = |;\n'), undefined, true))?.insertText, 'const s = a - b;\n  return s;');
    assert.equal(server.requests[1].body.max_tokens, 200);
  });

  it('writes the prompt with a user template, its markers as stop sequences', async () => {
    config.template = '<PRE>{filename} ({language})\n{prefix}<SUF>{suffix}<MID>';
    server.enqueue('/v1/completions', completionStream('return a - b;'));
    await provide(doc('f() {\n  |\n}\n// {suffix} stays as written\n'), undefined, true);
    const body = server.requests[0].body;
    assert.equal(body.prompt, '<PRE>a.ts (typescript)\nf() {\n  <SUF>\n}\n// {suffix} stays as written\n<MID>');
    assert.equal(body.suffix, undefined);
    assert.deepEqual(body.stop, ['<PRE>', '<SUF>', '<MID>']);
  });

  it('says how to fix a template it cannot use, and sends nothing', async () => {
    config.template = '<fim>{prefx}<hole>';
    assert.equal(await provide(at(''), undefined, true), undefined);
    const last = statuses[statuses.length - 1];
    assert.equal(last.state, 'error');
    assert.match(last.state === 'error' ? last.error.message : '', /\{prefx\}.*not a placeholder.*tandem\.completion\.template/);
    assert.equal(server.requests.length, 0);
  });

  it('drops the <think> block of a reasoning chat model', async () => {
    config.api = 'chat';
    server.enqueue('/v1/chat/completions', chatStream('<think>\nThey want a difference.\n</think>\nreturn a - b;'));
    assert.equal((await provide(at(''), undefined, true))?.insertText, 'return a - b;');
  });

  it('fits the prompt to a small context length', async () => {
    const long = Array.from({ length: 2000 }, (_, i) => `const v${i} = ${i};`).join('\n');
    server.onRequest('/v1/completions', () => completionStream('x'));
    config.contextTokens = 1024;
    await provide(doc(`${long}\n|\n${long}`), undefined, true);
    config.contextTokens = 0;
    engine.reset();
    await provide(doc(`${long}\n|\n${long}\n`), undefined, true);
    const [small, guessed] = server.requests.map((r) => (r.body.prompt as string).length + ((r.body.suffix as string | undefined)?.length ?? 0));
    assert.ok(small < 1024 * 3, `${small} characters for 1,024 tokens`);
    assert.ok(guessed > small * 2, 'the guessed context (4k for an unknown model) allows more');
  });
});
