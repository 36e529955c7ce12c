// Owns scanning code for the guard rules — the API every caller uses (proposed changes, Review File,
// the MCP scanner merge, `tandem guard`). Files in a language with a grammar (JS/TS, Python, Java)
// are parsed with tree-sitter and checked by the taint and query rules; other files, or a grammar
// that fails to load, get the quick line-regex pass. A change is scanned as its whole new text, and
// only findings on the lines it adds are reported: a flow through unchanged lines counts when its
// sink line is added.
import { structuredPatch } from 'diff';
import type { ProposedChange } from '../changes/change';
import { grammarOf, guardLanguageOf } from './engine/languages';
import type { ParseFn } from './engine/run';
import type { DerivedSink, ParamSummary } from './engine/summaries';
import type { Finding } from '../changes/finding';
import { regexFindings } from './regexRules';
import { RULES } from './rules/index';
import type { RuleDescriptor } from './rules/types';
import { cachedScan, rememberScan, scanKey } from './scanCache';

export type { Finding, RuleDescriptor };

type Engine = typeof import('./engine/run');
let engineModule: Engine | undefined;
/**
 * The engine (and with it the tree-sitter runtime) is required on the first file that needs it, so
 * activation and the completion path never load it. A plain require keeps this working under the
 * test runner's CommonJS hook; esbuild bundles the module and runs it on this first call.
 */
function loadEngine(): Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
  return (engineModule ??= require('./engine/run') as Engine);
}

/** Texts longer than this (about 1 MB) get the regex pass only. */
export const MAX_PARSED_CHARS = 1_000_000;

const byLine = (a: Finding, b: Finding) => a.line - b.line || a.ruleId.localeCompare(b.ruleId);

/** All findings in a whole file; `path` picks the language by its extension. */
export function scanText(path: string, text: string, disabled: string[] = []): Promise<Finding[]> {
  return scanTextWith(undefined, path, text, disabled);
}

/**
 * What a scan read of a file: `partial` says why part of it was not analysed (code that does not parse, nesting too
 * deep), `linesOnly` why it got only the quick line checks (over the size the parser takes, no grammar).
 */
export interface ScanReport {
  findings: Finding[];
  partial?: string;
  linesOnly?: string;
}

/**
 * scanText with the parser passed in (tests pass one that fails, to check the regex fallback), and the
 * sinks made by helpers the file imports (importedHelpers.ts).
 */
export async function scanTextWith(parser: ParseFn | undefined, path: string, text: string, disabled: string[] = [], imported: DerivedSink[] = []): Promise<Finding[]> {
  return (await scanReportWith(parser, path, text, disabled, imported)).findings;
}

/** scanTextWith, saying what was not analysed. */
export async function scanReportWith(parser: ParseFn | undefined, path: string, text: string, disabled: string[] = [], imported: DerivedSink[] = []): Promise<ScanReport> {
  const lang = guardLanguageOf(path);
  const grammar = grammarOf(path);
  if (!lang || !grammar) return { findings: regexFindings(path, text, disabled) };
  // Generated or minified files past this size would hold up every edit; the line pass still sees them.
  if (text.length > MAX_PARSED_CHARS) return { findings: regexFindings(path, text, disabled), linesOnly: `over ${MAX_PARSED_CHARS.toLocaleString('en')} characters, so it was not parsed; only the line checks ran` };
  // The same text scanned again (see scanCache.ts) is not parsed again; an injected parser always runs.
  const key = parser ? undefined : scanKey(path, text, disabled, imported);
  const known = key && cachedScan(key);
  if (known) return known;
  const engine = loadEngine();
  let parsed;
  try {
    parsed = await (parser ?? engine.parse)(grammar, text);
  } catch (err) {
    // No grammar (e.g. the WASM file is missing from a broken install): the regex pass still runs.
    return { findings: regexFindings(path, text, disabled), linesOnly: `the ${grammar} parser could not run (${err instanceof Error ? err.message : String(err)}); only the line checks ran` };
  }
  const r = engine.engineFindings(parsed, lang, path, text, disabled, imported);
  const report: ScanReport = { findings: r.findings.sort(byLine), ...(r.partial ? { partial: r.partial } : {}) };
  if (key) rememberScan(key, report);
  return report;
}

/** Which parameters of a file's named functions reach a shell (or other summarising) sink; none when it cannot be parsed. */
export async function scanSummaries(path: string, text: string, disabled: string[] = [], imported: DerivedSink[] = []): Promise<ParamSummary[]> {
  const lang = guardLanguageOf(path);
  const grammar = grammarOf(path);
  if (!lang || !grammar || text.length > MAX_PARSED_CHARS) return [];
  const engine = loadEngine();
  try {
    return engine.engineSummaries(await engine.parse(grammar, text), lang, path, text, disabled, imported);
  } catch {
    return [];
  }
}

/** The 1-based line numbers, in the new text, of the lines a change adds. */
export function addedLines(oldText: string, newText: string): Set<number> {
  const out = new Set<number>();
  for (const h of structuredPatch('a', 'b', oldText, newText, undefined, undefined, { context: 0 }).hunks) {
    let line = h.newStart;
    for (const l of h.lines) {
      if (l.startsWith('+')) out.add(line++);
      else if (!l.startsWith('-') && !l.startsWith('\\')) line++;
    }
  }
  return out;
}

/** Findings on the lines a change adds, from a scan of its whole new text. */
export async function scanChange(change: ProposedChange, disabled: string[] = []): Promise<Finding[]> {
  if (change.kind === 'delete' || change.newText === undefined) return [];
  const path = change.newPath ?? change.path;
  const all = await scanText(path, change.newText, disabled);
  if (change.kind === 'create' || change.oldText === undefined) return all;
  const added = addedLines(change.oldText, change.newText);
  return all.filter((f) => added.has(f.line));
}

/** Adds an external scanner's findings, dropping those that repeat one of ours (same file, line and CWE). */
export function mergeFindings(ours: Finding[], theirs: Finding[]): Finding[] {
  const seen = new Set(ours.map((f) => `${f.path}:${f.line}:${f.cwe}`));
  return [...ours, ...theirs.filter((f) => !f.cwe || !seen.has(`${f.path}:${f.line}:${f.cwe}`))];
}

/** Every built-in rule, for the CLI's listing and SARIF rule descriptors. */
export function ruleDescriptors(): RuleDescriptor[] {
  return RULES.map(({ id, cwe, severity, message, fix, languages }) => ({ id, cwe, severity, message, fix, languages: [...languages] }));
}

/** What the model is told, so it can fix the findings itself. */
export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `- ${f.path}:${f.line} [${f.severity}] ${f.ruleId} (${f.cwe}): ${f.message} Fix: ${f.fix}`).join('\n');
}
