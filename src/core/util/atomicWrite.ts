// Owns writing a file so that a crash or a concurrent reader never sees half of it: the text goes to a
// temporary file beside the target (same folder, so the rename stays on one file system), then replaces
// the target by rename. The temporary file is removed when anything fails. Used by the file applier
// (keeps the file's mode), the audit head records (0600) and the task history (sync, on the panel's path).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface AtomicWriteOptions {
  /** The new file's mode; 'keep' keeps an existing file's mode (a new file gets the umask's default). */
  mode?: number | 'keep';
  /** Create missing parent folders (with this mode when given). */
  mkdir?: boolean | { mode: number };
}

/** A hidden name beside the target that no two writers share. */
function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function mkdirOptions(o: AtomicWriteOptions): fs.MakeDirectoryOptions | undefined {
  if (!o.mkdir) return undefined;
  return typeof o.mkdir === 'object' ? { recursive: true, mode: o.mkdir.mode } : { recursive: true };
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const mk = mkdirOptions(options);
  if (mk) await fs.promises.mkdir(path.dirname(file), mk);
  let mode = typeof options.mode === 'number' ? options.mode : undefined;
  if (options.mode === 'keep') mode = await fs.promises.stat(file).then((s) => s.mode & 0o7777, () => undefined);
  const tmp = tempName(file);
  try {
    await fs.promises.writeFile(tmp, data, mode !== undefined ? { mode } : undefined);
    // writeFile's mode is filtered by the umask; an explicit chmod makes "keep" and 0600 exact.
    if (mode !== undefined) await fs.promises.chmod(tmp, mode);
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

export function writeFileAtomicSync(file: string, data: string | Uint8Array, options: Omit<AtomicWriteOptions, 'mode'> & { mode?: number } = {}): void {
  const mk = mkdirOptions(options);
  if (mk) fs.mkdirSync(path.dirname(file), mk);
  const tmp = tempName(file);
  try {
    fs.writeFileSync(tmp, data, options.mode !== undefined ? { mode: options.mode } : undefined);
    if (options.mode !== undefined) fs.chmodSync(tmp, options.mode);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}
