// Best of k in the agent panel, in a real VS Code against the scripted model: with two attempts on
// two models (one keeps the tests passing, one breaks them), the panel shows both side by side,
// proposes the passing one as change cards, opens the other's diff, and picking it replaces the
// cards with its changes; the workspace file is written only on approval. The user's hooks run in
// each attempt's copy, and tandem.review.model reads the chosen attempt before its card shows.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
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

  /** Answers the one question asked before the attempts start: the test command, before any model call. */
  async function approveTestCommand(allow = true): Promise<void> {
    const asked = await stateWhere((x) => x.decisions.length === 1, 'the test command question', 60_000);
    assert.deepEqual([asked.decisions[0].kind, asked.decisions[0].subject], ['command', 'node test/math.test.js']);
    assert.match(asked.decisions[0].reason, /each attempt is verified with this command/);
    assert.equal(server.requestsTo('/v1/chat/completions').length, 0, 'no attempt started before the answer');
    await (await tandem()).chat.handle({ type: 'decide', requestId: asked.decisions[0].requestId, allow });
  }

  it('suggest: a refused test command starts no attempt and says so', async () => {
    server.reset();
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest', 'tandem.agent.attemptModels': ['good', 'bad'], 'tandem.agent.testCommand': 'node test/math.test.js' });
    const api = await tandem();
    await api.chat.handle({ type: 'newTask' });
    await api.chat.handle({ type: 'setAttempts', count: 2 });
    const done = api.chat.run('Mark add as checked');
    await approveTestCommand(false);
    await done;
    const s = api.chat.snapshot();
    assert.equal(s.attempts, undefined);
    assert.ok(s.items.some((i) => i.kind === 'notice' && /test command \(node test\/math\.test\.js\) was not approved, so no attempt was started/.test(i.text)));
    assert.equal(server.requestsTo('/v1/chat/completions').length, 0);
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
    // suggest: the test command is asked once before any attempt starts, as tandem exec --attempts does.
    await approveTestCommand();

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
  it("runs the user's hooks in each attempt's copy and the reviewer on the chosen attempt's card", async () => {
    server.reset();
    const config = mkdtempSync(path.join(tmpdir(), 'tandem-attempts-hooks-'));
    const log = path.join(config, 'pwd.log');
    const xdg = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = config;
    try {
      mkdirSync(path.join(config, 'tandem'), { recursive: true });
      writeFileSync(path.join(config, 'tandem', 'hooks.json'), JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'edit_file', hooks: [{ type: 'command', command: `pwd >> '${log}'` }] }] } }));
      server.onRequest('/v1/chat/completions', (req: RecordedRequest): Reply => {
        const model = String(req.body.model);
        if (model === 'rev') return chatStream(JSON.stringify({ findings: [{ path: 'src/math.js', line: 2, severity: 'low', cwe: null, title: 'The comment says nothing', rationale: 'r', suggestion: 's' }] }));
        if ((req.body.messages as Array<{ role: string }>).some((m) => m.role === 'tool')) return chatStream(`done by ${model}`);
        return chatToolCallStream([{ id: `e-${model}`, name: 'edit_file', arguments: { path: 'src/math.js', old_string: 'return a + b;', new_string: EDITS[model] } }]);
      });
      await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'suggest', 'tandem.agent.attempts': 2, 'tandem.agent.attemptModels': ['good', 'bad'], 'tandem.agent.testCommand': 'node test/math.test.js', 'tandem.review.model': 'rev', 'tandem.review.when': 'always' });
      const api = await tandem();
      await api.chat.handle({ type: 'newTask' });
      const original = diskText('src/math.js');
      const done = api.chat.run('Mark add as checked');
      await approveTestCommand();
      const s = await stateWhere((x) => x.changes.length === 1 && (x.attempts?.rows.every((r) => r.state !== 'running') ?? false), 'the best attempt proposed', 150_000);
      const card = s.changes[0];
      assert.ok(card.findings?.some((f) => f.source === 'model' && /The comment says nothing/.test(f.message)), JSON.stringify(card.findings));
      assert.equal(card.review?.model, 'rev');
      assert.equal(server.requestsTo('/v1/chat/completions').filter((q) => q.body.model === 'rev').length, 1);
      const folders = readFileSync(log, 'utf8').trim().split('\n');
      assert.equal(folders.length, 2, 'one hook run per attempt');
      const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
      assert.ok(folders.every((f) => f !== root) && folders[0] !== folders[1], folders.join(', '));
      await api.chat.handle({ type: 'reject', changeId: card.id });
      await done;
      assert.equal(diskText('src/math.js'), original);
    } finally {
      if (xdg === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = xdg;
      await setSettings({ 'tandem.review.model': undefined, 'tandem.review.when': undefined });
      rmSync(config, { recursive: true, force: true });
    }
  });
});
