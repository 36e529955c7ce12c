// Scores `tandem guard` on the OWASP Benchmark for Java v1.2 with the Benchmark's own rules and prints it
// beside the published scorecards of other tools (FindSecBugs, Sonar, PMD, the anonymised commercial
// SAST-01…06 of v1.1). Test data only: the corpus is read from outside the repository and never shipped.
//
//   npx tsx scripts/owasp-benchmark.ts [--corpus DIR] [--tarball FILE] [--cli dist/cli.js] [--sarif FILE] [--json] [--misses CATEGORY]
//
// Scoring (BenchmarkUtils): a test is flagged when a finding in its file carries the test's CWE; per
// category TPR = TP/(TP+FN) and FPR = FP/(FP+TN); the score is the mean over the 11 categories of TPR − FPR.
// The held-out ("blind") part is every test whose number ends in 7: it was measured before any rule was
// changed for the Benchmark, and its misses are not to be read when rules are written.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

export interface TruthRow {
  test: string;
  category: string;
  real: boolean;
  cwe: string;
}

export interface CategoryScore {
  category: string;
  cwe: string;
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  tpr: number;
  fpr: number;
  score: number;
}

export interface Score {
  categories: CategoryScore[];
  /** Mean over the categories of TPR − FPR, in percent. */
  score: number;
  tests: number;
}

const ROOT = resolve(__dirname, '..');
const TARBALL = 'owasp-benchmark-java-1.2.tar.gz';
const TESTCODE = 'src/main/java/org/owasp/benchmark/testcode';

/** The part held out before any rule was changed for the Benchmark: tests whose number ends in 7. */
export const isBlind = (test: string): boolean => /7$/.test(test);

/**
 * The Benchmark CWE a finding's CWE is scored as: a more specific child counts for its parent class, as
 * BenchmarkUtils' tool readers do (CWE-338, a cryptographically weak PRNG, is a kind of CWE-330; CWE-23 and
 * CWE-36 are kinds of CWE-22; CWE-564, SQL injection through Hibernate, of CWE-89).
 */
const PARENT: Record<string, string> = { '338': '330', '23': '22', '36': '22', '564': '89' };
export const benchmarkCwe = (cwe: string): string => {
  const n = /(\d+)/.exec(cwe)?.[1] ?? cwe;
  return PARENT[n] ?? n;
};

export function readTruth(csv: string): TruthRow[] {
  const rows: TruthRow[] = [];
  for (const line of csv.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [test, category, real, cwe] = line.split(',').map((s) => s.trim());
    rows.push({ test, category, real: real === 'true', cwe });
  }
  return rows;
}

/** A published scorecard: test → flagged by that tool, with the test's category and truth (v1.1 has other tests). */
export function readScorecard(csv: string): { truth: TruthRow[]; flagged: Set<string> } {
  const truth: TruthRow[] = [];
  const flagged = new Set<string>();
  for (const line of csv.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [test, category, cwe, real, identified] = line.split(',').map((s) => s.trim());
    truth.push({ test, category, real: real === 'true', cwe });
    if (identified === 'true') flagged.add(test);
  }
  return { truth, flagged };
}

export function score(truth: TruthRow[], flagged: Set<string>): Score {
  const by = new Map<string, CategoryScore>();
  for (const t of truth) {
    let c = by.get(t.category);
    if (!c) by.set(t.category, (c = { category: t.category, cwe: t.cwe, tp: 0, fn: 0, fp: 0, tn: 0, tpr: 0, fpr: 0, score: 0 }));
    const hit = flagged.has(t.test);
    if (t.real && hit) c.tp++;
    else if (t.real) c.fn++;
    else if (hit) c.fp++;
    else c.tn++;
  }
  const categories = [...by.values()].sort((a, b) => a.category.localeCompare(b.category));
  for (const c of categories) {
    c.tpr = c.tp + c.fn ? (100 * c.tp) / (c.tp + c.fn) : 0;
    c.fpr = c.fp + c.tn ? (100 * c.fp) / (c.fp + c.tn) : 0;
    c.score = c.tpr - c.fpr;
  }
  const mean = categories.length ? categories.reduce((s, c) => s + c.score, 0) / categories.length : 0;
  return { categories, score: mean, tests: truth.length };
}

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules?: Array<{ id: string; properties?: { tags?: string[] } }> } };
    results?: Array<{ ruleId: string; locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }> }>;
  }>;
}

/** The tests flagged by a SARIF log: a result in BenchmarkTestNNNNN.java whose rule's CWE is the test's. */
export function flaggedBySarif(sarif: SarifLog, truth: TruthRow[]): Set<string> {
  const cweOf = new Map<string, string[]>();
  const found = new Map<string, Set<string>>();
  for (const run of sarif.runs) {
    for (const r of run.tool.driver.rules ?? []) {
      cweOf.set(r.id, (r.properties?.tags ?? []).filter((t) => /^external\/cwe\/cwe-\d+$/i.test(t)).map((t) => benchmarkCwe(t)));
    }
    for (const res of run.results ?? []) {
      for (const loc of res.locations ?? []) {
        const test = /(BenchmarkTest\d+)\.java$/.exec(loc.physicalLocation?.artifactLocation?.uri ?? '')?.[1];
        if (!test) continue;
        let s = found.get(test);
        if (!s) found.set(test, (s = new Set()));
        for (const c of cweOf.get(res.ruleId) ?? []) s.add(c);
      }
    }
  }
  return new Set(truth.filter((t) => found.get(t.test)?.has(t.cwe)).map((t) => t.test));
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The extracted corpus: --corpus, else the tarball (--tarball, or ../shared/corpora beside the checkout) extracted into a cache dir outside git. */
export function corpusDir(args: string[]): string {
  const given = arg(args, '--corpus');
  if (given) return resolve(given);
  const tarball = arg(args, '--tarball') ?? [join(ROOT, '..', 'shared', 'corpora', TARBALL), join(ROOT, '..', '..', 'shared', 'corpora', TARBALL)].find((p) => existsSync(p));
  if (!tarball || !existsSync(tarball)) throw new Error(`The Benchmark was not found: pass --corpus DIR (the extracted ${TARBALL}) or --tarball FILE.`);
  const cache = join(process.env.XDG_CACHE_HOME ?? join(tmpdir(), 'tandem-cache'), 'owasp-benchmark-java-1.2');
  const dir = join(cache, 'owasp-benchmark-java-1.2');
  if (!existsSync(join(dir, 'expectedresults-1.2.csv'))) {
    mkdirSync(cache, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', cache]);
  }
  return dir;
}

function scan(cli: string, corpus: string): { sarif: SarifLog; seconds: number; files: number } {
  if (!existsSync(cli)) execFileSync(process.execPath, [join(ROOT, 'esbuild.config.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'guard', '--format', 'sarif', '--fail-on', 'none', 'src/main/java'], { cwd: corpus, maxBuffer: 1 << 30, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`tandem guard exited ${r.status}: ${r.stderr}`);
  const files = readdirSync(join(corpus, TESTCODE)).filter((f) => f.endsWith('.java')).length;
  return { sarif: JSON.parse(r.stdout) as SarifLog, seconds, files };
}

const pct = (n: number) => n.toFixed(1);

function table(rows: Array<{ name: string; whole: Score; blind?: Score }>, categories: string[]): string {
  const head = `| tool | score | blind (…7) | ${categories.join(' | ')} |\n| --- | ---: | ---: | ${categories.map(() => '---:').join(' | ')} |`;
  const body = rows.map((r) => {
    const cells = categories.map((c) => {
      const s = r.whole.categories.find((x) => x.category === c);
      return s ? `${pct(s.tpr)}/${pct(s.fpr)}` : '–';
    });
    return `| ${r.name} | ${pct(r.whole.score)} | ${r.blind ? pct(r.blind.score) : '–'} | ${cells.join(' | ')} |`;
  });
  return [head, ...body].join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const corpus = corpusDir(args);
  const truth = readTruth(readFileSync(join(corpus, 'expectedresults-1.2.csv'), 'utf8'));
  const blindTruth = truth.filter((t) => isBlind(t.test));
  const sarifFile = arg(args, '--sarif');
  let sarif: SarifLog;
  let timing = '';
  if (sarifFile) sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as SarifLog;
  else {
    const r = scan(resolve(arg(args, '--cli') ?? join(ROOT, 'dist', 'cli.js')), corpus);
    sarif = r.sarif;
    timing = `tandem guard over src/main/java (${r.files} test files and the helpers): ${r.seconds.toFixed(1)} s`;
  }
  const flagged = flaggedBySarif(sarif, truth);
  const ours = { name: '**Tandem**', whole: score(truth, flagged), blind: score(blindTruth, flagged) };
  const rows: Array<{ name: string; whole: Score; blind?: Score }> = [ours];
  const cards = join(corpus, 'scorecard');
  for (const f of existsSync(cards) ? readdirSync(cards).sort() : []) {
    const m = /^Benchmark_v(1\.\d)_Scorecard_for_(.+)\.csv$/.exec(f);
    if (!m || !statSync(join(cards, f)).isFile()) continue;
    const card = readScorecard(readFileSync(join(cards, f), 'utf8'));
    const name = `${m[2].replace(/_/g, ' ')}${m[1] === '1.1' ? ' (v1.1)' : ''}`;
    rows.push({ name, whole: score(card.truth, card.flagged), blind: m[1] === '1.2' ? score(card.truth.filter((t) => isBlind(t.test)), card.flagged) : undefined });
  }
  const sast = rows.filter((r) => /^SAST-/.test(r.name));
  if (args.includes('--json')) {
    console.log(JSON.stringify({ tandem: ours, others: rows.slice(1), timing }, null, 2));
    return;
  }
  const miss = arg(args, '--misses');
  if (miss) {
    // Only the tuning part: the blind part's misses are not to be read while rules are written.
    for (const t of truth) {
      if (t.category !== miss || isBlind(t.test)) continue;
      const hit = flagged.has(t.test);
      if (t.real !== hit) console.log(`${t.real ? 'FN' : 'FP'} ${t.test}`);
    }
    return;
  }
  const categories = ours.whole.categories.map((c) => c.category);
  console.log(`OWASP Benchmark for Java v1.2 — ${truth.length} tests, blind part ${blindTruth.length} (tests ending in 7). Cells: TPR/FPR %.\n`);
  console.log(table(rows, categories));
  if (sast.length) console.log(`\nCommercial SAST-01…06 (v1.1 scorecards): mean score ${pct(sast.reduce((s, r) => s + r.whole.score, 0) / sast.length)}.`);
  console.log(`\nTandem: whole ${pct(ours.whole.score)}, blind ${pct(ours.blind.score)}, tuning part ${pct(score(truth.filter((t) => !isBlind(t.test)), flagged).score)}; highest FPR ${pct(Math.max(...ours.whole.categories.map((c) => c.fpr)))}%.`);
  if (timing) console.log(timing);
  console.log(`corpus: ${corpus} (${basename(dirname(corpus))})`);
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}
