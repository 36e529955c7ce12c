// Owns showing text that will run or be read exactly as the machine sees it: bidirectional
// overrides and isolates (which reorder what a human reads — "Trojan Source"), zero-width and
// invisible characters, Unicode tag characters and other format/control characters are replaced
// by visible escapes (`\u202E`, `\u{E0041}`). Shared by the CLI, the extension and the webview.

/** Format (Cf) and control (Cc) characters except tab and newline, plus the invisible fillers. */
const HIDDEN = /[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\u034F\u180B-\u180D\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

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
  const out = text.replace(HIDDEN, (ch) => {
    if (ch === '\n' || ch === '\t') return ch;
    escaped = true;
    return escapeOne(ch);
  });
  return { text: out, escaped };
}
