// Owns the one part of a repository's config that SAFE_GIT_CONFIG cannot name in advance: drivers
// that a repository defines under names of its own (`filter.<name>.clean|smudge|process`,
// `diff.<name>.textconv|command`, `merge.<name>.driver`), which its `.gitattributes` then points at.
// A folder shipped inside the workspace with its own `.git` (a directory, or a `.git` file leading to
// a gitdir, commondir or include.path) would otherwise run a program on a plain `git status` or
// `git diff`. Before an unconfined command runs, the repositories it can reach (the ones holding its
// working folder, and every `.git` below the workspace) are read with git itself — `git config
// --list` runs no driver, hook or fsmonitor under the forced config — and every such key set outside
// the user's global config is forced back: to the user's own global value when there is one (a
// global git-lfs filter keeps working), else to a harmless one (no filter, `cat` as textconv, the
// plain diff, a merge driver that leaves a conflict).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PLAIN_DIFF, withSafeGit } from './userGit';

/** The keys of each driver kind that name a program, with their harmless value. */
const EXEC_KEYS: Record<string, Record<string, string>> = {
  filter: { clean: '', smudge: '', process: '' },
  diff: { textconv: 'cat', command: PLAIN_DIFF },
  merge: { driver: 'false' },
};
const DRIVER_KEY = /^(filter|diff|merge)\.(.+)\.([^.]+)$/;

/** Bounds of the search for repositories below the workspace. */
const MAX_DEPTH = 8;
const MAX_DIRS = 20_000;
/** More driver keys than this are not forced one by one: the caller is told the set is incomplete. */
const MAX_KEYS = 400;

export interface DriverOverrides {
  /** Config keys and the values forced on them (GIT_CONFIG_KEY/VALUE pairs). */
  pairs: Array<[string, string]>;
  /** Repositories whose config was read (absolute folders git was asked in). */
  repositories: string[];
  /** The search hit a bound, or a repository's config could not be read: not every driver may be known. */
  incomplete: boolean;
}

interface ConfigEntry {
  scope: string;
  key: string;
  value: string;
}

/** Parses `git config --list --show-scope -z`: `scope NUL key LF value NUL`, or `scope NUL key NUL` for a bare key. */
export function parseScopedConfig(out: string): ConfigEntry[] {
  const parts = out.split('\0');
  const entries: ConfigEntry[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const scope = parts[i];
    const kv = parts[i + 1];
    const nl = kv.indexOf('\n');
    entries.push(nl < 0 ? { scope, key: kv, value: 'true' } : { scope, key: kv.slice(0, nl), value: kv.slice(nl + 1) });
  }
  return entries;
}

function listConfig(cwd: string, env: NodeJS.ProcessEnv, gitBinary: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(gitBinary, ['--no-pager', 'config', '--list', '--show-scope', '-z'], { cwd, env: { ...withSafeGit(env), GIT_OPTIONAL_LOCKS: '0' }, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      // Outside any repository git still lists the global config (exit 0); an error means unreadable.
      resolve(err ? undefined : String(stdout));
    });
  });
}

/** Folders below `root` that hold a `.git` (folder or file), found without following links; bounded, a level at a time. */
export async function nestedRepositories(root: string): Promise<{ dirs: string[]; complete: boolean }> {
  const dirs: string[] = [];
  let level = [root];
  let visited = 0;
  let complete = true;
  for (let depth = 0; level.length; depth++) {
    if (visited + level.length > MAX_DIRS) {
      level = level.slice(0, MAX_DIRS - visited);
      complete = false;
    }
    visited += level.length;
    const listed = await Promise.all(level.map((abs) => fs.readdir(abs, { withFileTypes: true }).catch(() => [])));
    const next: string[] = [];
    listed.forEach((entries, i) => {
      for (const e of entries) {
        if (e.name === '.git') {
          if (level[i] !== root) dirs.push(level[i]);
        } else if (e.isDirectory()) {
          if (depth + 1 > MAX_DEPTH) complete = false;
          else next.push(path.join(level[i], e.name));
        }
      }
    });
    level = complete || visited < MAX_DIRS ? next : [];
  }
  return { dirs, complete };
}

/**
 * The forced values for every driver key a reachable repository sets outside the global config.
 * `dirs`: the command's working folders (their repositories, found upwards by git); `root`: the
 * workspace, searched downwards for repositories of its own; `env`: the command's environment (so
 * the global config read is the one its git will read).
 */
export async function driverOverrides(dirs: string[], root: string | undefined, env: NodeJS.ProcessEnv = process.env, gitBinary = 'git'): Promise<DriverOverrides> {
  const found = root ? await nestedRepositories(root) : { dirs: [], complete: true };
  const repositories = [...new Set([...dirs, ...(root ? [root] : []), ...found.dirs].map((d) => path.resolve(d)))];
  let incomplete = !found.complete;
  const global = new Map<string, string>();
  const foreign = new Set<string>();
  const lists = await Promise.all(repositories.map((d) => listConfig(d, env, gitBinary)));
  for (const out of lists) {
    if (out === undefined) {
      incomplete = true;
      continue;
    }
    for (const { scope, key, value } of parseScopedConfig(out)) {
      const m = DRIVER_KEY.exec(key);
      if (!m || !(m[3] in EXEC_KEYS[m[1]])) continue;
      if (scope === 'global') global.set(key, value);
      else if (scope !== 'command') foreign.add(key);
    }
  }
  const pairs: Array<[string, string]> = [];
  const emptied = new Set<string>();
  for (const key of [...foreign].sort()) {
    const m = DRIVER_KEY.exec(key)!;
    const own = global.get(key);
    pairs.push([key, own ?? EXEC_KEYS[m[1]][m[3]]]);
    // A filter left without its program must not be required, or every command touching it fails.
    if (own === undefined && m[1] === 'filter') emptied.add(`filter.${m[2]}.required`);
  }
  for (const key of emptied) pairs.push([key, 'false']);
  if (pairs.length > MAX_KEYS) return { pairs: pairs.slice(0, MAX_KEYS), repositories, incomplete: true };
  return { pairs, repositories, incomplete };
}
