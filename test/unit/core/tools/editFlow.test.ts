// What the edit flow does with a partial approval (only the approved hunks reach the disk, the model
// is told which were left out and why), with a rollback that fails (said, never swallowed), and with an
// AI change log that cannot take the change (fails closed: nothing is written).
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { proposeAndApply } from '../../../../src/core/tools/editFlow';
import type { ApprovalRequest } from '../../../../src/core/changes/approval';
import type { ChangeApplier } from '../../../../src/core/changes/ports';
import type { ProposedChange } from '../../../../src/core/changes/change';
import type { ToolContext } from '../../../../src/core/tools/types';
import { tempWorkspace } from '../agent/testTools';
import { userAnchor } from '../../../../src/core/audit/heads';
import { ledgerRecorder } from '../../../../src/core/audit/recorder';

const OLD = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n';
const NEW = 'ONE\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nTEN\n';

describe('edit flow', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempWorkspace({ 'f.txt': OLD, 'g.txt': 'g\n' });
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));
  const ctx = (over: Partial<ToolContext>): ToolContext => ({ workspaceRoot: root, approver: { request: async () => ({ approved: true }) }, applier: new FileApplier(root), approvalMode: 'suggest', allowedCommands: [], toolCallId: 't', ...over });

  it('writes only the approved hunks and tells the model which were rejected, with the reason', async () => {
    let seen: ApprovalRequest | undefined;
    const change = makeChange({ path: 'f.txt', kind: 'update', oldText: OLD, newText: NEW });
    const r = await proposeAndApply([change], ctx({ approver: { request: async (req) => ((seen = req), { approved: true, rejectedHunks: { [change.id]: [{ index: 1, reason: 'keep ten lower case' }] } }) } }), new AbortController().signal);
    assert.equal(seen?.type, 'edit');
    assert.equal(r.isError, undefined, r.output);
    assert.equal(await fs.readFile(path.join(root, 'f.txt'), 'utf8'), OLD.replace('one', 'ONE'));
    assert.match(r.output, /Rejected hunk 2 of 2 in f\.txt \(reason: keep ten lower case\):\n@@ [^\n]+\n( [^\n]*\n)*-ten\n\+TEN/);
    assert.match(r.output, /holds the approved hunks only/);
  });

  it('says which files are left half-changed when undoing a failed multi-file change fails too', async () => {
    const real = new FileApplier(root);
    let calls = 0;
    const flaky: ChangeApplier = {
      apply: async (c: ProposedChange, signal: AbortSignal) => {
        calls++;
        if (calls === 1) return real.apply(c, signal);
        throw new Error(calls === 2 ? 'disk full' : 'read-only file system');
      },
    };
    const changes = [makeChange({ path: 'f.txt', kind: 'update', oldText: OLD, newText: NEW }), makeChange({ path: 'g.txt', kind: 'update', oldText: 'g\n', newText: 'G\n' })];
    const r = await proposeAndApply(changes, ctx({ applier: flaky, approvalMode: 'auto-edit' }), new AbortController().signal);
    assert.equal(r.isError, true);
    assert.match(r.output, /failed \(disk full\).*left half-changed: f\.txt \(read-only file system\).*restore the last checkpoint/);
    assert.deepEqual(r.meta?.rollbackFailed, ['f.txt (read-only file system)']);
  });

  it('rolls back quietly and reports the real error when the undo works', async () => {
    const real = new FileApplier(root);
    let calls = 0;
    const failSecond: ChangeApplier = { apply: async (c, signal) => (++calls === 2 ? Promise.reject(new Error('disk full')) : real.apply(c, signal)) };
    const changes = [makeChange({ path: 'f.txt', kind: 'update', oldText: OLD, newText: NEW }), makeChange({ path: 'g.txt', kind: 'update', oldText: 'g\n', newText: 'G\n' })];
    await assert.rejects(proposeAndApply(changes, ctx({ applier: failSecond, approvalMode: 'auto-edit' }), new AbortController().signal), /disk full/);
    assert.equal(await fs.readFile(path.join(root, 'f.txt'), 'utf8'), OLD);
  });

  it('asks before auto-applying a call that builds a shell command for a helper imported from the workspace', async () => {
    await fs.writeFile(path.join(root, 'run.ts'), "import { execSync } from 'child_process';\nexport function run(cmd: string) {\n  return execSync(cmd);\n}\n");
    const oldText = "import { run } from './run';\nexport const build = () => run('make');\n";
    await fs.writeFile(path.join(root, 'main.ts'), oldText);
    const newText = `${oldText}export const clean = (dir: string) => run(\`rm -rf \${dir}\`);\n`;
    let seen: ApprovalRequest | undefined;
    const r = await proposeAndApply([makeChange({ path: 'main.ts', kind: 'update', oldText, newText })], ctx({ approvalMode: 'auto-edit', approver: { request: async (req) => ((seen = req), { approved: false }) } }), new AbortController().signal);
    assert.equal(seen?.type, 'edit', 'a high finding turns auto-edit into a question');
    assert.deepEqual(seen?.type === 'edit' ? seen.findings?.map((f) => [f.ruleId, f.line]) : undefined, [['command-injection', 3]]);
    assert.match(r.output, /main\.ts:3 \[high\] command-injection \(CWE-78\): .*run\(\) \(run\.ts, line 3\)/);
  });

  describe('with an AI change log that cannot record the change (fails closed)', () => {
    const log = () => path.join(root, '.tandem', 'ai-changes.jsonl');
    const recorder = () => ledgerRecorder(log(), { taskId: () => undefined, task: () => 't', model: 'm', baseUrl: 'http://127.0.0.1:1', anchor: userAnchor({ XDG_CONFIG_HOME: path.join(root, '.config-outside') }), workspaceRoot: root });
    const change = () => makeChange({ path: 'f.txt', kind: 'update', oldText: OLD, newText: NEW });

    it('writes nothing when the log was replaced by garbage, and says why', async () => {
      const rec = recorder();
      await proposeAndApply([makeChange({ path: 'g.txt', kind: 'update', oldText: 'g\n', newText: 'G\n' })], ctx({ approvalMode: 'full-auto', recorder: rec }), new AbortController().signal);
      for (const garbage of ['garbage\n', '{}\n', '']) {
        await fs.writeFile(log(), garbage);
        const r = await proposeAndApply([change()], ctx({ approvalMode: 'full-auto', recorder: rec }), new AbortController().signal);
        assert.equal(r.isError, true, JSON.stringify(garbage));
        assert.match(r.output, /The change to f\.txt was not applied because it could not be recorded in the AI change log .*(no longer matches its head record|is not valid JSON)/);
        assert.equal(r.meta?.notApplied, true);
        assert.equal(typeof r.meta?.auditFailed, 'string');
        assert.equal(await fs.readFile(path.join(root, 'f.txt'), 'utf8'), OLD, 'the file is left as it was');
      }
    });

    it('undoes the change when the log is deleted between the check and the record', async () => {
      const rec = recorder();
      await proposeAndApply([makeChange({ path: 'g.txt', kind: 'update', oldText: 'g\n', newText: 'G\n' })], ctx({ approvalMode: 'full-auto', recorder: rec }), new AbortController().signal);
      const racing = { check: async () => (await rec.check!(), await fs.rm(log())), record: rec.record };
      const r = await proposeAndApply([change(), makeChange({ path: 'g.txt', kind: 'update', oldText: 'G\n', newText: 'gg\n' })], ctx({ approvalMode: 'full-auto', recorder: racing }), new AbortController().signal);
      assert.equal(r.isError, true);
      assert.match(r.output, /f\.txt, g\.txt was not applied .*it has 0 entries, the record says 1/);
      assert.equal(await fs.readFile(path.join(root, 'f.txt'), 'utf8'), OLD);
      assert.equal(await fs.readFile(path.join(root, 'g.txt'), 'utf8'), 'G\n');
    });
  });
});
