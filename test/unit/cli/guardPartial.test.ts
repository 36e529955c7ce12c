// `tandem guard` on files it can read only in part, as an attacker (or a generator) would write them:
// code that does not parse around a vulnerable line, statements nested thousands deep, a one-line file
// of about 1 MB. Each is scanned for what can be read, reported as read in part (or not parsed) with
// the reason in text, JSON and SARIF — never a failed scan, never silently — and the rest of the run
// is unaffected.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGuard } from '../../../src/cli/guard';
import { sarifValidator } from './guardTestKit';

const BROKEN_PY = 'import os\nfrom flask import request\ndef f(:\n    pass\nos.system("ping " + request.args["host"])\n';
const DEEP_JS = `function f(a) {\n${'if (a) {'.repeat(6000)}a++;${'}'.repeat(6000)}\n}\n`;
const LONG_LINE_JS = `const blob = "${'x'.repeat(1_020_000)}"; const k = "ghp_Zx9QwErTy7UiOp3AsDfGh5JkLzXcVbNm12Kq";\n`;
const VULN_JS = 'const rows = db.query("SELECT * FROM users WHERE id = " + req.query.id);\n';

async function run(root: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGuard(args, { cwd: root, stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } });
  return { code, out: out.join(''), err: err.join('') };
}

describe('tandem guard: files read only in part', function () {
  this.timeout(120_000);
  let root: string;
  before(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-guard-part-')));
    for (const [rel, text] of Object.entries({ 'broken.py': BROKEN_PY, 'deep.js': DEEP_JS, 'long.js': LONG_LINE_JS, 'open.js': VULN_JS, 'fine.py': 'x = 1\n' })) await fs.writeFile(path.join(root, rel), text);
  });
  after(() => fs.rm(root, { recursive: true, force: true }));

  it('JSON lists each file read in part with why, still reports what it could read, and scans the rest', async () => {
    const r = await run(root, ['--format', 'json', '--fail-on', 'none']);
    assert.equal(r.code, 0);
    const doc = JSON.parse(r.out);
    const part = Object.fromEntries((doc.scannedInPart as Array<{ path: string; kind: string; reason: string }>).map((p) => [p.path, p]));
    assert.deepEqual(Object.keys(part).sort(), ['broken.py', 'deep.js', 'long.js']);
    assert.equal(part['broken.py'].kind, 'partial');
    assert.match(part['broken.py'].reason, /missing \) on line 3/);
    assert.equal(part['deep.js'].kind, 'partial');
    assert.match(part['deep.js'].reason, /nested too deeply/);
    assert.equal(part['long.js'].kind, 'linesOnly');
    assert.match(part['long.js'].reason, /not parsed; only the line checks ran/);
    // What could be read was: the command after the syntax error, the token on the long line, the query in the other file.
    const places = (doc.findings as Array<{ path: string; line: number; ruleId: string }>).map((f) => `${f.path}:${f.line}:${f.ruleId}`);
    assert.ok(places.includes('broken.py:5:command-injection'), places.join(' '));
    assert.ok(places.some((p) => p.startsWith('long.js:1:')), places.join(' '));
    assert.ok(places.includes('open.js:1:sql-injection'), places.join(' '));
    assert.deepEqual(doc.skipped, []);
    assert.equal(doc.summary.filesScanned, 5);
    assert.equal(doc.summary.filesScannedInPart, 3);
    // A secret on the long line is reported, never printed.
    assert.doesNotMatch(r.out, /ghp_Zx9QwErTy7UiOp3AsDfGh5JkLzXcVbNm12Kq/);
  });

  it('text says it in notes and in the summary line', async () => {
    const r = await run(root, ['--fail-on', 'none']);
    assert.match(r.out, /^note: broken\.py was scanned only in part: a missing \) on line 3; the code around it was not analysed\.$/m);
    assert.match(r.out, /^note: deep\.js was scanned only in part: code nested too deeply was not followed\.$/m);
    assert.match(r.out, /^note: long\.js was not parsed: over 1,000,000 characters/m);
    assert.match(r.out, /in 5 files \(3 only in part\)/);
    assert.doesNotMatch(r.err, /scanner failed/);
  });

  it('SARIF carries them as notes and stays valid', async () => {
    const r = await run(root, ['--format', 'sarif', '--fail-on', 'none']);
    const sarif = JSON.parse(r.out) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }> }> };
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    const notes = sarif.runs[0].invocations[0].toolExecutionNotifications as Array<{ level: string; message: { text: string } }>;
    assert.deepEqual(notes.map((n) => n.level), ['note', 'note', 'note']);
    assert.ok(notes.some((n) => /broken\.py was scanned only in part/.test(n.message.text)));
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  });
});
