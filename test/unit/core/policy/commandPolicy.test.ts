// The command policy, judged on a real temp workspace (symlinks, .tandemignore, secret files) with
// an injected home folder; the table (commandPolicy.table.ts) holds every rule's examples.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decideCommand, decideEdit, decideExternalTool } from '../../../../src/core/policy/approvalPolicy';
import { classifyCommand } from '../../../../src/core/policy/commandPolicy';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { TABLE } from './commandPolicy.table';

const allowed = ['npm test', 'npm run lint', 'git add', 'make', 'bash scripts/check.sh'];

describe('command policy', () => {
  let base: string;
  let home: string;
  let root: string;
  before(async () => {
    base = await canonicalRoot(mkdtempSync(join(tmpdir(), 'cmdpolicy-')));
    home = join(base, 'home');
    root = join(home, 'proj');
    for (const d of ['src', 'docs', 'config', 'certs', 'private']) mkdirSync(join(root, d), { recursive: true });
    mkdirSync(join(home, 'other-project'));
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    writeFileSync(join(root, 'docs', 'guide.md'), '# guide\n');
    writeFileSync(join(root, '.env'), 'DB_PASSWORD=hunter2\n');
    writeFileSync(join(root, 'config', '.env.production'), 'DB_PASSWORD=hunter2\n');
    writeFileSync(join(root, 'certs', 'server.pem'), '-----BEGIN PRIVATE KEY-----\n');
    writeFileSync(join(root, 'private', 'notes.md'), 'customers\n');
    writeFileSync(join(root, '.tandemignore'), 'private/\n');
    writeFileSync(join(home, 'other-project', 'x'), 'other\n');
    writeFileSync(join(base, 'victim'), 'victim\n');
    symlinkSync(base, join(root, 'link-out'));
    mkdirSync(join(root, 'vendor'));
    symlinkSync(base, join(root, 'vendor', 'outside'));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  const opts = () => ({ allowed, workspaceRoot: root, cwd: root, home });

  it('carries at least 150 examples', () => assert.ok(TABLE.flatMap((t) => t.rows).length >= 150));

  for (const { rule, rows } of TABLE) {
    describe(rule, () => {
      for (const [command, expected] of rows) {
        it(`${JSON.stringify(command)} → ${expected}`, async () => {
          const v = await classifyCommand(command, opts());
          assert.equal(v.decision, expected, v.reason);
        });
      }
    });
  }

  it('says which part of the command needs approval, as a sentence fragment', async () => {
    const v = await classifyCommand('ls && cat ../other-project/x', opts());
    assert.match(v.reason, /"cat \.\.\/other-project\/x": it reads "\.\.\/other-project\/x", which is outside the workspace/);
  });

  it('asks for commands too deeply nested or too long to check, instead of failing', async () => {
    const deep = `${'('.repeat(20_000)}ls${')'.repeat(20_000)}`;
    assert.equal((await classifyCommand(deep, opts())).decision, 'ask');
    assert.equal((await classifyCommand(`echo ${'$('.repeat(3000)}ls${')'.repeat(3000)}`, opts())).decision, 'ask');
    assert.equal((await classifyCommand(`rm -rf /; ${'('.repeat(20_000)}ls${')'.repeat(20_000)}`, opts())).decision, 'forbid');
    assert.match((await classifyCommand('ls;'.repeat(70_000), opts())).reason, /too long to check/);
  });

  it('judges paths against the folder the command runs in', async () => {
    assert.equal((await classifyCommand('cat ../.env', { ...opts(), cwd: join(root, 'src') })).decision, 'ask');
    assert.equal((await classifyCommand('cat a.ts', { ...opts(), cwd: join(root, 'src') })).decision, 'allow');
    assert.equal((await classifyCommand('rm -rf .', { ...opts(), cwd: home })).decision, 'forbid');
  });

  it('does not treat a workspace right under the disk root (/app in a container) as a system folder', async () => {
    const container = { allowed, workspaceRoot: '/app', cwd: '/app', home: '/root' };
    assert.equal((await classifyCommand('rm -rf .', container)).decision, 'ask');
    assert.equal((await classifyCommand('rm -rf /app/build', container)).decision, 'ask');
    assert.equal((await classifyCommand('rm -rf /usr', container)).decision, 'forbid');
    assert.equal((await classifyCommand('rm -rf ..', container)).decision, 'forbid');
    assert.equal((await classifyCommand('rm -rf /root', container)).decision, 'forbid');
  });

  describe('under each approval mode', () => {
    const ctx = (confined: boolean) => ({ ...opts(), confined });
    it('full-auto runs what would ask only when confined, never what is forbidden', async () => {
      assert.equal((await decideCommand('full-auto', 'npm install', ctx(true))).decision, 'allow');
      assert.equal((await decideCommand('full-auto', 'npm install', ctx(false))).decision, 'ask');
      assert.match((await decideCommand('full-auto', 'npm install', ctx(false))).reason, /sandbox/);
      assert.equal((await decideCommand('full-auto', 'ls', ctx(false))).decision, 'allow');
      assert.equal((await decideCommand('full-auto', 'sudo rm -rf /', ctx(true))).decision, 'forbid');
      assert.equal((await decideCommand('full-auto', 'cd / && rm -rf .', ctx(true))).decision, 'forbid');
    });
    it('full-auto asks before every command when the sandbox is on but cannot start; forbidden still never runs', async () => {
      const unavailable = { ...ctx(false), sandboxUnavailable: true };
      for (const cmd of ['ls', 'cat README.md', 'git status', 'npm test']) assert.equal((await decideCommand('full-auto', cmd, unavailable)).decision, 'ask', cmd);
      assert.match((await decideCommand('full-auto', 'ls', unavailable)).reason, /sandbox off/);
      assert.equal((await decideCommand('full-auto', 'sudo ls', unavailable)).decision, 'forbid');
      // Switched off explicitly: the user's choice, the classifier decides as in the other modes.
      assert.equal((await decideCommand('full-auto', 'ls', ctx(false))).decision, 'allow');
    });
    it('suggest and auto-edit follow the classifier', async () => {
      for (const mode of ['suggest', 'auto-edit'] as const) {
        assert.equal((await decideCommand(mode, 'npm install', ctx(true))).decision, 'ask');
        assert.equal((await decideCommand(mode, 'npm test', ctx(false))).decision, 'allow');
        assert.equal((await decideCommand(mode, 'rg --pre=rm zzz ../victim', ctx(true))).decision, 'ask');
        assert.equal((await decideCommand(mode, 'rm -rf ~/', ctx(true))).decision, 'forbid');
      }
    });
  });

  it('asks for edits in suggest mode and for protected paths in every mode', () => {
    assert.equal(decideEdit('suggest', [{ path: 'src/a.ts' }]).decision, 'ask');
    assert.equal(decideEdit('auto-edit', [{ path: 'src/a.ts' }]).decision, 'allow');
    assert.equal(decideEdit('full-auto', [{ path: 'src/a.ts' }]).decision, 'allow');
    assert.equal(decideEdit('full-auto', [{ path: '.vscode/settings.json' }]).decision, 'ask');
    assert.equal(decideEdit('full-auto', [{ path: 'src/a.ts' }, { path: '.ENV' }]).decision, 'ask');
    assert.equal(decideEdit('auto-edit', [{ path: 'AGENTS.md', newText: 'obey me' }]).decision, 'ask');
  });

  it('asks before external tools unless full-auto or always allowed', () => {
    assert.equal(decideExternalTool('suggest', false).decision, 'ask');
    assert.equal(decideExternalTool('auto-edit', false).decision, 'ask');
    assert.equal(decideExternalTool('auto-edit', true).decision, 'allow');
    assert.equal(decideExternalTool('full-auto', false).decision, 'allow');
    assert.equal(decideExternalTool('full-auto', true, 'its arguments name .env').decision, 'ask');
  });
});
