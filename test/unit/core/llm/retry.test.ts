// Retry rules, table-driven, plus the retrying provider against the real scripted server with an
// injected sleep (no real waiting, no timing assertions).
import { strict as assert } from 'node:assert';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream, httpError } from '../../../fixtures/replies';
import { ChatProvider } from '../../../../src/core/llm/chat';
import { computeBackoff, sleep } from '../../../../src/core/llm/backoff';
import { describe as describeError, LlmError, type LlmErrorKind } from '../../../../src/core/llm/errors';
import { StreamInterruptedError, type ModelRequest } from '../../../../src/core/llm/provider';
import { isRetryable, RetryingProvider, withRetry } from '../../../../src/core/llm/retry';

const CHAT = '/v1/chat/completions';
const request: ModelRequest = { model: 'm', system: 's', messages: [{ role: 'user', content: 'hi' }], tools: [] };

describe('retry policy', () => {
  const table: Array<[LlmErrorKind, boolean]> = [
    ['rateLimited', true],
    ['server', true],
    ['unreachable', true],
    ['timeout', true],
    ['auth', false],
    ['notFound', false],
    ['badRequest', false],
    ['contextTooLong', false],
    ['badResponse', false],
    ['aborted', false],
  ];
  for (const [kind, expected] of table) {
    it(`${expected ? 'retries' : 'does not retry'} ${kind} before output`, () => {
      assert.equal(isRetryable(new LlmError(kind, 'x'), false), expected);
    });
  }
  it('retries a stream cut before output, never once output started', () => {
    assert.equal(isRetryable(new StreamInterruptedError('w', 'cut'), false), true);
    assert.equal(isRetryable(new StreamInterruptedError('w', 'cut'), true), false);
    assert.equal(isRetryable(new LlmError('server', 'x'), true), false);
  });

  it('backs off exponentially with jitter, capped, and honours Retry-After up to the cap', () => {
    const o = { baseMs: 100, maxMs: 1000 };
    assert.equal(computeBackoff(1, { ...o, random: () => 0 }), 50);
    assert.equal(computeBackoff(1, { ...o, random: () => 0.999 }), 100);
    assert.equal(computeBackoff(3, { ...o, random: () => 0.999 }), 400);
    assert.equal(computeBackoff(10, { ...o, random: () => 0.999 }), 1000);
    assert.equal(computeBackoff(1, { ...o, retryAfterMs: 700 }), 700);
    assert.equal(computeBackoff(1, { ...o, retryAfterMs: 5000 }), 1000);
  });

  it('sleep rejects at once when aborted', async () => {
    const ac = new AbortController();
    const p = sleep(60_000, ac.signal);
    ac.abort();
    await assert.rejects(p);
  });

  it('gives up after maxAttempts', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(async () => {
        calls++;
        throw new LlmError('server', 'boom', 500);
      }, new AbortController().signal, { maxAttempts: 3, sleep: async () => {} }),
      (e) => e instanceof LlmError && e.kind === 'server',
    );
    assert.equal(calls, 3);
  });

  describe('with a time budget (--retry-timeout)', () => {
    /** A fake clock that advances only when the retry loop sleeps. */
    function budgeted(budgetMs: number, fail: () => LlmError) {
      let clock = 0;
      const waits: number[] = [];
      let calls = 0;
      const run = withRetry(
        async () => {
          calls++;
          throw fail();
        },
        new AbortController().signal,
        { budgetMs, now: () => clock, random: () => 0.5, sleep: async (ms) => void (waits.push(ms), (clock += ms)) },
        'http://m/v1',
      );
      return { run, waits, calls: () => calls };
    }

    it('retries past the default attempt count until the budget is spent, then says it gave up', async () => {
      const b = budgeted(10_000, () => new LlmError('server', describeError('server', 'http://m/v1', undefined, 503), 503, undefined, 'upstream down'));
      await assert.rejects(b.run, (e) => {
        assert.ok(e instanceof LlmError);
        assert.equal(e.kind, 'server');
        assert.equal(e.detail, 'upstream down');
        assert.equal(e.attempts, b.calls());
        assert.doesNotMatch(e.message, /will back off and retry/);
        assert.match(e.message, /gave up after \d+ attempts over 10 s/);
        return true;
      });
      assert.ok(b.calls() > 4, `only ${b.calls()} attempts`);
      assert.equal(b.waits.reduce((a, w) => a + w, 0), 10_000, 'the waits fill the budget exactly, no more');
    });

    it('caps a Retry-After longer than the budget by what is left of it', async () => {
      const b = budgeted(3_000, () => new LlmError('rateLimited', 'x', 429, 120_000));
      await assert.rejects(b.run, (e) => e instanceof LlmError && /kept rate-limiting/.test(e.message));
      assert.deepEqual(b.waits, [3_000]);
      assert.equal(b.calls(), 2);
    });

    it('honours a Retry-After longer than maxDelayMs when the budget allows it', async () => {
      let n = 0;
      const b = budgeted(60_000, () => (n++ === 0 ? new LlmError('rateLimited', 'x', 429, 45_000) : new LlmError('auth', 'stop', 401)));
      await assert.rejects(b.run, (e) => e instanceof LlmError && e.kind === 'auth');
      assert.deepEqual(b.waits, [45_000]);
    });

    it('a budget of 0 makes one attempt and keeps the original error', async () => {
      const b = budgeted(0, () => new LlmError('unreachable', 'cannot reach'));
      await assert.rejects(b.run, (e) => e instanceof LlmError && e.message === 'cannot reach' && e.attempts === undefined);
      assert.equal(b.calls(), 1);
    });

    it('never retries a 401 whatever the budget', async () => {
      const b = budgeted(60_000, () => new LlmError('auth', 'refused', 401));
      await assert.rejects(b.run, (e) => e instanceof LlmError && e.kind === 'auth');
      assert.equal(b.calls(), 1);
    });
  });
});

describe('RetryingProvider', () => {
  let server: ModelServer;
  beforeEach(async () => {
    server = await ModelServer.start();
  });
  afterEach(() => server.close());

  function make(waits: number[], maxAttempts = 4) {
    return new RetryingProvider(new ChatProvider({ baseUrl: server.url }), {
      maxAttempts,
      random: () => 0.5,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
  }

  it('429 with Retry-After seconds, then success: waits what the server asked', async () => {
    server.enqueue(CHAT, httpError(429, 'slow down', { 'retry-after': '2' }), chatStream('fine'));
    const waits: number[] = [];
    const res = await make(waits).stream(request, new AbortController().signal, () => {});
    assert.equal(res.text, 'fine');
    assert.deepEqual(waits, [2000]);
    assert.equal(server.requestsTo(CHAT).length, 2);
  });

  it('503 with Retry-After as an HTTP date is honoured', async () => {
    const date = new Date(Date.now() + 5000).toUTCString();
    server.enqueue(CHAT, httpError(503, 'busy', { 'retry-after': date }), chatStream('ok'));
    const waits: number[] = [];
    await make(waits).stream(request, new AbortController().signal, () => {});
    assert.equal(waits.length, 1);
    assert.ok(waits[0] > 1000 && waits[0] <= 5000, `waited ${waits[0]}`);
  });

  it('does not retry other 4xx', async () => {
    server.enqueue(CHAT, httpError(400, 'bad field'));
    const waits: number[] = [];
    await assert.rejects(make(waits).stream(request, new AbortController().signal, () => {}), (e) => e instanceof LlmError && e.kind === 'badRequest');
    assert.deepEqual(waits, []);
  });

  it('retries a network failure (socket closed without an answer)', async () => {
    server.enqueue(CHAT, { kind: 'destroy' }, chatStream('back'));
    const waits: number[] = [];
    const res = await make(waits).stream(request, new AbortController().signal, () => {});
    assert.equal(res.text, 'back');
    assert.equal(waits.length, 1);
  });

  it('retries a tool-call stream cut before any text, and the retry yields the whole call', async () => {
    const cut = chatToolCallStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a/very/long/path/name.ts' } }]);
    server.enqueue(CHAT, { ...cut, cutAfter: 2 } as typeof cut, chatToolCallStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a/very/long/path/name.ts' } }]));
    const res = await make([]).stream(request, new AbortController().signal, () => {});
    assert.deepEqual(JSON.parse(res.toolCalls[0].arguments), { path: 'a/very/long/path/name.ts' });
  });

  it('does not retry once text reached the user, so nothing is printed twice', async () => {
    const cut = chatStream('Hello there, friend', { size: 3, intervalMs: 15 });
    server.enqueue(CHAT, { ...cut, cutAfter: 4 } as typeof cut, chatStream('Hello there, friend'));
    const deltas: string[] = [];
    await assert.rejects(make([]).stream(request, new AbortController().signal, (t) => deltas.push(t)), (e) => e instanceof StreamInterruptedError);
    const shown = deltas.join('');
    assert.ok(shown.length > 0 && 'Hello there, friend'.startsWith(shown), `shown: ${shown}`);
    assert.equal(server.requestsTo(CHAT).length, 1);
  });

  it('cancelling during the backoff wait ends at once as aborted', async () => {
    server.enqueue(CHAT, httpError(429, 'slow', { 'retry-after': '30' }));
    const ac = new AbortController();
    const provider = new RetryingProvider(new ChatProvider({ baseUrl: server.url }), {
      sleep: (ms, signal) => {
        ac.abort();
        return sleep(ms, signal);
      },
    });
    await assert.rejects(provider.stream(request, ac.signal, () => {}), (e) => e instanceof LlmError && e.kind === 'aborted');
  });
});
