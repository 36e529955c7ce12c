// File tools and core readers against files that are not regular files: a FIFO (opening it blocks
// until a writer comes), a UNIX socket, and /dev/zero behind a symlink inside the workspace (never
// ends). Every one is refused or skipped with a clear message, and nothing hangs.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTestCommand } from '../../../../src/core/agent/testCommand';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { builtinTools, invokeTool } from '../../../../src/core/tools/registry';
import { createSearchTool } from '../../../../src/core/tools/search';
import type { ToolContext } from '../../../../src/core/tools/types';
import { readIfExists, readRegularFile } from '../../../../src/core/util/files';

describe('special files are never opened', () => {
  let root: string;
  let socket: net.Server;
  let ctx: ToolContext;
  const tools = builtinTools();
  const call = (name: string, args: unknown) => invokeTool(tools, name, JSON.stringify(args), ctx, new AbortController().signal);

  before(async () => {
    root = await canonicalRoot(mkdtempSync(join(tmpdir(), 'special-')));
    assert.equal(spawnSync('mkfifo', [join(root, 'pipe.txt')]).status, 0, 'mkfifo works');
    socket = net.createServer();
    await new Promise<void>((r) => socket.listen(join(root, 'sock.txt'), () => r()));
    symlinkSync('/dev/zero', join(root, 'zero.txt'));
    writeFileSync(join(root, 'plain.txt'), 'needle here\n');
    ctx = { workspaceRoot: root, approver: { request: async () => ({ approved: true }) }, applier: new FileApplier(root), approvalMode: 'full-auto', allowedCommands: [], toolCallId: 't' };
  });
  after(async () => {
    await new Promise<void>((r) => socket.close(() => r()));
    rmSync(root, { recursive: true, force: true });
  });

  const special: Array<[string, string, RegExp]> = [
    ['a FIFO', 'pipe.txt', /named pipe \(FIFO\)/],
    ['a UNIX socket', 'sock.txt', /a socket/],
  ];
  for (const [what, file, message] of special) {
    it(`read_file refuses ${what}`, async () => {
      const r = await call('read_file', { path: file });
      assert.equal(r.isError, true);
      assert.match(r.output, message);
    });
    it(`edit_file refuses ${what}`, async () => {
      const r = await call('edit_file', { path: file, old_string: 'a', new_string: 'b' });
      assert.equal(r.isError, true);
      assert.match(r.output, message);
    });
    it(`apply_patch refuses ${what}`, async () => {
      const r = await call('apply_patch', { patch: `*** Begin Patch\n*** Update File: ${file}\n@@\n-a\n+b\n*** End Patch` });
      assert.equal(r.isError, true);
      assert.match(r.output, message);
    });
    it(`write_file does not open ${what}`, async () => {
      const r = await call('write_file', { path: file, content: 'x' });
      assert.equal(r.isError, true);
      assert.match(r.output, message);
    });
    it(`search refuses ${what} named as its path`, async () => {
      const r = await call('search', { query: 'x', path: file });
      assert.equal(r.isError, true);
      assert.match(r.output, message);
    });
    it(`readIfExists refuses ${what}`, async () => {
      await assert.rejects(readIfExists(join(root, file)), message);
    });
  }

  it('read_file refuses /dev/zero behind a symlink in the workspace', async () => {
    const r = await call('read_file', { path: 'zero.txt' });
    assert.equal(r.isError, true);
    assert.match(r.output, /outside the workspace|a device/);
  });

  it('reading /dev/zero directly is refused as a device', async () => {
    await assert.rejects(readRegularFile('/dev/zero', { maxBytes: 10 }), /a device, not a regular file/);
  });

  for (const engine of ['ripgrep', 'walk'] as const) {
    it(`search (${engine}) walks past the FIFO, the socket and the /dev/zero link`, async () => {
      const tool = engine === 'walk' ? createSearchTool({ ripgrep: () => null }) : createSearchTool();
      const r = await tool.invoke({ query: 'needle' }, ctx, new AbortController().signal);
      assert.match(r.output, /plain\.txt:1: needle here/);
    });
  }

  it('a FIFO named package.json does not hang test command detection', async () => {
    const ws = await canonicalRoot(mkdtempSync(join(tmpdir(), 'special-pkg-')));
    try {
      spawnSync('mkfifo', [join(ws, 'package.json')]);
      writeFileSync(join(ws, 'Cargo.toml'), '[package]\n');
      assert.equal(await resolveTestCommand(ws), 'cargo test');
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
