// The user's recent activity and the local acceptance statistics, and both reaching (or not) the
// prompt through the engine against a real HTTP server.
import { strict as assert } from 'node:assert';
import { RecentActivity } from '../../../../src/core/completion/activity';
import { lineSourceOf } from '../../../../src/core/completion/windows';
import { CompletionEngine } from '../../../../src/core/completion/engine';
import { CompletionStats, describeStats } from '../../../../src/core/completion/stats';
import type { CompletionConfig, CompletionDocument } from '../../../../src/core/completion/types';
import { ModelServer } from '../../../fixtures/modelServer';
import { completionStream } from '../../../fixtures/replies';

const lines = (name: string) => (line: number) => `${name} line ${line - 1}\n${name} line ${line}\n${name} line ${line + 1}`;

describe('recent activity', () => {
  let clock: number;
  beforeEach(() => (clock = 1_000_000));

  it('offers edits before visits, newest first, outside the current file', () => {
    const a = new RecentActivity(() => clock);
    a.record('visit', 'file:///v', 'v.ts', 10, lines('visited'));
    a.record('edit', 'file:///e1', 'e1.ts', 5, lines('first edit'));
    a.record('edit', 'file:///e2', 'e2.ts', 5, lines('second edit'));
    a.record('edit', 'file:///cur', 'cur.ts', 5, lines('current'));
    assert.deepEqual(
      a.recent('file:///cur').map((s) => s.relativePath),
      ['e2.ts', 'e1.ts', 'v.ts'],
    );
  });

  it('merges nearby edits into one range and forgets what is older than five minutes', () => {
    const a = new RecentActivity(() => clock);
    a.record('edit', 'file:///e', 'e.ts', 5, lines('e'));
    a.record('edit', 'file:///e', 'e.ts', 7, lines('e'));
    assert.equal(a.recent('x').length, 1);
    assert.match(a.recent('x')[0].text, /e line 7/);
    clock += 5 * 60_000 + 1;
    assert.deepEqual(a.recent('x'), []);
  });

  it('reads the text when asked, and skips a range that can no longer be read', () => {
    const a = new RecentActivity(() => clock);
    let text = 'old';
    a.record('edit', 'file:///e', 'e.ts', 1, () => text);
    text = 'new';
    a.record('visit', 'file:///gone', 'gone.ts', 1, () => {
      throw new Error('closed');
    });
    assert.deepEqual(a.recent('x'), [{ relativePath: 'e.ts', text: 'new' }]);
  });

  it('reaches the prompt, and the clipboard only through its source', async () => {
    const server = await ModelServer.start();
    server.onRequest('/v1/completions', () => completionStream('x'));
    const config: CompletionConfig = { enabled: true, baseUrl: server.url, model: 'test-model', api: 'completions', debounceMs: 0, maxTokens: 64, disabledLanguages: [], timeoutMs: 10_000 };
    const activity = new RecentActivity(() => clock);
    activity.record('edit', 'file:///w/models.ts', 'models.ts', 3, () => 'export interface Invoice { total: number; lines: Line[] }');
    const src = lineSourceOf('const invoice = ');
    const document: CompletionDocument = { ...src, lineAt: src.lineAt, uri: 'file:///w/a.ts', relativePath: 'a.ts', languageId: 'typescript', version: 1 };
    const clipboard = { snippets: async () => [{ relativePath: 'clipboard', text: 'copied = computeInvoiceTotal(invoice)' }] };
    const engine = new CompletionEngine({ config: () => config, recent: activity, clipboard });
    await engine.provide({ document, position: { line: 0, character: 16 }, signal: new AbortController().signal, explicit: true });
    engine.dispose();
    await server.close();
    const prompt: string = server.requests[0].body.prompt;
    assert.match(prompt, /\/\/ Path: models\.ts\n\/\/ export interface Invoice/);
    assert.match(prompt, /\/\/ Path: clipboard\n\/\/ copied = computeInvoiceTotal/);
    assert.ok(prompt.indexOf('models.ts') < prompt.indexOf('clipboard'), 'recent edits rank before the clipboard');
  });
});

describe('completion acceptance statistics', () => {
  it('counts outcomes per language, the acceptance rate and the median latency', () => {
    const s = new CompletionStats();
    s.shown('typescript', 100);
    s.shown('typescript', 300);
    s.shown('python', 200);
    s.outcome('typescript', 'accepted');
    s.outcome('typescript', 'dismissed');
    s.outcome('python', 'partial');
    const sum = s.summary();
    assert.deepEqual([sum.shown, sum.accepted, sum.partial, sum.dismissed], [3, 1, 1, 1]);
    assert.equal(sum.acceptanceRate, 2 / 3);
    assert.equal(sum.medianLatencyMs, 200);
    assert.deepEqual(sum.byLanguage[0], ['typescript', { shown: 2, accepted: 1, partial: 0, dismissed: 1 }]);
    assert.equal(describeStats(sum), 'Accepted 67 % of 3 shown · median 200 ms');
  });

  it('survives a round trip through storage and ignores a corrupt one', () => {
    const s = new CompletionStats();
    s.shown('go', 50);
    s.outcome('go', 'accepted');
    const again = new CompletionStats(JSON.parse(JSON.stringify(s.toJSON())));
    assert.equal(again.summary().accepted, 1);
    for (const bad of [undefined, null, 'x', { byLanguage: 1 }, { byLanguage: {}, latencies: ['a'] }]) assert.equal(new CompletionStats(bad).summary().shown, 0);
    assert.equal(describeStats(new CompletionStats().summary()), 'No completions shown yet');
  });
});
