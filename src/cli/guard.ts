// `tandem guard`: the guard as a CI scanner. Parses the options, collects the files (guardFiles.ts),
// scans each whole file with core's scanText (the engine the editor uses), writes a text, JSON or
// SARIF report and maps the findings onto the exit code. Loaded only when the `guard` command runs,
// so `tandem exec` does not pay for the scanner.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildSarif, type SarifNotification } from '../core/guard/sarif';
import { scanReportWithImports, type ReadImport, type SummaryCache } from '../core/guard/importedHelpers';
import { ruleDescriptors, type Finding } from '../core/guard/scan';
import { secretFileFindings } from '../core/guard/secretFiles';
import pkg from '../../package.json';
import { GUARD_HELP, parseGuardArgs, type GuardOptions } from './guardArgs';
import { collectFiles, PathError, readSource, type ReadFile, type Skipped } from './guardFiles';
import { jsonReport, partSentence, printable, summarise, summaryLine, textReport, type PartScan } from './guardReport';
import type { Writable } from './render';

export interface GuardIo {
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  /** Reads a file's bytes (tests inject failures; the CLI reads the disk). */
  readFile?: ReadFile;
  /** The scanner (default: core's scanTextWithImports over the files of the scan; tests inject one that fails). */
  scan?: (path: string, text: string, disabled?: string[]) => Finding[] | Promise<Finding[]>;
}

const EXIT = { clean: 0, findings: 1, badArgs: 2 } as const;

function listRules(io: GuardIo): number {
  for (const r of ruleDescriptors()) io.stdout.write(`${r.id}\t${r.cwe}\t${r.severity}\t${r.languages.join(',') || 'all'}\t${r.message}\n`);
  return EXIT.clean;
}

async function scanRoot(io: GuardIo): Promise<string | undefined> {
  try {
    const real = await fs.realpath(io.cwd);
    return (await fs.stat(real)).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** The files that were meant to be scanned and were not: said on stderr and in SARIF, never dropped. */
function problems(skipped: Skipped[]): SarifNotification[] {
  // Secret files, symlinks, binary and huge files are skipped by design and only counted.
  return skipped.flatMap((s): SarifNotification[] => {
    if (s.reason === 'unreadable') return [{ level: 'warning', path: s.path, message: `Could not read ${printable(s.path)} (${printable(s.detail ?? 'unknown error')}); it was not scanned.` }];
    if (s.reason === 'scanFailed') return [{ level: 'error', path: s.path, message: `The scanner failed on ${printable(s.path)} (${printable(s.detail ?? 'unknown error')}); its findings are missing. Please report this with the file if you can.` }];
    return [];
  });
}

interface Scanned {
  findings: Finding[];
  skipped: Skipped[];
  scanned: number;
  part: PartScan[];
  /** Of `scanned`, secret-class files checked for secrets only. */
  secretFiles: number;
}

async function scanAll(root: string, files: string[], secretFiles: ReadonlySet<string>, raw: Map<string, Buffer>, o: GuardOptions, io: GuardIo): Promise<Scanned> {
  const findings: Finding[] = [];
  const skipped: Skipped[] = [];
  const part: PartScan[] = [];
  let scanned = 0;
  // Helpers imported from the other files of this scan are sinks at their call sites (cross-file summaries).
  const inScan = new Set(files.filter((f) => !secretFiles.has(f)));
  const readImport: ReadImport = async (rel) => {
    if (!inScan.has(rel)) return undefined;
    const s = await readSource(root, rel, io.readFile, raw.get(rel));
    return 'text' in s ? s.text : undefined;
  };
  const cache: SummaryCache = new Map();
  for (const rel of files) {
    const source = await readSource(root, rel, io.readFile, raw.get(rel));
    if (!('text' in source)) {
      skipped.push(source);
      continue;
    }
    try {
      // A secret-class file is checked for secrets only, and no value of it is ever put in a finding.
      const r = secretFiles.has(rel) ? { findings: secretFileFindings(rel, source.text, o.disabled) } : io.scan ? { findings: await io.scan(rel, source.text, o.disabled) } : await scanReportWithImports(rel, source.text, readImport, o.disabled, cache);
      findings.push(...r.findings);
      if (r.partial) part.push({ path: rel, kind: 'partial', reason: r.partial });
      else if (r.linesOnly) part.push({ path: rel, kind: 'linesOnly', reason: r.linesOnly });
      scanned++;
    } catch (err) {
      skipped.push({ path: rel, reason: 'scanFailed', detail: err instanceof Error ? err.message : String(err) });
    }
  }
  return { findings, skipped, scanned, part, secretFiles: [...secretFiles].filter((f) => !skipped.some((k) => k.path === f)).length };
}

function render(o: GuardOptions, root: string, run: Scanned, rawPaths: Map<string, Buffer>): string {
  const { findings, skipped, scanned, part } = run;
  const summary = summarise(findings, scanned, skipped, o.failOn, part, run.secretFiles);
  if (o.format === 'text') return textReport(findings, summary, part);
  if (o.format === 'json') return jsonReport(findings, summary, skipped, part);
  const sarif = buildSarif(findings, ruleDescriptors(), {
    tool: { name: 'Tandem Guard', version: pkg.version, informationUri: pkg.repository.url },
    root,
    notifications: [...problems(skipped), ...part.map((p): SarifNotification => ({ level: 'note', path: p.path, message: partSentence(p) }))],
    rawPaths,
  });
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export async function runGuard(argv: string[], io: GuardIo): Promise<number> {
  const parsed = parseGuardArgs(argv, io.cwd);
  if (parsed.kind === 'help') {
    io.stdout.write(GUARD_HELP);
    return EXIT.clean;
  }
  if (parsed.kind === 'error') {
    io.stderr.write(`error: ${parsed.message}\n`);
    return EXIT.badArgs;
  }
  const o = parsed.options;
  if (o.listRules) return listRules(io);
  const known = new Set(ruleDescriptors().map((r) => r.id));
  const unknown = o.disabled.filter((id) => !known.has(id));
  if (unknown.length) {
    io.stderr.write(`error: --disable names no rule: ${unknown.join(', ')}. See tandem guard --list-rules for the rule ids.\n`);
    return EXIT.badArgs;
  }
  const root = await scanRoot({ ...io, cwd: path.resolve(io.cwd, o.cwd) });
  if (!root) {
    io.stderr.write(`error: --cwd ${o.cwd} is not a folder that exists.\n`);
    return EXIT.badArgs;
  }
  let collected;
  try {
    collected = await collectFiles(root, o.paths);
  } catch (err) {
    if (!(err instanceof PathError)) throw err;
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT.badArgs;
  }
  // A report from an earlier run is not source: do not scan it (it quotes the lines it flagged).
  const outputRel = o.output ? path.relative(root, path.resolve(root, o.output)).split(path.sep).join('/') : undefined;
  const files = collected.files.filter((f) => f !== outputRel);
  const secretFiles = new Set(collected.secretFiles.filter((f) => files.includes(f)));
  const run = await scanAll(root, files, secretFiles, collected.raw, o, io);
  const skipped = [...collected.skipped, ...run.skipped];
  const { findings, scanned, part } = run;
  for (const p of problems(skipped)) io.stderr.write(`${p.level}: ${p.message}\n`);
  for (const dir of collected.allIgnored) io.stderr.write(`note: Everything in ${printable(dir)} is ignored (.gitignore), so nothing there was scanned; name its files to scan them.\n`);
  const report = render(o, root, { ...run, skipped }, collected.raw);
  const summary = summarise(findings, scanned, skipped, o.failOn, part, run.secretFiles);
  if (o.output) {
    const target = path.resolve(root, o.output);
    try {
      await fs.writeFile(target, report);
    } catch (err) {
      io.stderr.write(`error: Could not write the report to ${target} (${(err as NodeJS.ErrnoException).code ?? String(err)}). Check that the folder exists and is writable.\n`);
      return EXIT.badArgs;
    }
    io.stderr.write(`${summaryLine(summary)} Report written to ${o.output}.\n`);
  } else {
    io.stdout.write(report);
    // Text carries its summary; machine formats keep stdout to the document alone.
    if (o.format !== 'text') io.stderr.write(`${summaryLine(summary)}\n`);
  }
  return summary.failed ? EXIT.findings : EXIT.clean;
}
