// Owns file names that are not valid UTF-8 (possible on Linux, where a name is any bytes but "/" and
// NUL): Node decodes them lossily (U+FFFD), so the decoded name leads nowhere. Such a name is found
// again by its bytes, shown with each byte that is not UTF-8 as \xNN (and a backslash as \\, so the
// shown form names one file), and written into URIs percent-encoded byte by byte (RFC 3986).
import { promises as fs } from 'node:fs';

const REPLACEMENT = '\uFFFD';

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one. */
function sequenceAt(b: Buffer, i: number): number {
  const lead = b[i];
  const len = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (len <= 1 || i + len > b.length) return len === 1 ? 1 : 0;
  for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  // Overlong, surrogate and out-of-range forms decode to U+FFFD: not valid either.
  return b.subarray(i, i + len).toString('utf8').includes(REPLACEMENT) ? 0 : len;
}

/** True when the bytes are valid UTF-8. */
export function isUtf8(b: Buffer): boolean {
  for (let i = 0; i < b.length; ) {
    const n = sequenceAt(b, i);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

/** A name as shown: valid UTF-8 as text; otherwise \xNN for each stray byte and \\ for a backslash. */
export function shownName(b: Buffer): string {
  if (isUtf8(b)) return b.toString('utf8');
  let out = '';
  for (let i = 0; i < b.length; ) {
    const n = sequenceAt(b, i);
    if (n === 0) {
      out += `\\x${b[i].toString(16).toUpperCase().padStart(2, '0')}`;
      i++;
    } else {
      const s = b.subarray(i, i + n).toString('utf8');
      out += s === '\\' ? '\\\\' : s;
      i += n;
    }
  }
  return out;
}

/** True when a name as Node decoded it may stand for bytes that are not UTF-8. */
export const mayBeRaw = (decoded: string) => decoded.includes(REPLACEMENT);

/**
 * The files a lossily decoded relative path (segments joined by "/") stands for below `root`: each
 * with its shown path and its relative path as bytes. Several names can decode to the same text.
 */
export async function rawPathsOf(root: string, decodedRel: string): Promise<Array<{ shown: string; raw: Buffer }>> {
  let found: Array<{ shown: string[]; raw: Buffer[] }> = [{ shown: [], raw: [] }];
  for (const seg of decodedRel.split('/')) {
    const next: typeof found = [];
    for (const f of found) {
      if (!mayBeRaw(seg)) {
        next.push({ shown: [...f.shown, seg], raw: [...f.raw, Buffer.from(seg)] });
        continue;
      }
      const dir = Buffer.concat([Buffer.from(root), ...f.raw.flatMap((r) => [Buffer.from('/'), r])]);
      const names = await fs.readdir(dir, { encoding: 'buffer' }).catch(() => [] as Buffer[]);
      for (const n of names) if (n.toString('utf8') === seg) next.push({ shown: [...f.shown, shownName(n)], raw: [...f.raw, n] });
    }
    found = next;
  }
  return found.map((f) => ({ shown: f.shown.join('/'), raw: Buffer.concat(f.raw.flatMap((r, i) => (i ? [Buffer.from('/'), r] : [r]))) }));
}

/** An absolute path as bytes: `root` + "/" + the relative bytes. */
export const rawJoin = (root: string, rel: Buffer) => Buffer.concat([Buffer.from(root), Buffer.from('/'), rel]);

/** RFC 3986 percent-encoding of one path segment's bytes: unreserved characters stay, every other byte is %XX. */
export function percentEncodeBytes(b: Buffer): string {
  let out = '';
  for (const byte of b) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Files below a folder given by its bytes (a folder whose name is not UTF-8, which a walk by decoded
 * names cannot enter): shown path and bytes of each, folders in `skip` not entered, symbolic links
 * not followed, at most `limit` entries looked at.
 */
export async function* walkRaw(root: string, start: { shown: string; raw: Buffer }, skip: ReadonlySet<string>, limit = 20_000): AsyncGenerator<{ shown: string; raw: Buffer }> {
  const queue = [start];
  let seen = 0;
  while (queue.length) {
    const dir = queue.shift()!;
    const entries = await fs.readdir(rawJoin(root, dir.raw), { withFileTypes: true, encoding: 'buffer' }).catch(() => []);
    for (const e of entries) {
      if (++seen > limit) return;
      const name = e.name as unknown as Buffer;
      const child = { shown: `${dir.shown}/${shownName(name)}`, raw: Buffer.concat([dir.raw, Buffer.from('/'), name]) };
      if (e.isDirectory()) {
        if (!skip.has(name.toString('utf8'))) queue.push(child);
      } else yield child;
    }
  }
}
