// Owns the editor-independent source of definitions: the file's import statements (JS/TS `import`
// and `require`, Python `from … import`) resolved to workspace files, whose declarations of the
// imported names are read whether or not the files are open. Names used near the cursor come first.
// Imports are parsed once per document version, declarations once per target file version.
import { candidatePaths } from '../util/importPaths';
import { findDeclaration } from './declarations';
import type { Snippet } from './templates';
import type { CompletionDocument, ContextSnippetSource, Position } from './types';

export interface SourceReader {
  /** A workspace-relative file's text and a stamp that changes with it; undefined when missing. */
  read(relativePath: string): Promise<{ text: string; version: string | number } | undefined>;
}

interface Import {
  /** The name used in this file. */
  local: string;
  /** The name declared in the other file. */
  exported: string;
  module: string;
}

const MAX_NAMES = 6;
/** A file read is trusted this long before it is read again (edits are rare next to keystrokes). */
const FRESH_MS = 5_000;
const IMPORT_LINES = 300;

/** Imports of a JS/TS or Python file (only relative or workspace-local modules). */
export function parseImports(text: string, languageId: string): Import[] {
  const out: Import[] = [];
  if (languageId === 'python') {
    for (const m of text.matchAll(/^from\s+([\w.]+)\s+import\s+\(?([\w\s,]+?)\)?\s*$/gm)) {
      for (const part of m[2].split(',')) {
        const [exported, local] = part.trim().split(/\s+as\s+/);
        if (exported) out.push({ exported, local: local ?? exported, module: m[1] });
      }
    }
    return out;
  }
  for (const m of text.matchAll(/import\s+(?:type\s+)?([\w$]+)?\s*,?\s*(?:\{([^}]*)\}|\*\s+as\s+([\w$]+))?\s*from\s*['"]([^'"]+)['"]/g)) {
    const [, def, named, ns, module] = m;
    if (def) out.push({ local: def, exported: def, module });
    if (ns) out.push({ local: ns, exported: '*', module });
    for (const part of (named ?? '').split(',')) {
      const [exported, local] = part.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/);
      if (exported) out.push({ exported, local: local ?? exported, module });
    }
  }
  for (const m of text.matchAll(/(?:const|let|var)\s+\{([^}]*)\}\s*=\s*require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    for (const part of m[1].split(',')) {
      const [exported, local] = part.trim().split(/\s*:\s*/);
      if (exported) out.push({ exported, local: local ?? exported, module: m[2] });
    }
  }
  return out;
}

function identifiersNear(doc: CompletionDocument, pos: Position): string[] {
  const names: string[] = [];
  for (let l = pos.line; l >= Math.max(0, pos.line - 15); l--) {
    const text = l === pos.line ? doc.lineAt(l).slice(0, pos.character) : doc.lineAt(l);
    if (/^\s*(?:import|from)\b|\brequire\(/.test(text)) continue;
    for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) if (!names.includes(m[0])) names.push(m[0]);
  }
  return names;
}

export class ImportDefinitions implements ContextSnippetSource {
  private readonly imports = new Map<string, { version: number; imports: Import[] }>();
  private readonly declarations = new Map<string, string | undefined>();
  private readonly files = new Map<string, { at: number; file: Promise<{ text: string; version: string | number } | undefined> }>();

  constructor(
    private readonly reader: SourceReader,
    private readonly isSecret: (relativePath: string) => boolean = () => false,
  ) {}

  async snippets(doc: CompletionDocument, pos: Position, signal: AbortSignal): Promise<Snippet[]> {
    const imports = this.importsOf(doc);
    if (!imports.length) return [];
    const near = identifiersNear(doc, pos);
    // Names used near the cursor (for a namespace, its members used there), nearest first.
    const wanted: Array<{ name: string; module: string }> = [];
    for (const id of near) {
      for (const imp of imports) {
        if (imp.exported === '*') {
          const line = doc.lineAt(pos.line) + '\n' + (pos.line > 0 ? doc.lineAt(pos.line - 1) : '');
          for (const m of line.matchAll(new RegExp(`\\b${imp.local.replace(/\$/g, '\\$')}\\.([\\w$]+)`, 'g'))) wanted.push({ name: m[1], module: imp.module });
        } else if (imp.local === id) wanted.push({ name: imp.exported, module: imp.module });
      }
      if (wanted.length >= MAX_NAMES) break;
    }
    const out: Snippet[] = [];
    for (const w of wanted.slice(0, MAX_NAMES)) {
      if (signal.aborted) break;
      const found = await this.declaration(doc, w.module, w.name);
      if (found && !out.some((s) => s.text === found.text)) out.push(found);
    }
    return out;
  }

  /** The file, read at most once per FRESH_MS so a request usually finds it ready. */
  private read(rel: string): Promise<{ text: string; version: string | number } | undefined> {
    const known = this.files.get(rel);
    if (known && Date.now() - known.at < FRESH_MS) return known.file;
    const file = this.reader.read(rel).catch(() => undefined);
    this.files.set(rel, { at: Date.now(), file });
    if (this.files.size > 200) this.files.delete(this.files.keys().next().value as string);
    return file;
  }

  private importsOf(doc: CompletionDocument): Import[] {
    const known = this.imports.get(doc.uri);
    if (known && known.version === doc.version) return known.imports;
    const head: string[] = [];
    for (let i = 0; i < Math.min(doc.lineCount, IMPORT_LINES); i++) head.push(doc.lineAt(i));
    const imports = parseImports(head.join('\n'), doc.languageId);
    this.imports.set(doc.uri, { version: doc.version, imports });
    if (this.imports.size > 100) this.imports.delete(this.imports.keys().next().value as string);
    return imports;
  }

  private async declaration(doc: CompletionDocument, module: string, name: string): Promise<Snippet | undefined> {
    for (const candidate of candidatePaths(doc.relativePath, module, doc.languageId)) {
      if (this.isSecret(candidate)) return undefined;
      const file = await this.read(candidate);
      if (!file) continue;
      const key = `${candidate}@${file.version}#${name}`;
      if (!this.declarations.has(key)) {
        this.declarations.set(key, findDeclaration(file.text.slice(0, 500_000), name));
        if (this.declarations.size > 500) this.declarations.delete(this.declarations.keys().next().value as string);
      }
      const text = this.declarations.get(key);
      return text ? { relativePath: candidate, text } : undefined;
    }
    return undefined;
  }
}

// Where a module's file may be: one resolver for completion, inline chat and the guard.
export { candidatePaths };
