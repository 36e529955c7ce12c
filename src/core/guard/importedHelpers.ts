// Owns cross-file summaries: the relative imports of a JavaScript/TypeScript or Python file, the files
// they name (read through a port: the files of one `tandem guard` run, or the disk next to a proposed
// change), and the sinks their summarised functions make at this file's call sites — `import { run }
// from './utils'` … `run(`rm ${dir}`)`, `from .util import run_cmd`. Bounded: a few levels deep, a
// limited number of imports per file, huge files skipped; import cycles end where they close.
import { posix } from 'node:path';
import { candidatePaths as scriptCandidatePaths } from '../util/importPaths';
import type { DerivedSink, ParamSummary } from './engine/summaries';
import { guardLanguageOf } from './engine/languages';
import type { Finding } from '../changes/finding';
import type { ProposedChange } from '../changes/change';
import { addedLines, scanReportWith, scanSummaries, type ScanReport } from './scan';

/** Reads a file by its scan-relative path (forward slashes); undefined when it is missing, unreadable or not to be read. */
export type ReadImport = (path: string) => Promise<string | undefined>;

/** Summaries per file path, shared by the files of one scan (each imported file is parsed once). */
export type SummaryCache = Map<string, Promise<ParamSummary[]>>;

/** Imports followed from one file, and levels of imports of imports. */
export const MAX_IMPORTS = 30;
export const MAX_DEPTH = 3;
/** An imported file longer than this is not summarised (generated or bundled code). */
export const MAX_IMPORT_CHARS = 300_000;

/** One relative import: the module as written and the local names it binds. */
export interface RelativeImport {
  spec: string;
  /** `import { run as r }`: local `r` calls the module's `run`. */
  names: Array<{ local: string; exported: string }>;
  /** `import * as u`, `import u from`, `const u = require(…)`, `from . import u`: `u.run(…)`. */
  namespace?: string;
}

const JS_IMPORT = /\bimport\s+(?:type\s+)?([\w$*{},\s]+?)\s+from\s+['"](\.{1,2}\/[^'"]+)['"]/g;
const JS_REQUIRE = /\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*require\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
const PY_FROM = /^[ \t]*from[ \t]+(\.+)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm;

function namesOf(list: string, sep: RegExp): Array<{ local: string; exported: string }> {
  return list
    .replace(/[{}()]/g, '')
    .split(',')
    .map((s) => s.trim().split(sep))
    .filter((p) => /^[\w$]+$/.test(p[0]) && (p.length === 1 || /^[\w$]+$/.test(p[1] ?? '')))
    .map((p) => ({ exported: p[0], local: p[1] ?? p[0] }));
}

/** The relative imports of a file (regex-read: an import line is regular enough, and this needs no parser). */
export function relativeImports(path: string, text: string): RelativeImport[] {
  const lang = guardLanguageOf(path);
  const out: RelativeImport[] = [];
  if (lang === 'js') {
    for (const m of text.matchAll(JS_IMPORT)) {
      const clause = m[1].trim();
      const ns = /\*\s*as\s+([\w$]+)/.exec(clause)?.[1] ?? /^([\w$]+)\s*(?:,|$)/.exec(clause)?.[1];
      const braces = /\{([^}]*)\}/.exec(clause)?.[1];
      out.push({ spec: m[2], names: braces ? namesOf(braces, /\s+as\s+/) : [], ...(ns ? { namespace: ns } : {}) });
    }
    for (const m of text.matchAll(JS_REQUIRE)) {
      out.push(m[1].startsWith('{') ? { spec: m[2], names: namesOf(m[1], /\s*:\s*/) } : { spec: m[2], names: [], namespace: m[1] });
    }
  } else if (lang === 'python') {
    for (const m of text.matchAll(PY_FROM)) {
      const up = '../'.repeat(m[1].length - 1) || './';
      const names = namesOf(m[3], /\s+as\s+/);
      // `from . import util`: each name is a module.
      if (!m[2]) for (const n of names) out.push({ spec: `${up}${n.exported}`, names: [], namespace: n.local });
      else out.push({ spec: `${up}${m[2].replace(/\./g, '/')}`, names });
    }
  }
  return out.slice(0, MAX_IMPORTS);
}

/**
 * The files an import may name, most likely first: the completion's import reader decides for JavaScript
 * and TypeScript (one resolver for the whole project); a Python spec here is already a relative path.
 */
export function candidatePaths(from: string, spec: string): string[] {
  if (guardLanguageOf(from) !== 'python') return scriptCandidatePaths(from, spec, 'typescript');
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  if (base.startsWith('../') || base === '..' || posix.isAbsolute(base)) return [];
  return [`${base}.py`, `${base}/__init__.py`];
}

/** The sinks one import makes: its bound names (or `ns.name`) for each summarised function of the file. */
export function sinksOfImport(imp: RelativeImport, file: string, summaries: ParamSummary[]): DerivedSink[] {
  return summaries.flatMap((s) => {
    const via = `${s.fn}() (${file}, line ${s.line})`;
    const names = [...imp.names.filter((n) => n.exported === s.fn).map((n) => n.local), ...(imp.namespace ? [`${imp.namespace}.${s.fn}`] : [])];
    return names.length ? [{ ruleId: s.ruleId, names, arg: s.param, via }] : [];
  });
}

function summariesOf(file: string, text: string, read: ReadImport, cache: SummaryCache, disabled: string[], depth: number, open: Set<string>): Promise<ParamSummary[]> {
  let p = cache.get(file);
  if (!p) {
    p = (async () => {
      if (text.length > MAX_IMPORT_CHARS) return [];
      const imported = depth < MAX_DEPTH ? await importedSinks(file, text, read, cache, disabled, depth + 1, new Set([...open, file])) : [];
      return scanSummaries(file, text, disabled, imported);
    })();
    cache.set(file, p);
  }
  return p;
}

/**
 * The sinks the relative imports of `path` make in it. A file on the current import chain (a cycle) is
 * not entered again: its summaries are not known yet, so they count as none.
 */
export async function importedSinks(path: string, text: string, read: ReadImport, cache: SummaryCache = new Map(), disabled: string[] = [], depth = 0, open = new Set([path])): Promise<DerivedSink[]> {
  const out: DerivedSink[] = [];
  for (const imp of relativeImports(path, text)) {
    for (const file of candidatePaths(path, imp.spec)) {
      if (open.has(file)) break;
      const cached = cache.get(file);
      const text = cached ? '' : await read(file);
      if (cached || text !== undefined) {
        out.push(...sinksOfImport(imp, file, await (cached ?? summariesOf(file, text ?? '', read, cache, disabled, depth, open))));
        break;
      }
    }
  }
  return out;
}

/** scanText with the helpers the file imports: the cross-file scan `tandem guard` and proposed changes use. */
export async function scanTextWithImports(path: string, text: string, read: ReadImport, disabled: string[] = [], cache: SummaryCache = new Map()): Promise<Finding[]> {
  return (await scanReportWithImports(path, text, read, disabled, cache)).findings;
}

/** scanTextWithImports, saying what of the file was not analysed (scan.ts's ScanReport). */
export async function scanReportWithImports(path: string, text: string, read: ReadImport, disabled: string[] = [], cache: SummaryCache = new Map()): Promise<ScanReport> {
  const imported = guardLanguageOf(path) ? await importedSinks(path, text, read, cache, disabled) : [];
  return scanReportWith(undefined, path, text, disabled, imported);
}

/** scanChange with the helpers the changed file imports: findings on the lines the change adds. */
export async function scanChangeWithImports(change: ProposedChange, read: ReadImport, disabled: string[] = [], cache: SummaryCache = new Map()): Promise<Finding[]> {
  if (change.kind === 'delete' || change.newText === undefined) return [];
  const all = await scanTextWithImports(change.newPath ?? change.path, change.newText, read, disabled, cache);
  if (change.kind === 'create' || change.oldText === undefined) return all;
  const added = addedLines(change.oldText, change.newText);
  return all.filter((f) => added.has(f.line));
}
