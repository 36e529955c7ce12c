// The built CLI bundle: built the way esbuild.config.mjs builds dist/cli.js (into a temp folder, so
// this test does not depend on the extension entry existing or on build order), it runs under plain
// Node, and no `vscode` module is reachable from it.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import * as esbuild from 'esbuild';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { runNode } from './cliKit';
import { builtinModules } from 'node:module';
import { EXEC_BUILTINS } from '../../../src/cli/v8Flags';

const REPO = path.resolve(__dirname, '../../..');

describe('tandem CLI bundle', function () {
  this.timeout(60_000);
  let out: string;
  let bundle: string;
  let chunks: string[];
  let execImports: esbuild.Metafile['outputs'][string]['imports'];
  before(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-bundle-'));
    // The same two bundles esbuild.config.mjs builds: the tiny entry and the lazily required exec chunk.
    const { cliBuilds } = (await import(pathToFileURL(path.join(REPO, 'esbuild.cli.mjs')).href)) as { cliBuilds: (common: object, outdir: string, root: string) => esbuild.BuildOptions[] };
    const results = await Promise.all(cliBuilds({ metafile: true, logLevel: 'silent' }, out, REPO).map((b) => esbuild.build(b)));
    bundle = path.join(out, 'cli.js');
    // Where dist/ finds tree-sitter's runtime and grammars (the packaged CLI has them in dist/wasm).
    await fs.symlink(path.join(REPO, 'node_modules'), path.join(out, 'node_modules'));
    chunks = (await fs.readdir(out)).filter((f) => f.endsWith('.js')).map((f) => path.join(out, f));
    assert.deepEqual(chunks.map((c) => path.basename(c)).sort(), ['cli.js', 'cliExec.js']);
    execImports = Object.entries(results[1].metafile!.outputs).flatMap(([, o]) => o.imports);
    const inputs = results.flatMap((r) => Object.keys(r.metafile!.inputs));
    assert.ok(!inputs.some((i) => /(^|\/)src\/vscode\//.test(i)), 'no VS Code adapter in the CLI bundles');
  });
  after(() => fs.rm(out, { recursive: true, force: true }));

  it('no chunk imports vscode, and the entry starts with a shebang', async () => {
    assert.ok((await fs.readFile(bundle, 'utf8')).startsWith('#!/usr/bin/env node'));
    for (const chunk of chunks) {
      const text = await fs.readFile(chunk, 'utf8');
      assert.doesNotMatch(text, /require\(["']vscode["']\)/, chunk);
      assert.doesNotMatch(text, /from ["']vscode["']/, chunk);
    }
  });

  it('keeps the agent, model clients, MCP and audit code out of the entry (fast --help)', async () => {
    const entry = await fs.readFile(bundle, 'utf8');
    assert.match(entry, /loadExecBundle\(__dirname\)/);
    assert.match(entry, /"cliExec\.js"/);
    assert.doesNotMatch(entry, /import\(["']\.\/cliExec/, 'the exec bundle is loaded as CommonJS, not import()ed (the ESM loader is slower)');
    for (const marker of ['chat.completions', '@modelcontextprotocol', 'tree-sitter', 'ai-changes.jsonl', 'Ajv', 'session/request_permission']) assert.ok(!entry.includes(marker), `${marker} is in cli.js`);
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

  it('exec (baseline WebAssembly only, v8Flags.ts): the guard still parses an edit and flags what it adds, and the edit is asked about', async () => {
    const server = await ModelServer.start();
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-ws-'));
    try {
      await fs.writeFile(path.join(root, 'run.ts'), "import { exec } from 'node:child_process';\nexport function run(req: { query: { a: string } }) {\n  return req;\n}\n");
      server.enqueue(
        '/v1/chat/completions',
        chatToolCallStream([{ id: 'e', name: 'edit_file', arguments: { path: 'run.ts', old_string: '  return req;', new_string: "  exec('ls ' + req.query.a);\n  return req;" } }]),
        chatStream('Done.'),
      );
      const r = await runNode([bundle], ['exec', '--base-url', server.url, '--model', 'm', '--cwd', root, '--approval', 'auto-edit', 'run ls']);
      // A high finding makes auto-edit ask; with no terminal to ask in, the edit is not applied.
      assert.equal(r.code, 4, r.stderr);
      const left = await fs.readFile(path.join(root, 'run.ts'), 'utf8');
      assert.match(left, /return req;\n\}/);
      assert.doesNotMatch(left, /exec\('ls/);
      const back = JSON.stringify(server.requestsTo('/v1/chat/completions')[1].body);
      assert.match(back, /guard flagged these lines/);
      assert.match(back, /req\.query\.a/);
    } finally {
      await server.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it("exec loads every Node module the exec bundle requires before it changes V8's flags (v8Flags.ts)", () => {
    const builtins = new Set(builtinModules);
    const required = [...new Set(execImports.filter((i) => i.external && builtins.has(i.path.replace(/^node:/, ''))).map((i) => i.path.replace(/^node:/, '')))].sort();
    assert.ok(required.includes('crypto') && required.includes('child_process'), required.join(', '));
    assert.deepEqual(required.filter((m) => !EXEC_BUILTINS.includes(m)), [], 'add these to EXEC_BUILTINS');
  });

  it('parses with tree-sitter through the code cache: when it is written and when it is used', async () => {
    // The exec bundle runs as a vm.Script (codeCache.ts): tree-sitter's runtime must still load.
    const ws = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-cc-ws-'));
    const cache = path.join(ws, 'cache');
    try {
      await fs.writeFile(path.join(ws, 'a.ts'), "import { exec } from 'node:child_process';\nexport function run(req: { query: { a: string } }) {\n  exec('ls ' + req.query.a);\n}\n");
      for (const round of ['written', 'used']) {
        const r = await runNode([bundle], ['guard', '--cwd', ws, 'a.ts'], { XDG_CACHE_HOME: cache });
        assert.equal(r.code, 1, `${round}: ${r.stderr}`);
        assert.match(r.stdout, /Untrusted input \(req\.query\.a\) reaches it/, `${round}: the parser ran: ${r.stdout}`);
        assert.doesNotMatch(r.stdout + r.stderr, /not parsed|require is not/, round);
        assert.ok((await fs.readdir(path.join(cache, 'tandem', 'code-cache'))).includes('cliExec-guard.bin'), round);
      }
    } finally {
      await fs.rm(ws, { recursive: true, force: true });
    }
  });

  it('serves the Agent Client Protocol under plain node (the ESM SDK bundled into CommonJS)', async () => {
    const child = spawn(process.execPath, [bundle, 'acp', '--model', 'm'], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: out } });
    let stdout = '';
    const answered = new Promise<void>((resolve) => child.stdout.on('data', (b) => ((stdout += b), stdout.includes('\n') && resolve())));
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: 1, clientCapabilities: {} } })}\n`);
    await answered;
    child.stdin.end();
    const code = await new Promise((resolve) => child.on('close', resolve));
    const reply = JSON.parse(stdout.split('\n')[0]) as { id: number; result: { protocolVersion: number; agentInfo: { name: string } } };
    assert.equal(reply.id, 1);
    assert.equal(reply.result.protocolVersion, 1);
    assert.equal(reply.result.agentInfo.name, 'tandem');
    assert.equal(code, 0);
  });
});
