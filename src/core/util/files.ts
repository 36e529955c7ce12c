// Small file-system helpers shared across core.
import { promises as fs } from 'node:fs';

/** A file's UTF-8 text, or undefined when it does not exist (other errors are thrown). */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
