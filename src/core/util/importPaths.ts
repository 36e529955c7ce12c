// Owns where a relative import's file may be in the workspace (completion's definitions, inline chat's
// imports, the guard's cross-file summaries): JavaScript and TypeScript specifiers with the extensions
// and index files the toolchains try, Python's dotted modules; never a path that leaves the workspace.
import * as path from 'node:path';

/** Workspace-relative paths the module may be, most likely first. */
export function candidatePaths(fromFile: string, module: string, languageId: string): string[] {
  const dir = path.posix.dirname(fromFile);
  if (languageId === 'python') {
    const dots = /^\.*/.exec(module)![0].length;
    const rest = module.slice(dots).replace(/\./g, '/');
    const base = dots ? path.posix.join(dir, '../'.repeat(dots - 1), rest) : rest;
    const local = dots ? [] : [path.posix.join(dir, rest)];
    return [base, ...local].flatMap((b) => [`${b}.py`, `${b}/__init__.py`]).map((p) => path.posix.normalize(p));
  }
  if (!module.startsWith('.')) return [];
  const base = path.posix.normalize(path.posix.join(dir, module));
  // TypeScript's `./x.js` is `./x.ts` on disk.
  const stem = base.replace(/\.(?:m|c)?jsx?$/, '');
  const exts = ['.ts', '.tsx', '.mts', '.cts', '.d.ts', '.js', '.jsx', '.mjs', '.cjs'];
  return [...new Set([base, ...exts.map((e) => stem + e), ...exts.map((e) => `${stem}/index${e}`)])].filter((p) => p !== '..' && !p.startsWith('../') && !path.posix.isAbsolute(p));
}
