// Owns telling a real-looking secret literal from a placeholder: vendor token prefixes, Shannon
// entropy, and the values documentation uses (AWS's example key, "changeme", "<your-token>").
// Used by the hard-coded secret rules on the literal assigned to a secret-named target.

/** Token formats whose prefix alone says what they are. */
export const VENDOR_TOKEN =
  /^(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20,}|xox[baprs]-[A-Za-z0-9-]{10,}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|AIza[0-9A-Za-z_-]{35}|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|npm_[A-Za-z0-9]{36}|hf_[A-Za-z0-9]{30,}|-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY-----)/;

const PLACEHOLDER =
  /example|changeme|change_me|changeit|placeholder|your[_-]?|xxx|\*\*\*|dummy|sample|fake|redacted|<[^>]*>|\$\{|\{\{|%s|%\(\w+\)s|^\{\w*\}$|^:\w+$|^\?$|^\$\w+$|^none$|^null$|^undefined$|^test$|^(?:dev|develop(?:ment)?|local|debug|testing)$|^\.+$|^([^A-Za-z0-9]|x)\1*$/i;

/** Values that name a type, a flag or a place rather than being one (`password: 'string'`, `secret: '/run/secrets/db'`). */
const NOT_A_VALUE =
  /^(?:string|str|text|required|optional|hidden|nil|true|false|bool(?:ean)?|int(?:eger)?|number|char|varchar|bytes?|object|any|unknown|env|auto|default|off|on|yes|no)$|^(?:\.{0,2}\/|~\/|[a-z][a-z0-9+.-]*:\/\/)|\[[^\]]*\][+*?{]|\\[dswbDSW]/i;

/** The words of the last segment of a target (`config.dbPassword` → ['db', 'password']). */
function lastWords(target: string): string[] {
  const last = target.split(/[.[\]'"`\s]+/).filter(Boolean).pop() ?? '';
  return last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[\s_-]+/).filter(Boolean);
}

const SECRET_WORD = /^(?:password|passwd|pwd|pass|passphrase|secret)$/;

/**
 * A target that holds a password or a shared secret whatever its value looks like (`password`,
 * `EMAIL_PASSWORD`, `client_secret`, `SECRET_KEY`, `passphrase`): a weak value there is still the secret.
 */
export function namesASecret(target: string): boolean {
  const w = lastWords(target);
  const last = w[w.length - 1] ?? '';
  return SECRET_WORD.test(last) || (last === 'key' && w[w.length - 2] === 'secret');
}

const squashName = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * A value that is the name of a field or a variable, not its content: `'password'` stored under
 * `password`, `"invalid_secret"` under `invalidSecret`, `'DB_PASSWORD'`, `'user_password'`,
 * `'newPassword'`, a selector or reference that names the field (`"[type=password]"`, `'db.password'`).
 */
function namesAField(v: string, target: string): boolean {
  const words = lastWords(target);
  const last = target.split(/[.[\]'"`\s]+/).filter(Boolean).pop() ?? '';
  if (squashName(v) && squashName(v) === squashName(last)) return true;
  // `ACQUIRE_TOKEN_START: "msal:acquireTokenStart"`: an event or error name spelled from the target's words.
  if (!namesASecret(target) && words.length >= 2 && squashName(v).includes(words.join(''))) return true;
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(v) && words.concat(target.toLowerCase().split(/[^a-z]+/)).includes(v.toLowerCase()) && !wordAsPassword(v, target)) return true;
  const word = words[words.length - 1];
  if (word && /[[\]=:.{}()/]/.test(v) && new RegExp(`(?:^|[^a-z])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:[^a-z]|$)`, 'i').test(v)) return true;
  // An environment variable's name anywhere; a snake or camel case name only where the target is not
  // itself the password (`password = "class_password"` is the password, `passwordKey = 'user_password'` a name),
  // or where it has three words or more (`PASSWORD_TOO_SHORT = "passwordTooShort"`).
  const snakeOrCamel = /^[a-z]+(?:_[a-z]+)+$|^[a-z]+(?:[A-Z][a-z]+)+$/.test(v);
  const long = v.split(/_|(?=[A-Z])/).length >= 3;
  const field = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(v) || (snakeOrCamel && (!namesASecret(target) || long));
  return field && /pass|pwd|secret|token|key|credential|auth/i.test(v);
}

/**
 * `filePassword = "password"`, `dbPassword = "secret"`: a variable (camel or lower case, not a CONSTANT_NAME,
 * which is more often a form field's or a setting's key) that says what the password is for, holding the
 * bare word as its value. Keys say so in their first word (`paramPassword`, `keyPassword`, `fieldPassword`).
 */
function wordAsPassword(v: string, target: string): boolean {
  const last = target.split(/[.[\]'"`\s]+/).filter(Boolean).pop() ?? '';
  const words = lastWords(target);
  return (
    namesASecret(target) &&
    words.length >= 2 &&
    /^[a-z][a-zA-Z0-9]*$/.test(last) &&
    v.toLowerCase() === words[words.length - 1] &&
    !/^(?:key|param|parameter|field|extra|pref|arg|attr|attribute|name|label|col|column|input|prop|property|form|header|query|json|xml|html|css|id|tag|type|kind|placeholder|prompt|msg|message|error|hint|title|text)$/.test(words[0])
  );
}

/** Words of a message or a label, not of a passphrase (`'Password is required'`, `'Enter the secret:'`). */
const MESSAGE_WORDS =
  /\b(?:enter|required|invalid|incorrect|wrong|missing|must|should|please|least|characters?|match(?:es)?|confirm|forgot|reset|change|new|current|old|show|hide|type|field|label|too|short|long|empty|expired|failed|error|not|cannot|can't|don't)\b|[:?]\s*$/i;
const SENTENCE = /^[A-Z][a-z]+ [a-z]/;

/** A short phrase used as a passphrase or session secret (`'keyboard cat'`, `'shhhh, very secret'`). */
function isPassphrase(v: string): boolean {
  return v.split(/\s+/).filter(Boolean).length <= 5 && !MESSAGE_WORDS.test(v) && !SENTENCE.test(v);
}

/** AWS's documented example credentials: in docs and tests everywhere, not a leak. */
const AWS_EXAMPLES = new Set(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);

export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

const CHAR_ARRAY = /^\{\s*'(?:\\.|[^'\\])'(?:\s*,\s*'(?:\\.|[^'\\])')*\s*,?\s*\}$/;

/** The literal's text without quotes or string prefixes (b'', r"", f""); a Java `{'p', 'w'}` char array as its text. */
export function unquote(literal: string): string {
  if (CHAR_ARRAY.test(literal)) return (literal.match(/'(?:\\.|[^'\\])'/g) ?? []).map((c) => c.slice(1, -1)).join('');
  return literal.replace(/^[a-zA-Z]{0,2}(['"`]{1,3})([\s\S]*)\1$/, '$2');
}

/**
 * Whether a literal assigned to a secret-named target looks like a real secret: a vendor token; any
 * value held by a password or secret (`EMAIL_PASSWORD = "secret"`, `secret: 'keyboard cat'`) but a
 * placeholder, a field name or a message; a password-like value (no spaces) of another password-named
 * target; or a high-entropy key.
 */
/**
 * Whether a literal in a credential's place of an API (`getConnection(url, "sa", "sa")`, `new
 * PasswordAuthentication(u, "x")`) is a written-in password. The place says it is the password, so neither
 * its length nor its spelling (`"a"`, `"password"`) makes it a name: only the empty password (an embedded
 * database's default, no secret), placeholders and references (`changeit`, `${DB_PASS}`, `<password>`) pass.
 */
export function looksLikeCredential(literal: string): boolean {
  const v = unquote(literal.trim());
  if (!v || AWS_EXAMPLES.has(v) || PLACEHOLDER.test(v) || NOT_A_VALUE.test(v)) return false;
  return !/\s/.test(v) || isPassphrase(v);
}

/**
 * A settings or property key spelled in words (`ldap.bind.password`, `tandem.auditKeys`,
 * `spring.datasource.password`): the name a secret is stored under, not the secret. Random segments
 * (a JWT's, a token's) have digits or case runs no word spelling has.
 */
const SETTING_KEY = /^(?:[a-z]+(?:[A-Z][a-z]+)*|[a-z]+(?:[_-][a-z]+)*)(?:\.(?:[a-z]+(?:[A-Z][a-z]+)*|[a-z]+(?:[_-][a-z]+)*)){1,5}$/;

export function looksLikeSecret(literal: string, target: string): boolean {
  const v = unquote(literal.trim());
  if (AWS_EXAMPLES.has(v) || PLACEHOLDER.test(v)) return false;
  if (VENDOR_TOKEN.test(v)) return true;
  if (NOT_A_VALUE.test(v) || SETTING_KEY.test(v) || namesAField(v, target)) return false;
  // Two characters are enough where the name says password (`dbPassword = "sa"`): short passwords are real ones.
  if (namesASecret(target)) return v.length >= 2 && (!/\s/.test(v) || isPassphrase(v));
  if (/\s/.test(v) || v.length < 6) return false;
  if (/pass(?:word|wd)?|pwd/i.test(target)) return true;
  return v.length >= 12 && entropy(v) >= 3.2;
}
