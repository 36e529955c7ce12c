// The extension's two bundles (esbuild.extension.mjs): dist/extension.js holds what activation needs
// and stays lean; the agent, MCP SDK, ajv, guard engine and tree-sitter runtime are in
// dist/extensionAgent.js, required only on first use. Loaded for real in a fresh Node process under
// the stub `vscode` module (test/fixtures/vscodeStub.ts).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildForProbe, probe } from '../../../bench/activation';

const REPO = path.resolve(__dirname, '../../..');

describe('extension bundles', function () {
  this.timeout(120_000);
  let out: string;
  let built: Awaited<ReturnType<typeof buildForProbe>>;
  before(async () => {
    out = await fs.mkdtemp(path.join(os.tmpdir(), 'tandem-ext-bundle-'));
    built = await buildForProbe(out);
  });
  after(() => fs.rm(out, { recursive: true, force: true }));

  it('keeps the agent side out of extension.js, which stays under 1 MB', async () => {
    const entry = await fs.readFile(built.split, 'utf8');
    assert.ok(/require\(["']\.\/extensionAgent\.js["']\)/.test(entry), 'extension.js requires ./extensionAgent.js');
    // (The settings reader names the change log's default path; the ledger's own text marks the audit code.)
    for (const marker of ['mcp-session-id', 'jsonrpc', 'tree-sitter', 'Ajv', 'through a symbolic link; Tandem does not write the log', 'apply_patch']) assert.ok(!entry.includes(marker), `${marker} is in extension.js`);
    assert.ok(entry.length < 1024 * 1024, `extension.js is ${entry.length} bytes`);
    const agent = await fs.readFile(path.join(path.dirname(built.split), 'extensionAgent.js'), 'utf8');
    for (const marker of ['mcp-session-id', 'tree-sitter', 'Ajv']) assert.ok(agent.includes(marker), `${marker} is in extensionAgent.js`);
  });

  it('activates without loading the agent, with every contributed command already registered', async () => {
    const pkg = JSON.parse(await fs.readFile(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    const p = probe(built.probe, built.split, true);
    assert.deepEqual(p.loadedAtActivation, ['extension.js']);
    assert.ok(p.providerMs >= 0, 'the inline completion provider was registered');
    for (const { command } of pkg.contributes.commands) assert.ok(p.commandsAtActivation.includes(command), `${command} is not registered at activation`);
    // First use: the agent bundle loads, its real commands replace the stand-ins (no "already exists").
    assert.deepEqual(p.loadedAfterAgent, ['extension.js', 'extensionAgent.js']);
    for (const { command } of pkg.contributes.commands) assert.ok(p.commandsAfterAgent!.includes(command), `${command} is gone after the agent loaded`);
    assert.ok(p.commandsAfterAgent!.includes('tandem.approveHunk'));
  });
});
