// Measures the guard against the annotated corpus in test/fixtures/guard-corpus: recall on the lines
// marked `tandem-expect: CWE-N` and false positives on the lines marked `tandem-ok: CWE-N`, per CWE
// class and language, printed as Markdown tables (or JSON). It is a measurement, so it exits 0 unless
// --min-recall / --max-fp are given and not met (1), or the arguments or the corpus are bad (2).
//
//   npx tsx scripts/guard-corpus.ts [--json] [--by-rule] [--by-source] [--misses] [--min-recall N] [--max-fp N] [--corpus DIR]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { groupSums } from './guard-corpus-groups';

export type CorpusLanguage = 'JavaScript' | 'TypeScript' | 'Python' | 'Java';
export const LANGUAGES: CorpusLanguage[] = ['JavaScript', 'TypeScript', 'Python', 'Java'];

/** The subset of a guard finding the scorer needs (src/core/guard/finding.ts has the full shape). */
export interface ScoredFinding {
  ruleId: string;
  cwe: string;
  line: number;
  message?: string;
}

export interface Annotation {
  /** 1-based line that the annotation is about: the first non-annotation line below the comment. */
  line: number;
  /** 1-based line of the annotation comment itself (for error messages). */
  commentLine: number;
  kind: 'expect' | 'ok';
  /** Canonical class, e.g. CWE-89, CWE-94/95. */
  cls: string;
}

export function languageOfCorpusFile(path: string): CorpusLanguage | undefined {
  if (/\.(?:js|mjs|cjs|jsx)$/i.test(path)) return 'JavaScript';
  if (/\.(?:ts|mts|cts|tsx)$/i.test(path)) return 'TypeScript';
  if (/\.py$/i.test(path)) return 'Python';
  if (/\.java$/i.test(path)) return 'Java';
  return undefined;
}

/**
 * The class a CWE id is scored in. CWE-94 (code injection) and CWE-95 (eval injection) are one class; a finding
 * that names a more specific child of a corpus class counts for that class, so an engine is not marked wrong for
 * being precise: CWE-259 (hard-coded password) and CWE-321 (hard-coded key) are CWE-798, CWE-23 and CWE-36
 * (relative and absolute traversal) are CWE-22, CWE-297 (host name not checked) is CWE-295, CWE-564 (SQL
 * injection through Hibernate) is CWE-89.
 */
const CHILD_OF: Record<string, string> = { '94': 'CWE-94/95', '95': 'CWE-94/95', '259': 'CWE-798', '321': 'CWE-798', '23': 'CWE-22', '36': 'CWE-22', '297': 'CWE-295', '564': 'CWE-89' };

export function cweClass(cwe: string): string {
  const m = /^CWE-?(\d+)$/i.exec(cwe.trim());
  if (!m) return cwe.trim();
  return CHILD_OF[m[1]] ?? `CWE-${m[1]}`;
}

const ANNOTATION = /^\s*(?:\/\/|#)\s*tandem-(expect|ok)\s*:\s*(.*?)\s*$/;
const LOOSE_ANNOTATION = /^\s*(?:\/\/|#|\/\*|\*)\s*tandem-/;

/**
 * Reads the `tandem-expect:` / `tandem-ok:` comment lines of one file. Several annotation lines in a row
 * all apply to the first line below them that is not an annotation. Throws a sentence naming the
 * line when an annotation is malformed or has no code line below it.
 */
export function parseAnnotations(path: string, text: string): Annotation[] {
  const lines = text.split(/\r?\n/);
  const out: Annotation[] = [];
  let pending: Omit<Annotation, 'line'>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = ANNOTATION.exec(lines[i]);
    if (!m) {
      if (LOOSE_ANNOTATION.test(lines[i])) {
        throw new Error(`${path}:${i + 1}: this looks like an annotation but is not one; write "// tandem-expect: CWE-89" or "# tandem-ok: CWE-78" (// or #, a colon, then CWE ids separated by commas).`);
      }
      if (pending.length > 0) {
        if (lines[i].trim() === '') {
          throw new Error(`${path}:${i + 1}: the annotation on line ${pending[0].commentLine} is followed by a blank line; put it directly above the line it is about.`);
        }
        out.push(...pending.map((p) => ({ ...p, line: i + 1 })));
        pending = [];
      }
      continue;
    }
    const ids = m[2].split(/[\s,]+/).filter((s) => s !== '');
    if (ids.length === 0 || ids.some((id) => !/^CWE-\d+$/.test(id))) {
      throw new Error(`${path}:${i + 1}: "${m[2]}" is not a list of CWE ids; write e.g. "tandem-${m[1]}: CWE-89" or "tandem-${m[1]}: CWE-89, CWE-78".`);
    }
    for (const id of ids) pending.push({ commentLine: i + 1, kind: m[1] as 'expect' | 'ok', cls: cweClass(id) });
  }
  if (pending.length > 0) {
    throw new Error(`${path}:${pending[0].commentLine}: the annotation is at the end of the file; put it directly above the line it is about.`);
  }
  return out;
}

export interface Cell {
  vulnerable: number;
  found: number;
  safe: number;
  flagged: number;
}

export interface FileScore {
  path: string;
  language: CorpusLanguage;
  /** The first folder under the corpus root: where the file comes from (e.g. `tandem`, `eslint-plugin-security`). */
  source: string;
  /** Annotated lines, keyed `${kind}|${cls}`, with whether the guard got them right. */
  results: Array<{ line: number; kind: 'expect' | 'ok'; cls: string; hit: boolean; ruleIds: string[] }>;
  /** Findings on lines (or of classes) that no annotation speaks about. */
  other: ScoredFinding[];
  findings: ScoredFinding[];
}

/** Scores one file: a `tandem-expect` line is found when a finding of its class is on it; a `tandem-ok` line is a false positive when one is. */
export function scoreFile(path: string, language: CorpusLanguage, annotations: Annotation[], findings: ScoredFinding[], source = ''): FileScore {
  const at = (line: number, cls: string) => findings.filter((f) => f.line === line && cweClass(f.cwe) === cls);
  const results = annotations.map((a) => {
    const hits = at(a.line, a.cls);
    return { line: a.line, kind: a.kind, cls: a.cls, hit: hits.length > 0, ruleIds: [...new Set(hits.map((f) => f.ruleId))] };
  });
  const spoken = new Set(annotations.map((a) => `${a.line}|${a.cls}`));
  const other = findings.filter((f) => !spoken.has(`${f.line}|${cweClass(f.cwe)}`));
  return { path, language, source, results, other, findings };
}

export interface Totals {
  /** cls -> language -> cell */
  cells: Map<string, Map<CorpusLanguage, Cell>>;
  otherFindings: Map<string, number>;
  byRule: Map<string, { total: number; onExpected: number; onSafe: number; other: number }>;
  bySource: Map<string, Cell>;
}

function emptyCell(): Cell {
  return { vulnerable: 0, found: 0, safe: 0, flagged: 0 };
}

function addCell(a: Cell, b: Cell): Cell {
  return { vulnerable: a.vulnerable + b.vulnerable, found: a.found + b.found, safe: a.safe + b.safe, flagged: a.flagged + b.flagged };
}

export function totalsOf(files: FileScore[]): Totals {
  const cells = new Map<string, Map<CorpusLanguage, Cell>>();
  const otherFindings = new Map<string, number>();
  const byRule: Totals['byRule'] = new Map();
  const bySource = new Map<string, Cell>();
  const rule = (id: string) => {
    let r = byRule.get(id);
    if (!r) byRule.set(id, (r = { total: 0, onExpected: 0, onSafe: 0, other: 0 }));
    return r;
  };
  for (const f of files) {
    for (const r of f.results) {
      let row = cells.get(r.cls);
      if (!row) cells.set(r.cls, (row = new Map()));
      const c = row.get(f.language) ?? emptyCell();
      if (r.kind === 'expect') {
        c.vulnerable++;
        if (r.hit) c.found++;
      } else {
        c.safe++;
        if (r.hit) c.flagged++;
      }
      row.set(f.language, c);
      const src = bySource.get(f.source) ?? emptyCell();
      const one = r.kind === 'expect' ? { vulnerable: 1, found: r.hit ? 1 : 0, safe: 0, flagged: 0 } : { vulnerable: 0, found: 0, safe: 1, flagged: r.hit ? 1 : 0 };
      bySource.set(f.source, addCell(src, one));
    }
    const kindAt = new Map(f.results.map((r) => [`${r.line}|${r.cls}`, r.kind]));
    for (const x of f.findings) {
      const r = rule(x.ruleId);
      r.total++;
      const kind = kindAt.get(`${x.line}|${cweClass(x.cwe)}`);
      if (kind === 'expect') r.onExpected++;
      else if (kind === 'ok') r.onSafe++;
      else r.other++;
    }
    for (const x of f.other) otherFindings.set(cweClass(x.cwe), (otherFindings.get(cweClass(x.cwe)) ?? 0) + 1);
  }
  return { cells, otherFindings, byRule, bySource };
}

export function pct(num: number, den: number): string {
  return den === 0 ? '–' : `${((100 * num) / den).toFixed(1)}%`;
}

function classOrder(a: string, b: string): number {
  const n = (s: string) => Number(/\d+/.exec(s)?.[0] ?? 1e9);
  return n(a) - n(b) || a.localeCompare(b);
}

export function overall(t: Totals): Cell {
  let sum = emptyCell();
  for (const row of t.cells.values()) for (const c of row.values()) sum = addCell(sum, c);
  return sum;
}

/** The Markdown table: one row per class × language, a total row per class, per language and overall. */
export function renderTable(t: Totals): string {
  const head = '| CWE class | Language | Vulnerable lines | Found | Recall | Safe lines | Flagged | FP rate |\n|---|---|---:|---:|---:|---:|---:|---:|';
  const row = (cls: string, lang: string, c: Cell) =>
    `| ${cls} | ${lang} | ${c.vulnerable} | ${c.found} | ${pct(c.found, c.vulnerable)} | ${c.safe} | ${c.flagged} | ${pct(c.flagged, c.safe)} |`;
  const out = [head];
  const perLang = new Map<CorpusLanguage, Cell>();
  for (const cls of [...t.cells.keys()].sort(classOrder)) {
    const cellsOf = t.cells.get(cls)!;
    let sum = emptyCell();
    for (const lang of LANGUAGES) {
      const c = cellsOf.get(lang);
      if (!c) continue;
      out.push(row(cls, lang, c));
      sum = addCell(sum, c);
      perLang.set(lang, addCell(perLang.get(lang) ?? emptyCell(), c));
    }
    out.push(row(`**${cls}**`, '**all**', sum));
  }
  for (const lang of LANGUAGES) {
    const c = perLang.get(lang);
    if (c) out.push(row('**all**', `**${lang}**`, c));
  }
  out.push(row('**overall**', '**all**', overall(t)));
  return out.join('\n');
}

export function renderByRule(t: Totals): string {
  const out = ['| Rule id | Findings | On vulnerable lines | On safe lines | Elsewhere |', '|---|---:|---:|---:|---:|'];
  for (const [id, r] of [...t.byRule.entries()].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))) {
    out.push(`| ${id} | ${r.total} | ${r.onExpected} | ${r.onSafe} | ${r.other} |`);
  }
  return out.join('\n');
}

export function renderBySource(t: Totals): string {
  const out = ['| Source | Vulnerable lines | Found | Recall | Safe lines | Flagged | FP rate |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const [source, c] of [...t.bySource.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    out.push(`| ${source} | ${c.vulnerable} | ${c.found} | ${pct(c.found, c.vulnerable)} | ${c.safe} | ${c.flagged} | ${pct(c.flagged, c.safe)} |`);
  }
  for (const [g, c] of groupSums(t.bySource)) out.push(`| **${g}** | ${c.vulnerable} | ${c.found} | ${pct(c.found, c.vulnerable)} | ${c.safe} | ${c.flagged} | ${pct(c.flagged, c.safe)} |`);
  return out.join('\n');
}

export function renderMisses(files: FileScore[], lineText: (path: string, line: number) => string): string {
  const missed: string[] = [];
  const flagged: string[] = [];
  for (const f of files) {
    for (const r of f.results) {
      const where = `${f.path}:${r.line}  ${r.cls}  ${lineText(f.path, r.line).trim().slice(0, 120)}`;
      if (r.kind === 'expect' && !r.hit) missed.push(`- ${where}`);
      if (r.kind === 'ok' && r.hit) flagged.push(`- ${where}  (${r.ruleIds.join(', ')})`);
    }
  }
  return [`### Missed vulnerable lines (${missed.length})`, '', ...missed, '', `### Flagged safe lines (${flagged.length})`, '', ...flagged].join('\n');
}

/** Every scannable file under the corpus folder (README, licences and other files are skipped). */
export function corpusFiles(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`there is no corpus folder at ${root}; run the script from the repository root or pass --corpus DIR.`);
  }
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (languageOfCorpusFile(name)) out.push(p);
    }
  };
  walk(root);
  return out;
}

export interface Options {
  json: boolean;
  byRule: boolean;
  bySource: boolean;
  misses: boolean;
  minRecall?: number;
  maxFp?: number;
  corpus: string;
}

export function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, byRule: false, bySource: false, misses: false, corpus: join('test', 'fixtures', 'guard-corpus') };
  const num = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
      throw new Error(`${flag} needs a percentage from 0 to 100, e.g. ${flag} 80.`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--by-rule') o.byRule = true;
    else if (a === '--by-source') o.bySource = true;
    else if (a === '--misses') o.misses = true;
    else if (a === '--min-recall') o.minRecall = num(a, argv[++i]);
    else if (a === '--max-fp') o.maxFp = num(a, argv[++i]);
    else if (a === '--corpus') {
      const v = argv[++i];
      if (!v) throw new Error('--corpus needs a folder, e.g. --corpus test/fixtures/guard-corpus.');
      o.corpus = v;
    } else throw new Error(`Unknown option "${a}". Use --json, --by-rule, --by-source, --misses, --min-recall N, --max-fp N or --corpus DIR.`);
  }
  return o;
}

export type Scanner = (path: string, text: string) => ScoredFinding[] | Promise<ScoredFinding[]>;

/** Scans every corpus file with `scan` and scores it. Paths are relative to `cwd` with forward slashes. */
export async function measure(root: string, scan: Scanner, cwd = process.cwd()): Promise<{ files: FileScore[]; texts: Map<string, string> }> {
  const files: FileScore[] = [];
  const texts = new Map<string, string>();
  for (const abs of corpusFiles(root)) {
    const rel = relative(cwd, abs).split(sep).join('/');
    const text = readFileSync(abs, 'utf8');
    texts.set(rel, text);
    const annotations = parseAnnotations(rel, text);
    const findings = await scan(rel, text);
    const source = relative(root, abs).split(sep)[0];
    files.push(scoreFile(rel, languageOfCorpusFile(rel)!, annotations, findings, source));
  }
  return { files, texts };
}

function toJson(files: FileScore[], t: Totals) {
  const cells: Array<Cell & { cls: string; language: string }> = [];
  for (const [cls, row] of t.cells) for (const [language, c] of row) cells.push({ cls, language, ...c });
  const o = overall(t);
  return {
    overall: { ...o, recall: o.vulnerable ? o.found / o.vulnerable : null, fpRate: o.safe ? o.flagged / o.safe : null },
    cells,
    byRule: Object.fromEntries(t.byRule),
    bySource: Object.fromEntries(t.bySource),
    otherFindings: Object.fromEntries(t.otherFindings),
    misses: files.flatMap((f) => f.results.filter((r) => r.kind === 'expect' && !r.hit).map((r) => ({ path: f.path, line: r.line, cls: r.cls }))),
    falsePositives: files.flatMap((f) => f.results.filter((r) => r.kind === 'ok' && r.hit).map((r) => ({ path: f.path, line: r.line, cls: r.cls, ruleIds: r.ruleIds }))),
  };
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const PROCESS_IO: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function main(argv: string[], scan: Scanner, io: Io = PROCESS_IO): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(argv);
  } catch (e) {
    io.err(`${(e as Error).message}\n`);
    return 2;
  }
  let result: Awaited<ReturnType<typeof measure>>;
  try {
    result = await measure(o.corpus, scan);
  } catch (e) {
    io.err(`The corpus could not be measured: ${(e as Error).message}\n`);
    return 2;
  }
  const t = totalsOf(result.files);
  const o2 = overall(t);
  if (o.json) {
    io.out(`${JSON.stringify(toJson(result.files, t), null, 2)}\n`);
  } else {
    const parts = [`## Guard corpus: ${result.files.length} files, ${o2.vulnerable} vulnerable and ${o2.safe} safe lines`, '', renderTable(t)];
    const other = [...t.otherFindings.entries()].sort((a, b) => classOrder(a[0], b[0]));
    parts.push('', `Other findings (on lines no annotation speaks about, informational): ${other.length ? other.map(([c, n]) => `${c} ${n}`).join(', ') : 'none'}`);
    if (o.bySource) parts.push('', '### Per source', '', renderBySource(t));
    if (o.byRule) parts.push('', '### Findings per rule', '', renderByRule(t));
    if (o.misses) {
      const lineText = (p: string, l: number) => result.texts.get(p)?.split(/\r?\n/)[l - 1] ?? '';
      parts.push('', renderMisses(result.files, lineText));
    }
    io.out(`${parts.join('\n')}\n`);
  }
  const recall = o2.vulnerable ? (100 * o2.found) / o2.vulnerable : 0;
  const fp = o2.safe ? (100 * o2.flagged) / o2.safe : 0;
  let code = 0;
  if (o.minRecall !== undefined && recall < o.minRecall) {
    io.err(`Recall ${recall.toFixed(1)}% is below the required ${o.minRecall}%.\n`);
    code = 1;
  }
  if (o.maxFp !== undefined && fp > o.maxFp) {
    io.err(`False-positive rate ${fp.toFixed(1)}% is above the allowed ${o.maxFp}%.\n`);
    code = 1;
  }
  return code;
}

/**
 * Reads a corpus file's relative import for the cross-file scan: only files of the corpus (a source's
 * files keep their package's layout where they import each other, e.g. `devcert/…/1.1.0/src/`).
 */
export function corpusReader(cwd = process.cwd()): (rel: string) => Promise<string | undefined> {
  return async (rel) => {
    const abs = join(cwd, rel);
    return rel.startsWith('test/fixtures/guard-corpus/') && existsSync(abs) && statSync(abs).isFile() ? readFileSync(abs, 'utf8') : undefined;
  };
}

if (require.main === module) {
  // Loaded here, not at the top, so the unit test can import the scorer without the engine.
  import('../src/core/guard/importedHelpers').then(async ({ scanTextWithImports }) => {
    const cache = new Map();
    const read = corpusReader();
    process.exitCode = await main(process.argv.slice(2), (p, text) => scanTextWithImports(p, text, read, [], cache));
  });
}
