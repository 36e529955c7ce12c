// Owns how a `tandem review` run is written out: text for a terminal, JSON, SARIF for code scanning
// (the model's findings under their own rule ids, with properties.source "model"), and Markdown for
// a pull-request comment (findings grouped by file, each with its line and suggestion). A reviewer
// that failed is said in every format; it never reads as "no issues".
import type { Finding } from '../core/changes/finding';
import type { ReviewOutcome } from '../core/changes/review';
import { buildSarif, type SarifNotification } from '../core/guard/sarif';
import { ruleDescriptors } from '../core/guard/scan';
import { formatCost } from '../core/llm/pricing';
import { redactKeys } from '../core/secrets/redact';
import pkg from '../../package.json';
import type { FailOn } from './guardArgs';
import { fails, ordered, printable } from './guardReport';

export interface ReviewRun {
  base: string;
  head: string;
  files: number;
  guard: Finding[];
  /** One outcome per reviewed file. */
  reviews: Array<{ path: string; outcome: ReviewOutcome }>;
  skipped: Array<{ path: string; why: string }>;
  failOn: FailOn;
  root: string;
}

export interface ReviewTotals {
  findings: Finding[];
  reviewerFailed: string[];
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  model: string;
  failed: boolean;
}

export function totals(run: ReviewRun): ReviewTotals {
  const model = run.reviews.flatMap((r) => r.outcome.findings);
  const reviewerFailed = run.reviews.filter((r) => r.outcome.status === 'failed').map((r) => r.outcome.note ?? `The reviewer failed on ${r.path}.`);
  const priced = run.reviews.filter((r) => r.outcome.costUsd !== undefined);
  const findings = ordered([...run.guard, ...model]);
  return {
    findings,
    reviewerFailed,
    durationMs: run.reviews.reduce((a, r) => a + r.outcome.durationMs, 0),
    inputTokens: run.reviews.reduce((a, r) => a + (r.outcome.inputTokens ?? 0), 0),
    outputTokens: run.reviews.reduce((a, r) => a + (r.outcome.outputTokens ?? 0), 0),
    ...(priced.length ? { costUsd: priced.reduce((a, r) => a + r.outcome.costUsd!, 0) } : {}),
    model: run.reviews[0]?.outcome.model ?? '',
    failed: fails(findings, run.failOn) || reviewerFailed.length > 0,
  };
}

const who = (f: Finding) => (f.source === 'model' ? 'model' : 'guard');

function reviewerLine(run: ReviewRun, t: ReviewTotals): string {
  if (run.reviews.length === 0) return 'Reviewer: nothing to review.';
  const cost = t.costUsd !== undefined ? `, ${formatCost(t.costUsd)}` : '';
  const state = t.reviewerFailed.length ? `FAILED on ${t.reviewerFailed.length} of ${run.reviews.length} file(s)` : `reviewed ${run.reviews.length} file(s)`;
  return `Reviewer ${t.model}: ${state} in ${(t.durationMs / 1000).toFixed(1)} s, ${t.inputTokens + t.outputTokens} tokens${cost}.`;
}

export function summaryText(run: ReviewRun, t: ReviewTotals): string {
  const bySource = (s: string) => t.findings.filter((f) => who(f) === s).length;
  const found = t.findings.length ? `${t.findings.length} finding(s) (${bySource('guard')} from the guard, ${bySource('model')} from the model)` : t.reviewerFailed.length ? 'No guard findings, but the reviewer failed' : 'No findings';
  const verdict = t.reviewerFailed.length ? 'failing: the reviewer failed, so its opinion is missing' : run.failOn === 'none' ? 'not failing on findings (--fail-on none)' : t.failed ? `failing: at least one finding is ${run.failOn} or above` : `nothing ${run.failOn} or above`;
  return `${found} in ${run.files} changed file(s) (${run.base.slice(0, 12)}..${run.head.slice(0, 12)}); ${verdict}.`;
}

export function textReview(run: ReviewRun, t: ReviewTotals): string {
  const lines = t.findings.map((f) => `${printable(f.path)}:${f.line}: [${f.severity}] [${who(f)}] ${f.ruleId}${f.cwe ? ` (${f.cwe})` : ''} ${f.message}\n    fix: ${f.fix}\n`);
  const failures = t.reviewerFailed.map((n) => `error: ${n}\n`);
  const skipped = run.skipped.map((s) => `note: ${printable(s.path)} was not reviewed (${s.why}).\n`);
  return `${lines.join('')}${lines.length ? '\n' : ''}${failures.join('')}${skipped.join('')}${reviewerLine(run, t)}\n${summaryText(run, t)}\n`;
}

export function jsonReview(run: ReviewRun, t: ReviewTotals): string {
  const findings = t.findings.map((f) => ({ ...f, source: who(f), snippet: redactKeys(f.snippet) }));
  const reviewer = { model: t.model, status: t.reviewerFailed.length ? 'failed' : run.reviews.length ? 'ok' : 'skipped', failures: t.reviewerFailed, durationMs: t.durationMs, inputTokens: t.inputTokens, outputTokens: t.outputTokens, ...(t.costUsd !== undefined ? { costUsd: t.costUsd } : {}) };
  return `${JSON.stringify({ type: 'review', base: run.base, head: run.head, findings, reviewer, skipped: run.skipped, failed: t.failed }, null, 2)}\n`;
}

/** Model-written text in a PR comment: no HTML, no @mentions, no links or images, no closing of our markup. */
export function mdText(s: string): string {
  return printable(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|#!]/g, (c) => `\\${c}`)
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/\r?\n/g, ' ');
}

const ICON: Record<Finding['severity'], string> = { high: '🔴 high', medium: '🟠 medium', low: '🟡 low' };

export function markdownReview(run: ReviewRun, t: ReviewTotals): string {
  const out = ['## Tandem review', '', mdText(summaryText(run, t)), ''];
  for (const n of t.reviewerFailed) out.push(`> **The model reviewer failed:** ${mdText(n)}`, '');
  const files = [...new Set(t.findings.map((f) => f.path))];
  for (const file of files) {
    out.push(`### \`${printable(file).replace(/`/g, "'")}\``, '');
    for (const f of t.findings.filter((x) => x.path === file)) {
      out.push(`- **line ${f.line}** · ${ICON[f.severity]} · ${who(f) === 'model' ? 'model reviewer' : 'guard'} · \`${f.ruleId}\`${f.cwe ? ` (${f.cwe})` : ''}: ${mdText(f.message)}`);
      if (f.fix) out.push(`  - Suggestion: ${mdText(f.fix)}`);
    }
    out.push('');
  }
  for (const s of run.skipped) out.push(`_Not reviewed: ${mdText(s.path)} (${s.why})._`);
  out.push('', `<sub>${mdText(reviewerLine(run, t))}</sub>`, '');
  return out.join('\n');
}

export function sarifReview(run: ReviewRun, t: ReviewTotals): string {
  const modelRules = [...new Map(t.findings.filter((f) => f.source === 'model').map((f) => [f.ruleId, f])).values()].map((f) => ({
    id: f.ruleId,
    cwe: f.cwe,
    severity: 'medium' as const,
    message: f.ruleId === 'tandem-review/prompt-injection' ? 'Text in the change addresses the AI reviewer.' : `Found by the model reviewer${f.cwe ? ` (${f.cwe})` : ''}.`,
    fix: 'See the suggestion in the result.',
    languages: [],
  }));
  const notifications: SarifNotification[] = [...t.reviewerFailed.map((m) => ({ level: 'error' as const, message: m })), ...run.skipped.map((s) => ({ level: 'note' as const, path: s.path, message: `${s.path} was not reviewed (${s.why}).` }))];
  const log = buildSarif(t.findings, [...ruleDescriptors(), ...modelRules], { tool: { name: 'Tandem Review', version: pkg.version, informationUri: pkg.repository.url }, root: run.root, notifications });
  const [sarifRun] = log.runs;
  for (const r of sarifRun.tool.driver.rules) if (r.id.startsWith('tandem-review/')) (r.properties as Record<string, unknown>).source = 'model';
  sarifRun.results.forEach((r, i) => Object.assign(r, { properties: { source: who(t.findings[i]) } }));
  return `${JSON.stringify(log, null, 2)}\n`;
}
