// Owns checking secret-class files — `.env*`, `.npmrc`, `.pypirc`, `.netrc`, key files — for secrets
// without ever printing one. These files are where credentials live, so a scanner reads them only for
// that: vendor-format tokens, private key blocks, and `NAME=value` / `name: value` lines whose name says
// secret and whose value is a real one (not a placeholder, `${VAR}` reference or example). A finding
// keeps the name and never the value (`OPENAI_API_KEY=[redacted]`), in its snippet and its message.
import type { Finding } from '../changes/finding';
import { looksLikeSecret } from './engine/secrets';
import { regexFindings } from './regexRules';

/** The line rules that apply to secret files: the ones about secrets. */
const SECRET_RULES = new Set(['hardcoded-secret', 'vendor-token']);
/** `export NAME=value`, `name = value`, `//registry.npmjs.org/:_authToken=value`; else `name: value` (YAML). */
const ASSIGNMENT = /^\s*(?:export\s+)?([^\s=#][^\s=]*?)\s*(=)\s*(.*?)\s*$|^\s*([^\s:#][^\s:]*?)\s*(:)\s+(.*?)\s*$/;

/** name, separator, raw value of an assignment line. */
function assignment(line: string): [string, string, string] | undefined {
  const m = ASSIGNMENT.exec(line);
  if (!m) return undefined;
  return m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
}
/** Names that hold a credential in these files (`_authToken`, `_auth`, `API_KEY`, `DB_PASSWORD`, `client_secret`). */
const SECRET_NAME = /(?:^|[^a-z])(?:_?auth(?:token)?|token|secret|passw(?:or)?d|pwd|pass|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|key)$/i;

/** A line as it may be shown: its name, never its value. */
export function redactedLine(line: string): string {
  const a = assignment(line);
  return a ? `${a[0].slice(0, 100)}${a[1] === ':' ? ': ' : '='}[redacted]` : '[redacted]';
}

/** The value of an assignment line without its quotes and a trailing comment. */
function valueOf(raw: string): string {
  const quoted = /^(['"])(.*)\1/.exec(raw);
  return quoted ? quoted[2] : raw.replace(/\s+#.*$/, '');
}

const MESSAGE = 'A secret written into a secret-class file (an environment, registry or credentials file). Its value is not shown.';
const FIX = 'If this file is committed or shared, revoke the secret now; keep such files out of version control (.gitignore) and put placeholders (`${NPM_TOKEN}`, `changeme`) in examples.';

/** Findings of secrets in a secret-class file, redacted: no value is ever in a finding. */
export function secretFileFindings(path: string, text: string, disabled: string[] = []): Finding[] {
  const lines = text.split(/\r?\n/);
  const byLine = new Map<number, Finding>();
  for (const f of regexFindings(`${path}.secret`, text, disabled)) {
    if (SECRET_RULES.has(f.ruleId) && !byLine.has(f.line)) byLine.set(f.line, { ...f, path, message: `${f.message} Its value is not shown.`, snippet: redactedLine(lines[f.line - 1] ?? '') });
  }
  if (!disabled.includes('hardcoded-secret')) {
    lines.forEach((line, i) => {
      const a = assignment(line);
      if (!a || byLine.has(i + 1) || line.trimStart().startsWith('#') || !SECRET_NAME.test(a[0])) return;
      const value = valueOf(a[2]);
      if (!value || !looksLikeSecret(`"${value}"`, a[0])) return;
      byLine.set(i + 1, { ruleId: 'hardcoded-secret', cwe: 'CWE-798', severity: 'high', message: MESSAGE, fix: FIX, path, line: i + 1, snippet: redactedLine(line) });
    });
  }
  return [...byLine.values()].sort((a, b) => a.line - b.line);
}
