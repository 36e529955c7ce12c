// `tandem guard` as CI runs it: the built CLI bundle as a child process on temp folders holding real
// vulnerable and safe files in three languages, with everything a walk can trip over (nested and
// negated .gitignore, .tandemignore, secret files, node_modules, .git, symlinks out, a FIFO, binary
// and huge files), in text, JSON and SARIF, with the exit codes CI gates on.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGuard } from '../../../src/cli/guard';
import { scanText } from '../../../src/core/guard/scan';
import { runProcess } from './cliKit';
import { cliBundle, sarifValidator } from './guardTestKit';

const VULN_JS = 'const rows = db.query("SELECT * FROM users WHERE id = " + req.query.id);\n';
const SAFE_JS = 'const rows = db.query("SELECT * FROM users WHERE id = $1", [req.query.id]);\n';
const VULN_PY = 'import os\nfrom flask import request\nos.system("ping -c 1 " + request.args.get("host"))\n';
const SAFE_PY = 'import subprocess\nfrom flask import request\nsubprocess.run(["ping", "-c", "1", request.args.get("host")])\n';
const VULN_JAVA = 'class A { void f(HttpServletRequest request, Statement stmt) throws Exception {\n  stmt.executeQuery("SELECT * FROM users WHERE id = " + request.getParameter("id"));\n} }\n';
const SAFE_JAVA =
  'class Safe { void f(HttpServletRequest request, Connection c) throws Exception {\n  PreparedStatement ps = c.prepareStatement("SELECT * FROM users WHERE id = ?");\n  ps.setString(1, request.getParameter("id"));\n} }\n';
const TOKEN = 'ghp_Zx9QwErTy7UiOp3AsDfGh5JkLzXcVbNm12Kq';
const SECRET_LINE = `token: ${TOKEN}\n`;
const WEAK_RANDOM_JS = 'const resetToken = Math.random().toString(36).slice(2);\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The bundled CLI in `cwd`, stdin closed, as in CI. */
function guard(cwd: string, args: string[]): Promise<Run> {
  return tandem(cwd, ['guard', ...args]);
}

async function tandem(cwd: string, args: string[]): Promise<Run> {
  return runProcess([await cliBundle(), ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
}

async function write(root: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await fs.writeFile(path.join(root, rel), content);
  }
}

function mkfifo(file: string): Promise<void> {
  return new Promise((resolve, reject) => spawn('mkfifo', [file]).on('error', reject).on('close', (c) => (c === 0 ? resolve() : reject(new Error(`mkfifo exited ${c}`)))));
}

/** "path:line" of each finding in a JSON report. */
function places(json: string): string[] {
  return (JSON.parse(json).findings as Array<{ path: string; line: number }>).map((f) => `${f.path}:${f.line}`).sort();
}

describe('tandem guard (built CLI, child process)', function () {
  this.timeout(60_000);
  let tmp: string;
  let root: string;
  let outside: string;

  before(() => cliBundle());
  beforeEach(async () => {
    tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-guard-')));
    root = path.join(tmp, 'repo');
    outside = path.join(tmp, 'outside');
    await write(outside, { 'evil.js': VULN_JS });
    await write(root, {
      'app/db.js': VULN_JS,
      'app/safe.js': SAFE_JS,
      'tools/ping.py': VULN_PY,
      'tools/safe.py': SAFE_PY,
      'src/A.java': VULN_JAVA,
      'src/Safe.java': SAFE_JAVA,
      'notes.txt': `deploy notes\n${SECRET_LINE}`,
      // Ignored by .gitignore at the root, a negation, a nested .gitignore, and .tandemignore.
      '.gitignore': 'build/\n*.log\n!keep.log\n',
      'build/out.js': VULN_JS,
      'debug.log': SECRET_LINE,
      'keep.log': SECRET_LINE,
      'sub/.gitignore': 'gen.js\n',
      'sub/gen.js': VULN_JS,
      'sub/deeper/gen.js': VULN_JS,
      'sub/ok.js': SAFE_JS,
      'sub/trace.log': SECRET_LINE,
      '.tandemignore': 'vendored-secrets/\n',
      'vendored-secrets/leak.py': `TOKEN = "${TOKEN}"\n`,
      // Secret files, in the spellings an attacker would try: checked for secrets only, values never printed.
      '.env': `GITHUB_TOKEN=${TOKEN}\n`,
      'config/.ENV.production': `GITHUB_TOKEN=${TOKEN}\n`,
      'deploy/server.KEY': '-----BEGIN RSA PRIVATE KEY-----\n',
      // Installed dependencies and VCS data, at any depth.
      'node_modules/pkg/index.js': VULN_JS,
      'app/node_modules/pkg/index.js': VULN_JS,
      '.git/hooks/post-checkout.js': VULN_JS,
      // Binary and huge files.
      'logo.png': Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\0\0'), Buffer.from(SECRET_LINE)]),
      'dist/bundle.min.js': VULN_JS + `/* ${'x'.repeat(1024 * 1024)} */\n`,
    });
    await fs.symlink(path.join(outside, 'evil.js'), path.join(root, 'outlink.js'));
    await fs.symlink(outside, path.join(root, 'outdir'));
    await fs.symlink('db.js', path.join(root, 'app/alias.js'));
    await mkfifo(path.join(root, 'pipe.js'));
  });
  afterEach(() => fs.rm(tmp, { recursive: true, force: true }));

  const EXPECTED = ['.env:1', 'app/db.js:1', 'config/.ENV.production:1', 'deploy/server.KEY:1', 'keep.log:1', 'notes.txt:2', 'src/A.java:2', 'tools/ping.py:3'];

  it('reports the vulnerable lines of the current folder in text, and fails on high findings', async () => {
    const r = await guard(root, []);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^app\/db\.js:1: \[high\] sql-injection \(CWE-89\) .+\n {4}fix: .*parameterised/m);
    assert.match(r.stdout, /^tools\/ping\.py:3: \[high\] command-injection \(CWE-78\) /m);
    assert.match(r.stdout, /^src\/A\.java:2: \[high\] sql-injection \(CWE-89\) /m);
    const reported = [...r.stdout.matchAll(/^(\S+:\d+): \[/gm)].map((m) => m[1]).sort();
    assert.deepEqual(reported, EXPECTED);
    assert.match(r.stdout, /^8 findings \(8 high\) in \d+ files \(3 secret files checked for secrets only\); skipped 7 \(.*\); failing: at least one finding is high or above\.$/m);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(TOKEN), 'the report never prints a secret');
  });

  it('skips ignored, .tandemignore\'d, dependency, VCS, symlinked, special, binary and huge files, and says so; secret files are checked for secrets only', async () => {
    const r = await guard(root, ['--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(places(r.stdout), EXPECTED);
    const skipped = (report.skipped as Array<{ path: string; reason: string }>).map((s) => `${s.path} ${s.reason}`).sort();
    assert.deepEqual(skipped, [
      'app/alias.js symlink',
      'dist/bundle.min.js tooLarge',
      'logo.png binary',
      'outdir symlink',
      'outlink.js symlink',
      'pipe.js special',
      'vendored-secrets/leak.py secret',
    ]);
    assert.deepEqual(report.summary.skipped, { secret: 1, symlink: 3, special: 1, tooLarge: 1, binary: 1 });
    assert.equal(report.summary.secretFilesChecked, 3);
    assert.equal(report.summary.failed, true);
    assert.match(r.stderr, /^8 findings \(8 high\)/);
    const snippets = (report.findings as Array<{ path: string; snippet: string }>).filter((f) => /\.env|\.KEY/i.test(f.path)).map((f) => `${f.path} ${f.snippet}`).sort();
    assert.deepEqual(snippets, ['.env GITHUB_TOKEN=[redacted]', 'config/.ENV.production GITHUB_TOKEN=[redacted]', 'deploy/server.KEY [redacted]']);
    assert.doesNotMatch(r.stdout, new RegExp(TOKEN), 'snippets are redacted');
    assert.match(r.stdout, /"snippet": "token: \[REDACTED GITHUB TOKEN\]"/);
  });

  it('scans only the PATHS given, applying the .gitignore files above them', async () => {
    const sub = await guard(root, ['--format', 'json', 'sub']);
    assert.equal(sub.code, 0, sub.stderr);
    assert.deepEqual(places(sub.stdout), [], 'sub/gen.js, sub/deeper/gen.js (sub/.gitignore) and sub/trace.log (root *.log) stay ignored');
    assert.equal(JSON.parse(sub.stdout).summary.filesScanned, 2, 'sub/.gitignore and sub/ok.js');
    const two = await guard(root, ['--format', 'json', 'app/db.js', 'tools']);
    assert.deepEqual(places(two.stdout), ['app/db.js:1', 'tools/ping.py:3']);
    const named = await guard(root, ['--format', 'json', 'build/out.js']);
    assert.deepEqual(places(named.stdout), ['build/out.js:1'], 'a file named on the command line is scanned even when ignored');
    const ignoredDir = await guard(root, ['build']);
    assert.equal(ignoredDir.code, 0);
    assert.match(ignoredDir.stderr, /^note: Everything in build is ignored \(\.gitignore\), so nothing there was scanned; name its files to scan them\.$/m);
    // A secret file named on the command line is checked for secrets only, its value never shown.
    const secret = await guard(root, ['.env']);
    assert.equal(secret.code, 1);
    assert.match(secret.stdout, /^\.env:1: \[high\] .*Its value is not shown\./m);
    assert.match(secret.stdout, /^1 finding \(1 high\) in 1 file \(1 secret file checked for secrets only\);/m);
    assert.doesNotMatch(secret.stdout + secret.stderr, new RegExp(TOKEN));
    // One listed in .tandemignore is never read.
    const listed = await guard(root, ['vendored-secrets/leak.py']);
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, /^No findings in 0 files; skipped 1 \(1 listed in \.tandemignore\)/m);
  });

  it('exits 1 only for findings at or above --fail-on', async () => {
    await write(root, { 'app/reset.js': WEAK_RANDOM_JS });
    const all = JSON.parse((await guard(root, ['--format', 'json', '--fail-on', 'none'])).stdout).findings as Array<{ severity: string }>;
    assert.ok(all.some((f) => f.severity !== 'high'), 'the folder holds a finding below high');
    const rank: Record<string, number> = { high: 3, medium: 2, low: 1 };
    for (const level of ['high', 'medium', 'low', 'none'] as const) {
      const expected = level !== 'none' && all.some((f) => rank[f.severity] >= rank[level]) ? 1 : 0;
      assert.equal((await guard(root, ['--format', 'json', '--fail-on', level])).code, expected, `--fail-on ${level}`);
    }
    const onlyMedium = await guard(root, ['--format', 'json', 'app/reset.js']);
    assert.equal(onlyMedium.code, JSON.parse(onlyMedium.stdout).findings.some((f: { severity: string }) => f.severity === 'high') ? 1 : 0, 'default --fail-on is high');
  });

  it('prints a file name with a newline or a bidi override escaped, so it cannot forge report lines or CI commands', async () => {
    await write(root, { 'evil\n::error file=app/db.js::forged.js': VULN_JS, 'x\u202esj.py': VULN_PY });
    const r = await guard(root, []);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /^::/m);
    assert.match(r.stdout, /^evil\\u\{a\}::error file=app\/db\.js::forged\.js:1: \[high\] sql-injection/m);
    assert.match(r.stdout, /^x\\u\{202e\}sj\.py:3: \[high\] command-injection/m);
  });

  it('exits 0 on clean code and on an empty folder', async () => {
    const clean = await guard(root, ['app/safe.js', 'tools/safe.py', 'src/Safe.java']);
    assert.equal(clean.code, 0, clean.stdout);
    assert.equal(clean.stdout, 'No findings in 3 files; nothing high or above.\n');
    await fs.mkdir(path.join(root, 'empty'));
    const empty = await guard(root, ['empty']);
    assert.equal(empty.code, 0);
    assert.equal(empty.stdout, 'No findings in 0 files; nothing high or above.\n');
  });

  it('writes SARIF 2.1.0 that GitHub accepts to --output, with stable fingerprints, and does not scan it next time', async () => {
    await write(root, { 'app/my file ü.js': VULN_JS });
    const r = await guard(root, ['--format', 'sarif', '--output', 'tandem.sarif', '.']);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^9 findings \(9 high\) .* Report written to tandem\.sarif\.\n$/);
    const text = await fs.readFile(path.join(root, 'tandem.sarif'), 'utf8');
    const validate = sarifValidator();
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors, null, 2));
    const log = JSON.parse(text);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'Tandem Guard');
    assert.match(run.tool.driver.version, /^\d+\.\d+\.\d+/);
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${root}/`);
    const locs = run.results.map((x: { ruleIndex: number; ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } } }> }) => {
      assert.equal(run.tool.driver.rules[x.ruleIndex].id, x.ruleId);
      const p = x.locations[0].physicalLocation;
      assert.equal(p.artifactLocation.uriBaseId, '%SRCROOT%');
      return `${p.artifactLocation.uri}:${p.region.startLine}`;
    });
    assert.deepEqual(locs.sort(), ['.env:1', 'app/db.js:1', 'app/my%20file%20%C3%BC.js:1', 'config/.ENV.production:1', 'deploy/server.KEY:1', 'keep.log:1', 'notes.txt:2', 'src/A.java:2', 'tools/ping.py:3']);
    assert.doesNotMatch(text, new RegExp(TOKEN), 'no secret in the SARIF either');
    for (const rule of run.tool.driver.rules) assert.ok(rule.properties.tags.includes('security') && rule.properties.tags.some((t: string) => /^external\/cwe\/cwe-\d+$/.test(t)), rule.id);

    const again = await guard(root, ['--format', 'sarif', '--output', 'tandem.sarif']);
    assert.equal(again.code, 1);
    const next = JSON.parse(await fs.readFile(path.join(root, 'tandem.sarif'), 'utf8'));
    const prints = (l: typeof log) => l.runs[0].results.map((x: { partialFingerprints: object }) => x.partialFingerprints).sort();
    assert.deepEqual(prints(next), prints(log), 'the same alerts, and the earlier report was not scanned');
  });

  it('prints the SARIF to stdout when no --output is given, and the summary to stderr', async () => {
    const r = await guard(root, ['--format', 'sarif', 'app']);
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout).runs[0].results.length, 1);
    assert.match(r.stderr, /^1 finding \(1 high\) in 2 files; skipped 1 \(1 symlink\);/);
  });

  const badArgs: Array<[args: string[], message: RegExp]> = [
    [['--format', 'xml'], /--format must be one of text, json, sarif; got "xml"/],
    [['--fail-on', 'critical'], /--fail-on must be one of high, medium, low, none/],
    [['--outptu', 'x'], /Unknown option --outptu/],
    [['missing.js'], /The path "missing\.js" does not exist/],
    [['..'], /The path "\.\." is outside the folder being scanned/],
    [['../outside/evil.js'], /is outside the folder being scanned/],
    [['outlink.js'], /The path "outlink\.js" is outside the folder being scanned/],
    [['outdir'], /The path "outdir" is outside the folder being scanned/],
    [['--cwd', 'nowhere'], /--cwd nowhere is not a folder that exists/],
    [['--disable', 'sql-injektion'], /--disable names no rule: sql-injektion\. See tandem guard --list-rules/],
    [['--output', 'no/such/dir/x.sarif', 'app/safe.js'], /Could not write the report to .*no\/such\/dir\/x\.sarif \(ENOENT\)/],
  ];
  for (const [args, message] of badArgs) {
    it(`exits 2 with a sentence for ${args.join(' ')}`, async () => {
      const r = await guard(root, args);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^error: [A-Z-]/);
      assert.equal(r.stdout, '');
    });
  }

  it('--disable turns a rule off; --help and --list-rules describe the command', async () => {
    const r = await guard(root, ['--format', 'json', '--disable', 'sql-injection', 'app', 'src']);
    assert.equal(r.code, 0);
    assert.deepEqual(places(r.stdout), []);
    const help = await guard(root, ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: tandem guard \[--format text\|json\|sarif\]/);
    assert.match((await tandem(root, ['--help'])).stdout, /^ {7}tandem guard \[--format text\|json\|sarif\]/m);
    const rules = await guard(root, ['--list-rules']);
    assert.match(rules.stdout, /^sql-injection\tCWE-89\thigh\t/m);
  });

  it('follows a shell helper across the files of one scan, and only those', async () => {
    const lib = path.join(tmp, 'lib');
    await write(lib, {
      'src/utils.ts': "import { execSync } from 'child_process';\nexport function run(cmd: string) {\n  return execSync(cmd);\n}\n",
      'src/platforms/linux.ts': "import { run } from '../utils';\nexport function addDomain(domain: string) {\n  run(`echo '127.0.0.1 ${domain}' | sudo tee -a /etc/hosts`);\n  run('update-ca-certificates');\n}\n",
    });
    const all = await guard(lib, ['--format', 'json']);
    assert.equal(all.code, 1, all.stderr);
    assert.deepEqual(places(all.stdout), ['src/platforms/linux.ts:3']);
    assert.match(JSON.parse(all.stdout).findings[0].message, /run\(\) \(src\/utils\.ts, line 3\)/);
    // utils.ts is not part of this scan: its helper is not read.
    const one = await guard(lib, ['--format', 'json', 'src/platforms']);
    assert.deepEqual(places(one.stdout), []);
  });
});

describe('tandem guard (in process)', () => {
  it('reports an unreadable file on stderr and in SARIF, scans the rest, and keeps the exit code of the findings', async () => {
    const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-guard-')));
    try {
      await write(root, { 'locked.js': VULN_JS, 'open.js': VULN_JS });
      const out: string[] = [];
      const err: string[] = [];
      const denied = Object.assign(new Error('permission denied'), { code: 'EACCES' });
      const code = await runGuard(['--format', 'sarif'], {
        cwd: root,
        stdout: { write: (s: string) => out.push(s) },
        stderr: { write: (s: string) => err.push(s) },
        readFile: (p) => (p.endsWith('locked.js') ? Promise.reject(denied) : fs.readFile(p)),
      });
      assert.equal(code, 1);
      assert.match(err.join(''), /warning: Could not read locked\.js \(EACCES\); it was not scanned\./);
      assert.match(err.join(''), /1 finding \(1 high\) in 1 file; skipped 1 \(1 unreadable\)/);
      const run = JSON.parse(out.join('')).runs[0];
      assert.deepEqual(
        run.results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri),
        ['open.js'],
      );
      assert.equal(run.invocations[0].toolExecutionNotifications[0].level, 'warning');
      assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /Could not read locked\.js/);
      assert.equal(run.invocations[0].executionSuccessful, true);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('scans files and folders whose names are not UTF-8 (two that decode alike included), shown with \\xNN, with byte-encoded SARIF URIs', async () => {
    const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-guard-')));
    try {
      const at = (...parts: Array<string | number[]>) => Buffer.concat([Buffer.from(`${root}/`), ...parts.map((p) => Buffer.from(p as never))]);
      await fs.writeFile(at('v', [0xff], '.js'), VULN_JS);
      await fs.writeFile(at('v', [0xfe], '.js'), VULN_JS);
      await fs.mkdir(at('d', [0xe9]));
      await fs.writeFile(at('d', [0xe9], '/app.py'), VULN_PY);
      await fs.writeFile(at('my dir#%\\x.js'), VULN_JS);
      const run = async (format: string) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await runGuard(['--format', format], { cwd: root, stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } });
        return { code, out: out.join(''), err: err.join('') };
      };
      const json = await run('json');
      assert.equal(json.code, 1, json.err);
      assert.doesNotMatch(json.err, /Could not read|unreadable/);
      assert.deepEqual(places(json.out), ['d\\xE9/app.py:3', 'my dir#%\\x.js:1', 'v\\xFE.js:1', 'v\\xFF.js:1']);
      const sarif = await run('sarif');
      const log = JSON.parse(sarif.out) as { runs: Array<{ results: unknown[] }> };
      const validate = sarifValidator();
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const uris = (log.runs[0].results as Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>).map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => r.locations[0].physicalLocation.artifactLocation.uri).sort();
      assert.deepEqual(uris, ['d%E9/app.py', 'my%20dir%23%25%5Cx.js', 'v%FE.js', 'v%FF.js']);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('a file the scanner fails on is reported as an error, the others are still scanned', async () => {
    const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-guard-')));
    try {
      await write(root, { 'crash.py': 'x = 1\n', 'open.js': VULN_JS });
      const out: string[] = [];
      const err: string[] = [];
      const code = await runGuard(['--format', 'sarif', '--fail-on', 'none'], {
        cwd: root,
        stdout: { write: (s: string) => out.push(s) },
        stderr: { write: (s: string) => err.push(s) },
        scan: (p, text, disabled) => (p === 'crash.py' ? Promise.reject(new Error('grammar failed to load')) : Promise.resolve(scanText(p, text, disabled))),
      });
      assert.equal(code, 0);
      assert.match(err.join(''), /^error: The scanner failed on crash\.py \(grammar failed to load\); its findings are missing\./m);
      assert.match(err.join(''), /1 finding \(1 high\) in 1 file; skipped 1 \(1 scan failed\)/);
      const run = JSON.parse(out.join('')).runs[0];
      assert.equal(run.results.length, 1);
      assert.equal(run.invocations[0].executionSuccessful, false);
      assert.equal(run.invocations[0].toolExecutionNotifications[0].level, 'error');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
