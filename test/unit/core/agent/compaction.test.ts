// Compaction: near the budget the model is asked to summarise older turns and the task goes on; a
// "context too long" error triggers exactly one compaction and one retry.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream, httpError } from '../../../fixtures/replies';
import { compactionBoundary, SUMMARY_HEADER, SUMMARY_PROMPT } from '../../../../src/core/agent/compaction';
import type { Message } from '../../../../src/core/llm/provider';
import { CHAT, harness, ofType } from './harness';
import { tempWorkspace } from './testTools';

const tooLong = () => httpError(400, "This model's maximum context length is 4096 tokens. However, your messages resulted in 9000 tokens.");
type WireMessage = { role: string; content: string };
const isSummaryRequest = (body: { messages: WireMessage[] }) => body.messages.at(-1)?.content === SUMMARY_PROMPT;

describe('compaction', () => {
  let server: ModelServer;
  let root: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'big.txt': 'lorem ipsum dolor sit amet\n'.repeat(200) });
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('chooses a boundary that never separates tool results from their call', () => {
    const msgs: Message[] = [
      { role: 'user', content: 'x'.repeat(400) },
      { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'read_file', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'a', name: 'read_file', content: 'y'.repeat(400) },
      { role: 'assistant', content: 'short' },
      { role: 'user', content: 'next' },
    ];
    assert.equal(compactionBoundary(msgs, 20), 3);
    assert.equal(compactionBoundary(msgs, 1), 4);
    assert.equal(compactionBoundary(msgs, 10_000), 1);
    assert.equal(compactionBoundary([msgs[0]], 10), undefined);
  });

  it('near the budget, asks the model to summarise older turns and goes on with the summary', async () => {
    server.enqueue(CHAT, chatStream('The text is lorem ipsum.'), chatStream('SUMMARY: user pasted lorem ipsum text.'), chatStream('It has 200 lines.'));
    // The pasted text is ~1,350 tokens: over a 2,000-token window's budget, so the next turn compacts.
    const h = harness(server, root, { contextWindow: 2_000 });
    assert.equal((await h.run(`what is this? ${'lorem ipsum dolor sit amet\n'.repeat(200)}`)).reason, 'answer');
    const r = await h.run('how many lines?');
    assert.equal(r.reason, 'answer');
    assert.equal(r.text, 'It has 200 lines.');
    const reqs = server.requestsTo(CHAT);
    assert.equal(reqs.length, 3);
    assert.ok(isSummaryRequest(reqs[1].body));
    assert.equal(reqs[1].body.tool_choice, 'none');
    const after = reqs[2].body.messages as WireMessage[];
    assert.ok(after.some((m) => m.content.startsWith(SUMMARY_HEADER) && m.content.includes('SUMMARY: user pasted lorem ipsum text.')));
    assert.ok(!after.some((m) => m.content.includes('lorem ipsum dolor')), 'the pasted text was compacted away');
    assert.match(after[1].content, /<environment>/, 'the environment message survives');
    assert.equal(after.at(-1)?.content, 'how many lines?');
    const c = ofType(h.events, 'compaction');
    assert.equal(c.length, 1);
    assert.equal(c[0].reason, 'budget');
    assert.ok(c[0].tokensAfter < c[0].tokensBefore);
    // Same system prompt and tools in the summary request: the cached prefix is reused.
    assert.deepEqual([reqs[1].body.messages[0], reqs[1].body.tools], [reqs[0].body.messages[0], reqs[0].body.tools]);
  });

  it('a context-too-long error triggers one compaction and one retry', async () => {
    server.enqueue(CHAT, chatStream('first answer'), tooLong(), chatStream('SUMMARY of before'), chatStream('second answer'));
    const h = harness(server, root);
    await h.run('first question');
    const r = await h.run('second question');
    assert.equal(r.reason, 'answer');
    assert.equal(r.text, 'second answer');
    const reqs = server.requestsTo(CHAT);
    assert.equal(reqs.length, 4);
    assert.ok(isSummaryRequest(reqs[2].body));
    assert.deepEqual(ofType(h.events, 'compaction').map((c) => c.reason), ['contextTooLong']);
    assert.ok((reqs[3].body.messages as WireMessage[]).some((m) => m.content.includes('SUMMARY of before')));
  });

  it('a second context-too-long error ends the turn: never a compaction loop', async () => {
    server.enqueue(CHAT, chatStream('first answer'), tooLong(), chatStream('SUMMARY'), tooLong(), chatStream('never asked for'));
    const h = harness(server, root);
    await h.run('first question');
    const r = await h.run('second question');
    assert.equal(r.reason, 'error');
    assert.equal(server.requestsTo(CHAT).length, 4);
    assert.equal(ofType(h.events, 'compaction').length, 1);
    assert.equal(ofType(h.events, 'error')[0].kind, 'contextTooLong');
  });

  it('with nothing older to summarise, a context-too-long error ends the turn at once', async () => {
    server.enqueue(CHAT, tooLong());
    const h = harness(server, root);
    const r = await h.run('only question');
    assert.equal(r.reason, 'error');
    assert.equal(server.requestsTo(CHAT).length, 1);
  });

  it('restates the task in progress when compaction summarises it away', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'a', name: 'read_file', arguments: { path: 'big.txt' } }]),
      tooLong(),
      chatStream('SUMMARY: read big.txt'),
      chatStream('done'),
    );
    const h = harness(server, root, { contextWindow: 100_000 });
    const r = await h.run('summarise big.txt please');
    assert.equal(r.reason, 'answer');
    const last = server.requestsTo(CHAT)[3].body.messages as WireMessage[];
    const summary = last.find((m) => m.content.startsWith(SUMMARY_HEADER));
    assert.ok(summary);
    const taskVisible = summary.content.includes('summarise big.txt please') || last.some((m) => m.role === 'user' && m.content === 'summarise big.txt please');
    assert.ok(taskVisible);
  });

  it('compacts in the middle of a long turn and the task goes on to its answer', async () => {
    let steps = 0;
    server.onRequest(CHAT, (req) => {
      if (isSummaryRequest(req.body)) return chatStream('SUMMARY: read big.txt three times.');
      steps++;
      return steps <= 4 ? chatToolCallStream([{ name: 'read_file', arguments: { path: 'big.txt' } }]) : chatStream('Finished after compaction.');
    });
    // Each big.txt result is capped at ~1,000 tokens: a 4,000-token window fills up within the turn.
    const h = harness(server, root, { contextWindow: 4_000 });
    const r = await h.run('read big.txt until you are sure');
    assert.equal(r.reason, 'answer');
    assert.equal(r.text, 'Finished after compaction.');
    const compactions = ofType(h.events, 'compaction');
    assert.ok(compactions.length >= 1);
    assert.ok(compactions.every((c) => c.reason === 'budget'));
    const last = server.requestsTo(CHAT).at(-1)!.body.messages as WireMessage[];
    assert.ok(last.some((m) => m.content.includes('read big.txt until you are sure')), 'the task is still visible to the model');
  });
});
