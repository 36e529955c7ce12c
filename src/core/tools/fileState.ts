// Owns reading a workspace file for editing: its exact current text (the base a proposal is
// computed against) and its format, so the edit is written back with the same line endings and BOM.
import { detectFormat, looksBinary, normalize, type TextFormat } from '../edits/textFormat';
import { readRegularFile, ReadTimeoutError, SpecialFileError } from '../util/files';
import { ToolCallError } from './types';
import { type OpenDocuments } from '../changes/ports';

/** Files larger than this are not edited as text (the edit tools read them whole). */
const MAX_EDIT_BYTES = 10 * 1024 * 1024;

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
    const r = await readRegularFile(abs, { maxBytes: MAX_EDIT_BYTES, shown });
    if (r.truncated) throw new ToolCallError(`${shown} is ${r.size} bytes, too large to edit as text (limit ${MAX_EDIT_BYTES}).`);
    buf = r.buf;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { exists: false, text: '', format: { eol: '\n', bom: false } };
    if (code === 'EISDIR') throw new ToolCallError(`${shown} is a folder, not a file.`);
    if (err instanceof SpecialFileError || err instanceof ReadTimeoutError) throw new ToolCallError(err.message);
    throw err;
  }
  if (looksBinary(buf)) throw new ToolCallError(`${shown} is a binary file; it cannot be edited as text.`);
  const raw = buf.toString('utf8');
  return { exists: true, raw, text: normalize(raw), format: detectFormat(raw) };
}
