// The .gitignore offer in the real VS Code: a write under .tandem/ in a folder outside git asks nothing;
// once the folder is a git repository the next write shows the notification, its primary button
// (pressed through the workbench's own command) adds .tandem/ to .gitignore so git ignores it, and
// later writes do not ask again.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { userAnchor } from '../../../src/core/audit/heads';
import { AuditLedger } from '../../../src/core/audit/ledger';
import type { OfferOutcome } from '../../../src/core/gitignore/offer';
import { nextEvent, tandem } from './helpers';

describe('.gitignore offer', () => {
  it('asks nothing outside git, offers once in a git folder, and Add makes git ignore .tandem/', async () => {
    const api = await tandem();
    const folder = vscode.workspace.workspaceFolders![0];
    const root = folder.uri.fsPath;
    const key = folder.uri.toString();
    assert.equal(existsSync(path.join(root, '.git')), false, 'the sample workspace starts outside git');
    const ledger = new AuditLedger(path.join(root, '.tandem', 'ai-changes.jsonl'), userAnchor(process.env));
    const write = (n: number) => ledger.append({ task: `gitignore offer ${n}`, model: 'm', file: 'x.ts', kind: 'update', diff: `+${n}\n`, approvedBy: 'user', findings: [] });
    const settled = (outcomes: OfferOutcome[], what: string) => nextEvent(api.gitignoreOffer.onDidSettle, (e) => e.folder === key && outcomes.includes(e.outcome), 60_000, what);
    const offers: string[] = [];
    const counting = api.gitignoreOffer.onDidOffer((e) => offers.push(e.message));
    try {
      const outside = settled(['not-git', 'added', 'kept', 'dismissed'], 'the write outside git to be considered');
      await write(1);
      assert.equal((await outside).outcome, 'not-git');
      assert.equal(offers.length, 0);

      execFileSync('git', ['init', '-q'], { cwd: root });
      await vscode.commands.executeCommand('notifications.clearAll');
      const offered = nextEvent(api.gitignoreOffer.onDidOffer, (e) => e.folder === key, 60_000, 'the offer');
      const added = settled(['added', 'failed', 'kept', 'dismissed'], 'the answer to the offer');
      await write(2);
      assert.match((await offered).message, /\.tandem\/.*git does not ignore/);
      // The notification's first button, "Add .tandem/ to .gitignore", pressed by the workbench.
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      assert.equal((await added).outcome, 'added');
      assert.equal(readFileSync(path.join(root, '.gitignore'), 'utf8'), '.tandem/\n');
      const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root, encoding: 'utf8' });
      assert.doesNotMatch(status, /\.tandem/);

      const again = settled(['asked-before', 'ignored'], 'the next write');
      await write(3);
      assert.ok(['asked-before', 'ignored'].includes((await again).outcome));
      assert.equal(offers.length, 1, 'asked once');
    } finally {
      counting.dispose();
      rmSync(path.join(root, '.git'), { recursive: true, force: true });
      rmSync(path.join(root, '.gitignore'), { force: true });
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
