// Owns choosing the grammar for a file and keeping one parser per grammar. Grammars load on the
// first scan of a file in that language (never at activation or on the completion path).
import { createParser, loadLanguage, type GrammarName, type Language, type Parser, type Tree } from '../../syntax/treeSitter';

const parsers = new Map<GrammarName, Promise<Parser>>();

export interface Parsed {
  tree: Tree;
  language: Language;
}

/** The syntax tree of a text; the caller deletes the tree. Throws when the grammar cannot be loaded. */
export async function parse(grammar: GrammarName, text: string): Promise<Parsed> {
  let p = parsers.get(grammar);
  if (!p) {
    p = createParser(grammar);
    p.catch(() => parsers.delete(grammar));
    parsers.set(grammar, p);
  }
  const parser = await p;
  const tree = parser.parse(text);
  if (!tree) throw new Error(`The ${grammar} parser returned no tree.`);
  return { tree, language: await loadLanguage(grammar) };
}
