// Owns loading tree-sitter and its grammars (WASM, from @vscode/tree-sitter-wasm — the same builds
// VS Code ships): loaded lazily on first use, once per process, never on the activation or
// completion path. The bundles copy the .wasm files to dist/wasm; in development and tests they are
// read from node_modules.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser } from '@vscode/tree-sitter-wasm';

export type GrammarName = 'bash' | 'javascript' | 'typescript' | 'tsx' | 'python' | 'java';

let wasmDirCache: string | undefined;

/** The folder holding tree-sitter.wasm and the grammars. */
export function wasmDir(): string {
  if (wasmDirCache) return wasmDirCache;
  const bundled = path.join(__dirname, 'wasm');
  wasmDirCache = existsSync(path.join(bundled, 'tree-sitter.wasm')) ? bundled : path.dirname(require.resolve('@vscode/tree-sitter-wasm'));
  return wasmDirCache;
}

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: (name: string) => path.join(wasmDir(), name) }).catch((err: unknown) => {
    runtime = undefined;
    throw err;
  });
  return runtime;
}

/** The grammar, loaded on first use (about 20 ms) and kept for the life of the process. */
export function loadLanguage(name: GrammarName): Promise<Language> {
  let p = languages.get(name);
  if (!p) {
    p = initRuntime().then(() => Language.load(path.join(wasmDir(), `tree-sitter-${name}.wasm`)));
    p.catch(() => languages.delete(name));
    languages.set(name, p);
  }
  return p;
}

/** A parser for the grammar. Parsers are cheap; the grammar is shared. Call `delete()` when done. */
export async function createParser(name: GrammarName): Promise<Parser> {
  const lang = await loadLanguage(name);
  const parser = new Parser();
  parser.setLanguage(lang);
  return parser;
}

export type { Edit, Language, Node as SyntaxNode, Parser, Point, Query, Tree } from '@vscode/tree-sitter-wasm';
