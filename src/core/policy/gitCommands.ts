// Owns which git invocations are read-only: a list of inspecting subcommands, listing-only forms of
// branch/tag/remote/stash, and the options that write files or run programs excluded (`--output`,
// `--ext-diff`, `grep -O`, global `-c`/`-C`/`--git-dir`/`--exec-path`, which change what git runs).
import type { Word } from './shellWords';
import type { ReadOnlyResult } from './verdict';

/** Global options (before the subcommand) that cannot redirect git elsewhere or run a program. */
const SAFE_GLOBAL = new Set(['--no-pager', '--no-optional-locks', '--literal-pathspecs', '--no-replace-objects', '--glob-pathspecs', '--noglob-pathspecs', '--icase-pathspecs']);

const INSPECT = new Set([
  'status', 'log', 'show', 'diff', 'blame', 'annotate', 'ls-files', 'ls-tree', 'rev-parse', 'rev-list', 'describe', 'shortlog',
  'cat-file', 'merge-base', 'name-rev', 'show-ref', 'count-objects', 'grep', 'diff-tree', 'diff-files', 'diff-index',
  'whatchanged', 'version', 'check-ignore', 'check-attr', 'for-each-ref',
]);

/** Options of any subcommand that write files or run a configured program. */
const DENIED_LONG = ['output', 'ext-diff', 'textconv', 'open-files-in-pager', 'exec', 'upload-pack', 'receive-pack'];

/** Listing flags of `git branch` / `git tag`; anything else creates, deletes, moves or edits. */
const LISTING = /^(-[arvl]+|-vv|--(all|remotes|verbose|list|show-current|contains|no-contains|merged|no-merged|points-at|sort|format|color|no-color|column|no-column|ignore-case|abbrev|no-abbrev)(=.*)?|-i|-n\d*)$/;
const LISTING_WITH_VALUE = /^--(contains|no-contains|merged|no-merged|points-at|sort|format)$/;

const ok = (paths: Word[]): ReadOnlyResult => ({ kind: 'ok', paths });
const ask = (reason: string): ReadOnlyResult => ({ kind: 'ask', reason });

function listingOnly(sub: string, args: Word[]): ReadOnlyResult {
  let listMode = false;
  for (let i = 0; i < args.length; i++) {
    const t = args[i].text;
    if (t.startsWith('-')) {
      if (!LISTING.test(t)) return ask(`"git ${sub} ${t}" changes the repository`);
      if (/^(-[a-z]*l|--list)/.test(t)) listMode = true;
      if (LISTING_WITH_VALUE.test(t)) i++;
    } else if (!listMode) return ask(`"git ${sub} ${t}" creates or changes a ${sub}`);
  }
  return ok([]);
}

/**
 * What an inspecting subcommand may read: operands (revisions or paths), `rev:path` and
 * `-L1,5:path` (a path after the colon), and option values (`--contents=FILE`, `--no-index` files).
 */
function operandPaths(args: Word[]): Word[] {
  return args.flatMap((a): Word[] => {
    if (a.dynamic) return [a];
    const value = /^--[^=]+=(.*)$/.exec(a.text)?.[1];
    const text = value ?? (a.text.startsWith('-') && !a.text.includes(':') ? undefined : a.text);
    if (text === undefined || text === '') return [];
    const afterColon = /^[^:/]*:./.test(text) ? text.slice(text.indexOf(':') + 1) : undefined;
    return [{ ...a, text: afterColon ?? text, glob: afterColon !== undefined || value !== undefined ? false : a.glob }];
  });
}

export function gitRule(args: Word[]): ReadOnlyResult {
  let i = 0;
  while (i < args.length && args[i].text.startsWith('-')) {
    if (!SAFE_GLOBAL.has(args[i].text)) return ask(`the git option ${args[i].text} changes which repository, configuration or program git uses`);
    i++;
  }
  const subWord = args[i];
  if (!subWord) return ok([]);
  if (subWord.dynamic) return ask('the git subcommand is only known when it runs');
  const sub = subWord.text;
  const rest = args.slice(i + 1);
  for (const a of rest) {
    const name = a.text.startsWith('--') ? a.text.slice(2).split('=')[0] : '';
    const hit = name ? DENIED_LONG.find((d) => d.startsWith(name)) : undefined;
    if (hit) return ask(`its option --${hit} writes a file or runs another program`);
    if (sub === 'grep' && /^-[^-]*O/.test(a.text)) return ask('"git grep -O" opens the matches in another program');
  }
  if (sub === 'branch' || sub === 'tag') return listingOnly(sub, rest);
  if (sub === 'remote') return rest.every((a) => /^(-v|--verbose)$/.test(a.text)) ? ok([]) : ask(`"git remote ${rest.map((a) => a.text).join(' ')}" changes or contacts a remote`);
  if (sub === 'stash' || sub === 'worktree' || sub === 'reflog') {
    const action = rest.find((a) => !a.text.startsWith('-'))?.text;
    const reading = sub === 'reflog' ? action === undefined || action === 'show' : action === 'list' || (sub === 'stash' && action === 'show');
    return reading ? ok(operandPaths(rest.slice(1))) : ask(`"git ${sub}${action ? ' ' + action : ''}" changes the repository`);
  }
  if (!INSPECT.has(sub)) return ask(`"git ${sub}" is not a read-only git command`);
  // git expands pathspec wildcards and magic itself (even quoted), so `'*.env'` can reach .env.
  const pattern = rest.find((a) => !a.text.startsWith('-') && (/[*?[]/.test(a.text) || a.text.startsWith(':(')));
  if (pattern) return ask(`the git pathspec ${pattern.text} may match secret files`);
  return ok(operandPaths(rest));
}
