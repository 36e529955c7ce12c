// Owns how a `tandem guard` run is written out: the summary (counts by severity, what was skipped and
// why), the exit decision against --fail-on, and the text and JSON reports. SARIF is core's
// (src/core/guard/sarif.ts); this file only hands it the run.
import type { Finding } from '../core/changes/finding';
import { redactKeys } from '../core/secrets/redact';
import type { FailOn } from './guardArgs';
import type { SkipReason, Skipped } from './guardFiles';

const RANK: Record<Finding['severity'], number> = { high: 3, medium: 2, low: 1 };

// Control characters, bidi overrides and zero-width characters in a file name could forge report
// lines (or "::" workflow commands in a CI log) or make one path look like another.
// eslint-disable-next-line no-control-regex -- finding control characters is what this pattern is for
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** A path as it may be printed on a terminal or a CI log: hidden characters shown as \u{…}. */
export function printable(p: string): string {
  return p.replace(HIDDEN, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** A file read only in part: code that does not parse or nests too deeply (`partial`), or too big to parse (`linesOnly`). */
export interface PartScan {
  path: string;
  kind: 'partial' | 'linesOnly';
  reason: string;
}

export interface GuardSummary {
  filesScanned: number;
  /** Of those, files read only in part (see PartScan). */
  filesScannedInPart: number;
  /** Of those, secret-class files (.env*, .npmrc, keys) checked for secrets only, values never shown. */
  secretFilesChecked: number;
  findings: number;
  bySeverity: Record<Finding['severity'], number>;
  skipped: Partial<Record<SkipReason, number>>;
  failOn: FailOn;
  /** True when a finding is at or above --fail-on (the exit code is 1). */
  failed: boolean;
}

export function fails(findings: Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}

export function summarise(findings: Finding[], filesScanned: number, skipped: Skipped[], failOn: FailOn, part: PartScan[] = [], secretFilesChecked = 0): GuardSummary {
  const bySeverity = { high: 0, medium: 0, low: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  const counts: Partial<Record<SkipReason, number>> = {};
  for (const s of skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return { filesScanned, filesScannedInPart: part.length, secretFilesChecked, findings: findings.length, bySeverity, skipped: counts, failOn, failed: fails(findings, failOn) };
}

/** Most severe first, then by place, so the top of a long report is what to fix first. */
export function ordered(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.path.localeCompare(b.path) || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
}

const SKIP_WORDS: Record<SkipReason, string> = {
  secret: 'listed in .tandemignore',
  symlink: 'symlink',
  special: 'not a regular file',
  binary: 'binary',
  tooLarge: 'over 1 MB',
  unreadable: 'unreadable',
  scanFailed: 'scan failed',
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line: "2 findings (1 high, 1 medium) in 14 files; skipped 3 (1 binary, 2 symlink). Fails on high: yes." */
export function summaryLine(s: GuardSummary): string {
  const sev = (['high', 'medium', 'low'] as const).filter((k) => s.bySeverity[k]).map((k) => `${s.bySeverity[k]} ${k}`);
  const found = s.findings ? `${plural(s.findings, 'finding')} (${sev.join(', ')})` : 'No findings';
  const skippedTotal = Object.values(s.skipped).reduce((a, b) => a + (b ?? 0), 0);
  const skipped = skippedTotal
    ? `; skipped ${skippedTotal} (${Object.entries(s.skipped)
        .map(([k, n]) => `${n} ${SKIP_WORDS[k as SkipReason]}`)
        .join(', ')})`
    : '';
  const verdict = s.failOn === 'none' ? 'not failing on findings (--fail-on none)' : s.failed ? `failing: at least one finding is ${s.failOn} or above` : `nothing ${s.failOn} or above`;
  const notes = [...(s.filesScannedInPart ? [`${s.filesScannedInPart} only in part`] : []), ...(s.secretFilesChecked ? [`${plural(s.secretFilesChecked, 'secret file')} checked for secrets only`] : [])];
  const inPart = notes.length ? ` (${notes.join(', ')})` : '';
  return `${found} in ${plural(s.filesScanned, 'file')}${inPart}${skipped}; ${verdict}.`;
}

/** What a reader is told of a file read only in part. */
export function partSentence(p: PartScan): string {
  return p.kind === 'linesOnly' ? `${printable(p.path)} was not parsed: ${p.reason}.` : `${printable(p.path)} was scanned only in part: ${p.reason}.`;
}

export function textReport(findings: Finding[], summary: GuardSummary, part: PartScan[] = []): string {
  const lines = ordered(findings).map((f) => `${printable(f.path)}:${f.line}: [${f.severity}] ${f.ruleId} (${f.cwe}) ${f.message}\n    fix: ${f.fix}\n`);
  const notes = part.map((p) => `note: ${partSentence(p)}\n`);
  return `${lines.join('')}${lines.length ? '\n' : ''}${notes.join('')}${notes.length ? '\n' : ''}${summaryLine(summary)}\n`;
}

/** Snippets go through the key redactor: a CI log must not become the place a leaked token is copied to. */
export function jsonReport(findings: Finding[], summary: GuardSummary, skipped: Skipped[], part: PartScan[] = []): string {
  const shown = ordered(findings).map((f) => ({ ...f, snippet: redactKeys(f.snippet) }));
  return `${JSON.stringify({ findings: shown, skipped, scannedInPart: part, summary }, null, 2)}\n`;
}
