// Owns showing text that will run or be read exactly as the machine sees it: bidirectional
// overrides and isolates (which reorder what a human reads — "Trojan Source"), zero-width and
// invisible characters, Unicode tag characters and other format/control characters are replaced
// by visible escapes (`\u202E`, `\u{E0041}`). Shared by the CLI, the extension and the webview.

/** Format (Cf) and control (Cc) characters (tab and newline are kept by the caller). */
const FORMAT_OR_CONTROL = /[\p{Cf}\p{Cc}]/u;
/** Invisible characters outside Cf/Cc: Hangul fillers, the combining grapheme joiner, variation selectors. */
const INVISIBLE: Array<[number, number]> = [[0x115f, 0x1160], [0x3164, 0x3164], [0xffa0, 0xffa0], [0x034f, 0x034f], [0x180b, 0x180d], [0xfe00, 0xfe0f], [0xe0100, 0xe01ef]];

function isHidden(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return FORMAT_OR_CONTROL.test(ch) || INVISIBLE.some(([lo, hi]) => cp >= lo && cp <= hi);
}

export interface EscapedText {
  text: string;
  /** True when at least one character was escaped. */
  escaped: boolean;
}

export const HIDDEN_UNICODE_WARNING = 'This command contains hidden or bidirectional Unicode characters, shown escaped.';

/** The warning line for a request of this kind (commands use HIDDEN_UNICODE_WARNING as is). */
export function hiddenUnicodeWarning(kind: 'command' | 'read' | 'tool' | 'edit'): string {
  const what = kind === 'command' ? 'This command' : kind === 'read' ? 'This path' : kind === 'tool' ? 'This tool call' : 'This change';
  return HIDDEN_UNICODE_WARNING.replace('This command', what);
}

function escapeOne(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text with every hidden or bidirectional character (not \n or \t) shown as an escape. */
export function escapeHiddenUnicode(text: string): EscapedText {
  let escaped = false;
  let out = '';
  for (const ch of text) {
    if (ch === '\n' || ch === '\t' || !isHidden(ch)) out += ch;
    else {
      escaped = true;
      out += escapeOne(ch);
    }
  }
  return { text: out, escaped };
}
