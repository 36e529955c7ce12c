// Owns copying a list of workspace files into a new folder fast: a tar pipeline (one process
// reading, one writing; modes and symbolic links kept) with a plain Node copy as the fallback where
// tar is missing. Paths are given as ./path so a file named like an option stays a file.
import { spawn } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';

function tarPipeline(source: string, files: string[], dest: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const pack = spawn('tar', ['-C', source, '--null', '-T', '-', '-cf', '-'], { stdio: ['pipe', 'pipe', 'pipe'], signal });
    const unpack = spawn('tar', ['-C', dest, '-xpf', '-'], { stdio: ['pipe', 'ignore', 'pipe'], signal });
    let errors = '';
    pack.stderr.on('data', (b) => (errors += b));
    unpack.stderr.on('data', (b) => (errors += b));
    pack.stdout.pipe(unpack.stdin);
    pack.stdin.on('error', () => undefined);
    pack.stdin.end(files.map((f) => `./${f}\0`).join(''));
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      pack.kill('SIGKILL');
      unpack.kill('SIGKILL');
      reject(err);
    };
    pack.on('error', fail);
    unpack.on('error', fail);
    // A file deleted between listing and copying makes tar say so and exit 2; the copy is of what is there.
    pack.on('close', (code) => (code !== 0 && code !== 2 && !/No such file/.test(errors) ? fail(new Error(`tar could not read the workspace: ${errors.trim() || `exit ${code}`}`)) : undefined));
    unpack.on('close', (code) => (code === 0 ? (failed ? undefined : resolve()) : fail(new Error(`tar could not write the copy: ${errors.trim() || `exit ${code}`}`))));
  });
}

async function nodeCopy(source: string, files: string[], dest: string, signal?: AbortSignal): Promise<void> {
  const dirs = new Set<string>();
  for (const f of files) for (let d = path.posix.dirname(f); d !== '.' && !dirs.has(d); d = path.posix.dirname(d)) dirs.add(d);
  for (const d of [...dirs].sort()) await fs.mkdir(path.join(dest, d), { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      signal?.throwIfAborted();
      const f = files[next++];
      const from = path.join(source, f);
      const st = await fs.lstat(from).catch(() => undefined);
      if (st?.isSymbolicLink()) await fs.symlink(await fs.readlink(from), path.join(dest, f));
      else if (st?.isFile()) await fs.copyFile(from, path.join(dest, f), constants.COPYFILE_FICLONE);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** Copies `files` (relative, forward slashes) from source into the existing folder dest. */
export async function copyFiles(source: string, files: string[], dest: string, signal?: AbortSignal): Promise<void> {
  if (files.length === 0) return;
  try {
    await tarPipeline(source, files, dest, signal);
  } catch (err) {
    signal?.throwIfAborted();
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await nodeCopy(source, files, dest, signal);
  }
}
