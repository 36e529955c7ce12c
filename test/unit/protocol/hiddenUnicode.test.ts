// Hidden and bidirectional Unicode is shown escaped wherever a human approves what runs.
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { TerminalApprover } from '../../../src/cli/terminalApprover';
import { escapeHiddenUnicode, HIDDEN_UNICODE_WARNING } from '../../../src/protocol/hiddenUnicode';

describe('hidden Unicode', () => {
  const table: Array<[string, string, string]> = [
    ['right-to-left override', 'ls \u202E txt.exe', 'ls \\u202E txt.exe'],
    ['left-to-right embedding and pop', 'a\u202Ab\u202C', 'a\\u202Ab\\u202C'],
    ['every bidi isolate', '\u2066\u2067\u2068\u2069', '\\u2066\\u2067\\u2068\\u2069'],
    ['zero-width space in a program name', 'r\u200Bm -rf x', 'r\\u200Bm -rf x'],
    ['zero-width joiner and non-joiner', 'a\u200Cb\u200Dc', 'a\\u200Cb\\u200Dc'],
    ['left-to-right and right-to-left marks', '\u200E\u200F', '\\u200E\\u200F'],
    ['word joiner and invisible operators', '\u2060\u2061\u2062\u2063\u2064', '\\u2060\\u2061\\u2062\\u2063\\u2064'],
    ['byte order mark', '\uFEFFecho', '\\uFEFFecho'],
    ['soft hyphen', 'cu\u00ADrl', 'cu\\u00ADrl'],
    ['tag characters (invisible ASCII)', 'echo hi\u{E0072}\u{E006D}', 'echo hi\\u{E0072}\\u{E006D}'],
    ['cancel tag', '\u{E007F}', '\\u{E007F}'],
    ['escape sequence (Cc)', 'echo \x1b[2K', 'echo \\u001B[2K'],
    ['carriage return hides the start of the line', 'rm -rf ~\rls', 'rm -rf ~\\u000Dls'],
    ['Arabic letter mark (Cf)', 'a\u061Cb', 'a\\u061Cb'],
    ['Hangul filler (invisible letter)', 'a\u3164b', 'a\\u3164b'],
    ['variation selector', 'a\uFE0Fb', 'a\\uFE0Fb'],
  ];
  for (const [what, input, shown] of table) {
    it(`escapes ${what}`, () => assert.deepEqual(escapeHiddenUnicode(input), { text: shown, escaped: true }));
  }

  const untouched = ['npm test', 'echo "tab\there"\nls', 'café 日本語 Ελληνικά', 'emoji 😀', 'a\u0301 combining accent', 'echo \\u202E literal'];
  for (const text of untouched) it(`leaves ${JSON.stringify(text)} as it is`, () => assert.deepEqual(escapeHiddenUnicode(text), { text, escaped: false }));

  it('the terminal approval prompt shows the escaped command and a warning line', async () => {
    const input = new PassThrough();
    let shown = '';
    const approver = new TerminalApprover({ input, output: { write: (s: string) => ((shown += s), true) }, interactive: true });
    const answer = approver.request({ type: 'command', command: 'cat notes\u202Etxt.sh', cwd: '.', toolCallId: 't', reason: 'cat is not read-only' }, new AbortController().signal);
    input.write('n\n');
    assert.equal((await answer).approved, false);
    assert.match(shown, /\$ cat notes\\u202Etxt\.sh/);
    assert.ok(!shown.includes('\u202E'), 'the raw override must not reach the terminal');
    assert.ok(shown.includes(HIDDEN_UNICODE_WARNING));
  });

  it('the terminal approval prompt has no warning for plain commands', async () => {
    const input = new PassThrough();
    let shown = '';
    const approver = new TerminalApprover({ input, output: { write: (s: string) => ((shown += s), true) }, interactive: true });
    const answer = approver.request({ type: 'command', command: 'npm install', cwd: '.', toolCallId: 't', reason: 'npm is not read-only' }, new AbortController().signal);
    input.write('y\n');
    assert.equal((await answer).approved, true);
    assert.ok(!shown.includes(HIDDEN_UNICODE_WARNING));
  });
});
