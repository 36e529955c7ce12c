// Owns what `tandem review` reviews: the files changed between the base (its merge base with the
// head) and the head — a ref, or the working tree with untracked files — as ProposedChanges, read
// with the hardened git runner. Binary and huge files are skipped and said; a bad ref is an error
// naming it.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ProposedChange } from '../core/changes/change';
import { makeChange } from '../core/edits/proposedChange';
import { userGit } from '../core/util/userGit';
import { driverOverrides } from '../core/util/gitDrivers';

const MAX_BYTES = 1024 * 1024;

export interface CollectedDiff {
  changes: ProposedChange[];
  /** The commit compared against (the merge base), and what was reviewed. */
  base: string;
  head: string;
  skipped: Array<{ path: string; why: string }>;
}

export class RefError extends Error {}

async function git(root: string, args: string[], drivers: ReadonlyArray<readonly [string, string]> = []): Promise<string> {
  const r = await userGit(root, args, undefined, 'git', drivers);
  if (r.code !== 0) throw new RefError(r.stderr || `git ${args[0]} failed`);
  return r.stdout;
}

async function resolveRef(root: string, ref: string, flag: string): Promise<string> {
  const r = await userGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (r.code !== 0) throw new RefError(`${flag} ${ref} is not a commit in this repository${flag === '--base' ? ' (in CI, fetch it first: actions/checkout with fetch-depth: 0)' : ''}.`);
  return r.stdout.trim();
}

/** What the default base is: the pull request's base branch in GitHub Actions, else HEAD. */
export function defaultBase(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : 'HEAD';
}

const inPaths = (rel: string, paths: string[]) => paths.length === 0 || paths.some((p) => rel === p || rel.startsWith(`${p.replace(/\/+$/, '')}/`));

export async function collectDiff(root: string, baseRef: string, headRef: string | undefined, paths: string[]): Promise<CollectedDiff> {
  if ((await userGit(root, ['rev-parse', '--is-inside-work-tree'])).code !== 0) throw new RefError(`${root} is not inside a git repository; tandem review compares git refs.`);
  const baseSha = await resolveRef(root, baseRef, '--base');
  const headSha = headRef ? await resolveRef(root, headRef, '--head') : undefined;
  const mb = await userGit(root, ['merge-base', baseSha, headSha ?? 'HEAD']);
  const base = mb.code === 0 && mb.stdout.trim() ? mb.stdout.trim() : baseSha;
  const rels = paths.map((p) => path.relative(root, path.resolve(root, p)).split(path.sep).join('/')).filter((p) => p !== '');
  // Against the working tree git runs the repository's clean filters: its own are forced off.
  const drivers = headSha ? [] : (await driverOverrides([root], undefined)).pairs;
  const out = await git(root, ['diff', '--name-status', '-z', '-M', '--no-ext-diff', base, ...(headSha ? [headSha] : []), '--'], drivers);
  const parts = out.split('\0').filter((p) => p !== '');
  const entries: Array<{ status: string; from: string; to: string }> = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++];
    if (status.startsWith('R') || status.startsWith('C')) entries.push({ status: status[0], from: parts[i++], to: parts[i++] });
    else entries.push({ status: status[0], from: parts[i], to: parts[i++] });
  }
  if (!headSha) {
    const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
    for (const p of untracked.split('\0').filter(Boolean)) entries.push({ status: 'A', from: p, to: p });
  }
  const changes: ProposedChange[] = [];
  const skipped: CollectedDiff['skipped'] = [];
  const readHead = async (rel: string): Promise<string | undefined> => {
    if (headSha) return (await userGit(root, ['show', `${headSha}:${rel}`])).stdout;
    const abs = path.join(root, rel);
    const st = await fs.lstat(abs).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    if (st.size > MAX_BYTES) return '\0';
    return fs.readFile(abs, 'utf8');
  };
  for (const e of entries.sort((a, b) => a.to.localeCompare(b.to))) {
    if (!inPaths(e.to, rels) && !inPaths(e.from, rels)) continue;
    if (e.status === 'D') continue; // nothing added to review
    const oldText = e.status === 'A' ? undefined : (await userGit(root, ['show', `${base}:${e.from}`])).stdout;
    const newText = await readHead(e.to);
    if (newText === undefined) {
      skipped.push({ path: e.to, why: 'not a regular file' });
      continue;
    }
    if (newText.includes('\0') || (oldText ?? '').includes('\0') || newText.length > MAX_BYTES) {
      skipped.push({ path: e.to, why: 'binary or over 1 MB' });
      continue;
    }
    if (oldText === newText && e.from === e.to) continue;
    changes.push(e.from !== e.to ? makeChange({ path: e.from, newPath: e.to, kind: 'move', oldText: oldText ?? '', newText }) : makeChange({ path: e.to, kind: oldText === undefined ? 'create' : 'update', ...(oldText !== undefined ? { oldText } : {}), newText }));
  }
  return { changes, base, head: headSha ?? 'working tree', skipped };
}
