// Guard and audit commands in the real extension: Review File puts findings in the Problems panel;
// Verify and Export read the workspace's AI change log.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AuditLedger } from '../../../src/core/audit/ledger';
import { openFile, tandem } from './helpers';

describe('guard and audit commands', () => {
  it('Review File for Security reports findings as diagnostics', async () => {
    await tandem();
    const editor = await openFile('src/math.js');
    const original = editor.document.getText();
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'const token = Math.random().toString(36);\n'));
    try {
      const count = await vscode.commands.executeCommand<number>('tandem.reviewFile');
      assert.equal(count, 1);
      const diags = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Tandem Guard');
      assert.equal(diags.length, 1);
      assert.equal(diags[0].range.start.line, 0);
      assert.match(String(diags[0].code), /insecure-randomness \(CWE-338\)/);
    } finally {
      const doc = editor.document;
      await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original));
      await doc.save();
    }
  });

  it('Verify and Export read the workspace AI change log', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const ledger = new AuditLedger(path.join(root, '.tandem', 'ai-changes.jsonl'));
    await ledger.append({ task: 'audit test', model: 'm', file: 'x.ts', kind: 'create', diff: '+x\n', approvedBy: 'user', findings: [] });
    const v = await vscode.commands.executeCommand<{ ok: boolean }>('tandem.verifyChangeLog');
    assert.equal(v.ok, true);
    const out = vscode.Uri.file(path.join(root, '.tandem', 'export.csv'));
    await vscode.commands.executeCommand('tandem.exportChangeLog', out);
    assert.match(readFileSync(out.fsPath, 'utf8'), /^seq,time,task/);
    assert.match(readFileSync(out.fsPath, 'utf8'), /audit test/);
  });
});
