// Owns choosing the grammar for a file and keeping one parser per grammar. Grammars load on the
// first scan of a file in that language (never at activation or on the completion path). A text
// that edits the one parsed before it is parsed incrementally (reparse.ts).
import { createParser, loadLanguage, type GrammarName, type Language, type Parser, type Tree } from '../../syntax/treeSitter';
import { parseReusing } from './reparse';

const parsers = new Map<GrammarName, Promise<Parser>>();

/** Trees handed out (parsed, or a copy of the kept one) and freed so far: WASM memory is not garbage-collected, every tree must be freed. */
export const treeStats = { parsed: 0, freed: 0 };

export interface Parsed {
  tree: Tree;
  language: Language;
}

/** The syntax tree of a text; the caller deletes the tree. Throws when the grammar cannot be loaded. */
export async function parse(grammar: GrammarName, text: string): Promise<Parsed> {
  await warmParser(grammar);
  const parser = await parsers.get(grammar)!;
  const tree = parseReusing(parser, grammar, text);
  if (!tree) throw new Error(`The ${grammar} parser returned no tree.`);
  treeStats.parsed++;
  return { tree, language: await loadLanguage(grammar) };
}

/** Frees a parsed tree's WASM memory. */
export function freeTree(parsed: Parsed): void {
  parsed.tree.delete();
  treeStats.freed++;
}

/** Starts loading a grammar and its parser now (e.g. while the first model request is out), so the first scan does not wait for it. */
export function warmParser(grammar: GrammarName): Promise<void> {
  let p = parsers.get(grammar);
  if (!p) {
    p = createParser(grammar);
    p.catch(() => parsers.delete(grammar));
    parsers.set(grammar, p);
  }
  return p.then(() => undefined);
}
