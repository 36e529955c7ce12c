// Server-side compaction on the Responses API (POST /v1/responses/compact), against the scripted
// real-HTTP server: used when the server offers it; when it is absent (404, remembered) or fails
// (500, a malformed answer), the model-written summary takes over and the task goes on.
import { strict as assert } from 'node:assert';
import type { Reply } from '../../../fixtures/modelServer';
import { ModelServer } from '../../../fixtures/modelServer';
import { httpError } from '../../../fixtures/replies';
import { responsesCompacted, responsesStream, responsesText } from '../../../fixtures/responsesReplies';
import { SUMMARY_HEADER, SUMMARY_PROMPT } from '../../../../src/core/agent/compaction';
import { Session } from '../../../../src/core/agent/session';
import { ResponsesProvider } from '../../../../src/core/llm/responses';
import { harness, ofType } from './harness';
import { useServerAndWorkspace } from './testTools';

const RESP = '/v1/responses';
const COMPACT = '/v1/responses/compact';
const tooLong = () => httpError(400, 'Your input exceeds the context window of this model. Please adjust your input and try again.', undefined, 'context_length_exceeded');
type Item = { type?: string; role?: string; content?: unknown; encrypted_content?: string };
const isSummaryRequest = (body: { input: Item[] }) => body.input.at(-1)?.content === SUMMARY_PROMPT;

describe('server-side compaction (Responses API)', () => {
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n' }, (s, r) => ((server = s), (root = r)));
  const responses = () => harness(server, root, { provider: new ResponsesProvider({ baseUrl: server.url }, { idleTimeoutMs: 5_000 }) });

  it('offered: compacts through /responses/compact and sends its item back, with no summary request', async () => {
    server.enqueue(RESP, responsesText('first answer'), tooLong(), responsesText('second answer'));
    server.enqueue(COMPACT, responsesCompacted(['<environment>placeholder', 'first question']));
    const h = responses();
    await h.run('first question');
    const r = await h.run('second question');
    assert.equal(r.reason, 'answer', r.message);
    const compactReqs = server.requestsTo(COMPACT);
    assert.equal(compactReqs.length, 1);
    const sent = compactReqs[0].body;
    assert.equal(sent.model, 'test-model');
    assert.equal(sent.instructions, server.requestsTo(RESP)[0].body.instructions, 'the same system prompt');
    assert.equal(sent.prompt_cache_key, h.agent.session.id);
    assert.ok((sent.input as Item[]).some((i) => i.content === 'first question'));
    assert.ok(!(sent.input as Item[]).some((i) => i.content === 'second question'), 'the turn in progress is kept, not compacted');
    const reqs = server.requestsTo(RESP);
    assert.equal(reqs.length, 3);
    assert.ok(!reqs.some((q) => isSummaryRequest(q.body)));
    const input = reqs[2].body.input as Item[];
    assert.deepEqual(input.filter((i) => i.type === 'compaction'), [{ type: 'compaction', encrypted_content: 'gAAAA-encrypted-summary' }]);
    assert.ok(input.some((i) => i.content === 'first question') && input.some((i) => i.content === 'second question'));
    assert.ok(input.some((i) => typeof i.content === 'string' && i.content.includes('<environment>')), 'the environment message survives');
    const [c] = ofType(h.events, 'compaction');
    assert.deepEqual([c.reason, c.method, c.serverFailure], ['contextTooLong', 'server', undefined]);
    // The compacted task persists and restores with its item.
    const restored = Session.fromJSON(JSON.stringify(h.agent.session.toJSON()));
    assert.ok(restored.messages.some((m) => m.role === 'user' && m.serverCompaction?.encryptedContent === 'gAAAA-encrypted-summary'));
  });

  it('absent (404): falls back to the summary, and does not ask again for later compactions', async () => {
    server.enqueue(RESP, responsesText('a1'), tooLong(), responsesText('SUMMARY one'), responsesText('a2'), tooLong(), responsesText('SUMMARY two'), responsesText('a3'));
    const h = responses();
    await h.run('q1');
    assert.equal((await h.run('q2')).reason, 'answer');
    assert.equal((await h.run('q3')).reason, 'answer');
    assert.equal(server.requestsTo(COMPACT).length, 1, 'tried once, then remembered');
    const reqs = server.requestsTo(RESP);
    assert.ok(isSummaryRequest(reqs[2].body) && isSummaryRequest(reqs[5].body));
    assert.ok((reqs[6].body.input as Item[]).some((i) => typeof i.content === 'string' && i.content.startsWith(SUMMARY_HEADER)));
    assert.deepEqual(ofType(h.events, 'compaction').map((c) => c.method), ['summary', 'summary']);
  });

  const FAILURES: Array<[string, Reply]> = [
    ['a server error', httpError(500, 'compaction backend unavailable')],
    ['an answer without a compaction item', { kind: 'json', body: { id: 'r', object: 'response.compaction', created_at: 0, output: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'q1' }] }] } }],
    ['a context-too-long refusal of the compaction itself', tooLong()],
  ];
  for (const [name, failure] of FAILURES) {
    it(`fails with ${name}: the summary takes over this time, and the endpoint is tried again next time`, async () => {
      server.enqueue(RESP, responsesText('a1'), tooLong(), responsesText('SUMMARY one'), responsesText('a2'), tooLong(), responsesText('a3'));
      server.enqueue(COMPACT, failure, responsesCompacted(['q1']));
      const h = responses();
      await h.run('q1');
      const r = await h.run('q2');
      assert.equal(r.reason, 'answer', r.message);
      const [first] = ofType(h.events, 'compaction');
      assert.equal(first.method, 'summary');
      assert.ok(first.serverFailure && first.serverFailure.length > 10, 'the failure is reported');
      assert.ok(isSummaryRequest(server.requestsTo(RESP)[2].body));
      assert.equal((await h.run('q3')).reason, 'answer');
      assert.equal(server.requestsTo(COMPACT).length, 2);
      assert.equal(ofType(h.events, 'compaction')[1].method, 'server');
    });
  }

  it('a tool round before the compaction keeps its call and result together in the kept part', async () => {
    server.enqueue(RESP, responsesText('a1'), responsesStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a.txt' } }]), tooLong(), responsesText('done'));
    server.enqueue(COMPACT, responsesCompacted(['q1']));
    const h = responses();
    await h.run('q1');
    assert.equal((await h.run('read a.txt')).reason, 'answer');
    const input = server.requestsTo(RESP)[3].body.input as Array<Item & { call_id?: string }>;
    const call = input.findIndex((i) => i.type === 'function_call' && i.call_id === 'c1');
    assert.ok(call >= 0 && input[call + 1].type === 'function_call_output' && input[call + 1].call_id === 'c1');
    // The server's answer left out the task in progress: it is restated before the kept step.
    assert.equal(input[call - 1].content, 'The task in progress, verbatim:\nread a.txt');
  });
});
