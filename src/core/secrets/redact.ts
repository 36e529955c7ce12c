// Owns keeping key-like strings away from the model: OpenAI, AWS, GitHub, Slack and generic bearer
// tokens, private key blocks and passwords in URLs are replaced by pattern; and the VALUES of the
// parent environment's secret-looking variables (API keys, tokens, passwords, auth, credentials,
// passwords inside DATABASE_URL-style URLs) are masked wherever they appear, also base64- or
// URL-encoded, before tool outputs and context are sent.
import { knownSecretValues } from './knownValues';

const PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, '[REDACTED PRIVATE KEY]'],
  [/\b(?:sk|rk)-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g, '[REDACTED API KEY]'],
  [/\bAKIA[0-9A-Z]{16}\b/g, '[REDACTED AWS KEY]'],
  [/\b(aws_secret_access_key\s*[=:]\s*)[A-Za-z0-9/+=]{40}\b/gi, '$1[REDACTED]'],
  [/\b(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/g, '[REDACTED GITHUB TOKEN]'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, '[REDACTED SLACK TOKEN]'],
  [/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{20,}/g, '$1[REDACTED]'],
  // scheme://user:password@host — the password goes, the rest stays readable.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)(@)/gi, '$1[REDACTED]$3'],
];

/** Variable names whose values are secrets. AUTHOR (git) is a name, not a credential. */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASS(?!_?THROUGH)|(^|_)PAT$|AUTH(?!OR)|CREDENTIAL|PRIVATE|COOKIE|SESSION/i;
/** Secret-sounding names whose values are paths or switches, not secrets. */
const NOT_SECRET = /^(SSH_AUTH_SOCK|GPG_AGENT_INFO|KEYTIPS|.*_KEY_?(FILE|PATH|ID_FILE)|XDG_SESSION_.*|DBUS_SESSION_BUS_ADDRESS)$/i;
/** Shorter values are too common to be secret (and masking them would garble ordinary output). */
const MIN_SECRET_LENGTH = 8;
const PASSWORD_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/i;

/** The values to mask, with the variable they came from, longest first. */
export function secretValues(env: NodeJS.ProcessEnv): Array<[name: string, value: string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    const url = PASSWORD_IN_URL.exec(value);
    if (url) {
      let pw = url[1];
      try {
        pw = decodeURIComponent(pw);
      } catch {
        /* keep it encoded */
      }
      if (pw.length >= 4) out.push([name, pw]);
    }
    if (value.length >= MIN_SECRET_LENGTH && SECRET_NAME.test(name) && !NOT_SECRET.test(name) && !/^(true|false|yes|no|on|off)$/i.test(value)) out.push([name, value]);
  }
  return out.sort((a, b) => b[1].length - a[1].length);
}

function encodings(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), Buffer.from(value, 'utf8').toString('base64'), Buffer.from(value, 'utf8').toString('base64').replace(/=+$/, '')]);
  return [...forms].filter((f) => f.length >= 4);
}

// The masks of an environment, kept for a few seconds: redaction runs on every completion request
// (prefix, suffix, snippets), and the environment almost never changes.
const MASK_TTL_MS = 5_000;
const maskCache = new WeakMap<NodeJS.ProcessEnv, { at: number; masks: Array<[form: string, replacement: string]> }>();

function masksOf(env: NodeJS.ProcessEnv): Array<[string, string]> {
  const now = Date.now();
  const hit = maskCache.get(env);
  if (hit && now - hit.at < MASK_TTL_MS) return hit.masks;
  const masks = secretValues(env).flatMap(([name, value]) => encodings(value).map((form): [string, string] => [form, `[REDACTED ${name}]`]));
  maskCache.set(env, { at: now, masks });
  return masks;
}

/** Where known secret values are read besides the environment (secrets/knownValues.ts). */
export interface KnownSecrets {
  /** The workspace whose .env* files hold values to mask. */
  workspaceRoot?: string;
  /** The home folder holding .netrc, .npmrc, .pypirc, .git-credentials (default: the user's). */
  home?: string;
}

/**
 * Masks secrets in text: known key shapes, the values of `env`'s secret variables (default: this
 * process's), and — the one choke point for everything sent to the model — the known secret values
 * of the workspace's .env* files, the user's credential files and the API key, raw, base64 or URL-encoded.
 */
export function redactKeys(text: string, env: NodeJS.ProcessEnv = process.env, known: KnownSecrets = {}): string {
  let out = text;
  const fromFiles = knownSecretValues(known.workspaceRoot, known.home)
    .sort((a, b) => b[1].length - a[1].length)
    .flatMap(([name, value]) => encodings(value).map((form): [string, string] => [form, `[REDACTED ${name}]`]));
  for (const [form, replacement] of [...fromFiles, ...masksOf(env)]) if (out.includes(form)) out = out.split(form).join(replacement);
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}
