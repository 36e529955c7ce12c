// Owns scanning code for the guard rules: the added lines of a proposed change (or a whole file),
// with the line numbers they will have, and the text that goes back to the model about them.
import { structuredPatch } from 'diff';
import type { ProposedChange } from '../tools/types';
import type { Finding } from './finding';
import { languageOf, RULES, type Rule } from './rules';

export type { Finding };

function scanLine(rules: Rule[], path: string, line: number, text: string): Finding[] {
  const out: Finding[] = [];
  for (const r of rules) {
    if (r.pattern.test(text) && !(r.unless && r.unless.test(text))) {
      out.push({ ruleId: r.id, cwe: r.cwe, severity: r.severity, message: r.message, fix: r.fix, path, line, snippet: text.trim().slice(0, 200) });
    }
  }
  return out;
}

function rulesFor(path: string, disabled: string[]): Rule[] {
  const lang = languageOf(path);
  return RULES.filter((r) => !disabled.includes(r.id) && (lang ? r.languages.includes(lang) : r.id === 'hardcoded-secret'));
}

/** Findings in a whole text (the Review File command). */
export function scanText(path: string, text: string, disabled: string[] = []): Finding[] {
  const rules = rulesFor(path, disabled);
  return text.split(/\r?\n/).flatMap((l, i) => scanLine(rules, path, i + 1, l));
}

/** Findings in the lines a change adds. */
export function scanChange(change: ProposedChange, disabled: string[] = []): Finding[] {
  if (change.kind === 'delete' || change.newText === undefined) return [];
  const path = change.newPath ?? change.path;
  const rules = rulesFor(path, disabled);
  if (rules.length === 0) return [];
  if (change.kind === 'create' || change.oldText === undefined) return scanText(path, change.newText, disabled);
  const out: Finding[] = [];
  for (const h of structuredPatch('a', 'b', change.oldText, change.newText, undefined, undefined, { context: 0 }).hunks) {
    let line = h.newStart;
    for (const l of h.lines) {
      if (l.startsWith('+')) out.push(...scanLine(rules, path, line++, l.slice(1)));
      else if (!l.startsWith('-')) line++;
    }
  }
  return out;
}

/** What the model is told, so it can fix the findings itself. */
export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `- ${f.path}:${f.line} [${f.severity}] ${f.ruleId} (${f.cwe}): ${f.message} Fix: ${f.fix}`).join('\n');
}

/** What a rule is, for reports that list rules (SARIF descriptors) without running them. */
export interface RuleDescriptor {
  id: string;
  cwe: string;
  severity: Finding['severity'];
  message: string;
  fix: string;
  languages: string[];
}

// Built from today's line rules; the parser-based engine replaces this with its own rule folders.
export function ruleDescriptors(): RuleDescriptor[] {
  return RULES.map(({ id, cwe, severity, message, fix, languages }) => ({ id, cwe, severity, message, fix, languages: [...languages] }));
}
