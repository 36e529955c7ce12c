// `npm run package` (scripts/package.mjs): the .vsix it writes holds the runtime files and nothing
// else — minified bundles without source maps, the grammars, the webview — stays under 12 MB, and its
// README's images point at the repository given in TANDEM_REPO_URL.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipEntries, zipRead, type ZipEntry } from '../../fixtures/zip';

const REPO = path.resolve(__dirname, '../../..');

function runPackage(env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'scripts/package.mjs')], { cwd: REPO, env: { ...process.env, ...env }, maxBuffer: 16 << 20 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('npm run package (.vsix)', function () {
  this.timeout(180_000);
  let dir: string;
  let vsix: string;
  let zip: Buffer;
  let entries: ZipEntry[];
  const read = (name: string) => {
    const e = entries.find((x) => x.name === name);
    assert.ok(e, `${name} is in the .vsix`);
    return zipRead(zip, e).toString('utf8');
  };

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-vsix-'));
    vsix = path.join(dir, 'tandem.vsix');
    const r = await runPackage({ TANDEM_VSIX_OUT: vsix, TANDEM_REPO_URL: 'https://git.example.org/team/tandem/' });
    assert.equal(r.code, 0, r.out);
    zip = await fs.readFile(vsix);
    entries = zipEntries(zip);
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('holds exactly the runtime files', () => {
    const names = entries.map((e) => e.name).filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
    const grammars = ['tree-sitter', 'tree-sitter-bash', 'tree-sitter-javascript', 'tree-sitter-typescript', 'tree-sitter-tsx', 'tree-sitter-python', 'tree-sitter-java'].map((g) => `dist/wasm/${g}.wasm`);
    const expected = ['LICENSE.txt', 'package.json', 'readme.md', 'media/tandem.svg', 'dist/extension.js', 'dist/cli.js', 'dist/cliExec.js', 'dist/webview/main.js', 'dist/webview/languages.js', 'dist/webview/main.css', 'dist/webview/codicon.ttf', ...grammars];
    for (const f of expected) assert.ok(names.includes(f), `${f} is missing from the .vsix`);
    // Anything else must be another runtime bundle of dist/ (e.g. a lazily required chunk).
    const extra = names.filter((n) => !expected.includes(n));
    for (const f of extra) assert.match(f, /^dist\/[A-Za-z]+\.js$|^dist\/webview\/[A-Za-z]+\.js$/, `unexpected file in the .vsix: ${f}`);
    for (const n of names) {
      assert.doesNotMatch(n, /\.(map|ts|tsx|mjs)$|^(src|test|bench|scripts|out|node_modules|\.vscode-test|\.ci|\.github)\//, `${n} must not ship`);
    }
  });

  it('ships minified bundles without source maps', () => {
    for (const bundle of entries.filter((e) => /^extension\/dist\/.*\.js$/.test(e.name))) {
      const text = zipRead(zip, bundle).toString('utf8');
      assert.doesNotMatch(text, /sourceMappingURL/, `${bundle.name} points at a source map`);
      // esbuild's unminified output names every module it inlines in a comment (`// src/core/…`).
      assert.doesNotMatch(text, /^\s*\/\/ (src|node_modules|media)\//m, `${bundle.name} is not minified`);
    }
  });

  it('keeps the webview script under 300 KB (highlight.js core, the other languages on demand)', () => {
    const main = entries.find((e) => e.name === 'extension/dist/webview/main.js')!;
    assert.ok(main.size < 300_000, `main.js is ${main.size} bytes`);
    const script = zipRead(zip, main).toString('utf8');
    assert.ok(script.includes('languages.js'), 'main.js loads languages.js');
    assert.ok(!script.includes('selector-pseudo'), 'the CSS grammar is in languages.js, not main.js');
    assert.ok(read('extension/dist/webview/languages.js').includes('selector-pseudo'));
  });

  it('stays under 12 MB with the grammars', async () => {
    const unpacked = entries.reduce((n, e) => n + e.size, 0);
    assert.ok(entries.some((e) => e.name.endsWith('tree-sitter-bash.wasm')));
    assert.ok((await fs.stat(vsix)).size < 12 * 1024 * 1024);
    assert.ok(unpacked < 12 * 1024 * 1024, `unpacked ${unpacked} bytes`);
  });

  it("rewrites the README's images to the repository in TANDEM_REPO_URL", () => {
    const readme = read('extension/readme.md');
    assert.match(readme, /!\[[^\]]*\]\(https:\/\/git\.example\.org\/team\/tandem\/raw\/HEAD\/media\/readme\/ghost-text\.png\)/);
    assert.doesNotMatch(readme, /!\[[^\]]*\]\((?!https:)/, 'a relative image link is left');
    assert.equal(JSON.parse(read('extension/package.json')).main, './dist/extension.js');
  });

  it('refuses a repository address that is not https, and writes nothing', async () => {
    const bad = path.join(dir, 'bad.vsix');
    const r = await runPackage({ TANDEM_VSIX_OUT: bad, TANDEM_REPO_URL: 'javascript:alert(1)' });
    assert.equal(r.code, 2);
    assert.match(r.out, /TANDEM_REPO_URL must be an https:\/\/ address/);
    await assert.rejects(fs.stat(bad));
  });
});
