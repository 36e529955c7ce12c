// Owns "Run and always allow": the one allowlist entry a command card may add for a command the
// user approved, and only when that entry matches exactly this program with exactly these arguments.
// The entry is exact (`=npm run build`, see matchesAllowEntry in commandPolicy.ts), so it never
// widens to other arguments; it is offered only for one plain simple command — no lists, pipes,
// substitutions, variables, globs, quotes, redirects, assignments, wrappers or shells — because any
// of those would let the same entry stand for something else on a later run.
import { escapeHiddenUnicode } from '../../protocol/hiddenUnicode';
import { createParser, type Parser, type SyntaxNode } from '../syntax/treeSitter';
import { programName, unwrap } from './commandWrappers';
import type { Word } from './shellWords';

/** What may appear in a remembered word: nothing the shell would expand, split or reinterpret. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** Programs that run text or other programs: their arguments are code, never "always" allowed. */
const INTERPRETERS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash', 'fish', 'eval', 'source', '.', 'trap', 'sudo', 'doas', 'su', 'pkexec', 'ssh']);
/** The prefix that makes an allowlist entry exact (see commandPolicy.ts). */
export const EXACT_PREFIX = '=';

export type AlwaysAllowOffer = { pattern: string } | { refused: string };

let parserPromise: Promise<Parser> | undefined;
function parser(): Promise<Parser> {
  parserPromise ??= createParser('bash').catch((err: unknown) => {
    parserPromise = undefined;
    throw err;
  });
  return parserPromise;
}

const plain = (text: string): Word => ({ text, dynamic: false, glob: false, brace: false });

/** The exact allowlist entry for `command`, or why none is offered. */
export async function alwaysAllowPattern(command: string): Promise<AlwaysAllowOffer> {
  const text = command.trim();
  if (!text || text.length > 2000) return { refused: 'only a short, single command can be always allowed' };
  const tree = (await parser()).parse(text);
  if (!tree) return { refused: 'the command could not be parsed' };
  try {
    return judge(tree.rootNode);
  } finally {
    tree.delete();
  }
}

function judge(root: SyntaxNode): AlwaysAllowOffer {
  if (root.hasError) return { refused: 'part of it is not valid shell syntax' };
  const top = root.namedChildren.filter((n): n is SyntaxNode => !!n && n.type !== 'comment');
  if (root.namedChildren.some((n) => n?.type === 'comment')) return { refused: 'it holds a comment' };
  if (top.length !== 1 || top[0].type !== 'command') return { refused: 'it is more than one plain command (a list, pipe, redirect or subshell)' };
  const cmd = top[0];
  const parts = cmd.namedChildren.filter((n): n is SyntaxNode => !!n);
  const words: string[] = [];
  for (const p of parts) {
    if (p.type === 'command_name') {
      const inner = p.firstNamedChild;
      if (!inner || inner.type !== 'word') return { refused: 'its program name is not a plain word' };
      words.push(inner.text);
    } else if (p.type === 'word') words.push(p.text);
    else if (p.type === 'variable_assignment') return { refused: 'it sets variables for the program' };
    else return { refused: `its argument ${escapeHiddenUnicode(p.text.slice(0, 40)).text} is not a plain word (quotes, variables, substitutions and globs are judged every time)` };
  }
  const odd = words.find((w) => !PLAIN_WORD.test(w));
  if (odd !== undefined) return { refused: `its word ${escapeHiddenUnicode(odd.slice(0, 40)).text} holds characters the shell interprets or that hide what runs` };
  if (words.length === 0) return { refused: 'it names no program' };
  const name = programName(plain(words[0]));
  if (INTERPRETERS.has(name)) return { refused: `${name} runs other code, which is judged every time` };
  if (unwrap(words.map(plain)).words.length !== words.length) return { refused: `${name} runs another program, which is judged every time` };
  return { pattern: EXACT_PREFIX + words.join(' ') };
}
