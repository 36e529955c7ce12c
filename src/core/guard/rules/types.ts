// Owns the shape of a guard rule as data: what every rule folder's rule.json holds. A rule is either
// a taint rule (untrusted or built values reaching sinks) or a query rule (tree-sitter queries for
// structure that is not data flow). Regexes in rules are JavaScript regexes, matched case-insensitively.
export type GuardLanguage = 'js' | 'python' | 'java';
export type Severity = 'high' | 'medium' | 'low';

export interface RuleMeta {
  id: string;
  /** Canonical class, e.g. CWE-89. */
  cwe: string;
  severity: Severity;
  message: string;
  fix: string;
  languages: GuardLanguage[];
  /**
   * A regex the file's text must match for the rule to run at all (words its patterns cannot match
   * without): a cheap pre-filter that keeps unrelated rules out of the per-file work.
   */
  requires?: string;
}

/** A place where a value must not arrive: a call (by callee text) or an assignment (by target text). */
export interface SinkSpec {
  /** Regex on the callee as written without spaces: `db.query`, `subprocess.run`, `new File`, `Runtime.getRuntime().exec`. */
  callee?: string;
  /** Regex on an assignment target instead of a call (`el.innerHTML`). */
  assign?: string;
  /**
   * Regex on a handler's context instead of a call: the function's returned value is the sink (a Flask view, a
   * Spring `@ResponseBody` method). The context is `class: …`, `method: …` (decorators, annotations) and, in Java,
   * `type: …` (the return type), one per line (`../engine/returnSinks.ts`); `unless` is then tested on it too.
   */
  returns?: string;
  /** Regex on the whole file that turns this sink off (FastAPI, whose views return JSON, beside Flask's `@app.get`). */
  unlessFile?: string;
  /** Positional arguments that are sinks (default [0]); "all" for every argument. */
  args?: number[] | 'all';
  /** The receiver is the sink (`Path(p).read_text()`). */
  receiver?: boolean;
  /** Keyword arguments (Python) or object-literal properties (JS) that are sinks. */
  kwargs?: string[];
  /** Regex the whole call text must match (e.g. `shell\s*=\s*True`). */
  when?: string;
  /** Regex that, when it matches the whole call text, makes this sink safe. */
  unless?: string;
  /** Regex the value's constant text must match (e.g. a shell and -c in a command list). */
  valueLike?: string;
  /** A merely non-constant value does not count here, even for a `dynamic` rule (setTimeout(fn)). */
  noDynamic?: boolean;
  /** When the argument is an object literal, only these keys are the sink (`{ text: sql, values }`). */
  objectKeys?: string[];
  /**
   * Only the input's own text counts (passed on, concatenated, formatted): not what an unknown call computed from
   * it — rows a query found, a file's content (HTML written as it is; a reflected value, not a stored one).
   */
  direct?: boolean;
  /** An array or list value is not this sink's concern (a program with separate arguments). */
  skipArrays?: boolean;
}

export interface TaintRule extends RuleMeta {
  kind: 'taint';
  sinks: Partial<Record<GuardLanguage, SinkSpec[]>>;
  /** Also flag text built (concatenation, interpolation, formatting) from any non-constant value, not only from untrusted input. */
  built?: boolean;
  /** Flag any non-constant value (eval-likes, deserialisers): constants are the only safe input. */
  dynamic?: boolean;
  /** For `built`: a regex the constant parts of the built text must match (SQL keywords for queries). */
  builtLike?: string;
  /** Regexes on a call's text without spaces (`shlex.quote(x)`, `s.replace(/[\r\n]/g,'')`): its result is clean for this rule. */
  sanitizers?: Partial<Record<GuardLanguage, string[]>>;
  /** Regex on the enclosing function's text: when it matches (a containment check), the rule is quiet there. */
  guards?: Partial<Record<GuardLanguage, string>>;
  /**
   * A named function whose parameter reaches one of this rule's sinks is a sink too, at its call sites in
   * the file and in the files that import it (`run(cmd) { execSync(cmd) }` … `run(\`rm ${dir}\`)`).
   */
  summaries?: boolean;
  /**
   * With `summaries`: a regex (case-sensitive, like `requires`) the file must match for its functions to be
   * summarised — the names of the rule's sinks, which any alias of them must mention too. Saves the extra
   * pass on the many files that run no command.
   */
  summariesRequire?: string;
}

export interface QueryRule extends RuleMeta {
  kind: 'query';
  /** A tree-sitter query per language; `@finding` (else the first capture) gives the line. */
  queries: Partial<Record<GuardLanguage, string>>;
  /**
   * A regex on every string literal (its `value`), checked in one pass over the file without a
   * tree-sitter query: for rules about the text of literals (vendor tokens, connection strings).
   */
  literal?: string;
  /**
   * Regexes the named captures' text must match; `context` matches the names around the finding (target, enclosing function).
   * A pattern that captures a name as `ref` instead of a literal `v` is held to `v` with the string constant the name holds (constRef.ts).
   */
  where?: Record<string, string>;
  /** Regexes that, when one matches its capture's text, drop the match. */
  unless?: Record<string, string>;
  /** Regex on the whole file that silences the rule (a safe configuration elsewhere in the file). */
  unlessFile?: string;
  /** Regex on the enclosing function that silences the rule there (a check next to the match). */
  unlessFunction?: string;
  /**
   * A check done in code: `secret` = the `value` capture is a real-looking secret, not a placeholder;
   * `credential` = the same for a value that is a password by its place (`new UsernamePasswordCredentials(u, "…")`).
   */
  check?: 'secret' | 'credential' | 'weakRandom';
  /**
   * Also a literal that fills a password by a name the file gives it: a password-named parameter of a function of the
   * same file (`../engine/credentialParams.ts`), or a SQL placeholder whose clause names a password column
   * (`../engine/boundCredentials.ts`).
   */
  params?: boolean;
}

export type GuardRule = TaintRule | QueryRule;

/** What the CLI and SARIF need to describe a rule. */
export interface RuleDescriptor {
  id: string;
  cwe: string;
  severity: Severity;
  message: string;
  fix: string;
  languages: string[];
}
