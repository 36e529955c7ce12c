// Owns how a file's text is written back the way it was: its line endings (LF or CRLF) and its
// byte-order mark. Edits are computed on LF text and restored to the file's own format.
export interface TextFormat {
  eol: '\n' | '\r\n';
  bom: boolean;
}

export function detectFormat(text: string): TextFormat {
  const bom = text.charCodeAt(0) === 0xfeff;
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  return { eol: crlf > lf ? '\r\n' : '\n', bom };
}

/** The text without BOM and with LF line endings. */
export function normalize(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n');
}

/** LF text written in the given format. */
export function restore(lfText: string, fmt: TextFormat): string {
  const body = fmt.eol === '\r\n' ? lfText.replace(/\r?\n/g, '\r\n') : lfText;
  return (fmt.bom ? '\ufeff' : '') + body;
}

/** True when the bytes look binary (a NUL in the first 8 KB, or invalid UTF-8 in a text-like file). */
export function looksBinary(buf: Buffer): boolean {
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return true;
  const text = head.toString('utf8');
  const bad = (text.match(/\ufffd/g) ?? []).length;
  return bad > 8 && bad / Math.max(1, text.length) > 0.01;
}
