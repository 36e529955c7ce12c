// Tool calls for models that have none, end to end over real HTTP: the scripted server refuses
// `tools` with a 400 (as Ollama and llama.cpp do) and answers in text; auto mode retries once in
// text and remembers the model; text mode never sends tools; a broken <tool_call> gets one repair
// request; approvals and the real tools work as with native calls.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, httpError } from '../../../fixtures/replies';
import { builtinToolSet } from '../../../../src/core/agent/toolSet';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import type { ToolCallingMemory } from '../../../../src/core/llm/toolCalling';
import { CHAT, harness, ofType } from './harness';
import { tempWorkspace } from './testTools';

const tc = (name: string, args: unknown) => `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;

describe('tool calls as text', () => {
  let server: ModelServer;
  let root: string;
  let memory: ToolCallingMemory;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n' });
    memory = new Set<string>();
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });
  const real = (opts: Parameters<typeof harness>[2] = {}) => harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root), toolCallingMemory: memory, ...opts });

  it('auto: a 400 refusing tools is retried once in text, the calls run, results go back as <tool_response>, and the model is remembered', async () => {
    server.refuseTools();
    server.enqueue(CHAT, chatStream(`Let me read it.\n${tc('read_file', { path: 'a.txt' })}`), chatStream('It says alpha.'));
    const h = real();
    const r = await h.run('what is in a.txt?');
    assert.equal(r.reason, 'answer');
    assert.equal(r.text, 'It says alpha.');
    assert.equal(h.text(), 'Let me read it.It says alpha.');
    const reqs = server.requestsTo(CHAT);
    assert.equal(reqs.length, 3);
    assert.ok(reqs[0].body.tools.length > 0);
    for (const req of reqs.slice(1)) {
      assert.equal(req.body.tools, undefined);
      assert.equal(req.body.tool_choice, undefined);
      assert.match(req.body.messages[0].content, /<tools>\n\{"type":"function","function":\{"name":"read_file"/);
    }
    const last = reqs[2].body.messages;
    assert.equal(last.at(-2).role, 'assistant');
    assert.match(last.at(-2).content, /^Let me read it\.\n<tool_call>\n\{"name":"read_file","arguments":\{"path":"a.txt"\}\}\n<\/tool_call>$/);
    assert.deepEqual(last.at(-1), { role: 'user', content: '<tool_response>\n1\talpha\n</tool_response>' });
    assert.equal(ofType(h.events, 'notice').length, 1);
    assert.match(ofType(h.events, 'notice')[0].message, /does not support tools/);
    assert.equal(ofType(h.events, 'error').length, 0);
    // The next task with this model goes straight to text: no refused request first.
    server.reset();
    server.refuseTools();
    server.enqueue(CHAT, chatStream('Hi.'));
    const again = real();
    await again.run('hello');
    assert.equal(server.requestsTo(CHAT).length, 1);
    assert.equal(ofType(again.events, 'notice').length, 0);
  });

  it('auto: llama.cpp without --jinja (HTTP 500) switches too, without retrying the refusal', async () => {
    server.refuseTools('tools param requires --jinja flag', 500);
    server.enqueue(CHAT, chatStream('No tools needed.'));
    const h = real();
    const r = await h.run('hi');
    assert.equal(r.text, 'No tools needed.');
    assert.equal(server.requestsTo(CHAT).length, 2);
    assert.deepEqual(h.waits, []);
  });

  it('auto: a 400 about something else is an error, not a switch', async () => {
    server.enqueue(CHAT, httpError(400, 'temperature must be at most 2'));
    const h = real();
    const r = await h.run('hi');
    assert.equal(r.reason, 'error');
    assert.equal(server.requestsTo(CHAT).length, 1);
    assert.equal(ofType(h.events, 'notice').length, 0);
  });

  it('native: the refusal ends the turn with the server\'s error', async () => {
    server.refuseTools();
    const h = real({ toolCalling: 'native' });
    const r = await h.run('hi');
    assert.equal(r.reason, 'error');
    assert.equal(server.requestsTo(CHAT).length, 1);
  });

  it('text: tools are never sent; several calls in one answer, fenced and single-quoted, run in order', async () => {
    server.enqueue(
      CHAT,
      chatStream(`Two steps.\n\`\`\`json\n<tool_call>\n{'name': 'write_file', 'arguments': {'path': 'b.txt', 'content': 'beta\\n'}}\n</tool_call>\n\`\`\`\n${tc('read_file', { path: 'b.txt' })}\nDone soon.`),
      chatStream('Wrote and read b.txt.'),
    );
    const h = real({ toolCalling: 'text' });
    const r = await h.run('write b');
    assert.equal(r.reason, 'answer');
    assert.equal(h.text(), 'Two steps.Wrote and read b.txt.');
    assert.equal(await fs.readFile(path.join(root, 'b.txt'), 'utf8'), 'beta\n');
    assert.deepEqual(ofType(h.events, 'toolCallStarted').map((e) => e.name), ['write_file', 'read_file']);
    for (const req of server.requestsTo(CHAT)) assert.equal(req.body.tools, undefined);
    assert.match(server.requestsTo(CHAT)[1].body.messages.at(-1).content, /<tool_response>\n[\s\S]*<\/tool_response>\n<tool_response>\n1\tbeta\n<\/tool_response>/);
  });

  it('text: approvals are unchanged: in suggest mode an edit asks, and a refusal writes nothing', async () => {
    server.enqueue(CHAT, chatStream(tc('write_file', { path: 'c.txt', content: 'x' })), chatStream('Not allowed, stopping.'));
    const asked: string[] = [];
    const h = real({ toolCalling: 'text', approvalMode: 'suggest', approver: { request: async (req) => (asked.push(req.type), { approved: false, reason: 'no' }) } });
    await h.run('write c');
    assert.deepEqual(asked, ['edit']);
    await assert.rejects(fs.stat(path.join(root, 'c.txt')));
    assert.match(server.requestsTo(CHAT)[1].body.messages.at(-1).content, /<tool_response>\nError from write_file: The user rejected/);
  });

  it('text: a broken <tool_call> gets one repair request with the parse error', async () => {
    server.enqueue(CHAT, chatStream('Reading.\n<tool_call>{"name": "read_file", "arguments": {"path": "a.txt"</tool_call>'), chatStream(tc('read_file', { path: 'a.txt' })), chatStream('alpha it is.'));
    const h = real({ toolCalling: 'text' });
    const r = await h.run('read a');
    assert.equal(r.reason, 'answer');
    assert.equal(h.text(), 'Reading.alpha it is.');
    const repair = server.requestsTo(CHAT)[1].body.messages;
    assert.match(repair.at(-1).content, /could not be read: <tool_call> number 1: .*JSON/);
    assert.match(repair.at(-2).content, /"path": "a.txt"<\/tool_call>$/);
    assert.deepEqual(ofType(h.events, 'toolCallStarted').map((e) => e.name), ['read_file']);
    // The broken attempt and the repair request stay out of the conversation.
    assert.ok(!JSON.stringify(h.agent.session.messages).includes('could not be read'));
  });

  it('text: a second broken answer ends the turn with a clear error', async () => {
    server.enqueue(CHAT, chatStream('<tool_call>{oops</tool_call>'), chatStream('<tool_call>still {bad</tool_call>'));
    const h = real({ toolCalling: 'text' });
    const r = await h.run('x');
    assert.equal(r.reason, 'error');
    assert.match(r.message ?? '', /could not read, twice/);
    assert.equal(server.requestsTo(CHAT).length, 2);
  });
});
