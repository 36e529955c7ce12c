// Owns reading a file as it is before the agent changes it, for the checkpoint of the state before
// an edit (snapshot.ts): the exact bytes and mode, a symlink as its target, and — when the path runs
// through a symlink inside the workspace — the real file too, since that is the one a write changes.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { PreImage } from './snapshot';

/** The real path of `abs`, or of its nearest existing ancestor with the rest appended. */
async function realPathOf(abs: string): Promise<string> {
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      return path.join(await fs.realpath(at), ...rest);
    } catch {
      const up = path.dirname(at);
      if (up === at) return abs;
      rest.unshift(path.basename(at));
      at = up;
    }
  }
}

async function read(abs: string, rel: string): Promise<PreImage | undefined> {
  const st = await fs.lstat(abs).catch(() => undefined);
  if (!st) return { path: rel };
  if (st.isSymbolicLink()) return { path: rel, content: Buffer.from(await fs.readlink(abs)), mode: 0o120000 };
  if (!st.isFile()) return undefined;
  return { path: rel, content: await fs.readFile(abs), mode: st.mode & 0o111 ? 0o100755 : 0o100644 };
}

/** The pre-images of workspace-relative `rel` under the canonical `root` (none for paths outside it). */
export async function capturePreImages(root: string, rel: string): Promise<PreImage[]> {
  const lexical = path.resolve(root, rel);
  const out: PreImage[] = [];
  for (const abs of new Set([lexical, await realPathOf(lexical)])) {
    const r = path.relative(root, abs);
    if (!r || r.startsWith('..') || path.isAbsolute(r)) continue;
    const image = await read(abs, r.split(path.sep).join('/'));
    if (image) out.push(image);
  }
  return out;
}
