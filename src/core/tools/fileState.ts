// Owns reading a workspace file for editing: its exact current text (the base a proposal is
// computed against) and its format, so the edit is written back with the same line endings and BOM.
import { promises as fs } from 'node:fs';
import { detectFormat, looksBinary, normalize, type TextFormat } from '../edits/textFormat';
import { ToolCallError, type OpenDocuments } from './types';

export interface FileState {
  exists: boolean;
  /** Exact text on disk (undefined when the file does not exist). */
  raw?: string;
  /** Text with LF and no BOM. */
  text: string;
  format: TextFormat;
}

export async function readForEdit(abs: string, shown: string, documents?: OpenDocuments): Promise<FileState> {
  const open = documents?.textOf(abs);
  if (open !== undefined) return { exists: true, raw: open, text: normalize(open), format: detectFormat(open) };
  let buf: Buffer;
  try {
    buf = await fs.readFile(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { exists: false, text: '', format: { eol: '\n', bom: false } };
    if (code === 'EISDIR') throw new ToolCallError(`${shown} is a folder, not a file.`);
    throw err;
  }
  if (looksBinary(buf)) throw new ToolCallError(`${shown} is a binary file; it cannot be edited as text.`);
  const raw = buf.toString('utf8');
  return { exists: true, raw, text: normalize(raw), format: detectFormat(raw) };
}
