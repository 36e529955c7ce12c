// Best of k in the agent panel, in a real VS Code against the scripted model: with two attempts on
// two models (one keeps the tests passing, one breaks them), the panel shows both side by side,
// proposes the passing one as change cards, opens the other's diff, and picking it replaces the
// cards with its changes; the workspace file is written only on approval.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ModelServer, type RecordedRequest, type Reply } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem } from './helpers';

const diskText = (rel: string) => readFileSync(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, rel).fsPath, 'utf8');

const EDITS: Record<string, string> = { good: 'return a + b; // checked', bad: 'return a - b;' };

describe('agent panel: best of k', function () {
  this.timeout(180_000);
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(async () => {
    await setSettings({ 'tandem.agent.attempts': undefined, 'tandem.agent.attemptModels': undefined, 'tandem.agent.testCommand': undefined });
    await server.close();
  });

  it('the attempts control chooses the next task\'s attempts and leaves tandem.agent.attempts as it is', async () => {
    const api = await tandem();
    assert.equal(await api.chat.handle({ type: 'setAttempts', count: 3 }), true);
    await stateWhere((x) => x.attemptCount === 3, 'the panel showing 3 attempts');
    assert.equal(vscode.workspace.getConfiguration('tandem').get('agent.attempts'), 1, 'the setting stays the default');
    assert.equal(await api.chat.handle({ type: 'setAttempts', count: 0 }), false, 'fewer than one attempt is refused');
    await api.chat.handle({ type: 'newTask' });
    assert.equal(api.chat.snapshot().attemptCount, 1, 'a new task starts from the setting');
    await setSettings({ 'tandem.agent.attempts': 2 });
    await stateWhere((x) => x.attemptCount === 2, 'the panel following the setting');
    await setSettings({ 'tandem.agent.attempts': undefined });
    await stateWhere((x) => x.attemptCount === 1, 'the panel back at 1 attempt');
  });

  it('shows the attempts side by side, proposes the passing one, opens another diff and picks another attempt', async () => {
    server.reset();
    server.onRequest('/v1/chat/completions', (req: RecordedRequest): Reply => {
      const model = String(req.body.model);
      const usage = { prompt_tokens: 200, completion_tokens: 40 };
      if ((req.body.messages as Array<{ role: string }>).some((m) => m.role === 'tool')) return chatStream(`done by ${model}`, { usage });
      return chatToolCallStream([{ id: `e-${model}`, name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a + b;', new_string: EDITS[model] } }], { usage });
    });
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest', 'tandem.agent.attemptModels': ['good', 'bad'], 'tandem.agent.testCommand': 'node test/math.test.js' });
    const api = await tandem();
    await api.chat.handle({ type: 'newTask' });
    // Best of 2 chosen in the panel for this task only.
    await api.chat.handle({ type: 'setAttempts', count: 2 });
    const original = diskText('src/math.js');
    const done = api.chat.run('Mark add as checked');

    const s = await stateWhere((x) => x.changes.length === 1 && (x.attempts?.rows.every((r) => r.state !== 'running') ?? false), 'the best attempt proposed', 150_000);
    const rows = s.attempts!.rows.map((r) => [r.index, r.model, r.tests, r.passed, r.files, r.added, r.removed, r.chosen]);
    assert.deepEqual(rows, [
      [1, 'good', 'passed', true, 1, 1, 1, true],
      [2, 'bad', 'failed (exit 1)', false, 1, 1, 1, false],
    ]);
    assert.equal(s.attempts!.testCommand, 'node test/math.test.js');
    assert.deepEqual(s.attempts!.passAtK, { '1': 0.5, '2': 1 });
    assert.match(s.changes[0].diff, /\/\/ checked/);
    assert.equal(diskText('src/math.js'), original, 'nothing is written before approval');

    // Any attempt's diff opens in VS Code's diff editor.
    assert.equal(await api.chat.handle({ type: 'openAttemptDiff', index: 2 }), true);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(tab instanceof vscode.TabInputTextDiff, 'a diff editor is open');
    assert.match((await vscode.workspace.openTextDocument(tab.modified)).getText(), /return a - b;/);

    // Picking the other attempt replaces the cards with its changes.
    assert.equal(await api.chat.handle({ type: 'pickAttempt', index: 2 }), true);
    const picked = await stateWhere((x) => x.changes.length === 1 && /return a - b;/.test(x.changes[0].diff), 'the picked attempt proposed', 30_000);
    assert.deepEqual(picked.attempts!.rows.map((r) => r.chosen), [false, true]);
    assert.equal(await api.chat.handle({ type: 'pickAttempt', index: 7 }), false, 'an unknown attempt is refused');

    await api.chat.handle({ type: 'reject', changeId: picked.changes[0].id });
    await done;
    assert.equal(diskText('src/math.js'), original, 'a rejected proposal writes nothing');
    assert.equal(server.requestsTo('/v1/chat/completions').length, 4, 'two model calls per attempt');

    // The footer counts the attempts' tokens; the next task is back to one attempt.
    const after = api.chat.snapshot();
    assert.deepEqual(after.attempts!.rows.map((r) => r.tokens), [480, 480]);
    assert.deepEqual(after.usage, { inputTokens: 800, outputTokens: 160 });
    assert.equal(after.attemptCount, 1, 'the picker is back at 1 attempt');

    // Reopened from the history, the task shows its attempts again (as a record: nothing to pick).
    const taskId = after.taskId;
    await api.chat.handle({ type: 'newTask' });
    assert.equal(api.chat.snapshot().attempts, undefined);
    assert.equal(await api.chat.handle({ type: 'openTask', taskId }), true);
    const reopened = api.chat.snapshot();
    assert.deepEqual(reopened.attempts?.rows.map((r) => [r.index, r.model, r.tests, r.chosen]), [[1, 'good', 'passed', false], [2, 'bad', 'failed (exit 1)', true]]);
    assert.equal(reopened.attempts?.archived, true);
  });
});
