// The scan API every caller uses: the regex pass where no grammar applies (and its quote-kind fix),
// the fallback when a grammar cannot load, changes scanned as whole files with findings kept on added
// lines, merging an external scanner's findings, rule descriptors, and rule files checked on load.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { regexFindings } from '../../../../src/core/guard/regexRules';
import { checkRules } from '../../../../src/core/guard/rules/check';
import { addedLines, MAX_PARSED_CHARS, mergeFindings, ruleDescriptors, scanChange, scanText, scanTextWith } from '../../../../src/core/guard/scan';
import type { Finding } from '../../../../src/core/changes/finding';

const SQL_BUG = `db.query("SELECT * FROM users WHERE name = '" + name + "'")`;
const SQL_SAFE = `cur.execute("SELECT * FROM users WHERE id = '%s'", user)`;

describe('guard scan API', () => {
  describe('the regex pass', () => {
    const table: Array<[string, string, boolean]> = [
      ['a quote of the other kind inside the string', SQL_BUG, true],
      ['single-quoted SQL with a double quote inside', `db.query('SELECT * FROM t WHERE n = "' + n + '"')`, true],
      ['a parameterised call whose SQL holds quoted %s', SQL_SAFE, false],
      ['percent formatting after the string', `cur.execute("SELECT * FROM t WHERE id = '%s'" % user)`, true],
    ];
    for (const [name, line, fires] of table) {
      it(`${fires ? 'flags' : 'does not flag'} ${name}`, () => {
        const hits = regexFindings('a.py', line).map((f) => f.ruleId);
        assert.equal(hits.includes('sql-injection'), fires, hits.join(','));
      });
    }

    it('is what files without a grammar get (a secret in a Ruby file)', async () => {
      const f = await scanText('config.rb', 'API_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n');
      assert.deepEqual(f.map((x) => [x.ruleId, x.line]), [['hardcoded-secret', 1]]);
    });

    it('takes over when the grammar cannot be loaded, and the parser engine is used when it can', async () => {
      const failing = async () => {
        throw new Error('tree-sitter-python.wasm is missing');
      };
      const viaRegex = await scanTextWith(failing, 'a.py', SQL_BUG);
      assert.deepEqual(viaRegex.map((f) => f.ruleId), ['sql-injection']);
      assert.equal(viaRegex[0].column, undefined, 'the regex pass has no columns');
      const viaParser = await scanText('a.py', SQL_BUG);
      assert.equal(viaParser[0].ruleId, 'sql-injection');
      assert.ok(viaParser[0].column, 'the parser engine reports a column');
    });
  });

  it('gives a file past the size limit the regex pass only, so a huge generated file cannot hold up an edit', async () => {
    const filler = '// filler line\n';
    const big = `${filler.repeat(Math.ceil(MAX_PARSED_CHARS / filler.length))}${SQL_BUG}\n`;
    const f = await scanText('big.js', big);
    assert.deepEqual(f.map((x) => [x.ruleId, x.column]), [['sql-injection', undefined]]);
  });

  describe('proposed changes', () => {
    const oldText = 'function f(id) {\n  const q = "SELECT * FROM t WHERE id = " + id;\n  return q;\n}\n';
    it('flags an added sink line fed by a value built on an unchanged line', async () => {
      const newText = oldText.replace('  return q;\n', '  return db.query(q);\n');
      const f = await scanChange(makeChange({ path: 'src/a.js', kind: 'update', oldText, newText }));
      assert.deepEqual(f.map((x) => [x.ruleId, x.line, x.related?.[0]?.line]), [['sql-injection', 3, 2]]);
    });

    it('does not report findings on lines the change leaves alone', async () => {
      const before = 'function f(id) {\n  return db.query("SELECT * FROM t WHERE id = " + id);\n}\n';
      const after = `${before}const x = 1;\n`;
      assert.deepEqual(await scanChange(makeChange({ path: 'src/a.js', kind: 'update', oldText: before, newText: after })), []);
    });

    it('scans a new file whole and a deletion not at all', async () => {
      const created = await scanChange(makeChange({ path: 'b.py', kind: 'create', newText: 'import os, sys\nos.system(sys.argv[1])\n' }));
      assert.deepEqual(created.map((x) => x.line), [2]);
      assert.deepEqual(await scanChange(makeChange({ path: 'b.py', kind: 'delete', oldText: 'os.system(x)\n' })), []);
    });

    it('numbers added lines as they will be in the new text', () => {
      assert.deepEqual([...addedLines('a\nb\nc\n', 'a\nX\nb\nc\nY\n')], [2, 5]);
    });
  });

  it('scans machine-made code (a 20,000-term concatenation, 3,000 nested parentheses) without overflowing the stack', async () => {
    const terms = Array.from({ length: 20000 }, (_, i) => `a${i}`).join(' + ');
    const long = await scanText('gen.js', `function f(a0) { return db.query("SELECT " + ${terms}); }\n`);
    assert.deepEqual(long.map((f) => f.ruleId), ['sql-injection']);
    const nested = await scanText('gen.py', `x = ${'('.repeat(3000)}y${')'.repeat(3000)}\nos.system(x)\n`);
    assert.deepEqual(nested, []);
  });

  it('loads tree-sitter on the first scan of a file with a grammar, not when the scan API is imported', () => {
    const repo = path.resolve(__dirname, '../../../..');
    const script = `
      const loaded = () => Object.keys(require.cache).some((k) => k.includes('tree-sitter-wasm'));
      const scan = require('./src/core/guard/scan');
      const out = [loaded()];
      scan.ruleDescriptors();
      scan.scanText('notes.md', 'hello').then(() => {
        out.push(loaded());
        return scan.scanText('a.py', 'x = 1');
      }).then(() => { out.push(loaded()); console.log(JSON.stringify(out)); });`;
    const r = spawnSync(process.execPath, ['-r', 'tsx/cjs', '-e', script], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout.trim()), [false, false, true]);
  });

  it('merges an external scanner, dropping what repeats one of ours', () => {
    const ours: Finding = { ruleId: 'sql-injection', cwe: 'CWE-89', severity: 'high', message: 'm', fix: 'f', path: 'a.js', line: 3, snippet: '' };
    const same = { ...ours, ruleId: 'semgrep/sqli' };
    const other = { ...ours, ruleId: 'semgrep/xss', cwe: 'CWE-79' };
    const noCwe = { ...ours, ruleId: 'scanner:finding', cwe: '' };
    assert.deepEqual(mergeFindings([ours], [same, other, noCwe]).map((f) => f.ruleId), ['sql-injection', 'semgrep/xss', 'scanner:finding']);
  });

  it('describes every rule for the CLI and SARIF', () => {
    const d = ruleDescriptors();
    assert.ok(d.length >= 40);
    for (const r of d) {
      assert.match(r.cwe, /^CWE-\d+$/);
      assert.ok(r.message && r.fix && r.languages.length, r.id);
    }
  });

  describe('rule files checked on load', () => {
    const base = { id: 'x', cwe: 'CWE-89', severity: 'high', message: 'm', fix: 'f', languages: ['js'] };
    const bad: Array<[string, unknown, RegExp]> = [
      ['a regex that does not compile', { ...base, kind: 'taint', sinks: { js: [{ callee: '(' }] } }, /"x" is invalid: sinks\.js\[0\]\.callee is not a valid regex/],
      ['a sink with nothing to match', { ...base, kind: 'taint', sinks: { js: [{}] } }, /needs a callee, an assign or a returns regex/],
      ['an unknown language', { ...base, languages: ['ruby'], kind: 'query', queries: {} }, /languages must list/],
      ['a bad CWE id', { ...base, cwe: '89', kind: 'query', queries: { js: '(string) @x' } }, /cwe must look like CWE-89/],
      ['a missing query', { ...base, kind: 'query', queries: {} }, /every language needs a query/],
      ['an unknown code check', { ...base, kind: 'query', queries: { js: '(string) @value' }, check: 'credentials' }, /check must be "secret", "credential" or "weakRandom"/],
    ];
    it('accepts each known code check', () => {
      for (const check of ['secret', 'credential', 'weakRandom']) assert.equal(checkRules([{ ...base, kind: 'query', queries: { js: '(string) @value' }, check }]).length, 1);
    });
    for (const [name, rule, msg] of bad) {
      it(`refuses ${name}, naming the rule and its file`, () => {
        assert.throws(() => checkRules([rule]), (e: Error) => msg.test(e.message) && /src\/core\/guard\/rules\/x\//.test(e.message));
      });
    }
  });
});
