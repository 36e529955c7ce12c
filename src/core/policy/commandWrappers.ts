// Owns seeing through programs that run another program: `env`, `timeout`, `nice`, `nohup`,
// `stdbuf`, `command`, `builtin`, `exec`, `time`, `xargs`. The policy judges the wrapped program,
// so `timeout 5 rm -rf /` is caught and `timeout 5 ls` is still read-only. Absolute program paths
// (`/bin/rm`) are reduced to their name for the forbid list. Unknown wrappers are not needed here:
// a program the policy does not know asks anyway.
import * as path from 'node:path';
import type { Word } from './shellWords';

export interface Unwrapped {
  /** The wrapped program and its arguments (empty when the wrapper runs nothing). */
  words: Word[];
  /** Why the wrapping itself needs approval (environment changes, xargs input), if it does. */
  ask?: string;
  /** `command -v`, `nice` alone and the like: a lookup, not a run. */
  lookup?: boolean;
  /** The wrappers seen through, outermost first (`env`, `builtin`…). */
  via: string[];
}

/** Options of each wrapper that take a separate value. */
const VALUE_OPTS: Record<string, RegExp> = {
  env: /^(-u|--unset|-C|--chdir|-S|--split-string)$/,
  timeout: /^(-s|--signal|-k|--kill-after)$/,
  nice: /^(-n|--adjustment)$/,
  stdbuf: /^(-i|-o|-e|--input|--output|--error)$/,
  exec: /^-a$/,
  ionice: /^(-c|--class|-n|--classdata|-p|--pid|-P|--pgid|-u|--uid)$/,
  xargs: /^(-a|--arg-file|-d|--delimiter|-E|-e|-I|-i|-L|-l|-n|--max-args|-P|--max-procs|-s|--max-chars|--process-slot-var)$/,
};

const WRAPPERS = new Set(['env', 'timeout', 'nice', 'nohup', 'stdbuf', 'command', 'builtin', 'exec', 'time', 'xargs', 'busybox', 'toybox', 'setsid', 'ionice', 'coproc']);

/** The program name used for rule lookup: basename, lower case (`/usr/bin/RM` → `rm`). */
export function programName(word: Word): string {
  return path.posix.basename(word.text.replace(/\\/g, '/')).toLowerCase();
}

/** Strips wrappers until the real program; returns its words and what the wrappers imply. */
export function unwrap(words: Word[]): Unwrapped {
  let rest = words;
  const asks: string[] = [];
  const via: string[] = [];
  for (let depth = 0; depth < 8 && rest.length && !rest[0].dynamic; depth++) {
    const name = programName(rest[0]);
    if (!WRAPPERS.has(name)) break;
    via.push(name);
    let i = 1;
    const valueOpt = VALUE_OPTS[name];
    while (i < rest.length && rest[i].text.startsWith('-') && rest[i].text !== '-') {
      const opt = rest[i].text;
      if (opt === '--') {
        i++;
        break;
      }
      if (name === 'command' && /^-[a-z]*[vV]/.test(opt)) return { words: [], lookup: true, via };
      if (name === 'env' && /^(-S|--split-string)/.test(opt)) {
        // `env -S 'rm -rf /'` runs the split string: judge its words as the program.
        const value = opt.includes('=') ? opt.slice(opt.indexOf('=') + 1) : (rest[i + 1]?.text ?? '');
        const split = value.split(/\s+/).filter(Boolean).map((text): Word => ({ text, dynamic: rest[i + 1]?.dynamic ?? false, glob: false, brace: false }));
        rest = [...rest.slice(0, i), ...split, ...rest.slice(opt.includes('=') ? i + 1 : i + 2)];
        asks.push('"env -S" splits a string into a command line');
        continue;
      }
      if (name === 'env' && /^(-C|--chdir)/.test(opt)) asks.push(`"env ${opt}" runs the program in another folder`);
      if (name === 'env' && /^(-i|--ignore-environment|-u|--unset)/.test(opt)) asks.push('it runs the program with a changed environment');
      i += valueOpt?.test(opt) ? 2 : 1;
    }
    if (name === 'env') {
      while (i < rest.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[i].text)) {
        asks.push(`it sets ${rest[i].text.split('=')[0]} for the program, which can change what it runs`);
        i++;
      }
    }
    if (name === 'timeout' && i < rest.length) i++; // the duration
    if (name === 'xargs') asks.push('xargs builds the command line from its input, so the command cannot be checked before it runs');
    rest = rest.slice(i);
    if (rest.length === 0) {
      if (name === 'env') return { words: [], ask: 'env without a program prints every environment variable, which may hold secrets', via };
      return { words: [], lookup: true, ask: asks[0], via };
    }
  }
  return { words: rest, ask: asks[0], via };
}
