// Owns the shell's own commands that change how it reads later words, what a name runs or where it
// runs: eval, source and `.`, exec, command, builtin, pushd/popd, aliases, enable, hash, fc, shopt.
// Whatever they wrap or however they are spelled (`\eval`, `"eval"`, `$'eval'`, `env eval`,
// `builtin eval`), the policy never lets them run unasked. `command -v` only looks a name up.
import type { Unwrapped } from './commandWrappers';

const REASONS: Record<string, string> = {
  eval: 'eval runs text as new shell code, which changes how the shell reads the words that follow',
  source: 'source runs the commands of a file in this shell, which can change what every later command does',
  '.': '"." runs the commands of a file in this shell, which can change what every later command does',
  exec: 'exec replaces the shell or its open files for everything that follows',
  command: '"command" bypasses shell functions and aliases, so what the name runs depends on the shell state',
  builtin: '"builtin" picks which shell builtin runs, so what the name runs depends on the shell state',
  pushd: 'pushd changes the folder later commands run in',
  popd: 'popd changes the folder later commands run in',
  alias: 'alias changes what a command name runs',
  unalias: 'unalias changes what a command name runs',
  enable: 'enable turns shell builtins on or off, which changes what a command name runs',
  hash: 'hash changes which program a command name runs',
  fc: 'fc runs commands from the shell history',
  shopt: 'shopt changes how the shell reads later words',
};

/** Programs a wrapper starts in a process of their own: a `cd` through them moves nothing, so where later commands run is not known. */
export const PROCESS_WRAPPERS = new Set(['env', 'timeout', 'nice', 'nohup', 'stdbuf', 'xargs', 'busybox', 'toybox', 'setsid', 'ionice', 'coproc', 'exec']);

/** Why a command built of `first` (its program word), the wrappers it went through and the wrapped program needs asking, if it does. */
export function constructReason(first: string, unwrapped: Unwrapped, name: string): string | undefined {
  const names = [first, ...unwrapped.via, name];
  const hit = names.find((n) => n in REASONS && !(n === 'command' && unwrapped.lookup));
  return hit === undefined ? undefined : REASONS[hit];
}
