// Guard and audit commands in the real extension: Review File puts findings in the Problems panel;
// Verify and Export read the workspace's AI change log, signed with the same per-user key file as
// `tandem exec` (the runner points XDG_CONFIG_HOME at a temp dir), and Verify reports tampering.
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { userAnchor } from '../../../src/core/audit/heads';
import { AuditLedger, type Verification } from '../../../src/core/audit/ledger';
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

  it('Review File for Security follows a shell helper the file imports from the workspace', async () => {
    await tandem();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const helper = path.join(root, 'src', 'runHelper.js');
    writeFileSync(helper, "const { execSync } = require('child_process');\nexports.run = function run(cmd) {\n  return execSync(cmd);\n};\n");
    const editor = await openFile('src/math.js');
    const original = editor.document.getText();
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), "const { run } = require('./runHelper');\nexports.clean = (dir) => run('rm -rf ' + dir);\n"));
    try {
      assert.equal(await vscode.commands.executeCommand<number>('tandem.reviewFile'), 1);
      const [d] = vscode.languages.getDiagnostics(editor.document.uri).filter((x) => x.source === 'Tandem Guard');
      assert.equal(d.range.start.line, 1);
      assert.match(String(d.code), /command-injection \(CWE-78\)/);
      assert.match(d.message, /run\(\) \(src\/runHelper\.js, line 3\)/);
    } finally {
      rmSync(helper, { force: true });
      const doc = editor.document;
      await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original));
      await doc.save();
    }
  });

  it('Verify and Export read the workspace AI change log', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    // Written as `tandem exec` writes: the CLI's anchor (key file and head records under XDG_CONFIG_HOME).
    const ledger = new AuditLedger(path.join(root, '.tandem', 'ai-changes.jsonl'), userAnchor(process.env));
    await ledger.append({ task: 'audit test', model: 'm', file: 'x.ts', kind: 'create', diff: '+x\n', approvedBy: 'user', findings: [] });
    const v = await vscode.commands.executeCommand<Verification>('tandem.verifyChangeLog');
    assert.equal(v.ok, true, JSON.stringify(v));
    const out = vscode.Uri.file(path.join(root, '.tandem', 'export.csv'));
    await vscode.commands.executeCommand('tandem.exportChangeLog', out);
    assert.match(readFileSync(out.fsPath, 'utf8'), /^seq,time,task/);
    assert.match(readFileSync(out.fsPath, 'utf8'), /audit test/);
  });

  it('Verify reports removed, emptied and deleted logs, and still knows the key once the key file is gone', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const anchor = userAnchor(process.env);
    const ledger = new AuditLedger(path.join(root, '.tandem', 'ai-changes.jsonl'), anchor);
    for (const n of [1, 2]) await ledger.append({ task: `tamper ${n}`, model: 'm', file: `t${n}.ts`, kind: 'create', diff: `+${n}\n`, approvedBy: 'policy', findings: [] });
    const original = readFileSync(ledger.file, 'utf8');
    const lines = original.trimEnd().split('\n');
    const verify = () => vscode.commands.executeCommand<Verification>('tandem.verifyChangeLog');
    try {
      const cases: Array<[string, () => void, number, RegExp]> = [
        ['last entry removed', () => writeFileSync(ledger.file, lines.slice(0, -1).join('\n') + '\n'), lines.length, new RegExp(`entry ${lines.length} was removed`)],
        ['emptied', () => writeFileSync(ledger.file, ''), 1, /it was emptied/],
        ['deleted', () => rmSync(ledger.file), 1, /it was deleted/],
        ['edited', () => writeFileSync(ledger.file, original.replace('"file":"t1.ts"', '"file":"t9.ts"')), lines.length - 1, /was edited/],
      ];
      for (const [name, tamper, line, reason] of cases) {
        tamper();
        const v = await verify();
        assert.equal(v.ok, false, `${name}: verified as intact`);
        assert.equal(!v.ok && v.line, line, name);
        assert.match(!v.ok ? v.reason : '', reason, name);
        writeFileSync(ledger.file, original);
      }
      // Removed entries stop new records until the user accepts the log as it is.
      writeFileSync(ledger.file, lines.slice(0, -1).join('\n') + '\n');
      await assert.rejects(ledger.append({ file: 'x.ts', kind: 'update', diff: '+x\n', approvedBy: 'user', findings: [] }), /no longer matches its head record/);
      assert.equal(await vscode.commands.executeCommand<number>('tandem.anchorChangeLog', true), lines.length - 1);
      assert.equal((await verify()).ok, true);
      writeFileSync(ledger.file, original);
      assert.equal(await vscode.commands.executeCommand<number>('tandem.anchorChangeLog', true), lines.length);
      // The editor copied the key into SecretStorage when it verified: losing the file loses nothing,
      // and the next time the editor signs it puts the same key back for the CLI.
      const keyFile = anchor.keys.file;
      const key = readFileSync(keyFile);
      rmSync(keyFile);
      try {
        const v = await verify();
        assert.equal(v.ok, true, JSON.stringify(v));
        assert.equal(await vscode.commands.executeCommand<number>('tandem.anchorChangeLog', true), lines.length);
        assert.deepEqual(readFileSync(keyFile), key);
      } finally {
        writeFileSync(keyFile, key, { mode: 0o600 });
      }
    } finally {
      writeFileSync(ledger.file, original);
    }
  });
});
