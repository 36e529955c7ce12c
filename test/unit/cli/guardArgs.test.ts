// `tandem guard` options: defaults, every spelling of each option, and the errors for bad ones.
import { strict as assert } from 'node:assert';
import { parseGuardArgs, type GuardOptions } from '../../../src/cli/guardArgs';
import { fails, printable, summaryLine, summarise } from '../../../src/cli/guardReport';
import type { Finding } from '../../../src/core/changes/finding';

const CWD = '/here';
const DEFAULTS: GuardOptions = { format: 'text', failOn: 'high', output: undefined, cwd: CWD, disabled: [], listRules: false, paths: [] };

describe('tandem guard arguments', () => {
  const ok: Array<[argv: string[], expected: Partial<GuardOptions>]> = [
    [[], {}],
    [['src', 'lib/a.ts'], { paths: ['src', 'lib/a.ts'] }],
    [['--format', 'sarif'], { format: 'sarif' }],
    [['--format=json'], { format: 'json' }],
    [['--format', 'SARIF'], { format: 'sarif' }],
    [['--fail-on', 'medium'], { failOn: 'medium' }],
    [['--fail-on=Low'], { failOn: 'low' }],
    [['--fail-on', 'none'], { failOn: 'none' }],
    [['--output', 'out/tandem.sarif', '.'], { output: 'out/tandem.sarif', format: 'sarif', paths: ['.'] }],
    [['--output=report.JSON'], { output: 'report.JSON', format: 'json' }],
    [['--output', 'report.txt'], { output: 'report.txt' }],
    [['--format', 'text', '--output', 'odd.sarif'], { output: 'odd.sarif', format: 'text' }],
    [['--cwd', '/repo'], { cwd: '/repo' }],
    [['--disable', 'log-injection', '--disable=sql-injection,dynamic-eval'], { disabled: ['log-injection', 'sql-injection', 'dynamic-eval'] }],
    [['--list-rules'], { listRules: true }],
    [['--', '--weird-file-name.js'], { paths: ['--weird-file-name.js'] }],
  ];
  for (const [argv, expected] of ok) {
    it(`reads ${JSON.stringify(argv)}`, () => assert.deepEqual(parseGuardArgs(argv, CWD), { kind: 'guard', options: { ...DEFAULTS, ...expected } }));
  }

  for (const argv of [['-h'], ['--help'], ['src', '--help']]) {
    it(`shows help for ${JSON.stringify(argv)}`, () => assert.deepEqual(parseGuardArgs(argv, CWD), { kind: 'help' }));
  }

  const bad: Array<[argv: string[], message: RegExp]> = [
    [['--format', 'xml'], /--format must be one of text, json, sarif; got "xml"/],
    [['--format'], /--format needs a value/],
    [['--format='], /--format needs a value/],
    [['--fail-on', 'critical'], /--fail-on must be one of high, medium, low, none; got "critical"/],
    [['--fail-on'], /--fail-on needs a value/],
    [['--output'], /--output needs a value/],
    [['--cwd'], /--cwd needs a value/],
    [['--disable'], /--disable needs a value/],
    [['--sarif'], /Unknown option --sarif\. See tandem guard --help/],
    [['--fail-level=high'], /Unknown option --fail-level/],
    [['-f', 'json'], /Unknown option -f/],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${JSON.stringify(argv)} with a sentence`, () => {
      const r = parseGuardArgs(argv, CWD);
      assert.equal(r.kind, 'error');
      assert.match((r as { message: string }).message, message);
    });
  }
});

describe('tandem guard --fail-on', () => {
  const f = (severity: Finding['severity']): Finding => ({ ruleId: 'r', cwe: 'CWE-1', severity, message: 'm', fix: 'f', path: 'a.ts', line: 1, snippet: '' });
  const table: Array<[severities: Finding['severity'][], failOn: 'high' | 'medium' | 'low' | 'none', failsRun: boolean]> = [
    [[], 'low', false],
    [['high'], 'high', true],
    [['medium'], 'high', false],
    [['medium'], 'medium', true],
    [['low'], 'medium', false],
    [['low'], 'low', true],
    [['high'], 'low', true],
    [['low', 'medium'], 'high', false],
    [['low', 'high'], 'medium', true],
    [['high'], 'none', false],
  ];
  for (const [sev, failOn, expected] of table) {
    it(`${sev.join('+') || 'no findings'} at --fail-on ${failOn} ${expected ? 'fails' : 'passes'}`, () => assert.equal(fails(sev.map(f), failOn), expected));
  }

  it('the summary says what was found, what was skipped and why the run fails', () => {
    const s = summarise([f('high'), f('low')], 3, [{ path: 'private/notes.txt', reason: 'secret' }, { path: 'x.bin', reason: 'binary' }, { path: 'y.bin', reason: 'binary' }], 'medium');
    assert.equal(summaryLine(s), '2 findings (1 high, 1 low) in 3 files; skipped 3 (1 listed in .tandemignore, 2 binary); failing: at least one finding is medium or above.');
    assert.equal(summaryLine(summarise([], 1, [], 'high')), 'No findings in 1 file; nothing high or above.');
    // Files read only in part and secret-class files checked for secrets only are said beside the count.
    const part = [{ path: 'a.py', kind: 'partial' as const, reason: 'a missing ) on line 3' }];
    assert.equal(summaryLine(summarise([], 4, [], 'high', part, 2)), 'No findings in 4 files (1 only in part, 2 secret files checked for secrets only); nothing high or above.');
  });
});

describe('tandem guard printable paths', () => {
  const table: Array<[name: string, raw: string, shown: string]> = [
    ['a newline that would start a forged line', 'a.js\n::error::x.js', 'a.js\\u{a}::error::x.js'],
    ['a carriage return', 'a\rb.js', 'a\\u{d}b.js'],
    ['an escape sequence (terminal colours)', '\u001b[31mred.js', '\\u{1b}[31mred.js'],
    ['a right-to-left override', 'invoice\u202ejs.exe', 'invoice\\u{202e}js.exe'],
    ['a bidi isolate', 'a\u2066b.js', 'a\\u{2066}b.js'],
    ['a zero-width space', 'db\u200b.js', 'db\\u{200b}.js'],
    ['a byte-order mark', '\ufeffa.js', '\\u{feff}a.js'],
    ['a line separator', 'a\u2028b.js', 'a\\u{2028}b.js'],
    ['ordinary accents and spaces (kept)', 'src/café au lait.js', 'src/café au lait.js'],
    ['colons and brackets (kept)', 'a:[1].js', 'a:[1].js'],
  ];
  for (const [what, raw, shown] of table) it(`shows ${what} visibly`, () => assert.equal(printable(raw), shown));
});
