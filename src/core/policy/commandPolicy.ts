// Owns how a shell command is judged before it runs. The command is parsed with tree-sitter-bash
// (a real bash grammar, the one VS Code uses to parse terminal commands), and every simple command
// in it — in lists, pipelines, subshells, if/for/while, functions, $(…), <(…), and `sh -c '…'`
// strings parsed again — is judged on its own, with every redirect. Ordered decisions: allow < ask
// < forbid; the strictest part wins. Allowed: the user's allowedCommands (word prefixes) and the
// read-only allowlist with its dangerous options excluded and its paths kept inside the workspace.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { escapeHiddenUnicode } from '../../protocol/hiddenUnicode';
import { createParser, type Parser, type SyntaxNode } from '../syntax/treeSitter';
import { EXACT_PREFIX } from './alwaysAllow';
import { absoluteOf, pathReason, secretBelow, type PathContext } from './commandPaths';
import { isInside } from '../util/containment';
import { programName, unwrap } from './commandWrappers';
import { constructReason, PROCESS_WRAPPERS } from './shellConstructs';
import { forbiddenReason, forbiddenRedirect } from './forbiddenCommands';
import { PathRules } from './pathRules';
import { ARGS_HARMLESS, READ_ONLY } from './readOnlyCommands';
import { evalWord, redirectOperator, type Word } from './shellWords';
import { strictest, type CommandVerdict } from './verdict';

export type { CommandVerdict, Decision } from './verdict';

export interface CommandPolicyOptions {
  /** tandem.agent.allowedCommands: word prefixes the user lets run without asking. */
  allowed: string[];
  /** Canonical workspace root. */
  workspaceRoot: string;
  /** Absolute folder the command runs in. */
  cwd: string;
  /** The home folder `~` and `$HOME` stand for (tests inject one). */
  home?: string;
  /** Path rules of the workspace (default: built-in lists plus its .tandemignore). */
  rules?: PathRules;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash']);
/** Where a program given by absolute path is still the system's own (`/bin/ls`, not `./ls`). */
const SYSTEM_BIN = new Set(['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/usr/sbin']);
/** Redirect targets that write nowhere that matters. */
const HARMLESS_SINKS = /^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$/;
const MAX_DEPTH = 4;
/** Variables `echo` may print unasked; any other may hold a secret (`echo $DB_PASSWORD`). */
const PRINTABLE_VARS = new Set(['HOME', 'PWD', 'OLDPWD', 'USER', 'LOGNAME', 'SHELL', 'PATH', 'LANG', 'TERM', 'HOSTNAME', 'SHLVL', 'RANDOM', 'LINENO', 'SECONDS', 'BASH_VERSION']);
/** Longer command lines ask: checking them would take seconds. */
const MAX_CHARS = 200_000;

let parserPromise: Promise<Parser> | undefined;
function bashParser(): Promise<Parser> {
  parserPromise ??= createParser('bash').catch((err: unknown) => {
    parserPromise = undefined;
    throw err;
  });
  return parserPromise;
}

const named = (n: SyntaxNode | null | undefined): n is SyntaxNode => !!n;
const isDirectory = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;

/**
 * True when the command's leading words equal the allowlist entry's words (`npm test` allows
 * `npm test -- x`). An entry starting with `=` is exact: these words and no others (`=npm test`).
 */
function matchesAllowEntry(words: Word[], entry: string): boolean {
  const exact = entry.trim().startsWith(EXACT_PREFIX);
  const want = entry.trim().slice(exact ? EXACT_PREFIX.length : 0).replace(/\s+\*$/, '').split(/\s+/).filter(Boolean);
  if (want.length === 0 || words.length < want.length || (exact && words.length !== want.length)) return false;
  return want.every((w, i) => !words[i].dynamic && !words[i].glob && words[i].text === w);
}

interface WalkState {
  /** The folder this part runs in; undefined when only known at run time. */
  cwd: string | undefined;
  /** Inside a branch that may or may not run (if, loops, `||`): a `cd` here leaves the folder unknown. */
  uncertain?: boolean;
}

/** Compound commands whose parts may run, run again or not run at all. */
const CONDITIONAL = new Set(['if_statement', 'while_statement', 'for_statement', 'c_style_for_statement', 'case_statement', 'function_definition']);
/** Parts that run in a subshell of their own: their `cd` moves nothing after them. */
const SUBSHELLS = new Set(['subshell', 'pipeline', 'command_substitution', 'process_substitution']);

class CommandJudge {
  readonly verdicts: CommandVerdict[] = [];
  /** Secret files named as plain paths to read: an approval of the command shows them to it. */
  readonly secretReads = new Set<string>();

  constructor(
    private readonly parser: Parser,
    private readonly opts: CommandPolicyOptions,
    private readonly ctx: Omit<PathContext, 'cwd'>,
  ) {}

  private push(decision: CommandVerdict['decision'], reason: string, src: string): void {
    const shown = src.length > 80 ? `${src.slice(0, 77)}…` : src;
    this.verdicts.push({ decision, reason: `"${shown}": ${reason}` });
  }

  /** `state` is shared with the caller when the text runs in the same shell (eval), so its `cd` moves what follows. */
  judgeScript(text: string, state: WalkState, depth: number): void {
    if (depth > MAX_DEPTH) return this.push('ask', 'shells are nested too deeply to check', text);
    const tree = this.parser.parse(text);
    if (!tree) return this.push('ask', 'the command could not be parsed', text);
    try {
      this.walk(tree.rootNode, state, depth);
    } finally {
      tree.delete();
    }
  }

  private walk(node: SyntaxNode, state: WalkState, depth: number): void {
    if (node.type === 'ERROR' || node.isMissing) {
      this.push('ask', 'part of it is not valid shell syntax (check quotes and brackets), so it cannot be checked', node.text || node.parent?.text || '');
    }
    switch (node.type) {
      case 'command':
        this.command(node, state, depth);
        break;
      case 'file_redirect':
        this.redirect(node, state);
        break;
      case 'variable_assignment':
        if (node.parent?.type !== 'command') this.push('ask', `it sets the shell variable ${node.childForFieldName('name')?.text ?? ''}, which changes what later commands do`, node.text);
        break;
      case 'declaration_command':
      case 'unset_command':
        this.push('ask', 'it changes shell variables, which changes what later commands do', node.text);
        break;
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text ?? '';
        const calls = node.descendantsOfType('command').filter(named).some((c) => c.childForFieldName('name')?.text === name);
        if (calls) this.push('forbid', 'it defines a function that calls itself (a fork bomb)', node.text);
        else this.push('ask', `it defines the shell function ${name}, which can stand in for any program`, node.text);
        break;
      }
      case 'list':
        return this.list(node, state, depth);
    }
    if (SUBSHELLS.has(node.type)) {
      // A `cd` inside a subshell (each part of a pipeline, $(…), <(…)) does not move the commands after it.
      if (node.type === 'pipeline') for (const child of node.children.filter(named)) this.walk(child, { ...state }, depth);
      else this.children(node, { ...state }, depth);
      return;
    }
    if (CONDITIONAL.has(node.type)) {
      const inner: WalkState = { cwd: state.cwd, uncertain: true };
      this.children(node, inner, depth);
      if (inner.cwd !== state.cwd) state.cwd = undefined;
      return;
    }
    this.children(node, state, depth);
  }

  /** Children in order; one sent to the background (`cd x &`) runs in a subshell and moves nothing. */
  private children(node: SyntaxNode, state: WalkState, depth: number): void {
    for (const child of node.children.filter(named)) this.walk(child, child.nextSibling?.type === '&' ? { ...state } : state, depth);
  }

  /**
   * `a && b || c`: in a chain of `&&` each part runs only after the ones before it succeeded, so a
   * `cd` in it moves the parts after it; after the chain, or anywhere a `||` makes a part optional,
   * the folder is only known at run time.
   */
  private list(node: SyntaxNode, state: WalkState, depth: number): void {
    const operands: SyntaxNode[] = [];
    let mixed = false;
    const flatten = (n: SyntaxNode) => {
      for (const k of n.children.filter(named)) {
        if (k.type === '||') mixed = true;
        else if (k.type === 'list') flatten(k);
        else if (k.isNamed && k.type !== 'comment') operands.push(k);
      }
    };
    flatten(node);
    const inner: WalkState = mixed ? { cwd: state.cwd, uncertain: true } : state;
    let movedLater = false;
    operands.forEach((op, i) => {
      const before = inner.cwd;
      this.walk(op, op.nextSibling?.type === '&' ? { ...inner } : inner, depth);
      if (i > 0 && inner.cwd !== before) movedLater = true;
    });
    if (mixed ? inner.cwd !== state.cwd : movedLater) state.cwd = undefined;
  }

  private words(node: SyntaxNode): Word[] {
    const nameNode = node.childForFieldName('name');
    const nameWord = nameNode?.firstNamedChild ?? nameNode;
    const args = node.childrenForFieldName('argument').filter(named);
    return [...(nameWord ? [nameWord] : []), ...args].map((n) => evalWord(n, this.ctx.home));
  }

  private command(node: SyntaxNode, state: WalkState, depth: number): void {
    const src = node.text;
    const words = this.words(node);
    if (words.length === 0) return;
    const assignments = node.namedChildren.filter(named).filter((c) => c.type === 'variable_assignment');
    const unwrapped = unwrap(words);
    const pctx: PathContext = { ...this.ctx, cwd: state.cwd };
    const forbidden = forbiddenReason(words, pctx) ?? forbiddenReason(unwrapped.words, pctx);
    if (forbidden) return this.push('forbid', forbidden, src);
    if (words[0].dynamic) return this.push('ask', `the program "${words[0].text}" is only known when it runs`, src);
    const inner = unwrapped.words;
    const name = inner.length ? programName(inner[0]) : '';
    const construct = constructReason(programName(words[0]), unwrapped, name);
    if (construct) this.push('ask', construct, src);
    if (name === 'cd' || name === 'pushd' || name === 'popd') this.changeDir(name, inner, state, unwrapped.via);
    // A sourced file may `cd` anywhere.
    if (name === 'source' || name === '.') state.cwd = undefined;
    // The user's entry may name the command as written (`timeout 60 make`) or the wrapped program
    // (`make`); wrappers that change the environment still ask unless the entry names them.
    const allowedAsWritten = this.opts.allowed.some((e) => matchesAllowEntry(words, e)) && assignments.length === 0;
    const allowedInner = this.opts.allowed.some((e) => !e.trim().startsWith(EXACT_PREFIX) && matchesAllowEntry(inner, e)) && assignments.length === 0 && !unwrapped.ask;
    if (SHELLS.has(name) || name === 'eval' || name === 'trap') return this.shell(name, inner, node, state, depth, allowedAsWritten || allowedInner);
    if (allowedAsWritten || allowedInner) return this.push('allow', 'you allowed it in tandem.agent.allowedCommands', src);
    if (assignments.length) {
      const vars = assignments.map((a) => a.childForFieldName('name')?.text ?? '?').join(', ');
      return this.push('ask', `it sets ${vars} for the program, which can change what it runs (LD_PRELOAD, PAGER, GIT_* and the like)`, src);
    }
    if (unwrapped.ask) return this.push('ask', unwrapped.ask, src);
    if (unwrapped.lookup || inner.length === 0) return this.push('allow', 'it only looks a program up', src);
    this.readOnly(name, inner, src, state);
  }

  private readOnly(name: string, inner: Word[], src: string, state: WalkState): void {
    const program = inner[0].text;
    if (program.includes('/') && !SYSTEM_BIN.has(path.posix.dirname(program))) {
      return this.push('ask', `it runs ${program}, a program file rather than a system command`, src);
    }
    const rule = READ_ONLY[name];
    if (!rule) return this.push('ask', `${name} is not a read-only command and is not in tandem.agent.allowedCommands`, src);
    const args = inner.slice(1);
    const dynamicArg = args.find((a) => a.dynamic);
    if (dynamicArg && !ARGS_HARMLESS.has(name)) return this.push('ask', `its argument ${dynamicArg.text} is only known when it runs`, src);
    const secretVar = args
      .filter((a) => a.dynamic)
      .flatMap((a) => [...a.text.matchAll(/\$\{?#?!?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))
      .find((v) => !PRINTABLE_VARS.has(v));
    if (secretVar) return this.push('ask', `it prints the variable ${secretVar}, which may hold a secret`, src);
    const result = rule(args);
    if (result.kind !== 'ok') return this.push('ask', result.kind === 'ask' ? result.reason : `${name} is not read-only`, src);
    const pctx: PathContext = { ...this.ctx, cwd: state.cwd };
    if (!result.namesOnly) for (const p of result.paths) this.noteSecretRead(p, pctx);
    for (const p of result.paths) {
      const why = pathReason(p, pctx, result.namesOnly);
      if (why) return this.push('ask', why, src);
    }
    if (result.searchDirs) {
      const dirs = result.searchDirs.length ? result.searchDirs : [{ text: '.', dynamic: false, glob: false, brace: false }];
      for (const d of dirs) {
        const abs = absoluteOf({ ...d, glob: false }, pctx);
        const why = typeof abs === 'string' ? secretBelow(abs, pctx, result.skipHidden ?? false) : undefined;
        if (why) return this.push('ask', why, src);
      }
    }
    this.push('allow', 'it only reads inside the workspace', src);
  }

  /**
   * Where later parts run after a `cd`/`pushd`/`popd`. Only a plain move the judge can be sure of
   * keeps a known folder: through a wrapper of its own process, in a branch that may not run, to a
   * folder that does not exist (the `cd` fails and nothing moves), `popd`, `pushd +N`, `cd -` all
   * leave it unknown, so relative paths after them ask.
   */
  /** Records a plain path (no glob, no variable) to a secret file inside the workspace. */
  private noteSecretRead(word: Word, pctx: PathContext): void {
    if (word.glob || word.brace) return;
    const abs = absoluteOf(word, pctx);
    if (typeof abs !== 'string' || !isInside(this.ctx.root, abs) || abs === this.ctx.root) return;
    if (this.ctx.rules.isSecret(path.relative(this.ctx.root, abs).split(path.sep).join('/')) && !pathReason(word, pctx)?.includes('outside')) this.secretReads.add(abs);
  }

  private changeDir(name: string, inner: Word[], state: WalkState, via: string[]): void {
    const args = inner.slice(1);
    if (name === 'pushd' && args.some((w) => w.text === '-n')) return;
    const target = args.find((w) => !w.text.startsWith('-') || w.text === '-');
    if (state.uncertain || name === 'popd' || via.some((w) => PROCESS_WRAPPERS.has(w))) state.cwd = undefined;
    else if (!target) state.cwd = name === 'cd' ? this.ctx.home : undefined;
    else if (target.text === '-' || /^[+-]\d+$/.test(target.text)) state.cwd = undefined;
    else {
      const abs = absoluteOf(target, { cwd: state.cwd, home: this.ctx.home });
      state.cwd = typeof abs === 'string' && isDirectory(abs) ? abs : undefined;
    }
  }

  /** Shell code given as text (`sh -c`, `eval`, `trap`, a here-document fed to a shell) is judged too. */
  private shell(name: string, inner: Word[], node: SyntaxNode, state: WalkState, depth: number, userAllowed: boolean): void {
    const src = node.text;
    if (name === 'eval' || name === 'trap') {
      const args = name === 'trap' ? inner.slice(1, 2).filter((a) => !a.text.startsWith('-')) : inner.slice(1);
      if (args.some((a) => a.dynamic)) return this.push('ask', `${name} runs text only known when it runs`, src);
      if (name === 'trap') this.push('ask', 'trap runs a command later, when a signal arrives', src);
      // eval runs in this shell: its `cd` moves what follows. A trap runs later, wherever the shell is then.
      return this.judgeScript(args.map((a) => a.text).join(' '), name === 'eval' ? state : { ...state, cwd: undefined }, depth + 1);
    }
    const flagAt = inner.findIndex((w, i) => i > 0 && /^-[a-z]*c[a-z]*$/i.test(w.text));
    let script = flagAt > 0 ? inner.slice(flagAt + 1).find((w) => !w.text.startsWith('-')) : undefined;
    if (!script && inner.length === 1) script = this.fedScript(node);
    // A script file the user allowed (`bash scripts/check.sh`) runs; shell code given as text is
    // always judged itself, so an allowed `bash` prefix cannot carry `bash -c 'rm -rf ~'`.
    if (!script && userAllowed) return this.push('allow', 'you allowed it in tandem.agent.allowedCommands', src);
    if (!script) return this.push('ask', `it starts ${name} on a script or input that cannot be checked`, src);
    if (script.dynamic) return this.push('ask', `the script given to ${name} -c is only known when it runs`, src);
    this.judgeScript(script.text, { ...state }, depth + 1);
  }

  /** The here-document or here-string a bare `sh` reads its commands from, if any. */
  private fedScript(command: SyntaxNode): Word | undefined {
    const redirects = [...command.namedChildren, ...(command.parent?.type === 'redirected_statement' ? command.parent.namedChildren : [])].filter(named);
    for (const r of redirects) {
      if (r.type === 'herestring_redirect' && r.firstNamedChild) return evalWord(r.firstNamedChild, this.ctx.home);
      const body = r.type === 'heredoc_redirect' ? r.namedChildren.find((c) => c?.type === 'heredoc_body') : undefined;
      if (body) return { text: body.text, dynamic: body.namedChildren.some((c) => c?.type !== 'heredoc_content'), glob: false, brace: false };
    }
    return undefined;
  }

  private redirect(node: SyntaxNode, state: WalkState): void {
    const op = redirectOperator(node);
    const dest = node.childForFieldName('destination');
    if (!dest) return;
    const target = evalWord(dest, this.ctx.home);
    if ((op === '>&' || op === '<&') && !target.dynamic && /^(\d+|-)$/.test(target.text)) return;
    if (op === '<' || op === '<&') {
      this.noteSecretRead(target, { ...this.ctx, cwd: state.cwd });
      const why = pathReason(target, { ...this.ctx, cwd: state.cwd });
      if (why) this.push('ask', why, node.text);
      return;
    }
    const forbidden = forbiddenRedirect(target);
    if (forbidden) return this.push('forbid', forbidden, node.text);
    if (!target.dynamic && HARMLESS_SINKS.test(target.text)) return;
    this.push('ask', `it writes to the file "${target.text}" (${op || 'redirect'})`, node.text);
  }
}

/** Judges a command line: forbid (never runs), allow (runs without asking), or ask. */
export async function classifyCommand(command: string, opts: CommandPolicyOptions): Promise<CommandVerdict> {
  if (!command.trim()) return { decision: 'forbid', reason: 'the command is empty' };
  if (command.includes('\0')) return { decision: 'forbid', reason: 'the command contains a NUL character' };
  const parser = await bashParser();
  const home = opts.home ?? homedir();
  if (command.length > MAX_CHARS) return { decision: 'ask', reason: `the command is longer than ${MAX_CHARS.toLocaleString('en')} characters, too long to check` };
  const judge = new CommandJudge(parser, opts, { root: opts.workspaceRoot, home, rules: opts.rules ?? PathRules.forWorkspace(opts.workspaceRoot) });
  try {
    judge.judgeScript(command, { cwd: opts.cwd }, 0);
  } catch (err) {
    // Thousands of nested brackets exhaust the stack: such a command asks, it does not fail the tool.
    if (!(err instanceof RangeError)) throw err;
    const forbidden = judge.verdicts.find((v) => v.decision === 'forbid');
    return forbidden ?? { decision: 'ask', reason: 'the command is nested too deeply to check' };
  }
  if (judge.verdicts.length === 0) return { decision: 'ask', reason: 'it contains no command that can be checked' };
  const worst = strictest(judge.verdicts, judge.verdicts[0]);
  // What a person would read differs from what runs: never run it unseen.
  if (worst.decision === 'allow' && escapeHiddenUnicode(command).escaped) {
    return { decision: 'ask', reason: 'it contains hidden or bidirectional Unicode characters, so what you would read is not what runs' };
  }
  if (worst.decision === 'allow') {
    return { decision: 'allow', reason: judge.verdicts.length > 1 ? 'every part of the command is allowed' : worst.reason };
  }
  return worst.decision === 'ask' && judge.secretReads.size ? { ...worst, secretReads: [...judge.secretReads].sort() } : worst;
}
