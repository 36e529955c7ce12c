// Owns the guard and audit commands: Review File for Security (findings as diagnostics), and Show,
// Export, Verify and Accept (re-anchor) AI Change Log over the workspace's ledger, signed with the
// audit key shared with `tandem exec`.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditAnchor } from '../../core/audit/heads';
import { AuditLedger, ledgerToCsv, ledgerToMarkdown, type Verification } from '../../core/audit/ledger';
import { scanTextWithImports } from '../../core/guard/importedHelpers';
import { workspaceImportReader } from '../../core/guard/importReader';
import { scanText } from '../../core/guard/scan';
import { ChangeLogDocuments } from './changeLogDocument';

function ledgerOf(anchor: AuditAnchor): AuditLedger | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    vscode.window.showInformationMessage('Tandem: open a folder first; the AI change log lives in the workspace.');
    return undefined;
  }
  const rel = vscode.workspace.getConfiguration('tandem').get<string>('audit.path', '.tandem/ai-changes.jsonl') || '.tandem/ai-changes.jsonl';
  return new AuditLedger(path.resolve(folder.uri.fsPath, rel), anchor);
}

export function registerAuditCommands(anchor: AuditAnchor): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('Tandem Guard');
  const review = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return vscode.window.showInformationMessage('Tandem: open a file to review.');
    const doc = editor.document;
    const disabled = vscode.workspace.getConfiguration('tandem').get<string[]>('guard.disabledRules', []);
    const rel = vscode.workspace.asRelativePath(doc.uri, false);
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    // Inside a workspace, helpers the file imports from it count as sinks at their call sites.
    const findings = folder ? await scanTextWithImports(rel, doc.getText(), workspaceImportReader(folder.uri.fsPath), disabled) : await scanText(rel, doc.getText(), disabled);
    diagnostics.set(
      doc.uri,
      findings.map((f) => {
        const line = doc.lineAt(f.line - 1);
        const d = new vscode.Diagnostic(line.range, `${f.message} ${f.fix}`, f.severity === 'high' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = 'Tandem Guard';
        d.code = `${f.ruleId} (${f.cwe})`;
        // Where a tainted value was read or built, so the reader can follow the flow.
        if (f.related?.length) d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, doc.lineAt(Math.min(r.line, doc.lineCount) - 1).range), r.message));
        return d;
      }),
    );
    vscode.window.showInformationMessage(findings.length ? `Tandem: ${findings.length} security finding(s) in ${path.basename(doc.fileName)}; see the Problems panel.` : `Tandem: no security findings in ${path.basename(doc.fileName)}.`);
    return findings.length;
  };
  const logDocs = new ChangeLogDocuments(async () => {
    const ledger = ledgerOf(anchor);
    return ledger ? ledgerToMarkdown(await ledger.entries()) : 'Open a folder first: the AI change log lives in the workspace.';
  });
  const show = async () => {
    if (ledgerOf(anchor)) await logDocs.show();
  };
  const exportLog = async (target?: vscode.Uri) => {
    const ledger = ledgerOf(anchor);
    if (!ledger) return;
    const uri =
      target ??
      (await vscode.window.showSaveDialog({ title: 'Export AI Change Log', filters: { Markdown: ['md'], CSV: ['csv'] }, defaultUri: vscode.Uri.file(path.join(path.dirname(ledger.file), 'ai-changes.md')) }));
    if (!uri) return;
    const entries = await ledger.entries();
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(uri.path.endsWith('.csv') ? ledgerToCsv(entries) : ledgerToMarkdown(entries)));
    vscode.window.showInformationMessage(`Tandem: ${entries.length} change(s) exported to ${uri.fsPath}.`);
  };
  const verify = async () => {
    const ledger = ledgerOf(anchor);
    if (!ledger) return;
    let v: Verification;
    try {
      v = await ledger.verify();
    } catch (err) {
      void vscode.window.showErrorMessage(`Tandem: the AI change log could not be checked. ${(err as Error).message}`);
      return undefined;
    }
    const notes = v.notes.length ? ` ${v.notes.join(' ')}` : '';
    if (v.ok) void vscode.window.showInformationMessage(`Tandem: the AI change log is intact (${v.entries} entries; chain, signatures and head record match).${notes}`);
    else void vscode.window.showErrorMessage(`Tandem: the AI change log ${v.unverifiable ? 'cannot be verified' : 'is broken'} at entry ${v.line}. ${v.reason}${notes}`);
    return v;
  };
  /** After a reported problem: the head record is pointed at the log as it is, once the user agrees. */
  const anchorLog = async (confirmed?: boolean) => {
    const ledger = ledgerOf(anchor);
    if (!ledger) return undefined;
    if (confirmed !== true) {
      const pick = await vscode.window.showWarningMessage(
        'Accept the AI change log as it is now? Entries removed before now will no longer be reported. Do this only after you have checked what Verify reported.',
        { modal: true },
        'Accept',
      );
      if (pick !== 'Accept') return undefined;
    }
    try {
      const n = await ledger.anchorHere();
      void vscode.window.showInformationMessage(`Tandem: the AI change log is accepted as it is (${n} entries); new changes are recorded again.`);
      return n;
    } catch (err) {
      void vscode.window.showErrorMessage(`Tandem: the AI change log could not be accepted. ${(err as Error).message}`);
      return undefined;
    }
  };
  return [
    diagnostics,
    vscode.commands.registerCommand('tandem.anchorChangeLog', anchorLog),
    vscode.commands.registerCommand('tandem.reviewFile', review),
    vscode.commands.registerCommand('tandem.showChangeLog', show),
    logDocs,
    logDocs.register(),
    vscode.commands.registerCommand('tandem.exportChangeLog', exportLog),
    vscode.commands.registerCommand('tandem.verifyChangeLog', verify),
  ];
}
