// Autocomplete benchmarks: engine overhead per request without model time on a 1k- and a
// 200k-line file (their ratio shows the cost does not grow with the file), requests sent per
// burst of 20 keystrokes 40 ms apart against a zero-latency server, and cache-hit latency.
import { performance } from 'node:perf_hooks';
import { contextTokensFor, splitBudget } from '../src/core/completion/budget';
import { cleanRaw } from '../src/core/completion/cleanup';
import { buildWindows, lineSourceOf } from '../src/core/completion/windows';
import { redactKeys } from '../src/core/secrets/redact';
import { CompletionEngine } from '../src/core/completion/engine';
import { chooseSnippets } from '../src/core/completion/gather';
import { postprocess, wantsMultiline } from '../src/core/completion/postprocess';
import { buildRequest } from '../src/core/completion/request';
import { SnippetIndex } from '../src/core/completion/snippets';
import type { CompletionConfig, CompletionDocument, RelatedFile } from '../src/core/completion/types';
import { ModelServer } from '../test/fixtures/modelServer';
import { completionStream } from '../test/fixtures/replies';
import { measureKeystrokeLatency } from './completionLatency';

function generated(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(i % 10 === 0 ? `export function handler${i}(request: Request, response: Response) {` : i % 10 === 9 ? '}' : `  const value${i} = request.params.item${i} ?? computeDefault(${i});`);
  }
  return out.join('\n');
}

function documentOf(text: string, uri: string): CompletionDocument {
  const src = lineSourceOf(text);
  return { uri, relativePath: uri.replace('file:///', ''), languageId: 'typescript', version: 1, lineCount: src.lineCount, lineAt: src.lineAt };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

/** Everything the engine does for one request except waiting for the model. */
function overhead(doc: CompletionDocument, related: RelatedFile[], index: SnippetIndex, iterations: number): number[] {
  const times: number[] = [];
  const line = Math.floor(doc.lineCount / 2);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const pos = { line, character: 2 + (i % 20) };
    const budget = splitBudget(contextTokensFor('qwen2.5-coder-1.5b'), 128);
    const w = buildWindows(doc, pos, budget);
    const snippets = chooseSnippets({ around: w.prefix.slice(-600), definitions: [], recent: [], related, clipboard: [], index, budgetTokens: budget.snippetTokens, isSecret: () => false });
    const built = buildRequest('completions', 'qwen2.5-coder-1.5b', 'http://127.0.0.1:8080/v1', 'auto', {
      prefix: redactKeys(w.prefix),
      suffix: redactKeys(w.suffix),
      relativePath: doc.relativePath,
      languageId: doc.languageId,
      snippets: snippets.map((sn) => ({ ...sn, text: redactKeys(sn.text) })),
    });
    const stops = 'stops' in built ? built.stops : [];
    postprocess({ raw: cleanRaw('computeDefault(1);\n  return value;\n}'), linePrefix: w.linePrefix, lineSuffix: w.lineSuffix, prevLine: doc.lineAt(line - 1), nextLines: [doc.lineAt(line + 1)], multiline: wantsMultiline(w.linePrefix, w.lineSuffix), stops });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const relatedText = generated(2000);
  const related: RelatedFile[] = [1, 2, 3, 4].map((n) => ({ uri: `file:///other${n}.ts`, relativePath: `other${n}.ts`, languageId: 'typescript', version: 1, getText: () => relatedText }));
  const rows: string[][] = [];
  const small = documentOf(generated(1_000), 'file:///small.ts');
  const large = documentOf(generated(200_000), 'file:///large.ts');
  const index = new SnippetIndex();
  overhead(small, related, index, 200); // warm-up (JIT, snippet windows per file version)
  const s = overhead(small, related, index, 2000);
  const l = overhead(large, related, index, 2000);
  rows.push(['engine overhead, 1k-line file', fmt(percentile(s, 50)), fmt(percentile(s, 95)), 'p50 < 1 ms']);
  rows.push(['engine overhead, 200k-line file', fmt(percentile(l, 50)), fmt(percentile(l, 95)), 'p50 < 1 ms']);
  rows.push(['ratio 200k / 1k', (percentile(l, 50) / percentile(s, 50)).toFixed(2), (percentile(l, 95) / percentile(s, 95)).toFixed(2), '≈ 1 (no growth)']);

  // Requests per burst: VS Code cancels the previous call on every keystroke.
  const server = await ModelServer.start();
  server.onRequest('/v1/completions', () => completionStream('computeDefault(42);'));
  const config: CompletionConfig = { enabled: true, baseUrl: server.url, model: 'bench', api: 'completions', debounceMs: 150, maxTokens: 64, disabledLanguages: [], timeoutMs: 5000 };
  const engine = new CompletionEngine({ config: () => config });
  const typed = 'const result = ';
  const burst = async (texts: string[]) => {
    let prev: AbortController | undefined;
    const pending: Array<Promise<unknown>> = [];
    for (const t of texts) {
      prev?.abort();
      prev = new AbortController();
      pending.push(engine.provide({ document: documentOf(`function f() {\n  ${t}\n}`, 'file:///burst.ts'), position: { line: 1, character: 2 + t.length }, signal: prev.signal }));
      await tick(40);
    }
    await Promise.all(pending);
  };
  const texts = Array.from({ length: 20 }, (_, i) => (typed + 'abcdefgh').slice(0, i + 1));
  server.requests.length = 0;
  await burst(texts);
  rows.push(['requests per 20-keystroke burst (40 ms apart)', String(server.requests.length), '', '≤ 1']);
  // Type through the suggestion now shown for the last text.
  const shown = await engine.provide({ document: documentOf(`function f() {\n  ${texts[19]}\n}`, 'file:///burst.ts'), position: { line: 1, character: 2 + texts[19].length }, signal: new AbortController().signal });
  const suggestion = shown?.insertText ?? '';
  const through = Array.from({ length: Math.min(20, suggestion.length - 1) }, (_, i) => texts[19] + suggestion.slice(0, i + 1));
  server.requests.length = 0;
  await burst(through);
  rows.push([`requests typing through the suggestion (${through.length} keys)`, String(server.requests.length), '', '0']);

  // Cache hit: from the provider call to the items returned.
  const hits: number[] = [];
  const hitDoc = documentOf(`function f() {\n  ${texts[19]}\n}`, 'file:///burst.ts');
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    await engine.provide({ document: hitDoc, position: { line: 1, character: 2 + texts[19].length }, signal: new AbortController().signal });
    hits.push(performance.now() - t0);
  }
  hits.sort((a, b) => a - b);
  rows.push(['cache-hit latency', fmt(percentile(hits, 50)), fmt(percentile(hits, 95)), '< 0.5 ms']);
  engine.dispose();
  await server.close();

  const typing = await measureKeystrokeLatency();
  rows.push(['added latency after the last keystroke', fmt(percentile(typing.latencies, 50)), fmt(percentile(typing.latencies, 95)), 'p50 ≤ 100 ms']);
  rows.push([`most requests in one of ${typing.bursts} jittered bursts`, String(typing.maxRequestsPerBurst), '', '≤ 1']);

  const header = ['completion', 'p50 / value', 'p95', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}
