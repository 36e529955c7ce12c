// The guard corpus scorer (scripts/guard-corpus.ts): the annotation parser, the scoring of findings
// against annotated lines, the table, the exit codes, and the script itself as a child process.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cweClass, main, parseAnnotations, parseArgs, renderTable, scoreFile, totalsOf, type ScoredFinding } from '../../../scripts/guard-corpus';

const REPO = path.resolve(__dirname, '../../..');

describe('guard corpus scorer', () => {
  describe('parseAnnotations', () => {
    it('reads expect and ok lines in // and # comments, aimed at the next line', () => {
      const js = ['const a = 1;', '// tandem-expect: CWE-89', 'db.query(x);', '  // tandem-ok: CWE-78', 'execFile(y);'].join('\n');
      assert.deepEqual(parseAnnotations('a.js', js), [
        { commentLine: 2, line: 3, kind: 'expect', cls: 'CWE-89' },
        { commentLine: 4, line: 5, kind: 'ok', cls: 'CWE-78' },
      ]);
      const py = ['# tandem-expect: CWE-95', 'eval(x)'].join('\n');
      assert.deepEqual(parseAnnotations('a.py', py), [{ commentLine: 1, line: 2, kind: 'expect', cls: 'CWE-94/95' }]);
    });

    it('applies several ids and several annotation lines in a row to the first code line below', () => {
      const text = ['// tandem-ok: CWE-89, CWE-78', '// tandem-expect: CWE-94', 'run(x);'].join('\r\n');
      const got = parseAnnotations('a.ts', text).map((a) => `${a.line}:${a.kind}:${a.cls}`);
      assert.deepEqual(got, ['3:ok:CWE-89', '3:ok:CWE-78', '3:expect:CWE-94/95']);
    });

    const bad: Array<[string, string, RegExp]> = [
      ['no CWE id', '// tandem-expect:\nx();', /a\.js:1: "" is not a list of CWE ids/],
      ['a CWE id spelled wrong', '# tandem-ok: cwe89\nx()', /a\.js:1: "cwe89" is not a list of CWE ids/],
      ['no colon', '// tandem-expect CWE-89\nx();', /a\.js:1: this looks like an annotation but is not one/],
      ['a block comment', '/* tandem-expect: CWE-89 */\nx();', /a\.js:1: this looks like an annotation/],
      ['a blank line below', '// tandem-expect: CWE-89\n\nx();', /a\.js:2: the annotation on line 1 is followed by a blank line/],
      ['the end of the file', 'x();\n// tandem-ok: CWE-22', /a\.js:2: the annotation is at the end of the file/],
    ];
    for (const [what, text, message] of bad) {
      it(`rejects an annotation with ${what}, naming the file and line`, () => {
        assert.throws(() => parseAnnotations('a.js', text), message);
      });
    }
  });

  const classes: Array<[string, string]> = [
    ['CWE-94', 'CWE-94/95'], ['CWE-95', 'CWE-94/95'], ['cwe-95', 'CWE-94/95'],
    ['CWE-259', 'CWE-798'], ['CWE-321', 'CWE-798'], ['CWE-23', 'CWE-22'], ['CWE-36', 'CWE-22'],
    ['CWE-297', 'CWE-295'], ['CWE-564', 'CWE-89'],
    ['CWE-89', 'CWE-89'], ['CWE-940', 'CWE-940'], ['CWE-330', 'CWE-330'], ['CWE-117', 'CWE-117'],
  ];
  for (const [id, cls] of classes) {
    it(`scores ${id} in class ${cls}`, () => assert.equal(cweClass(id), cls));
  }

  describe('scoring', () => {
    const text = [
      '// tandem-expect: CWE-89', 'a', // line 2: found
      '// tandem-expect: CWE-89', 'b', // line 4: missed (a finding of another class and one on the next line)
      '// tandem-ok: CWE-89', 'c', // line 6: false positive
      '// tandem-ok: CWE-78', 'd', // line 8: clean
      '// tandem-expect: CWE-94', 'e', // line 10: found by a CWE-95 finding
      'f', // line 11: not annotated
    ].join('\n');
    const findings: ScoredFinding[] = [
      { ruleId: 'sql', cwe: 'CWE-89', line: 2 },
      { ruleId: 'cmd', cwe: 'CWE-78', line: 4 },
      { ruleId: 'sql', cwe: 'CWE-89', line: 5 },
      { ruleId: 'sql', cwe: 'CWE-89', line: 6 },
      { ruleId: 'eval', cwe: 'CWE-95', line: 10 },
      { ruleId: 'sql', cwe: 'CWE-89', line: 11 },
    ];
    const score = scoreFile('x.js', 'JavaScript', parseAnnotations('x.js', text), findings);

    it('finds an expected line only with a finding of its class on exactly that line', () => {
      assert.deepEqual(
        score.results.map((r) => `${r.line}:${r.kind}:${r.hit}`),
        ['2:expect:true', '4:expect:false', '6:ok:true', '8:ok:false', '10:expect:true'],
      );
    });

    it('counts findings no annotation speaks about as other findings', () => {
      assert.deepEqual(score.other.map((f) => `${f.line}:${f.cwe}`), ['4:CWE-78', '5:CWE-89', '11:CWE-89']);
    });

    it('totals per class and language, per rule, and renders recall and FP rate', () => {
      const t = totalsOf([score, scoreFile('y.py', 'Python', parseAnnotations('y.py', '# tandem-ok: CWE-89\nq()'), [])]);
      assert.deepEqual(t.cells.get('CWE-89')?.get('JavaScript'), { vulnerable: 2, found: 1, safe: 1, flagged: 1 });
      assert.deepEqual(t.cells.get('CWE-89')?.get('Python'), { vulnerable: 0, found: 0, safe: 1, flagged: 0 });
      assert.deepEqual(t.byRule.get('sql'), { total: 4, onExpected: 1, onSafe: 1, other: 2 });
      const table = renderTable(t);
      assert.match(table, /\| CWE-89 \| JavaScript \| 2 \| 1 \| 50\.0% \| 1 \| 1 \| 100\.0% \|/);
      assert.match(table, /\| CWE-89 \| Python \| 0 \| 0 \| – \| 1 \| 0 \| 0\.0% \|/);
      assert.match(table, /\| \*\*overall\*\* \| \*\*all\*\* \| 3 \| 2 \| 66\.7% \| 3 \| 1 \| 33\.3% \|/);
    });
  });

  describe('main', () => {
    let corpus: string;
    beforeEach(async () => {
      corpus = await fs.mkdtemp(path.join(os.tmpdir(), 'guard-corpus-'));
      await fs.mkdir(path.join(corpus, 'src', 'CWE-89', 'python'), { recursive: true });
      await fs.writeFile(path.join(corpus, 'src', 'CWE-89', 'python', 'a.py'), '# tandem-expect: CWE-89\ncur.execute(q)\n# tandem-ok: CWE-89\ncur.execute(p, [x])\n');
      await fs.writeFile(path.join(corpus, 'README.md'), '# tandem-expect: not code, not read\n');
    });
    afterEach(() => fs.rm(corpus, { recursive: true, force: true }));

    const run = async (args: string[], findings: ScoredFinding[]) => {
      let out = '';
      let err = '';
      const scanned: string[] = [];
      const code = await main(['--corpus', corpus, ...args], (p) => (scanned.push(p), findings), { out: (t) => (out += t), err: (t) => (err += t) });
      return { code, out, err, scanned };
    };

    it('exits 0 with the table whatever the figures, and scans only source files', async () => {
      const r = await run([], []);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.scanned.length, 1);
      assert.match(r.scanned[0], /src\/CWE-89\/python\/a\.py$/);
      assert.match(r.out, /\| CWE-89 \| Python \| 1 \| 0 \| 0\.0% \| 1 \| 0 \| 0\.0% \|/);
    });

    it('exits 1 when --min-recall or --max-fp is not met, 0 when it is', async () => {
      assert.equal((await run(['--min-recall', '80'], [])).code, 1);
      const fp = await run(['--max-fp', '5'], [{ ruleId: 'r', cwe: 'CWE-89', line: 2 }, { ruleId: 'r', cwe: 'CWE-89', line: 4 }]);
      assert.equal(fp.code, 1);
      assert.match(fp.err, /False-positive rate 100\.0% is above the allowed 5%/);
      assert.equal((await run(['--min-recall', '80', '--max-fp', '5'], [{ ruleId: 'r', cwe: 'CWE-89', line: 2 }])).code, 0);
    });

    it('lists misses and flagged lines with --misses, rules with --by-rule, and all of it with --json', async () => {
      const findings = [{ ruleId: 'sql-taint', cwe: 'CWE-89', line: 4 }];
      const text = await run(['--misses', '--by-rule', '--by-source'], findings);
      assert.match(text.out, /### Per source\n\n.*\n.*\n\| src \| 1 \| 0 \| 0\.0% \| 1 \| 1 \| 100\.0% \|/);
      assert.match(text.out, /### Missed vulnerable lines \(1\)\n\n- .*a\.py:2 {2}CWE-89 {2}cur\.execute\(q\)/);
      assert.match(text.out, /### Flagged safe lines \(1\)\n\n- .*a\.py:4 {2}CWE-89 {2}cur\.execute\(p, \[x\]\) {2}\(sql-taint\)/);
      assert.match(text.out, /\| sql-taint \| 1 \| 0 \| 1 \| 0 \|/);
      const json = JSON.parse((await run(['--json'], findings)).out);
      assert.deepEqual(json.overall, { vulnerable: 1, found: 0, safe: 1, flagged: 1, recall: 0, fpRate: 1 });
      assert.equal(json.misses[0].line, 2);
      assert.deepEqual(json.falsePositives[0].ruleIds, ['sql-taint']);
      assert.deepEqual(json.bySource, { src: { vulnerable: 1, found: 0, safe: 1, flagged: 1 } });
    });

    const badArgs: Array<[string[], RegExp]> = [
      [['--min-recall'], /--min-recall needs a percentage from 0 to 100/],
      [['--max-fp', 'lots'], /--max-fp needs a percentage/],
      [['--max-fp', '101'], /--max-fp needs a percentage/],
      [['--verbose'], /Unknown option "--verbose"/],
    ];
    for (const [args, message] of badArgs) {
      it(`exits 2 on ${args.join(' ')} with a sentence`, async () => {
        const r = await run(args, []);
        assert.equal(r.code, 2);
        assert.match(r.err, message);
      });
    }

    it('exits 2 naming the file and line when an annotation is malformed, and when the folder is missing', async () => {
      await fs.writeFile(path.join(corpus, 'src', 'bad.js'), '// tandem-expect CWE-89\nx();\n');
      const r = await run([], []);
      assert.equal(r.code, 2);
      assert.match(r.err, /bad\.js:1: this looks like an annotation but is not one/);
      const missing = await main(['--corpus', path.join(corpus, 'nope')], () => [], { out: () => undefined, err: (t) => assert.match(t, /there is no corpus folder at/) });
      assert.equal(missing, 2);
    });

    it('parses its options', () => {
      assert.deepEqual(parseArgs(['--json', '--by-rule', '--misses', '--min-recall', '80', '--max-fp', '5']), {
        json: true, byRule: true, bySource: false, misses: true, minRecall: 80, maxFp: 5, corpus: path.join('test', 'fixtures', 'guard-corpus'),
      });
    });
  });

  it('runs as a script over the real corpus with the real scanner, every cell annotated', async function () {
    this.timeout(60_000);
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/guard-corpus.ts'), '--json'], { cwd: REPO, maxBuffer: 64 << 20 }, (e, stdout, stderr) =>
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr }),
      );
    });
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as {
      overall: { recall: number; fpRate: number };
      cells: Array<{ cls: string; language: string; vulnerable: number; found: number; safe: number; flagged: number }>;
    };
    // Floors a little under the README's figures (95.2% found, 0.6% of safe lines flagged, every class
    // at or above 87.7%): a change that loses recall or adds false positives fails here, not in a table.
    assert.ok(json.overall.recall >= 0.94, `corpus recall fell to ${(json.overall.recall * 100).toFixed(1)}% (floor 94%)`);
    assert.ok(json.overall.fpRate <= 0.01, `corpus false positives rose to ${(json.overall.fpRate * 100).toFixed(1)}% (ceiling 1%)`);
    const byClass = new Map<string, { vulnerable: number; found: number }>();
    for (const c of json.cells) {
      const t = byClass.get(c.cls) ?? { vulnerable: 0, found: 0 };
      byClass.set(c.cls, { vulnerable: t.vulnerable + c.vulnerable, found: t.found + c.found });
    }
    for (const [cls, t] of byClass) if (t.vulnerable >= 10) assert.ok(t.found / t.vulnerable >= 0.85, `${cls}: ${t.found} of ${t.vulnerable} found (floor 85%)`);
    for (const cls of ['CWE-89', 'CWE-78', 'CWE-94/95', 'CWE-798', 'CWE-295', 'CWE-338', 'CWE-22']) {
      for (const language of ['JavaScript', 'TypeScript', 'Python', 'Java']) {
        const cell = json.cells.find((c) => c.cls === cls && c.language === language);
        assert.ok(cell && cell.vulnerable > 0 && cell.safe > 0, `${cls} × ${language} has vulnerable and safe lines`);
      }
    }
  });
});
