// Owns turning `/name args` into the prompt the model gets: finding the command the first word
// names, and substituting the arguments — `$ARGUMENTS` is everything after the name, `$1`…`$9` (or
// `${1}`…) the words of it (quotes group words). A command whose file uses neither gets the
// arguments appended, so what the user typed is never dropped. `$$` is a literal dollar sign.
import type { PromptCommand } from './promptFiles';

export type Invocation = { command: PromptCommand; args: string } | { unknown: string } | undefined;

/** Words of an argument string: whitespace separates, "double" or 'single' quotes group. */
export function splitArgs(args: string): string[] {
  const words: string[] = [];
  for (const m of args.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  return words;
}

/**
 * The command `input` invokes: `{command, args}`; `{unknown: name}` for a slash word that names no
 * command; undefined for ordinary text (no leading slash, a path such as /src/app.ts, or `//text`).
 */
export function findInvocation(input: string, commands: readonly PromptCommand[]): Invocation {
  const text = input.trim();
  if (text.startsWith('//')) return undefined;
  const m = /^\/([^\s/]+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!m || /^\/\S*\//.test(text)) return undefined;
  const command = commands.find((c) => c.name.toLowerCase() === m[1].toLowerCase());
  return command ? { command, args: (m[2] ?? '').trim() } : { unknown: m[1] };
}

const PLACEHOLDER = /\$\$|\$ARGUMENTS\b|\$\{ARGUMENTS\}|\$\{([1-9])\}|\$([1-9])(?![0-9])/g;

/** The command's prompt with the arguments in it. */
export function expandCommand(command: PromptCommand, args: string): string {
  const words = splitArgs(args);
  let used = false;
  const body = command.body.replace(PLACEHOLDER, (all, braced: string | undefined, bare: string | undefined) => {
    if (all === '$$') return '$';
    used = true;
    const n = braced ?? bare;
    return n ? (words[Number(n) - 1] ?? '') : args;
  });
  const trimmed = body.trim();
  if (!used && args) return `${trimmed}\n\n${args}`;
  return trimmed;
}
