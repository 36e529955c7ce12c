// The model reviewer against a real (scripted) OpenAI-compatible server: the schema is sent as
// response_format and checked with ajv, one repair turn, a server that refuses response_format is
// asked again without it, two invalid answers make the review fail (never "no issues"), the cost
// and time are reported, and tandem.review.when decides whether a change is reviewed at all.
import { strict as assert } from 'node:assert';
import { makeChange } from '../../../../src/core/edits/proposedChange';
import { ChatProvider } from '../../../../src/core/llm/chat';
import { reviewChanges, type ReviewerOptions } from '../../../../src/core/review/reviewer';
import { REVIEW_SCHEMA } from '../../../../src/core/review/schema';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, httpError } from '../../../fixtures/replies';

export const SQL_OLD = 'const db = require("./db");\n\nfunction find(id) {\n  return db.query("SELECT * FROM users WHERE id = ?", [id]);\n}\n';
export const SQL_NEW = 'const db = require("./db");\n\nfunction find(id) {\n  return db.query("SELECT * FROM users WHERE id = " + id);\n}\n';
export const answer = (findings: unknown[]) => JSON.stringify({ findings });
export const sqlFinding = { path: 'src/users.js', line: 4, severity: 'high', cwe: 'CWE-89', title: 'SQL built from input', rationale: 'id is concatenated into the query.', suggestion: 'Use a placeholder: db.query("… WHERE id = ?", [id]).' };

describe('model reviewer', () => {
  let server: ModelServer;
  beforeEach(async () => (server = await ModelServer.start()));
  afterEach(() => server.close());
  const opts = (over: Partial<ReviewerOptions> = {}): ReviewerOptions => ({ provider: new ChatProvider({ baseUrl: server.url, apiKey: 'sk-test' }, { idleTimeoutMs: 5_000 }), model: 'reviewer-1', when: 'always', ...over });
  const change = () => makeChange({ path: 'src/users.js', kind: 'update', oldText: SQL_OLD, newText: SQL_NEW });
  const signal = () => new AbortController().signal;

  it('sends the schema as response_format, and returns the findings marked as the model\'s with time, tokens and cost', async () => {
    server.enqueue('/v1/chat/completions', chatStream(answer([sqlFinding]), { usage: { prompt_tokens: 1000, completion_tokens: 200 } }));
    let t = 1000;
    const r = await reviewChanges(opts({ pricing: { 'reviewer-*': { input: 2, output: 10 } }, now: () => (t += 700) }), [change()], [], signal());
    assert.equal(r.status, 'ok');
    assert.equal(r.findings.length, 1);
    const f = r.findings[0];
    assert.deepEqual([f.source, f.ruleId, f.cwe, f.severity, f.path, f.line, f.snippet], ['model', 'tandem-review/cwe-89', 'CWE-89', 'high', 'src/users.js', 4, 'return db.query("SELECT * FROM users WHERE id = " + id);']);
    assert.match(f.message, /SQL built from input — id is concatenated/);
    assert.equal(r.durationMs, 700);
    assert.deepEqual([r.inputTokens, r.outputTokens], [1000, 200]);
    assert.ok(Math.abs(r.costUsd! - (1000 * 2 + 200 * 10) / 1e6) < 1e-12);
    const [req] = server.requestsTo('/v1/chat/completions');
    assert.equal(req.body.response_format.type, 'json_schema');
    assert.deepEqual(req.body.response_format.json_schema.schema, REVIEW_SCHEMA);
    // The diff is shown with its new line numbers and the surrounding code.
    assert.match(req.body.messages[1].content, /\+ {4}4 \| {3}return db\.query\("SELECT \* FROM users WHERE id = " \+ id\);/);
    assert.match(req.body.messages[1].content, / {5}3 \| function find\(id\) \{/);
  });

  it('asks once to repair an answer outside the schema, and keeps the repaired findings', async () => {
    server.enqueue('/v1/chat/completions', chatStream('Looks risky: SQL injection on line 4.'), chatStream(answer([sqlFinding])));
    const r = await reviewChanges(opts(), [change()], [], signal());
    assert.equal(r.status, 'ok');
    assert.equal(r.findings.length, 1);
    const reqs = server.requestsTo('/v1/chat/completions');
    assert.equal(reqs.length, 2);
    assert.match(reqs[1].body.messages.at(-1).content, /does not match the required JSON Schema: the answer is not JSON/);
    assert.equal(reqs[1].body.messages.at(-2).content, 'Looks risky: SQL injection on line 4.');
  });

  it('reports the reviewer failed after two invalid answers — never "no issues" — and names what was wrong', async () => {
    server.enqueue('/v1/chat/completions', chatStream('{"findings": [{"path": "src/users.js"}]}'), chatStream('{"verdict": "fine"}'));
    const r = await reviewChanges(opts(), [change()], [], signal());
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.findings, []);
    assert.match(r.note!, /reviewer \(reviewer-1\) failed: it answered twice outside the review schema \(.*verdict.*\)\. Its opinion is missing; the guard's findings still stand/);
    assert.equal(server.requestsTo('/v1/chat/completions').length, 2);
  });

  it('rejects findings with a wrong severity, a CWE that is not one, or extra fields', async () => {
    for (const bad of [{ ...sqlFinding, severity: 'critical' }, { ...sqlFinding, cwe: '89' }, { ...sqlFinding, ignore: true }, { ...sqlFinding, line: 0 }]) {
      server.enqueue('/v1/chat/completions', chatStream(answer([bad])), chatStream(answer([bad])));
      const r = await reviewChanges(opts(), [change()], [], signal());
      assert.equal(r.status, 'failed', JSON.stringify(bad));
    }
  });

  it('says the reviewer failed when the server is down, with the guard findings left to stand', async () => {
    const r = await reviewChanges(opts({ provider: new ChatProvider({ baseUrl: 'http://127.0.0.1:9/v1' }, { idleTimeoutMs: 2_000 }) }), [change()], [], signal());
    assert.equal(r.status, 'failed');
    assert.match(r.note!, /failed: .*guard's findings still stand/);
  });

  it('asks again without response_format when the server refuses it, and remembers that', async () => {
    server.enqueue('/v1/chat/completions', httpError(400, 'This model does not support response_format of type json_schema'), chatStream(answer([])), chatStream(answer([])));
    const state = { sendsFormat: true };
    const r = await reviewChanges(opts(), [change()], [], signal(), state);
    assert.equal(r.status, 'ok');
    await reviewChanges(opts(), [change()], [], signal(), state);
    const reqs = server.requestsTo('/v1/chat/completions');
    assert.deepEqual(reqs.map((q) => 'response_format' in q.body), [true, false, false]);
  });

  it('drops a model finding that repeats the guard\'s (same file, line and CWE)', async () => {
    server.enqueue('/v1/chat/completions', chatStream(answer([sqlFinding, { ...sqlFinding, line: 2, cwe: null, severity: 'low', title: 'Unused import' }])));
    const guard = [{ ruleId: 'sql-injection', cwe: 'CWE-89', severity: 'high' as const, message: 'm', fix: 'f', path: 'src/users.js', line: 4, snippet: '' }];
    const r = await reviewChanges(opts(), [change()], guard, signal());
    assert.deepEqual(r.findings.map((f) => [f.line, f.ruleId]), [[2, 'tandem-review/general']]);
  });

  it('high-risk: skips a change to plain code, reviews one touching SQL, auth, shell, paths or deserialisation', async () => {
    const plain = makeChange({ path: 'src/format.js', kind: 'update', oldText: 'const a = 1;\n', newText: 'const a = 2;\n' });
    const skipped = await reviewChanges(opts({ when: 'high-risk' }), [plain], [], signal());
    assert.equal(skipped.status, 'skipped');
    assert.match(skipped.note!, /no sensitive code/);
    assert.equal(server.requests.length, 0);
    for (const line of ['const ok = checkPassword(user, pw);', 'subprocess.run(cmd, shell=True)', 'data = pickle.loads(blob)', 'fs.readFileSync(path.join(dir, name))', 'const key = crypto.createHash("md5")']) {
      server.enqueue('/v1/chat/completions', chatStream(answer([])));
      const c = makeChange({ path: 'src/x.js', kind: 'update', oldText: 'const a = 1;\n', newText: `const a = 1;\n${line}\n` });
      assert.equal((await reviewChanges(opts({ when: 'high-risk' }), [c], [], signal())).status, 'ok', line);
    }
    const off = await reviewChanges(opts({ when: 'off' }), [change()], [], signal());
    assert.equal(off.status, 'skipped');
  });
});
