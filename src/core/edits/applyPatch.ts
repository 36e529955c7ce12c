// Owns Codex's `*** Begin Patch` format: parsing (Add / Update with optional Move / Delete File,
// `@@` hunks with context, ` `/`-`/`+` lines, `*** End of File`) and applying it to file texts in
// memory. Nothing is written here; a failure anywhere fails the whole patch, naming what to fix.
export type PatchOp =
  | { type: 'add'; path: string; text: string }
  | { type: 'delete'; path: string }
  | { type: 'update'; path: string; moveTo?: string; chunks: Chunk[] };

export interface Chunk {
  /** Text after `@@ ` that locates the hunk (a line of the file), if any. */
  anchor?: string;
  oldLines: string[];
  newLines: string[];
  /** For each new line, the index of the old line it keeps (context), or -1 for an added line. */
  keeps: number[];
  /** The hunk must match at the end of the file. */
  atEof: boolean;
}

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

const HEADERS = "'*** Add File: <path>', '*** Update File: <path>', '*** Delete File: <path>' or '*** End Patch'";

export function parsePatch(patch: string): PatchOp[] {
  const lines = patch.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (lines[i]?.trim() !== '*** Begin Patch') throw new PatchError("The patch must start with the line '*** Begin Patch'.");
  i++;
  const ops: PatchOp[] = [];
  let ended = false;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '*** End Patch') {
      ended = true;
      break;
    }
    let m: RegExpExecArray | null;
    if ((m = /^\*\*\* Add File: (.+)$/.exec(line))) {
      i++;
      const body: string[] = [];
      while (i < lines.length && lines[i].startsWith('+')) body.push(lines[i++].slice(1));
      ops.push({ type: 'add', path: m[1].trim(), text: body.length ? body.join('\n') + '\n' : '' });
      continue;
    }
    if ((m = /^\*\*\* Delete File: (.+)$/.exec(line))) {
      ops.push({ type: 'delete', path: m[1].trim() });
      i++;
      continue;
    }
    if ((m = /^\*\*\* Update File: (.+)$/.exec(line))) {
      const path = m[1].trim();
      i++;
      let moveTo: string | undefined;
      const mv = /^\*\*\* Move to: (.+)$/.exec(lines[i] ?? '');
      if (mv) {
        moveTo = mv[1].trim();
        i++;
      }
      const chunks: Chunk[] = [];
      while (i < lines.length && !lines[i].startsWith('*** ') ) {
        const chunk: Chunk = { oldLines: [], newLines: [], keeps: [], atEof: false };
        if (lines[i].startsWith('@@')) {
          const anchor = lines[i].slice(2).trim();
          if (anchor) chunk.anchor = anchor;
          i++;
        } else if (chunks.length > 0) {
          throw new PatchError(`Line ${i + 1} of the patch: expected '@@' to start the next hunk of ${path}, got ${JSON.stringify(lines[i])}.`);
        }
        let body = 0;
        while (i < lines.length) {
          const l = lines[i];
          if (l === '*** End of File') {
            chunk.atEof = true;
            i++;
            break;
          }
          if (l.startsWith('@@') || l.startsWith('*** ')) break;
          if (l.startsWith('+')) {
            chunk.newLines.push(l.slice(1));
            chunk.keeps.push(-1);
          } else if (l.startsWith('-')) chunk.oldLines.push(l.slice(1));
          else if (l.startsWith(' ') || l === '') {
            chunk.keeps.push(chunk.oldLines.length);
            chunk.oldLines.push(l.slice(1));
            chunk.newLines.push(l.slice(1));
          } else throw new PatchError(`Line ${i + 1} of the patch: a hunk line must start with ' ', '-' or '+', got ${JSON.stringify(l)}.`);
          body++;
          i++;
        }
        if (body === 0) throw new PatchError(`The update of ${path} has an empty hunk; give the lines to change.`);
        chunks.push(chunk);
      }
      if (chunks.length === 0 && !moveTo) throw new PatchError(`The update of ${path} has no hunks.`);
      ops.push({ type: 'update', path, moveTo, chunks });
      continue;
    }
    throw new PatchError(`Line ${i + 1} of the patch: expected ${HEADERS}, got ${JSON.stringify(line)}.`);
  }
  if (!ended) throw new PatchError("The patch must end with the line '*** End Patch'.");
  if (ops.length === 0) throw new PatchError('The patch changes no file.');
  return ops;
}

type Eq = (a: string, b: string) => boolean;
const MATCHERS: Eq[] = [(a, b) => a === b, (a, b) => a.trimEnd() === b.trimEnd(), (a, b) => a.trim() === b.trim()];

/** Index where `needle` starts in `hay` at or after `from` (or the last one, for EOF hunks). */
function seek(hay: string[], needle: string[], from: number, atEof: boolean): number {
  if (needle.length === 0) return atEof ? hay.length : from;
  for (const eq of MATCHERS) {
    if (atEof) {
      const start = hay.length - needle.length;
      if (start >= from && needle.every((n, k) => eq(hay[start + k], n))) return start;
    }
    for (let s = from; s + needle.length <= hay.length; s++) {
      if (needle.every((n, k) => eq(hay[s + k], n))) return s;
    }
  }
  return -1;
}

/** Applies an update's hunks to LF text; returns the new LF text. */
export function applyChunks(path: string, text: string, chunks: Chunk[]): string {
  const endsWithNewline = text.endsWith('\n');
  const lines = text === '' ? [] : (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  let cursor = 0;
  const edits: Array<{ at: number; remove: number; insert: string[] }> = [];
  for (const chunk of chunks) {
    if (chunk.anchor !== undefined) {
      const a = seek(lines, [chunk.anchor], cursor, false);
      if (a < 0) throw new PatchError(`In ${path}: the line ${JSON.stringify(chunk.anchor)} after '@@' was not found. Read the file again and use a line it contains.`);
      cursor = a + 1;
    }
    let old = chunk.oldLines;
    let at = seek(lines, old, cursor, chunk.atEof);
    // A trailing empty context line often stands for the file's final newline.
    if (at < 0 && old.length && old[old.length - 1] === '') {
      old = old.slice(0, -1);
      at = seek(lines, old, cursor, chunk.atEof);
    }
    if (at < 0) {
      const first = chunk.oldLines.find((l) => l.trim()) ?? chunk.oldLines[0] ?? '';
      throw new PatchError(`In ${path}: the lines to replace (starting ${JSON.stringify(first)}) were not found${chunk.anchor ? ` after ${JSON.stringify(chunk.anchor)}` : ''}. Read the file again and copy its lines exactly.`);
    }
    // Context lines keep the file's own text (a fuzzy match must not rewrite their whitespace).
    const insert: string[] = [];
    chunk.newLines.forEach((text, k) => {
      const keep = chunk.keeps[k];
      if (keep >= old.length) return; // the dropped trailing empty context line
      insert.push(keep >= 0 ? lines[at + keep] : text);
    });
    edits.push({ at, remove: old.length, insert });
    cursor = at + old.length;
  }
  for (const e of edits.reverse()) lines.splice(e.at, e.remove, ...e.insert);
  return lines.length === 0 ? '' : lines.join('\n') + (endsWithNewline || text === '' ? '\n' : '');
}
