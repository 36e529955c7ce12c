// Owns how language-server answers reach the model: each location made workspace-relative with
// 1-based line:col and up to three lines of its text, capped in number; a location outside the
// workspace (also through a symlink) is named as such without text, and a secret file's text is
// never shown.
import * as path from 'node:path';
import { looksBinary, normalize } from '../edits/textFormat';
import type { PathRules } from '../policy/pathRules';
import { containedPath } from '../util/containment';
import { readRegularFile } from '../util/files';
import type { Problem, SourceLocation, SymbolInfo } from './languageService';
import type { OpenDocuments } from '../changes/ports';

export const MAX_LOCATIONS = 50;
export const MAX_SYMBOLS = 200;
const MAX_LINE_CHARS = 200;
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** `1 reference`, `2 references`. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

export type Place = { inside: true; rel: string; abs: string; secret: boolean } | { inside: false; shown: string };

export interface ResultContext {
  root: string;
  rules: PathRules;
  documents?: OpenDocuments;
}

/** Where a path the language server gave lies: inside the workspace (judged on its real path) or not. */
export async function placeOf(ctx: ResultContext, absPath: string): Promise<Place> {
  const inside = await containedPath(ctx.root, path.resolve(absPath));
  if (!inside) return { inside: false, shown: absPath };
  return { inside: true, rel: inside.rel, abs: inside.abs, secret: ctx.rules.isSecret(inside.rel) };
}

/** Reads files once per answer; an unreadable or binary file gives no lines. */
class LineCache {
  private readonly files = new Map<string, Promise<string[] | undefined>>();
  constructor(private readonly documents?: OpenDocuments) {}

  lines(abs: string): Promise<string[] | undefined> {
    let got = this.files.get(abs);
    if (!got) {
      got = this.load(abs);
      this.files.set(abs, got);
    }
    return got;
  }

  private async load(abs: string): Promise<string[] | undefined> {
    const open = this.documents?.textOf(abs);
    if (open !== undefined) return normalize(open).split('\n');
    try {
      const { buf } = await readRegularFile(abs, { maxBytes: MAX_FILE_BYTES });
      return looksBinary(buf) ? undefined : normalize(buf.toString('utf8')).split('\n');
    } catch {
      return undefined;
    }
  }
}

function cut(line: string): string {
  return line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) + ' …' : line;
}

async function describeLocation(ctx: ResultContext, cache: LineCache, loc: SourceLocation, linesEach: number): Promise<string> {
  const place = await placeOf(ctx, loc.absPath);
  if (!place.inside) return `${place.shown}:${loc.line}:${loc.column} (outside the workspace; text not shown)`;
  const head = `${place.rel}:${loc.line}:${loc.column}`;
  if (place.secret) return `${head} (secret file; text not shown)`;
  const lines = await cache.lines(place.abs);
  if (!lines) return head;
  const last = Math.min(lines.length, loc.line - 1 + linesEach);
  const body = lines.slice(loc.line - 1, last).map((l, k) => `  ${loc.line + k}\t${cut(l)}`);
  return [head, ...body].join('\n');
}

/** Locations with `linesEach` lines of their text (from the location's line on), at most MAX_LOCATIONS, duplicates removed. */
export async function formatLocations(ctx: ResultContext, locs: SourceLocation[], what: string, linesEach: number): Promise<string> {
  const unique = [...new Map(locs.map((l) => [`${l.absPath}:${l.line}:${l.column}`, l])).values()];
  if (unique.length === 0) return `No ${what} found: the language server knows none here, or no language extension handles this kind of file.`;
  const cache = new LineCache(ctx.documents);
  const shown = await Promise.all(unique.slice(0, MAX_LOCATIONS).map((l) => describeLocation(ctx, cache, l, linesEach)));
  const more = unique.length > MAX_LOCATIONS ? `\n[${unique.length - MAX_LOCATIONS} more not shown]` : '';
  return `${counted(unique.length, what)}:\n${shown.join('\n')}${more}`;
}

async function symbolPlace(ctx: ResultContext, s: SymbolInfo): Promise<string> {
  const place = await placeOf(ctx, s.location.absPath);
  const where = `${place.inside ? place.rel : `${place.shown} (outside the workspace)`}:${s.location.line}:${s.location.column}`;
  return `${s.kind} ${s.name}${s.container ? ` in ${s.container}` : ''} — ${where}`;
}

/** Workspace symbols, one a line, at most MAX_LOCATIONS. */
export async function formatWorkspaceSymbols(ctx: ResultContext, symbols: SymbolInfo[], query: string): Promise<string> {
  if (symbols.length === 0) return `No symbol matches "${query}".`;
  const shown = await Promise.all(symbols.slice(0, MAX_LOCATIONS).map((s) => symbolPlace(ctx, s)));
  const more = symbols.length > MAX_LOCATIONS ? `\n[${symbols.length - MAX_LOCATIONS} more not shown; use a longer query]` : '';
  return `${counted(symbols.length, 'symbol matches', 'symbols match')} "${query}":\n${shown.join('\n')}${more}`;
}

/** A file's symbol tree, indented, with 1-based line:col; at most MAX_SYMBOLS. */
export function formatDocumentSymbols(rel: string, symbols: SymbolInfo[]): string {
  const out: string[] = [];
  let total = 0;
  const walk = (list: SymbolInfo[], depth: number) => {
    for (const s of [...list].sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column)) {
      total++;
      if (out.length < MAX_SYMBOLS) out.push(`${'  '.repeat(depth)}${s.kind} ${s.name} ${s.location.line}:${s.location.column}`);
      walk(s.children ?? [], depth + 1);
    }
  };
  walk(symbols, 0);
  if (total === 0) return `No symbols in ${rel}: the language server reports none, or no language extension handles this kind of file.`;
  return `Symbols in ${rel}:\n${out.join('\n')}${total > MAX_SYMBOLS ? `\n[${total - MAX_SYMBOLS} more not shown]` : ''}`;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** Problems as `path:line:col severity [source code] message`, errors first, outside/secret files left out. */
export async function formatProblems(ctx: ResultContext, problems: Problem[], opts: { limit?: number } = {}): Promise<{ text: string; count: number }> {
  const limit = opts.limit ?? MAX_LOCATIONS;
  const kept: Array<{ p: Problem; rel: string }> = [];
  for (const p of problems) {
    const place = await placeOf(ctx, p.absPath);
    if (place.inside && !place.secret) kept.push({ p, rel: place.rel });
  }
  kept.sort((a, b) => SEVERITY_ORDER[a.p.severity] - SEVERITY_ORDER[b.p.severity] || a.rel.localeCompare(b.rel) || a.p.line - b.p.line);
  const lines = kept.slice(0, limit).map(({ p, rel }) => {
    const tag = [p.source, p.code].filter(Boolean).join(' ');
    return `${rel}:${p.line}:${p.column} ${p.severity}${tag ? ` [${tag}]` : ''} ${p.message.split('\n')[0]}`;
  });
  const more = kept.length > limit ? `\n[${kept.length - limit} more not shown]` : '';
  return { text: lines.join('\n') + more, count: kept.length };
}
