// Owns the lock file that serialises writers of one AI change log (and its head record) across
// processes: created exclusively, waited for, and taken over when a crashed writer left it behind.
import { promises as fs } from 'node:fs';

export async function withLock<T>(file: string, fn: () => Promise<T>, opts: { optional?: boolean } = {}): Promise<T> {
  const lock = `${file}.lock`;
  const deadline = Date.now() + 15_000;
  let held = false;
  for (;;) {
    try {
      const h = await fs.open(lock, 'wx');
      await h.close();
      held = true;
      break;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A reader (verify) on a read-only or deleted folder goes on without the lock.
      if (code !== 'EEXIST' && opts.optional) break;
      if (code !== 'EEXIST') throw err;
      // A lock left by a crashed writer is stale after 30 s.
      const age = Date.now() - (await fs.stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 30_000) await fs.rm(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`The audit ledger ${file} stayed locked; remove ${lock} if no Tandem is writing to it.`);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  }
  try {
    return await fn();
  } finally {
    if (held) await fs.rm(lock, { force: true });
  }
}
