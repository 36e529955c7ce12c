// Between the suites of one window: every editor reverted and closed, and the sample workspace's own
// files put back as they were copied in. A suite that typed into src/math.js and left it open would
// otherwise let a later suite's files.autoSave write that text to disk — and what a suite sees would
// depend on which suites ran before it in its window (the runner splits the files over windows).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';

// The bundled suite lives in out/test/integration/suite; the fixture beside the sources.
const FIXTURE = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace');

function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? fixtureFiles(full) : [full];
  });
}

export async function resetWindow(): Promise<void> {
  // Bounded: an editor that will not close must not hang the run.
  for (let i = 0; i < 30 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (!vscode.window.activeTextEditor && vscode.window.tabGroups.activeTabGroup.tabs.length === 0) await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  for (const file of fixtureFiles(FIXTURE)) {
    const uri = vscode.Uri.joinPath(folder.uri, ...relative(FIXTURE, file).split(/[\\/]/));
    const want = readFileSync(file);
    const have = await Promise.resolve(vscode.workspace.fs.readFile(uri)).catch(() => undefined);
    if (!have || Buffer.compare(Buffer.from(have), want) !== 0) await vscode.workspace.fs.writeFile(uri, want);
  }
}
