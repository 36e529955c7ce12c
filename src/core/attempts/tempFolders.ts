// Owns the temporary folders of a best-of-k run, so none outlives it: each is removed when its
// attempt ends, and whatever is still registered is removed synchronously when the process exits
// (a second Ctrl-C exits at once, without running the attempts' own clean-up).
import { mkdtempSync, rmSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const live = new Set<string>();
let hooked = false;

function removeAllSync(): void {
  for (const dir of live) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // The process is exiting; nothing more can be done for this folder.
    }
  }
  live.clear();
}

/** Makes a registered temp folder (canonical path) under the system's temp folder. */
export async function makeTempFolder(prefix: string): Promise<string> {
  if (!hooked) {
    hooked = true;
    process.on('exit', removeAllSync);
  }
  const dir = await fs.realpath(mkdtempSync(path.join(os.tmpdir(), prefix)));
  live.add(dir);
  return dir;
}

/** Removes a folder made by makeTempFolder; throws when it cannot be removed (the caller says so). */
export async function removeTempFolder(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
  live.delete(dir);
}

/** Folders made and not yet removed (tests). */
export function liveTempFolders(): string[] {
  return [...live];
}
