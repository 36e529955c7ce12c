// Owns what of the host a confined command may read: deny by default. System folders and the
// toolchain homes of one table (plus the user's additions) are shown read-only; the rest of the home
// folder, other users' homes, Tandem's own state (audit key, checkpoints, task history, other
// workspaces) and the credential stores are not there at all. Inside the workspace, secret files are
// shown empty, and exec-on-open paths that do not exist yet get a read-only placeholder so a command
// cannot create them.
import { promises as fs, type Dirent } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PathRules } from '../policy/pathRules';
import { isInside } from '../util/containment';

/** Folders of the system a program needs (read-only). /run only with the network on: it holds host sockets. */
export const SYSTEM_DIRS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc', '/opt', '/nix', '/gnu', '/snap', '/sys', '/var/lib/alternatives'];

/**
 * Toolchain homes below $HOME a build or a test may need to read (caches, installed toolchains,
 * the user's git identity). Nothing here holds credentials; ~/.npmrc, ~/.pypirc, ~/.netrc, ~/.ssh,
 * ~/.aws… are deliberately absent. tandem.agent.sandbox.readable / --sandbox-read add paths.
 */
export const TOOLCHAIN_HOMES = [
  '.npm', '.yarn', '.cache', '.pnpm-store', '.local/share/pnpm', '.bun', '.deno', '.volta', '.nvm', '.fnm', '.node-gyp',
  '.cargo', '.rustup', '.m2', '.gradle', '.ivy2', '.sbt', '.sdkman', '.pyenv', '.rbenv', '.rvm', '.gem', '.go', 'go',
  '.local/bin', '.local/lib', '.local/share/virtualenvs', '.conda', 'miniconda3', 'anaconda3', '.dotnet', '.nuget/packages',
  '.gitconfig', '.config/git', '.terraform.d/plugin-cache', '.elan', '.ghcup', '.cabal/packages', '.stack', '.opam',
];

export interface HostViewOptions {
  home: string;
  network: boolean;
  /** Extra absolute or ~-relative paths the user made readable. */
  extra?: string[];
  /** Folders a program of this run lives in (PATH entries, the host's own runtime). */
  programDirs?: string[];
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : path.resolve(p);
}

/**
 * Readable host paths: the system folders, the toolchain homes, the user's additions and the
 * program folders — except the home itself or anything above it (that would show it all).
 */
export function readablePaths(o: HostViewOptions): string[] {
  const home = path.resolve(o.home);
  const out = [...SYSTEM_DIRS, ...(o.network ? ['/run', '/var/run'] : [])];
  for (const t of TOOLCHAIN_HOMES) out.push(path.join(home, t));
  for (const d of o.programDirs ?? []) if (d && path.isAbsolute(d)) out.push(path.resolve(d));
  // /tmp is private (its visible entries are handled apart); nothing may show the home folder whole.
  const kept = out.filter((p) => p !== '/' && !isInside(p, home) && !isInside('/tmp', p));
  // What the user added is their choice (the credential stores stay hidden even then).
  for (const e of o.extra ?? []) if (e.trim()) kept.push(expandHome(e.trim(), home));
  return [...new Set(kept)];
}

/** The host's own program folders: PATH entries and the install prefix of the running Node. */
export function programDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...(env.PATH ?? '').split(path.delimiter), path.dirname(path.dirname(process.execPath))];
}

/** Tandem's own state outside the workspace: hidden even when a readable path holds it. */
export function tandemStatePaths(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string[] {
  // The default places too: another front end (the editor, a CLI with other XDG variables) keeps its key there.
  const all = [
    path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'tandem'),
    path.join(home, '.config', 'tandem'),
    path.join(env.XDG_STATE_HOME || path.join(home, '.local', 'state'), 'tandem'),
    path.join(home, '.local', 'state', 'tandem'),
    ...(env.TANDEM_STATE_DIR ? [env.TANDEM_STATE_DIR] : []),
  ];
  return [...new Set(all)];
}

/** Most entries looked at for secret files per command; past it the folders not yet seen are not masked. */
const MAX_SCAN = 20_000;

/** Secret files of the workspace (policy/pathRules), real paths, node_modules and .git skipped. */
export async function secretFilesIn(root: string, rules = PathRules.forWorkspace(root)): Promise<string[]> {
  const out: string[] = [];
  let seen = 0;
  const queue = [''];
  while (queue.length && seen < MAX_SCAN) {
    const rel = queue.shift()!;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (++seen > MAX_SCAN) break;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') queue.push(r);
      } else if (e.isFile() && rules.isSecret(r)) out.push(path.join(root, r));
    }
  }
  return out;
}

/**
 * What runs on folder-open or on entering the folder, kept from being created: a placeholder each
 * (few, since a command's `ls -a` shows them). The other protected names are reported after the run.
 */
const PLACEHOLDER_NAMES = new Set(['.vscode', '.github', '.envrc', 'AGENTS.md', '.devcontainer']);

export interface Placeholder {
  path: string;
  id: string;
}

/**
 * Makes an empty folder for each missing exec-on-open path, mounted read-only inside so the
 * command cannot create it (a folder, not a file: git shows no empty folder, and writing to the
 * name fails with "Is a directory"). .git internals are left to the after-run check: a placeholder
 * there would confuse the host's git meanwhile.
 */
export async function makePlaceholders(root: string, rels: string[]): Promise<Placeholder[]> {
  const made: Placeholder[] = [];
  for (const rel of rels) {
    if (!PLACEHOLDER_NAMES.has(rel)) continue;
    const abs = path.join(root, rel);
    try {
      await fs.mkdir(abs);
      const st = await fs.lstat(abs);
      made.push({ path: abs, id: `${st.dev}:${st.ino}` });
    } catch {
      /* exists (or cannot be made): judged after the run */
    }
  }
  return made;
}

/** Removes the placeholders still empty and unchanged; one the host filled meanwhile stays. */
export async function removePlaceholders(made: Placeholder[]): Promise<void> {
  await Promise.all(
    made.map(async (m) => {
      const st = await fs.lstat(m.path).catch(() => undefined);
      if (!st || `${st.dev}:${st.ino}` !== m.id) return;
      if (st.isDirectory()) await fs.rmdir(m.path).catch(() => undefined);
    }),
  );
}
