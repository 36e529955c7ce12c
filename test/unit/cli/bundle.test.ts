// The built CLI bundle: built the way esbuild.config.mjs builds dist/cli.js (into a temp folder, so
// this test does not depend on the extension entry existing or on build order), it runs under plain
// Node, and no `vscode` module is reachable from it.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream } from '../../fixtures/replies';
import { runNode } from './exec.test';

const REPO = path.resolve(__dirname, '../../..');

describe('tandem CLI bundle', function () {
  this.timeout(60_000);
  let out: string;
  let bundle: string;
  before(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-bundle-'));
    const result = await esbuild.build({
      entryPoints: { cli: path.join(REPO, 'src/cli/main.ts') },
      outdir: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      metafile: true,
      logLevel: 'silent',
    });
    bundle = path.join(out, 'cli.js');
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(!inputs.some((i) => /(^|\/)src\/vscode\//.test(i)), 'no VS Code adapter in the CLI bundle');
  });
  after(() => fs.rm(out, { recursive: true, force: true }));

  it('contains no vscode import and starts with a shebang', async () => {
    const text = await fs.readFile(bundle, 'utf8');
    assert.ok(text.startsWith('#!/usr/bin/env node'));
    assert.doesNotMatch(text, /require\(["']vscode["']\)/);
    assert.doesNotMatch(text, /from ["']vscode["']/);
  });

  it('prints help and runs a task under plain node', async () => {
    const help = await runNode([bundle], ['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: tandem exec/);
    const server = await ModelServer.start();
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-ws-'));
    try {
      server.enqueue('/v1/chat/completions', chatStream('bundled answer'));
      const r = await runNode([bundle], ['exec', '--base-url', server.url, '--model', 'm', '--cwd', root, 'hi']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'bundled answer\n');
    } finally {
      await server.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
