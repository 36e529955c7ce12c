// Owns what a best-of-k run prints: one line per attempt as it starts and ends (stderr), the table
// of attempts with pass@k (text, stdout), or with --json one `attempt` event per attempt and the
// closing `attempts` summary. The panel shows the same fields side by side.
import type { AttemptResult, AttemptRunSummary } from '../core/attempts/attemptRun';
import { passAtKTable } from '../core/attempts/passAtK';
import type { Writable } from './render';

export function testsLabel(r: AttemptResult): string {
  if (!r.tests) return r.outcome === 'error' ? 'not run' : '—';
  if (r.tests.passed) return 'passed';
  if (r.tests.timedOut) return 'timed out';
  return r.tests.failing !== undefined ? `failed (${r.tests.failing})` : `failed (exit ${r.tests.exitCode ?? '?'})`;
}

export function modelLabel(r: AttemptResult): string {
  return r.model.baseUrl ? `${r.model.model}@${r.model.baseUrl}` : r.model.model;
}

/** The `attempt` event of --json. */
export function attemptEvent(r: AttemptResult): Record<string, unknown> {
  return {
    type: 'attempt',
    index: r.index,
    model: r.model.model,
    ...(r.model.baseUrl ? { baseUrl: r.model.baseUrl } : {}),
    outcome: r.outcome,
    ...(r.message ? { message: r.message } : {}),
    tests: r.tests ? { command: r.tests.command, passed: r.tests.passed, ...(r.tests.failing !== undefined ? { failing: r.tests.failing } : {}), exitCode: r.tests.exitCode, timedOut: r.tests.timedOut, durationMs: r.tests.durationMs } : null,
    filesChanged: r.filesChanged,
    files: [...r.changes.map((c) => c.path), ...r.notText, ...r.conflicts].sort(),
    linesAdded: r.linesAdded,
    linesRemoved: r.linesRemoved,
    tokens: r.tokens,
    durationMs: r.durationMs,
  };
}

export interface RunVerdict {
  summary: AttemptRunSummary;
  total: number;
  passed: number;
  /** The attempt whose changes were proposed (1-based), or null. */
  chosen: number | null;
  applied: boolean;
}

/** The closing `attempts` event of --json. */
export function summaryEvent(v: RunVerdict): Record<string, unknown> {
  return { type: 'attempts', total: v.total, passed: v.passed, chosen: v.chosen, applied: v.applied, passAtK: v.summary.results.length === v.total && v.total > 0 ? passAtKTable(v.total, v.passed) : {} };
}

function pad(cells: string[][]): string {
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/** The table of attempts and pass@k, as text mode prints it. */
export function attemptsTable(v: RunVerdict): string {
  const rows = [['', '#', 'model', 'tests', 'files', 'lines', 'tokens', 'time']];
  for (const r of v.summary.results) {
    rows.push([r.index === v.chosen ? '→' : '', String(r.index), modelLabel(r), testsLabel(r), String(r.filesChanged), `+${r.linesAdded} -${r.linesRemoved}`, String(r.tokens.input + r.tokens.output), `${(r.durationMs / 1000).toFixed(1)} s`]);
  }
  const lines = [pad(rows)];
  if (v.summary.results.length === v.total && v.total > 0) {
    const table = passAtKTable(v.total, v.passed);
    lines.push(`${v.passed} of ${v.total} attempts passed the tests. ${Object.entries(table).map(([k, p]) => `pass@${k} ${p.toFixed(3)}`).join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function printVerdict(v: RunVerdict, json: boolean, stdout: Writable): void {
  if (json) {
    for (const r of v.summary.results) stdout.write(`${JSON.stringify(attemptEvent(r))}\n`);
    stdout.write(`${JSON.stringify(summaryEvent(v))}\n`);
  } else stdout.write(attemptsTable(v));
}
