// The "added latency after the last keystroke" row: bursts of typing with human-like, jittered gaps
// (a seeded generator, so runs compare), VS Code's cancellation of the previous call on every key, and
// the time from the burst's last keystroke to the request leaving the engine (debounce + context +
// prompt build). Also counts requests per burst: the discipline is at most one.
import { performance } from 'node:perf_hooks';
import { lineSourceOf } from '../src/core/completion/windows';
import { CompletionEngine } from '../src/core/completion/engine';
import type { CompletionConfig, CompletionDocument } from '../src/core/completion/types';
import { ModelServer } from '../test/fixtures/modelServer';
import { completionStream } from '../test/fixtures/replies';

export interface LatencyFigures {
  /** Milliseconds from the last keystroke to the request, sorted. */
  latencies: number[];
  /** Most requests any one burst sent. */
  maxRequestsPerBurst: number;
  bursts: number;
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function documentOf(text: string, uri: string): CompletionDocument {
  const src = lineSourceOf(text);
  return { uri, relativePath: uri.replace('file:///', ''), languageId: 'typescript', version: 1, lineCount: src.lineCount, lineAt: src.lineAt };
}

/**
 * Types `bursts` bursts of 12 keys with gaps of 30–70 ms (a fast typist inside a word; the older row
 * types 40 ms apart),
 * pausing between bursts until the request of the burst has been answered.
 */
export async function measureKeystrokeLatency(bursts = 30): Promise<LatencyFigures> {
  const server = await ModelServer.start();
  server.onRequest('/v1/completions', () => completionStream('computeDefault(42);'));
  const config: CompletionConfig = { enabled: true, baseUrl: server.url, model: 'bench', api: 'completions', debounceMs: 150, maxTokens: 64, disabledLanguages: [], timeoutMs: 5000 };
  let sentAt = 0;
  let sent = 0;
  const engine = new CompletionEngine({
    config: () => config,
    onRequest: () => {
      sentAt = performance.now();
      sent++;
    },
  });
  const random = seeded(14);
  const latencies: number[] = [];
  let maxRequestsPerBurst = 0;
  try {
    for (let b = 0; b < bursts; b++) {
      const word = `value${b}Total = compute`;
      let prev: AbortController | undefined;
      const pending: Array<Promise<unknown>> = [];
      sent = 0;
      let lastKey = 0;
      for (let i = 1; i <= 12; i++) {
        prev?.abort();
        prev = new AbortController();
        lastKey = performance.now();
        pending.push(engine.provide({ document: documentOf(`function f${b}() {\n  const ${word.slice(0, i)}\n}`, `file:///burst${b}.ts`), position: { line: 1, character: 8 + i }, signal: prev.signal }));
        if (i < 12) await tick(30 + Math.floor(random() * 40));
      }
      await Promise.all(pending);
      if (sent > 0) latencies.push(sentAt - lastKey);
      maxRequestsPerBurst = Math.max(maxRequestsPerBurst, sent);
    }
  } finally {
    engine.dispose();
    await server.close();
  }
  return { latencies: latencies.sort((a, b) => a - b), maxRequestsPerBurst, bursts };
}
