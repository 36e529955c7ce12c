// One folder per apply_patch scenario: input/ is copied to a temp workspace, patch.txt applied
// through the real tool in full-auto, and the tree must equal expected/ byte for byte. A scenario
// with error.txt must fail with that text in the message and leave the tree untouched.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { canonicalRoot } from '../../../../src/core/policy/workspaceJail';
import { builtinTools, invokeTool } from '../../../../src/core/tools/registry';

const scenarios = join(__dirname, 'scenarios');

function tree(dir: string, base = dir, out = new Map<string, string>()): Map<string, string> {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tree(p, base, out);
    else out.set(p.slice(base.length + 1), readFileSync(p).toString('hex'));
  }
  return out;
}

describe('apply_patch scenarios', () => {
  for (const name of readdirSync(scenarios).sort()) {
    it(name, async () => {
      const dir = join(scenarios, name);
      const base = await canonicalRoot(mkdtempSync(join(tmpdir(), 'patch-')));
      const root = join(base, 'ws');
      mkdirSync(root);
      try {
        cpSync(join(dir, 'input'), root, { recursive: true });
        const ctx = { workspaceRoot: root, approver: { request: async () => ({ approved: true as const }) }, applier: new FileApplier(root), approvalMode: 'full-auto' as const, allowedCommands: [], toolCallId: 't' };
        const patch = readFileSync(join(dir, 'patch.txt'), 'utf8');
        const result = await invokeTool(builtinTools(), 'apply_patch', JSON.stringify({ patch }), ctx, new AbortController().signal);
        const errorFile = join(dir, 'error.txt');
        if (existsSync(errorFile)) {
          assert.equal(result.isError, true, `expected a failure, got: ${result.output}`);
          assert.match(result.output, new RegExp(readFileSync(errorFile, 'utf8').trim()));
        } else {
          assert.equal(result.isError ?? false, false, result.output);
        }
        assert.deepEqual(tree(root), tree(join(dir, 'expected')));
        assert.deepEqual(readdirSync(base), ['ws'], 'nothing was written outside the workspace');
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    });
  }
});
