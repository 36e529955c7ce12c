// Owns the read-only allowlist: programs that may run without asking, each with the options that
// would make it write, run another program, or read outside its arguments excluded (`rg --pre`,
// `git --output`, `find -delete`, `sed -i`, `sort -o`, `date -s`, …). It says which arguments are
// paths; commandPaths then checks they stay inside the workspace and are not secret.
import { gitRule } from './gitCommands';
import type { Word } from './shellWords';
import type { ReadOnlyResult } from './verdict';

type Rule = (args: Word[]) => ReadOnlyResult;

const ok = (paths: Word[], extra: Partial<Extract<ReadOnlyResult, { kind: 'ok' }>> = {}): ReadOnlyResult => ({ kind: 'ok', paths, ...extra });
const ask = (reason: string): ReadOnlyResult => ({ kind: 'ask', reason });

/** Splits arguments into options and operands (`--` ends options; `-` alone is stdin, an operand). */
function split(args: Word[]): { options: Word[]; operands: Word[] } {
  const options: Word[] = [];
  const operands: Word[] = [];
  let ended = false;
  for (const a of args) {
    if (!ended && a.text === '--') ended = true;
    else if (!ended && a.text.startsWith('-') && a.text !== '-') options.push(a);
    else operands.push(a);
  }
  return { options, operands };
}

/**
 * The denied option this argument uses, if any. Long options match unambiguous prefixes too
 * (GNU getopt and git accept `--out` for `--output`); short letters match inside bundles (`-fo`).
 */
function deniedOption(arg: string, long: string[], short = ''): string | undefined {
  if (arg.startsWith('--') && arg.length > 2) {
    const name = arg.slice(2).split('=')[0];
    const hit = long.find((d) => d.startsWith(name));
    return hit && `--${hit}`;
  }
  if (/^-[^-]/.test(arg)) {
    const hit = [...arg.slice(1)].find((c) => short.includes(c));
    return hit && `-${hit}`;
  }
  return undefined;
}

/**
 * Values of `--opt=value` are checked like operands: many options name a file to read
 * (`--files0-from=`, `--ignore-file=`, `--file=`), and a value that is no path resolves to a
 * harmless missing file inside the workspace.
 */
function pathValues(options: Word[]): Word[] {
  return options.flatMap((o) => {
    const m = /^--[^=]+=(.+)$/.exec(o.text);
    return m ? [{ ...o, text: m[1], glob: false }] : [];
  });
}

/** A program that only reads, with some options denied; all operands are paths. */
function reader(long: string[] = [], short = '', extra?: (a: { options: Word[]; operands: Word[] }) => ReadOnlyResult | undefined): Rule {
  return (args) => {
    const parts = split(args);
    for (const o of parts.options) {
      const hit = deniedOption(o.text, long, short);
      if (hit) return ask(`its option ${hit} can write files or run other programs`);
    }
    return extra?.(parts) ?? ok([...parts.operands, ...pathValues(parts.options)]);
  };
}

/** Marks a rule's paths as only listed (names, sizes, dates), never read. */
const namesOnly = (rule: Rule): Rule => (args) => {
  const r = rule(args);
  return r.kind === 'ok' ? { ...r, namesOnly: true } : r;
};

/** Programs whose arguments are never paths and that write nothing (dynamic arguments are fine). */
const harmless: Rule = () => ok([]);

const grepRule = reader([], '', ({ options, operands }) => {
  const recursive = options.some((o) => /^-[^-]*[rR]/.test(o.text) || /^--(recursive|dereference-recursive|directories=recurse)$/.test(o.text));
  const explicitPattern = options.some((o) => /^-[^-]*[ef]/.test(o.text) || /^--(regexp|file)/.test(o.text));
  const dirs = explicitPattern ? operands : operands.slice(1);
  return ok([...operands, ...pathValues(options)], recursive ? { searchDirs: dirs, skipHidden: false } : {});
});

const rgRule = reader(['pre', 'pre-glob', 'search-zip', 'hostname-bin'], 'z', ({ options, operands }) => {
  const explicitPattern = options.some((o) => /^-[^-]*[ef]/.test(o.text) || /^--(regexp|file)/.test(o.text));
  const unrestricted = options.filter((o) => /^-u+$/.test(o.text)).reduce((n, o) => n + o.text.length - 1, 0);
  const hidden = unrestricted >= 2 || options.some((o) => o.text === '--hidden' || o.text === '-.');
  return ok([...operands, ...pathValues(options)], { searchDirs: explicitPattern ? operands : operands.slice(1), skipHidden: !hidden });
});

/** sed scripts that only print, delete or substitute (no `w`, `e`, `r` commands, no w/e flags). */
const SAFE_SED = [/^(\d+|\$)?(,(\d+|\$))?[pdq]?$/, /^(\/[^/]*\/)?[pdq]?$/, /^(\d+(,\d+)?)?s(.)((?!\3).)*\3((?!\3).)*\3[gpiI0-9]*$/];

const sedRule = reader(['in-place', 'file'], 'if', ({ options, operands }) => {
  const scripts: string[] = [];
  const files = [...operands];
  const exprOpts = options.filter((o) => /^(-e|--expression)/.test(o.text));
  if (exprOpts.length) {
    for (const o of exprOpts) {
      const attached = o.text.replace(/^(-e|--expression=?)/, '');
      if (attached) scripts.push(attached);
      else {
        const value = files.shift();
        if (value) scripts.push(value.text);
      }
    }
  } else {
    const first = files.shift();
    if (first) scripts.push(first.dynamic ? '\0' : first.text);
  }
  for (const s of scripts.flatMap((x) => x.split(/[;\n]/)).map((x) => x.trim())) {
    if (!SAFE_SED.some((re) => re.test(s))) return ask(`its sed script "${s}" may write files or run commands`);
  }
  return ok(files);
});

const awkRule = reader(['file', 'include', 'load', 'exec', 'pretty-print', 'profile', 'dump-variables', 'debug', 'source'], 'fieElopdD', ({ operands }) => {
  const [program, ...rest] = operands;
  if (!program || program.dynamic) return ask('its awk program is only known when it runs');
  if (/system|getline|[|>]|close|fflush|ENVIRON|PROCINFO/.test(program.text)) return ask('its awk program can run commands or write files (system, getline, | or >)');
  return ok(rest.filter((w) => !/^[A-Za-z_]\w*=/.test(w.text)));
});

const findRule: Rule = (args) => {
  const DENIED = ['-exec', '-execdir', '-ok', '-okdir', '-delete', '-fprint', '-fprint0', '-fprintf', '-fls', '-files0-from'];
  const hit = args.find((a) => DENIED.includes(a.text));
  if (hit) return ask(`its action ${hit.text} deletes, writes, runs other programs or reads a file`);
  const starts: Word[] = [];
  for (const a of args) {
    if (/^-[HLPD]$|^-O\d$/.test(a.text)) continue;
    if (a.text.startsWith('-') || a.text === '!' || a.text === '(' || a.text === ')' || a.text === ',') break;
    starts.push(a);
  }
  return ok(starts.length ? starts : [{ text: '.', dynamic: false, glob: false, brace: false }]);
};

const dateRule = reader(['set'], 's', ({ options, operands }) => {
  const setting = operands.find((o) => !o.text.startsWith('+'));
  if (setting) return ask(`"date ${setting.text}" sets the system clock`);
  // `date --file=F` prints every line of F it cannot parse: the file is read like an operand.
  return ok([...(options.some((o) => /^-[^-]*f/.test(o.text)) ? operands : []), ...pathValues(options)]);
});

const twoOperandsWrite = (what: string): Rule =>
  reader([], '', ({ operands }) => (operands.length > 1 ? ask(`${what} writes its output to "${operands[1].text}"`) : ok(operands)));

export const READ_ONLY: Record<string, Rule> = {
  cat: reader(), head: reader(), tail: reader(), wc: reader(), nl: reader(), stat: namesOnly(reader()), du: namesOnly(reader(['files0-from'])), df: namesOnly(reader()),
  ls: namesOnly(reader()), cut: reader(), tac: reader(), rev: reader(), fold: reader(), column: reader(), expand: reader(),
  cmp: reader(), comm: reader(), diff: reader(), strings: reader(), od: reader(), hexdump: reader(), realpath: namesOnly(reader()),
  readlink: namesOnly(reader()), md5sum: reader(), sha1sum: reader(), sha256sum: reader(), sha512sum: reader(), jq: reader(),
  file: reader(['compile'], 'C'),
  // --fromfile / --files0-from print a file's lines as names: they read it, so they ask.
  tree: namesOnly(reader(['output', 'fromfile'], 'oR')),
  sort: reader(['output', 'compress-program'], 'o'),
  uniq: twoOperandsWrite('uniq'),
  xxd: twoOperandsWrite('xxd'),
  grep: grepRule, egrep: grepRule, fgrep: grepRule,
  rg: rgRule,
  sed: sedRule,
  awk: awkRule, gawk: awkRule, mawk: awkRule,
  find: namesOnly(findRule),
  date: dateRule,
  git: gitRule,
  echo: harmless,
  printf: (args) => (args.some((a) => /^-[^-]*v/.test(a.text)) ? ask('"printf -v" sets a shell variable, which changes what later commands do') : ok([])),
  pwd: harmless, true: harmless, false: harmless, whoami: harmless, id: harmless, uname: harmless, which: harmless, type: harmless, basename: harmless, dirname: harmless, seq: harmless, test: harmless,
  '[': harmless, cd: harmless, pushd: harmless, popd: harmless,
};

/** Programs whose dynamic arguments ($X, $(…)) cannot change what they do. */
export const ARGS_HARMLESS = new Set(['echo', 'printf', 'true', 'false', 'pwd', 'test', '[']);
