// Owns the known secret VALUES beyond the environment: read from the workspace's .env* files and
// the user's ~/.netrc, ~/.npmrc, ~/.pypirc and ~/.git-credentials, plus values a host registers
// (the API key from the editor's secret storage). redact.ts masks each wherever it appears — raw,
// base64 or URL-encoded — so `git grep`, `git log -p` or `cat` of a tracked .env reach the model as
// [REDACTED …]. Read at most every few seconds; unreadable files simply add nothing.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SECRET_NAME = /KEY|SECRET|TOKEN|PASS|(^|_)PAT$|AUTH(?!OR)|CREDENTIAL|PRIVATE|COOKIE|SESSION|DSN|CONN/i;
const MAX_FILE = 256 * 1024;

const registered = new Map<string, string>();

/** A value the host knows is secret (the API key): masked in everything sent to the model from now on. */
export function registerSecretValue(name: string, value: string | undefined): void {
  if (value && value.length >= 8) registered.set(value, name);
}

function read(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_FILE) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const unquote = (v: string) => v.trim().replace(/^(['"])(.*)\1$/, '$2');

/** A value that looks like a credential rather than a setting: long, no spaces, letters and digits. */
const looksSecret = (v: string) => v.length >= 16 && !/\s/.test(v) && /[A-Za-z]/.test(v) && /\d/.test(v) && !/^[./~]/.test(v);

/** NAME=value pairs of a dotenv file: values of secret-sounding names, and credential-looking others. */
export function dotenvValues(text: string, source: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/.exec(line);
    if (!m) continue;
    const value = unquote(m[2].replace(/\s+#.*$/, ''));
    const pw = /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:([^\s@/]+)@/i.exec(value)?.[1];
    if (pw && pw.length >= 4) out.push([`${source} ${m[1]}`, safeDecode(pw)]);
    if ((SECRET_NAME.test(m[1]) && value.length >= 8) || looksSecret(value)) out.push([`${source} ${m[1]}`, value]);
  }
  return out;
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** Tokens of ~/.netrc, ~/.npmrc, ~/.pypirc and ~/.git-credentials. */
export function credentialFileValues(name: string, text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const push = (v: string | undefined) => v && v.length >= 4 && out.push([name, v]);
  if (name === '.netrc') for (const m of text.matchAll(/\bpassword\s+(\S+)/g)) push(m[1]);
  if (name === '.npmrc') for (const m of text.matchAll(/(?:_authToken|_auth|_password)\s*=\s*(\S+)/g)) push(unquote(m[1]));
  if (name === '.pypirc') for (const m of text.matchAll(/^\s*password\s*[=:]\s*(\S+)/gm)) push(m[1]);
  if (name === '.git-credentials') for (const m of text.matchAll(/:\/\/[^\s:@/]*:([^\s@/]+)@/g)) push(safeDecode(m[1]));
  return out;
}

const cache = new Map<string, { at: number; values: Array<[string, string]> }>();
const TTL_MS = 5_000;

/** Every known secret value for a workspace (and the user's home), name first; cached a few seconds. */
export function knownSecretValues(workspaceRoot?: string, home = os.homedir()): Array<[string, string]> {
  const key = `${workspaceRoot ?? ''}\0${home}`;
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && now - hit.at < TTL_MS) return [...hit.values, ...[...registered].map(([v, n]): [string, string] => [n, v])];
  const values: Array<[string, string]> = [];
  if (workspaceRoot) {
    let names: string[] = [];
    try {
      names = readdirSync(workspaceRoot).filter((n) => /^\.env(\..*)?$/i.test(n) || /\.env$/i.test(n));
    } catch {
      /* no workspace */
    }
    for (const n of names) {
      const text = read(path.join(workspaceRoot, n));
      if (text) values.push(...dotenvValues(text, n));
    }
  }
  for (const n of ['.netrc', '.npmrc', '.pypirc', '.git-credentials']) {
    const text = read(path.join(home, n));
    if (text) values.push(...credentialFileValues(n, text));
  }
  cache.set(key, { at: now, values });
  return [...values, ...[...registered].map(([v, n]): [string, string] => [n, v])];
}
