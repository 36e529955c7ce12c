// Small file-system helpers shared across core, and the one place that reads a file the workspace
// controls: only regular files are opened (a FIFO blocks the reader forever, a socket or /dev/zero
// never ends), checked before opening and again on the open handle, with a size and a time cap.
import { constants, promises as fs, type Stats } from 'node:fs';

/** A FIFO, socket or device where a regular file was expected; the message is for users and models. */
export class SpecialFileError extends Error {
  constructor(shown: string, stat: Stats) {
    const what = stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'not a regular file';
    super(`${shown} is ${what}, not a regular file; Tandem only reads regular files, because reading pipes, sockets or devices can block or never end.`);
    this.name = 'SpecialFileError';
  }
}

/** A read that did not finish in time (a hung network drive, a file system that stalls). */
export class ReadTimeoutError extends Error {
  constructor(shown: string, ms: number) {
    super(`Reading ${shown} took longer than ${ms} ms and was given up; check that its drive responds, then try again.`);
    this.name = 'ReadTimeoutError';
  }
}

export const DEFAULT_READ_TIMEOUT_MS = 10_000;

export interface CappedRead {
  buf: Buffer;
  /** The file's size on disk. */
  size: number;
  /** Only the first maxBytes were read. */
  truncated: boolean;
}

/** The file's stat when it is a regular file (symlinks followed); throws SpecialFileError otherwise. ENOENT passes through. */
export async function regularFileStat(abs: string, shown = abs): Promise<Stats> {
  const stat = await fs.stat(abs);
  if (!stat.isFile() && !stat.isDirectory()) throw new SpecialFileError(shown, stat);
  return stat;
}

function withTimeout<T>(p: Promise<T>, ms: number, shown: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new ReadTimeoutError(shown, ms)), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * Reads at most maxBytes of a regular file. Refuses FIFOs, sockets and devices before opening, and
 * opens non-blocking then checks the handle, so a file swapped for a pipe in between cannot block.
 */
export async function readRegularFile(abs: string, opts: { maxBytes: number; timeoutMs?: number; shown?: string }): Promise<CappedRead> {
  const shown = opts.shown ?? abs;
  const ms = opts.timeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
  const before = await regularFileStat(abs, shown);
  if (before.isDirectory()) throw Object.assign(new Error(`${shown} is a folder, not a file.`), { code: 'EISDIR' });
  return withTimeout(
    (async () => {
      const handle = await fs.open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) throw new SpecialFileError(shown, stat);
        const buf = Buffer.alloc(Math.min(stat.size, opts.maxBytes));
        let off = 0;
        while (off < buf.length) {
          const { bytesRead } = await handle.read(buf, off, buf.length - off, off);
          if (bytesRead === 0) break;
          off += bytesRead;
        }
        return { buf: buf.subarray(0, off), size: stat.size, truncated: stat.size > opts.maxBytes };
      } finally {
        await handle.close();
      }
    })(),
    ms,
    shown,
  );
}

/** Text files Tandem reads for itself (configs, ledgers) are at most this big. */
export const MAX_TEXT_FILE = 50 * 1024 * 1024;

/** A regular file's UTF-8 text, or undefined when it does not exist (other errors, a pipe, too big: thrown). */
export async function readIfExists(file: string, maxBytes = MAX_TEXT_FILE): Promise<string | undefined> {
  try {
    const r = await readRegularFile(file, { maxBytes });
    if (r.truncated) throw new Error(`${file} is ${r.size} bytes, more than the ${maxBytes} bytes Tandem reads; make it smaller.`);
    return r.buf.toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
