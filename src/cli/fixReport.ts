// Owns the end of a `tandem fix` run: a table of findings → fixed / not fixed (why), or with --json
// one line per finding and the last line {"type":"fix","findings":N,"fixed":F,"failed":[…]}.
import type { Finding } from '../core/changes/finding';
import { printable } from './guardReport';

export interface FindingStatus {
  finding: Finding;
  fixed: boolean;
  why?: string;
}

export function fixReport(statuses: FindingStatus[], json: boolean): string {
  const fixed = statuses.filter((s) => s.fixed).length;
  const failed = statuses.filter((s) => !s.fixed).map((s) => ({ path: s.finding.path, line: s.finding.line, ruleId: s.finding.ruleId, why: s.why ?? 'not fixed' }));
  if (json) {
    const lines = statuses.map((s) => JSON.stringify({ type: 'finding', path: s.finding.path, line: s.finding.line, ruleId: s.finding.ruleId, cwe: s.finding.cwe, severity: s.finding.severity, fixed: s.fixed, ...(s.why ? { why: s.why } : {}) }));
    return `${[...lines, JSON.stringify({ type: 'fix', findings: statuses.length, fixed, failed })].join('\n')}\n`;
  }
  if (statuses.length === 0) return 'No findings: nothing to fix.\n';
  const rows = statuses.map((s) => [`${printable(s.finding.path)}:${s.finding.line}`, s.finding.ruleId, s.finding.severity, s.fixed ? 'fixed' : `not fixed (${s.why ?? 'unknown'})`]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), ['finding', 'rule', 'severity'][i].length));
  const line = (r: string[]) => `${r.slice(0, 3).map((c, i) => c.padEnd(widths[i])).join('  ')}  ${r[3]}`;
  return `${[line(['finding', 'rule', 'severity', 'result']), ...rows.map(line)].join('\n')}\n\n${fixed} of ${statuses.length} finding(s) fixed.\n`;
}
