// Checkpoints in a real VS Code: the agent (auto-edit, scripted model) changes files; Restore on a
// message or a step shows the quick-pick preview, is confirmed there, and puts the files back (the
// open editor shows it); "files and conversation" and edit-and-resend cut the conversation, and the
// model then receives the history without what was cut. Checkpoints are lazy: a task that only reads
// takes none (its message still goes back, restoring the next later checkpoint if any), a command
// gets the checkpoint before it runs.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { AuditLedger } from '../../../src/core/audit/ledger';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import type { ToExtension } from '../../../src/protocol/messages';
import { nextEvent, openFile, setSettings, stateWhere, tandem, until } from './helpers';

const CHAT = '/v1/chat/completions';
const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const disk = (rel: string) => readFileSync(`${root()}/${rel}`, 'utf8');

/**
 * Posts `message`, waits for the restore preview to show, moves `selectNext` items down (the first
 * item is "Restore files"), accepts, and waits until `done` holds.
 */
async function confirmInQuickPick(message: ToExtension, done: () => boolean, what: string, selectNext = 0): Promise<void> {
  const api = await tandem();
  const shown = nextEvent(api.chat.onDidShowRestorePicker, () => true, 20_000, 'the restore preview');
  assert.equal(await api.chat.handle(message), true);
  await shown;
  for (let i = 0; i < selectNext; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  await until(done, what, 20_000);
}

describe('checkpoints in the panel', () => {
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    // An editor still open on a file from the last test would keep its old text until it reloads.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(`${root()}/cp`, { recursive: true, force: true });
    mkdirSync(`${root()}/cp`, { recursive: true });
    // Through VS Code's file service: a document VS Code still holds for cp/a.txt (the last test's)
    // takes the new text at once instead of reloading it later, in the middle of the next edit.
    await vscode.workspace.fs.writeFile(vscode.Uri.file(`${root()}/cp/a.txt`), Buffer.from('alpha\n'));
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'auto-edit' });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });
  afterEach(async () => {
    await setSettings({ 'tandem.agent.approval': 'suggest' });
    rmSync(`${root()}/cp`, { recursive: true, force: true });
  });

  async function agentRun(task: string): Promise<void> {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'e1', name: 'edit_file', arguments: { path: 'cp/a.txt', old_string: 'alpha', new_string: 'beta' } }]),
      chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'cp/new.txt', content: 'created\n' } }]),
      chatStream('Changed both.'),
    );
    const api = await tandem();
    await api.chat.run(task);
    assert.equal(disk('cp/a.txt'), 'beta\n', JSON.stringify(api.chat.snapshot().items));
  }

  it('marks the message and every step that changed files, and Restore (files only) puts them back in the open editor too', async () => {
    const api = await tandem();
    await agentRun('change the files');
    const s = api.chat.snapshot();
    const user = s.items.find((i) => i.kind === 'user');
    const steps = s.items.filter((i) => i.kind === 'tool');
    assert.ok(user?.kind === 'user' && user.checkpointId, 'the message has the checkpoint before it');
    assert.deepEqual(
      steps.map((i) => i.kind === 'tool' && Boolean(i.checkpointId)),
      [true, true],
    );
    const editor = await openFile('cp/a.txt');
    assert.equal(editor.document.getText(), 'beta\n');
    const itemsBefore = s.items.length;

    // The notice comes once every file is back (the files are restored one after another).
    const restoredNotice = () => api.chat.snapshot().items.some((i) => i.kind === 'notice' && /Restored 2 files/.test(i.text));
    await confirmInQuickPick({ type: 'restoreCheckpoint', itemId: user.id }, restoredNotice, 'the restore');
    assert.equal(existsSync(`${root()}/cp/new.txt`), false);
    assert.equal(disk('cp/a.txt'), 'alpha\n');
    await until(() => editor.document.getText() === 'alpha\n', 'the open editor to show the restored file');
    const after = await stateWhere((x) => x.items.some((i) => i.kind === 'notice' && /Restored 2 files/.test(i.text)), 'the restore notice');
    assert.equal(after.items.length, itemsBefore + 1, 'files only: the conversation is kept');
    // The restore is in the AI change log, one entry per file, and the signed log still verifies.
    const ledger = new AuditLedger(`${root()}/.tandem/ai-changes.jsonl`);
    const restored = (await ledger.entries()).filter((e) => e.task === `Restore checkpoint ${user.checkpointId}`);
    assert.deepEqual(restored.map((e) => [e.file, e.kind]).sort(), [
      ['cp/a.txt', 'restore (update)'],
      ['cp/new.txt', 'restore (delete)'],
    ]);
    assert.equal((await ledger.verify()).ok, true);
  });

  it('restores files and conversation from a step: the model next sees the history up to that step only', async () => {
    const api = await tandem();
    await agentRun('change the files');
    const firstStep = api.chat.snapshot().items.find((i) => i.kind === 'tool' && i.id === 'e1');
    assert.ok(firstStep);
    // The second action of the preview: files and the conversation.
    await confirmInQuickPick({ type: 'restoreCheckpoint', itemId: firstStep.id }, () => !existsSync(`${root()}/cp/new.txt`), 'the restore', 1);
    assert.equal(disk('cp/a.txt'), 'beta\n', 'the state after the first step');
    const s = await stateWhere((x) => x.items.some((i) => i.kind === 'notice' && /cut the conversation/.test(i.text)), 'the restore notice');
    assert.equal(s.items.some((i) => i.kind === 'tool' && i.id === 'w1'), false);
    server.enqueue(CHAT, chatStream('Continuing.'));
    await api.chat.run('go on');
    const sent = server.requestsTo(CHAT).pop()!.body.messages as Array<{ role: string; tool_call_id?: string; content?: string }>;
    assert.ok(sent.some((m) => m.tool_call_id === 'e1'));
    assert.equal(sent.some((m) => m.tool_call_id === 'w1'), false);
  });

  it('edits an earlier message and sends it again from the checkpoint before it', async () => {
    const api = await tandem();
    await agentRun('change the files');
    const user = api.chat.snapshot().items.find((i) => i.kind === 'user')!;
    server.enqueue(CHAT, chatStream('Edited task answered.'));
    await confirmInQuickPick({ type: 'editMessage', itemId: user.id, text: 'only read the files' }, () => server.requestsTo(CHAT).length === 4, 'the resent message to reach the model');
    assert.equal(disk('cp/a.txt'), 'alpha\n');
    assert.equal(existsSync(`${root()}/cp/new.txt`), false);
    const s = await stateWhere((x) => !x.running && x.items.some((i) => i.kind === 'assistant' && i.markdown === 'Edited task answered.'), 'the answer');
    assert.deepEqual(
      s.items.filter((i) => i.kind === 'user').map((i) => i.kind === 'user' && i.text),
      ['only read the files'],
    );
    const sent = server.requestsTo(CHAT).pop()!.body.messages as Array<{ role: string; content?: string }>;
    assert.equal(sent.filter((m) => m.role === 'user' && m.content === 'change the files').length, 0);
    assert.equal(sent.filter((m) => m.role === 'user' && m.content === 'only read the files').length, 1);
  });

  it('Retry goes back to before the last message and sends it again', async () => {
    await agentRun('change the files');
    server.enqueue(CHAT, chatStream('Second try.'));
    await confirmInQuickPick({ type: 'retry' }, () => server.requestsTo(CHAT).length === 4, 'the retried message to reach the model');
    const s = await stateWhere((x) => !x.running && x.items.some((i) => i.kind === 'assistant' && i.markdown === 'Second try.'), 'the retried answer');
    assert.equal(disk('cp/a.txt'), 'alpha\n');
    assert.deepEqual(
      s.items.filter((i) => i.kind === 'user').map((i) => i.kind === 'user' && i.text),
      ['change the files'],
    );
    const sent = server.requestsTo(CHAT).pop()!.body.messages as Array<{ role: string; content?: string }>;
    assert.equal(sent.filter((m) => m.role === 'user' && m.content === 'change the files').length, 1);
    assert.equal(sent.some((m) => m.role === 'tool'), false, 'the first attempt is gone from the conversation');
  });

  it('a task that only reads takes no checkpoint; its message is still edited and sent again (the conversation cut, no file to restore)', async () => {
    const api = await tandem();
    server.enqueue(CHAT, chatToolCallStream([{ id: 'r1', name: 'read_file', arguments: { path: 'cp/a.txt' } }]), chatStream('It says alpha.'));
    await api.chat.run('what is in cp/a.txt?');
    const s = await stateWhere((x) => !x.running && x.items.some((i) => i.kind === 'assistant' && i.markdown === 'It says alpha.'), 'the answer');
    const user = s.items.find((i) => i.kind === 'user');
    assert.ok(user?.kind === 'user');
    assert.equal(user.checkpointId, undefined, 'no checkpoint before a task that only reads');
    assert.equal(user.unchanged, true);
    assert.equal(s.items.some((i) => i.kind === 'tool' && i.checkpointId), false);
    assert.equal(s.items.some((i) => i.kind === 'notice' && /checkpoint/i.test(i.text)), false);
    server.enqueue(CHAT, chatStream('Read again.'));
    await confirmInQuickPick({ type: 'editMessage', itemId: user.id, text: 'read it once more' }, () => server.requestsTo(CHAT).length === 3, 'the resent message to reach the model');
    const after = await stateWhere((x) => !x.running && x.items.some((i) => i.kind === 'assistant' && i.markdown === 'Read again.'), 'the second answer');
    assert.ok(after.items.some((i) => i.kind === 'notice' && /no file needed restoring/.test(i.text)));
    assert.deepEqual(
      after.items.filter((i) => i.kind === 'user').map((i) => i.kind === 'user' && i.text),
      ['read it once more'],
    );
    const sent = server.requestsTo(CHAT).pop()!.body.messages as Array<{ role: string; content?: string; tool_call_id?: string }>;
    assert.equal(sent.some((m) => m.role === 'user' && m.content === 'what is in cp/a.txt?'), false);
    assert.equal(sent.some((m) => m.tool_call_id === 'r1'), false);
    assert.equal(disk('cp/a.txt'), 'alpha\n');
  });

  it('editing a read-only message after a later task changed files restores them from that task\'s checkpoint', async () => {
    const api = await tandem();
    server.enqueue(CHAT, chatStream('Nothing to do.'));
    await api.chat.run('just look');
    await agentRun('change the files');
    const users = api.chat.snapshot().items.filter((i) => i.kind === 'user');
    assert.deepEqual(users.map((i) => i.kind === 'user' && [Boolean(i.checkpointId), i.unchanged ?? false]), [[false, true], [true, false]]);
    server.enqueue(CHAT, chatStream('Looked again.'));
    await confirmInQuickPick({ type: 'editMessage', itemId: users[0].id, text: 'look again' }, () => server.requestsTo(CHAT).length === 5, 'the resent message to reach the model');
    assert.equal(disk('cp/a.txt'), 'alpha\n');
    assert.equal(existsSync(`${root()}/cp/new.txt`), false);
    const s = await stateWhere((x) => !x.running && x.items.some((i) => i.kind === 'assistant' && i.markdown === 'Looked again.'), 'the answer');
    assert.deepEqual(
      s.items.filter((i) => i.kind === 'user').map((i) => i.kind === 'user' && i.text),
      ['look again'],
    );
  });

  it('a command that wrote files: the checkpoint taken before it runs restores them exactly', async () => {
    const api = await tandem();
    writeFileSync(`${root()}/cp/run.sh`, 'printf gamma > cp/a.txt\nprintf made > cp/made.txt\n');
    server.enqueue(CHAT, chatToolCallStream([{ id: 'c1', name: 'run_command', arguments: { command: 'sh cp/run.sh' } }]), chatStream('Ran it.'));
    const done = api.chat.run('run the script');
    const card = await stateWhere((x) => x.decisions.length === 1, 'the command card');
    assert.equal(await api.chat.handle({ type: 'decide', requestId: card.decisions[0].requestId, allow: true }), true);
    await done;
    assert.equal(disk('cp/a.txt'), 'gamma');
    assert.equal(disk('cp/made.txt'), 'made');
    const s = api.chat.snapshot();
    const user = s.items.find((i) => i.kind === 'user');
    assert.ok(user?.kind === 'user' && user.checkpointId, 'the turn start was taken before the command');
    assert.ok(s.items.some((i) => i.kind === 'tool' && i.id === 'c1' && i.checkpointId), 'the command changed files: its step can be restored');
    await confirmInQuickPick({ type: 'restoreCheckpoint', itemId: user.id }, () => api.chat.snapshot().items.some((i) => i.kind === 'notice' && /Restored 2 files/.test(i.text)), 'the restore');
    assert.equal(disk('cp/a.txt'), 'alpha\n');
    assert.equal(existsSync(`${root()}/cp/made.txt`), false);
    assert.equal(disk('cp/run.sh'), 'printf gamma > cp/a.txt\nprintf made > cp/made.txt\n');
  });

  it('approves a change hunk by hunk (one from the card, one from the CodeLens in the diff editor): the disk holds exactly the approved hunks and the model hears of the rejected one', async () => {
    const api = await tandem();
    await setSettings({ 'tandem.agent.approval': 'suggest' });
    const old = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n';
    writeFileSync(`${root()}/cp/h.txt`, old);
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'h1', name: 'write_file', arguments: { path: 'cp/h.txt', content: old.replace('one', 'ONE').replace('ten', 'TEN') } }]),
      chatStream('Noted.'),
    );
    const done = api.chat.run('capitalise the ends');
    const s = await stateWhere((x) => x.changes.length === 1, 'the change card');
    const card = s.changes[0];
    assert.deepEqual(card.hunks?.map((h) => h.index), [0, 1]);
    assert.match(card.hunks![1].text, /^@@ -7,4 \+7,4 @@/);
    // The diff editor's proposal side offers the same decisions as CodeLens.
    await api.chat.handle({ type: 'viewDiff', changeId: card.id });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(tab instanceof vscode.TabInputTextDiff);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', tab.modified)) ?? [];
    assert.deepEqual(lenses.map((l) => [l.command?.command, l.command?.arguments]), [
      ['tandem.approveHunk', [card.id, 0]],
      ['tandem.rejectHunk', [card.id, 0]],
      ['tandem.approveHunk', [card.id, 1]],
      ['tandem.rejectHunk', [card.id, 1]],
    ]);
    await vscode.commands.executeCommand('tandem.approveHunk', card.id, 0);
    await stateWhere((x) => x.changes[0]?.hunks?.[0].verdict === 'approved', 'hunk 1 approved');
    assert.equal(disk('cp/h.txt'), old, 'nothing is written before every hunk is decided');
    assert.equal(await api.chat.handle({ type: 'decideHunk', changeId: card.id, index: 1, approve: false, reason: 'keep ten' }), true);
    await done;
    assert.equal(disk('cp/h.txt'), old.replace('one', 'ONE'));
    const result = (server.requestsTo(CHAT)[1].body.messages as Array<{ role: string; content: string }>).filter((m) => m.role === 'tool').pop()!.content;
    assert.match(result, /Rejected hunk 2 of 2 in cp\/h\.txt \(reason: keep ten\)/);
    assert.match(result, /-ten\n\+TEN/);
  });
});
