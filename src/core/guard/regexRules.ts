// Owns the quick line-regex pass: used where no grammar applies (other file types, or a grammar that
// failed to load). Each rule has an id, its CWE, a severity, a message and a fix hint, and matches
// one line at a time; `unless` keeps it quiet on the safe near-misses (parameterised queries,
// constant strings, neutralised input). The parser engine (engine/, rules/) is the main scanner.
import type { Finding } from '../changes/finding';
import type { GuardLanguage as Language, Severity } from './rules/types';
import vendorToken from './rules/vendor-token/rule.json';

export interface Rule {
  id: string;
  cwe: string;
  severity: Severity;
  message: string;
  fix: string;
  languages: Language[];
  pattern: RegExp;
  unless?: RegExp;
  /** Tested on the matched text only, not the line (a token's own text says it is an example). */
  unlessMatch?: RegExp;
}

// A string literal that ends at a quote of the kind it opened with (a `'` inside "…" does not end it).
const STR = String.raw`(?:"[^"]*"|'[^']*')`;
// A non-literal expression after `+` (not another string literal).
const PLUS_VALUE = String.raw`\+\s*(?!\s*['"\x60])[\w$.(\[]`;
const SQL = String.raw`(?:SELECT|INSERT|UPDATE|DELETE|DROP|ALTER|CREATE|REPLACE|MERGE)\b`;
const REQUEST_JS = String.raw`\b(?:req|request|ctx\.request)\.(?:body|query|params|headers|cookies)\b`;
const REQUEST_PY = String.raw`\brequest\.(?:args|form|values|json|GET|POST|data|headers|cookies|query_params)\b`;
const REQUEST_JAVA = String.raw`\b(?:request|req)\.get(?:Parameter|Header|QueryString)\s*\(`;

export const RULES: Rule[] = [
  {
    id: 'sql-injection',
    cwe: 'CWE-89',
    severity: 'high',
    message: 'SQL built by concatenating or interpolating values into the query text.',
    fix: 'Use a parameterised query: placeholders in the SQL text and the values passed separately.',
    languages: ['js', 'python', 'java'],
    pattern: new RegExp(
      [
        String.raw`(?:"\s*${SQL}[^"]*"|'\s*${SQL}[^']*')\s*${PLUS_VALUE}`,
        String.raw`\x60\s*${SQL}[^\x60]*\$\{`,
        String.raw`\bf['"]\s*${SQL}.*\{\w`,
        String.raw`(?:"\s*${SQL}[^"]*"|'\s*${SQL}[^']*')\s*(?:%\s*[\w(]|\.format\()`,
        String.raw`\.(?:query|execute|executeQuery|executeUpdate|raw|prepareStatement|createQuery)\s*\(\s*[\w$.]+\s*\+`,
      ].join('|'),
      'i',
    ),
  },
  {
    id: 'log-injection',
    cwe: 'CWE-117',
    severity: 'medium',
    message: 'Request input written to a log without neutralising line breaks (forged log entries).',
    fix: 'Strip or encode CR/LF first (e.g. value.replace(/[\\r\\n]/g, "_")), or log it as a structured field.',
    languages: ['js', 'python', 'java'],
    pattern: new RegExp(
      String.raw`\b(?:console\.(?:log|info|warn|error|debug)|(?:log|logger|LOG|LOGGER|logging)\.(?:info|warn|warning|error|debug|trace|fatal))\s*\(.*(?:${REQUEST_JS}|${REQUEST_PY}|${REQUEST_JAVA})`,
    ),
    unless: /replace(?:All)?\s*\(\s*(?:\/\[\\r\\n\]|["']\[\\\\?r\\\\?n\])|sanitize|escapeLog|encodeForLog/i,
  },
  {
    id: 'hardcoded-secret',
    cwe: 'CWE-798',
    severity: 'high',
    message: 'A secret (key, token or password) written into the code.',
    fix: 'Read it from the environment or a secret store; never commit it.',
    languages: ['js', 'python', 'java'],
    pattern: new RegExp(
      [
        String.raw`\b(?:sk|rk)-(?:proj-)?[A-Za-z0-9_-]{20,}`,
        String.raw`\bAKIA[0-9A-Z]{16}\b`,
        String.raw`\b(?:ghp|gho|ghs|ghu)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}`,
        String.raw`-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY-----`,
        String.raw`(?:api[_-]?key|secret|password|passwd|pwd|token|access[_-]?key|private[_-]?key)['"]?\s*[:=]\s*['"][^'"\s]{8,}['"]`,
      ].join('|'),
      'i',
    ),
    unless: /process\.env|os\.environ|getenv|System\.getenv|<[^>]+>|\b(?:changeme|example|placeholder|your[_-]|xxxx|dummy|test[_-]?key)|[A-Z0-9]EXAMPLE\b/i,
  },
  {
    // The parsed rule's vendor formats (rules/vendor-token), on every line of every text file the guard reads:
    // YAML, .properties, .npmrc, Dockerfiles, Go, Ruby, PHP, .txt — a token is a token wherever it is written.
    id: 'vendor-token',
    cwe: vendorToken.cwe,
    severity: 'high',
    message: vendorToken.message,
    fix: vendorToken.fix,
    languages: ['js', 'python', 'java'],
    pattern: new RegExp(vendorToken.literal),
    unlessMatch: new RegExp(vendorToken.unless.value, 'i'),
  },
  {
    id: 'dynamic-eval',
    cwe: 'CWE-95',
    severity: 'high',
    message: 'Code evaluated from a dynamic string.',
    fix: 'Do not evaluate strings as code; parse the data (JSON.parse, ast.literal_eval) or dispatch on known values.',
    languages: ['js', 'python', 'java'],
    pattern: /\beval\s*\(\s*(?!['"`][^'"`]*['"`]\s*\))[^)\s]|\bnew\s+Function\s*\(\s*(?!['"`][^'"`]*['"`]\s*\))[^)\s]|\bexec\s*\(\s*(?!['"][^'"]*['"]\s*\))(?:f['"]|[\w.]+\s*[+%,)]|[\w.]+\))/,
    unless: /\bchild_process\b|\bexecSync\b|\bRuntime\b|\.exec\(|\bre\.|\bregex|\bcursor\.|\bdb\./,
  },
  {
    id: 'command-injection',
    cwe: 'CWE-78',
    severity: 'high',
    message: 'A shell command built from interpolated values.',
    fix: 'Run the program directly with an argument array (execFile/spawn without a shell, subprocess.run([...])), never a shell string with values in it.',
    languages: ['js', 'python', 'java'],
    pattern: new RegExp(
      [
        String.raw`\b(?:exec|execSync)\s*\(\s*(?:\x60[^\x60]*\$\{|${STR}\s*${PLUS_VALUE}|[\w$.]+\s*\+)`,
        String.raw`\b(?:os\.system|os\.popen|subprocess\.(?:call|run|Popen|check_output|check_call))\s*\(\s*(?:f['"]|${STR}\s*(?:%|\+|\.format))`,
        String.raw`\bRuntime\.getRuntime\(\)\.exec\(\s*(?:${STR}\s*\+|[\w.]+\s*\+)`,
        String.raw`\bspawn(?:Sync)?\s*\(\s*\x60[^\x60]*\$\{.*shell\s*:\s*true`,
      ].join('|'),
    ),
  },
  {
    id: 'tls-verification-disabled',
    cwe: 'CWE-295',
    severity: 'high',
    message: 'TLS certificate verification turned off.',
    fix: 'Keep verification on; for a private CA, pass its certificate (ca / verify="ca.pem" / a trust store) instead.',
    languages: ['js', 'python', 'java'],
    pattern: /rejectUnauthorized\s*:\s*false|NODE_TLS_REJECT_UNAUTHORIZED['"]?\]?\s*=\s*['"]?0|\bverify\s*=\s*False\b|_create_unverified_context|CERT_NONE|ALLOW_ALL_HOSTNAME_VERIFIER|NoopHostnameVerifier|\(hostname,\s*session\)\s*->\s*true/,
  },
  {
    id: 'insecure-randomness',
    cwe: 'CWE-338',
    severity: 'medium',
    message: 'A predictable random generator used for a token, password, key or session id.',
    fix: 'Use a cryptographic generator: crypto.randomBytes / crypto.randomUUID, secrets.token_hex, SecureRandom.',
    languages: ['js', 'python', 'java'],
    pattern: /(?:token|secret|password|passwd|session|nonce|salt|otp|api[_-]?key|reset)\w*\s*[:=].*(?:Math\.random\s*\(|\brandom\.(?:random|randint|choice|choices|getrandbits)\s*\(|new\s+Random\s*\()/i,
  },
  {
    id: 'path-traversal',
    cwe: 'CWE-22',
    severity: 'high',
    message: 'A file path built from request input (may reach files outside the intended folder).',
    fix: 'Resolve the path, then check it stays inside the base folder (or look the name up in an allow-list).',
    languages: ['js', 'python', 'java'],
    pattern: new RegExp(
      [
        String.raw`\b(?:path\.(?:join|resolve)|fs\.(?:readFile|readFileSync|createReadStream|writeFile|writeFileSync|unlink)|res\.sendFile)\s*\(.*${REQUEST_JS}`,
        String.raw`\b(?:os\.path\.join|open|send_file|send_from_directory|Path)\s*\(.*${REQUEST_PY}`,
        String.raw`\bnew\s+(?:File|FileInputStream|FileReader)\s*\(.*${REQUEST_JAVA}|\bPaths\.get\s*\(.*${REQUEST_JAVA}`,
      ].join('|'),
    ),
    unless: /startsWith\s*\(|is_relative_to|normalize\(\)\.startsWith|safe_join|basename\s*\(/,
  },
];

export function languageOf(path: string): Language | undefined {
  if (/\.(?:[cm]?[jt]sx?)$/i.test(path)) return 'js';
  if (/\.py$/i.test(path)) return 'python';
  if (/\.java$/i.test(path)) return 'java';
  return undefined;
}

/** Rules that apply to a file in no parsed language: secrets, which are found in any text. */
const ANY_TEXT = new Set(['hardcoded-secret', 'vendor-token']);

function regexRulesFor(path: string, disabled: string[]): Rule[] {
  const lang = languageOf(path);
  return RULES.filter((r) => !disabled.includes(r.id) && (lang ? r.languages.includes(lang) : ANY_TEXT.has(r.id)));
}

/** Findings of the line regexes in a text; `lines` limits them to those line numbers (added lines). */
export function regexFindings(path: string, text: string, disabled: string[] = [], lines?: Set<number>): Finding[] {
  const rules = regexRulesFor(path, disabled);
  const out: Finding[] = [];
  text.split(/\r?\n/).forEach((t, i) => {
    if (lines && !lines.has(i + 1)) return;
    const before = out.length;
    for (const r of rules) {
      const m = r.pattern.exec(t);
      if (m && !(r.unless && r.unless.test(t)) && !(r.unlessMatch && r.unlessMatch.test(m[0]))) {
        out.push({ ruleId: r.id, cwe: r.cwe, severity: r.severity, message: r.message, fix: r.fix, path, line: i + 1, snippet: t.trim().slice(0, 200) });
      }
    }
    // One secret, one finding: the vendor formats add the tokens the generic secret pattern misses.
    const mine = out.slice(before);
    if (mine.some((f) => f.ruleId === 'hardcoded-secret')) out.splice(before, mine.length, ...mine.filter((f) => f.ruleId !== 'vendor-token'));
  });
  return out;
}
