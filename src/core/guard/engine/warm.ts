// Owns warming the guard before its first scan: the grammar of the workspace's main language (the
// most common one among the files at its root and in src/) is loaded while the first model request
// is out, instead of after the first edit, when the scan waits for it.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GrammarName } from '../../syntax/treeSitter';
import { grammarOf } from './languages';
import { warmParser } from './parse';

/** The grammar most files at the root and in src/ are written in, or undefined. */
export async function mainGrammar(root: string): Promise<GrammarName | undefined> {
  const names = [...(await fs.readdir(root).catch(() => [])), ...(await fs.readdir(path.join(root, 'src')).catch(() => []))];
  const counts = new Map<GrammarName, number>();
  for (const n of names) {
    const g = grammarOf(n);
    if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Loads the main grammar in the background; never fails (a scan loads what it needs anyway). */
export async function warmGuard(root: string): Promise<void> {
  const g = await mainGrammar(root);
  if (g) await warmParser(g).catch(() => undefined);
}
