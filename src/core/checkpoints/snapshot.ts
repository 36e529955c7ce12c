// Owns what goes into a snapshot besides the scan itself: the exclude lines every shadow repository
// carries (Tandem's own folder, .git, and secret files in any spelling of their case, so `git add`
// never hashes a key into the store), the entries that are never kept even when the user's
// repository tracks them, and the state before an edit rebuilt from the pre-images the applier
// captured — so a task that only edits needs one scan, after the edit, for both checkpoints.
import { secretReason } from '../policy/pathRules';
import type { IndexEntry } from './gitObjects';
import { LooseObjects } from './gitObjects';

/** A file as it was before the agent's first change to it in this checkpoint's window. */
export interface PreImage {
  /** Workspace-relative path with forward slashes. */
  path: string;
  /** The bytes before the change (a symlink's target for mode 0o120000); undefined when the file did not exist. */
  content?: Buffer;
  /** 0o100644, 0o100755 or 0o120000; default 0o100644. */
  mode?: number;
}

/** Secret file names (as in policy/pathRules' secret rules), as gitignore patterns. */
const SECRET_NAMES = [
  '.env', '.env.*', '.envrc',
  '*.pem', '*.key', '*.p12', '*.pfx', '*.jks', '*.keystore', '*.kdbx', '*.ppk',
  'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519',
  '.npmrc', '.pypirc', '.netrc', '.git-credentials', '.pgpass',
  '.ssh/', '.aws/', '.gnupg/', '.docker/',
];

/** gitignore matching is case-sensitive; the secret rules are not: `.ENV` is a secret too. */
function anyCase(pattern: string): string {
  return pattern.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

/** The lines of the shadow repository's info/exclude that are always there. */
export const ALWAYS_EXCLUDED = ['/.tandem/', '.git', ...SECRET_NAMES.map(anyCase)];

/**
 * A cheap first test: a path none of whose letters spell a part of a secret name cannot be secret
 * (secretReason, the rule, is asked only for the few that might be; a snapshot has one per file).
 */
const MAYBE_SECRET = /\.env|id_|\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk)|npmrc|pypirc|netrc|git-credentials|pgpass|\.ssh|\.aws|\.gnupg|\.docker/i;

export function isSecretPath(rel: string): boolean {
  return MAYBE_SECRET.test(rel) && secretReason(rel) !== undefined;
}

/** Entries a checkpoint never keeps (secret files the exclude lines could not stop, e.g. added by an older version). */
export function keptEntries(entries: IndexEntry[]): IndexEntry[] {
  return entries.filter((e) => !isSecretPath(e.path));
}

/**
 * The entries of the state before the changes: `after` with each pre-image put back (a file the
 * change created is left out). Pre-images of secret files are dropped; a new file over `maxBytes`
 * is left out as a snapshot would have left it out.
 */
export async function entriesBefore(objects: LooseObjects, after: IndexEntry[], preImages: PreImage[], maxBytes: number, known: Set<string>): Promise<IndexEntry[]> {
  const byPath = new Map(after.map((e) => [e.path, e]));
  for (const p of preImages) {
    if (isSecretPath(p.path) || p.path === '' || p.path.startsWith('../') || p.path === '.tandem' || p.path.startsWith('.tandem/')) continue;
    if (p.content === undefined) {
      byPath.delete(p.path);
      continue;
    }
    if (p.content.length > maxBytes && !known.has(p.path)) continue;
    const sha = await objects.write('blob', p.content);
    byPath.set(p.path, { path: p.path, mode: p.mode ?? byPath.get(p.path)?.mode ?? 0o100644, sha, size: p.content.length });
  }
  return [...byPath.values()];
}

/** How many paths differ between two entry lists (added, removed, or changed content or mode). */
export function changedCount(from: IndexEntry[], to: IndexEntry[]): number {
  const old = new Map(from.map((e) => [e.path, e]));
  let n = 0;
  for (const e of to) {
    const o = old.get(e.path);
    if (!o || o.sha !== e.sha || o.mode !== e.mode) n++;
    old.delete(e.path);
  }
  return n + old.size;
}
