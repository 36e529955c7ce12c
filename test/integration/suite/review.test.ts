// The model reviewer in the real panel: with tandem.review.model set, the reviewer model (a second
// model on the scripted server) reads the proposed edit before its card is shown; its finding sits on
// the card beside the guard's, marked as the model's, with the review's time; being high, it makes
// auto-edit ask. A reviewer that answers outside the schema twice shows as failed on the card.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { ModelServer, type RecordedRequest, type Reply } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { setSettings, stateWhere, tandem } from './helpers';

const CONTENT = 'module.exports = function isAdmin(user) {\n  return user.role = "admin";\n};\n';
const FINDING = { path: 'src/admin.js', line: 2, severity: 'high', cwe: 'CWE-481', title: 'Assignment instead of comparison', rationale: 'Every user is admin.', suggestion: 'Use ===.' };

describe('model reviewer in the panel', () => {
  let server: ModelServer;
  let reviewerReply: () => Reply;
  before(async () => {
    server = await ModelServer.start();
  });
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    let agentCalls = 0;
    reviewerReply = () => chatStream(JSON.stringify({ findings: [FINDING] }));
    server.onRequest('/v1/chat/completions', (req: RecordedRequest): Reply => {
      if (req.body.model === 'reviewer') return reviewerReply();
      return agentCalls++ === 0 ? chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'src/admin.js', content: CONTENT } }]) : chatStream('Done.');
    });
    await setSettings({ 'tandem.baseUrl': server.url, 'tandem.chat.model': 'test-model', 'tandem.agent.approval': 'auto-edit', 'tandem.review.model': 'reviewer', 'tandem.review.when': 'always' });
    await (await tandem()).chat.handle({ type: 'newTask' });
  });
  afterEach(() => setSettings({ 'tandem.review.model': undefined, 'tandem.review.when': undefined, 'tandem.agent.approval': 'suggest' }));

  it('shows the model\'s high finding on the card, marked as the model\'s, and asks in auto-edit', async () => {
    const api = await tandem();
    const done = api.chat.run('Add an admin check');
    const s = await stateWhere((x) => x.changes.length === 1, 'the edit held for approval');
    assert.deepEqual(s.changes[0].findings?.map((f) => [f.ruleId, f.source, f.severity, f.line]), [['tandem-review/cwe-481', 'model', 'high', 2]]);
    assert.equal(s.changes[0].review?.status, 'ok');
    assert.equal(s.changes[0].review?.model, 'reviewer');
    assert.ok((s.changes[0].review?.durationMs ?? -1) >= 0);
    const review = server.requestsTo('/v1/chat/completions').find((r) => r.body.model === 'reviewer')!;
    assert.equal(review.body.response_format.type, 'json_schema');
    await api.chat.handle({ type: 'reject', changeId: s.changes[0].id });
    await done;
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'src', 'admin.js'))), 'nothing was written');
  });

  it('shows a failed review on the card; it does not read as "no issues"', async () => {
    reviewerReply = () => chatStream('Looks fine to me.');
    await setSettings({ 'tandem.agent.approval': 'suggest' });
    const api = await tandem();
    const done = api.chat.run('Add an admin check');
    const s = await stateWhere((x) => x.changes.length === 1, 'the edit held for approval');
    assert.equal(s.changes[0].review?.status, 'failed');
    assert.match(s.changes[0].review?.note ?? '', /reviewer \(reviewer\) failed/);
    await api.chat.handle({ type: 'reject', changeId: s.changes[0].id });
    await done;
  });
});
