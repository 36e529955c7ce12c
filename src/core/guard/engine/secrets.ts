// Owns telling a real-looking secret literal from a placeholder: vendor token prefixes, Shannon
// entropy, and the values documentation uses (AWS's example key, "changeme", "<your-token>").
// Used by the hard-coded secret rules on the literal assigned to a secret-named target.

/** Token formats whose prefix alone says what they are. */
export const VENDOR_TOKEN =
  /^(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20,}|xox[baprs]-[A-Za-z0-9-]{10,}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|AIza[0-9A-Za-z_-]{35}|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|npm_[A-Za-z0-9]{36}|hf_[A-Za-z0-9]{30,}|-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY-----)/;

const PLACEHOLDER =
  /example|changeme|change_me|placeholder|your[_-]?|xxx|\*\*\*|dummy|sample|fake|redacted|<[^>]*>|\$\{|\{\{|%s|^\$\w+$|^none$|^null$|^undefined$|^password$|^secret$|^token$|^test$|^\.+$|^(.)\1+$/i;

/** AWS's documented example credentials: in docs and tests everywhere, not a leak. */
const AWS_EXAMPLES = new Set(['AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY']);

export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** The literal's text without quotes or string prefixes (b'', r"", f""). */
export function unquote(literal: string): string {
  return literal.replace(/^[a-zA-Z]{0,2}(['"`]{1,3})([\s\S]*)\1$/, '$2');
}

/**
 * Whether a literal assigned to a secret-named target looks like a real secret: a vendor token,
 * or a password-like value (no spaces, not a placeholder), or a high-entropy key.
 */
export function looksLikeSecret(literal: string, target: string): boolean {
  const v = unquote(literal.trim());
  if (AWS_EXAMPLES.has(v) || PLACEHOLDER.test(v)) return false;
  if (VENDOR_TOKEN.test(v)) return true;
  if (/\s/.test(v) || v.length < 6) return false;
  if (/pass(?:word|wd)?|pwd/i.test(target)) return true;
  return v.length >= 12 && entropy(v) >= 3.2;
}
