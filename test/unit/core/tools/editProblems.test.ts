// Errors an applied edit introduces reach the model (as Cline does); errors that were already there,
// warnings, and edits that were not applied say nothing. The editor side is a fake EditDiagnostics.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { proposeAndApply } from '../../../../src/core/tools/editFlow';
import { newErrorsBetween, type EditDiagnostics, type Problem } from '../../../../src/core/tools/languageService';
import type { ChangeApplier } from '../../../../src/core/changes/ports';
import type { ToolContext } from '../../../../src/core/tools/types';
import { tempWorkspace } from '../agent/testTools';

const err = (message: string, line = 1, extra: Partial<Problem> = {}): Problem => ({ absPath: '/w/a.ts', line, column: 1, severity: 'error', message, source: 'ts', ...extra });

describe('new errors after an edit', () => {
  const cases: Array<[string, Problem[], Problem[], string[]]> = [
    ['an error that appears is new', [], [err('boom')], ['boom']],
    ['an error moved to another line by the edit is not new', [err('old', 3)], [err('old', 7)], []],
    ['a second identical error is new', [err('dup', 1)], [err('dup', 1), err('dup', 9)], ['dup']],
    ['warnings are not reported', [], [err('meh', 1, { severity: 'warning' })], []],
    ['an error that went away is not reported', [err('gone')], [], []],
    ['the same message in another file is new', [err('x')], [err('x', 1, { absPath: '/w/b.ts' })], ['x']],
  ];
  for (const [what, before, after, fresh] of cases) {
    it(what, () => assert.deepEqual(newErrorsBetween(before, after).map((p) => p.message), fresh));
  }

  let root: string;
  beforeEach(async () => {
    root = await tempWorkspace({ 'a.ts': 'export const a: number = 1;\n' });
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  /** A fake editor: problems before the write come from `before`, after it from `after`. */
  function editor(before: Problem[], after: Problem[]) {
    const log: string[] = [];
    let written = false;
    const diagnostics: EditDiagnostics = {
      watch(paths) {
        log.push(`watch ${paths.map((p) => path.relative(root, p)).join(',')} written=${written}`);
        const snapshot = before;
        return {
          newErrors: async () => (log.push(`read written=${written}`), { errors: newErrorsBetween(snapshot, after), uncheckedBefore: [] }),
          dispose: () => log.push('dispose'),
        };
      },
    };
    const real = new FileApplier(root);
    const applier: ChangeApplier = {
      apply: async (c, s) => {
        await real.apply(c, s);
        written = true;
      },
    };
    return { log, diagnostics, applier };
  }
  const ctx = (over: Partial<ToolContext>): ToolContext => ({ workspaceRoot: root, approver: { request: async () => ({ approved: true }) }, applier: new FileApplier(root), approvalMode: 'full-auto', allowedCommands: [], toolCallId: 't', ...over });
  const change = () => makeChange({ path: 'a.ts', kind: 'update', oldText: 'export const a: number = 1;\n', newText: "export const a: number = 'x';\n" });

  it('appends the errors the edit introduced to the result, watched from before the write', async () => {
    const abs = path.join(root, 'a.ts');
    const { log, diagnostics, applier } = editor([err('already there', 5, { absPath: abs })], [err('already there', 6, { absPath: abs }), err("Type 'string' is not assignable to type 'number'.", 1, { absPath: abs, column: 14, code: '2322' })]);
    const r = await proposeAndApply([change()], ctx({ editDiagnostics: diagnostics, applier }), new AbortController().signal);
    assert.equal(r.isError, undefined, r.output);
    assert.match(r.output, /The language server reports new errors after this edit; fix them:\na\.ts:1:14 error \[ts 2322\] Type 'string' is not assignable to type 'number'\.$/);
    assert.doesNotMatch(r.output, /already there/);
    assert.deepEqual(log, ['watch a.ts written=false', 'read written=true', 'dispose']);
  });

  it('says when a file was not checked before the edit, so its older errors may be listed', async () => {
    const abs = path.join(root, 'a.ts');
    const diagnostics: EditDiagnostics = { watch: () => ({ newErrors: async () => ({ errors: [err('boom', 1, { absPath: abs })], uncheckedBefore: [abs] }), dispose: () => undefined }) };
    const r = await proposeAndApply([change()], ctx({ editDiagnostics: diagnostics }), new AbortController().signal);
    assert.match(r.output, /a\.ts:1:1 error \[ts\] boom\n\(a\.ts was not checked before the edit, so errors already there are listed too\.\)$/);
  });

  it('says nothing more when the edit brings no new error', async () => {
    const { diagnostics } = editor([], []);
    const r = await proposeAndApply([change()], ctx({ editDiagnostics: diagnostics }), new AbortController().signal);
    assert.equal(r.output, 'Applied: a.ts updated (+1 -1).');
  });

  it('stops watching without reading when the edit could not be written', async () => {
    const { log, diagnostics } = editor([], [err('never read')]);
    const failing: ChangeApplier = { apply: async () => Promise.reject(new Error('disk full')) };
    await assert.rejects(proposeAndApply([change()], ctx({ editDiagnostics: diagnostics, applier: failing }), new AbortController().signal), /disk full/);
    assert.deepEqual(log, ['watch a.ts written=false', 'dispose']);
  });

  it('keeps the edit applied and says so when the errors cannot be read', async () => {
    const diagnostics: EditDiagnostics = { watch: () => ({ newErrors: async () => Promise.reject(new Error('server gone')), dispose: () => undefined }) };
    const r = await proposeAndApply([change()], ctx({ editDiagnostics: diagnostics }), new AbortController().signal);
    assert.equal(r.isError, undefined);
    assert.match(r.output, /^Applied: a\.ts updated.*\n\(The new errors of the edited files could not be read: server gone\)$/s);
  });
});
