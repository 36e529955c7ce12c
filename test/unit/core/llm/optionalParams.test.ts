// prompt_cache_key and parallel_tool_calls, on Chat Completions and the Responses API, against the
// scripted real-HTTP server: sent (the same key on every call of a task) where accepted; dropped,
// retried once and remembered where the server rejects them, in each phrasing servers use.
import { strict as assert } from 'node:assert';
import type { Reply } from '../../../fixtures/modelServer';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream, httpError } from '../../../fixtures/replies';
import { responsesText } from '../../../fixtures/responsesReplies';
import { ChatProvider } from '../../../../src/core/llm/chat';
import { ResponsesProvider } from '../../../../src/core/llm/responses';
import type { ModelProvider, ModelRequest } from '../../../../src/core/llm/provider';
import { CHAT, harness } from '../agent/harness';
import { tempWorkspace } from '../agent/testTools';

const RESP = '/v1/responses';
const request: ModelRequest = {
  model: 'test-model',
  system: 'Be terse.',
  messages: [{ role: 'user', content: 'hi' }],
  tools: [{ type: 'function', function: { name: 'read_file', description: 'Reads', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }],
  cacheKey: 'task-abc',
};

interface Api {
  name: string;
  path: string;
  provider(url: string): ModelProvider;
  ok(text: string): Reply;
}
const APIS: Api[] = [
  { name: 'Chat Completions', path: CHAT, provider: (url) => new ChatProvider({ baseUrl: url }), ok: (t) => chatStream(t) },
  { name: 'Responses API', path: RESP, provider: (url) => new ResponsesProvider({ baseUrl: url }), ok: (t) => responsesText(t) },
];

/** Refusals naming the parameter, as different servers word them; `drops` is what must go. */
const REJECTIONS: Array<[string, Reply, Array<'prompt_cache_key' | 'parallel_tool_calls'>]> = [
  ['Azure/OpenAI style', httpError(400, 'Unrecognized request argument supplied: prompt_cache_key'), ['prompt_cache_key']],
  ['Groq style', httpError(400, "'parallel_tool_calls' : property 'parallel_tool_calls' is unsupported"), ['parallel_tool_calls']],
  ['Gemini style', httpError(400, 'Invalid JSON payload received. Unknown name "prompt_cache_key": Cannot find field.'), ['prompt_cache_key']],
  ['pydantic style', { kind: 'json', status: 400, body: { object: 'error', message: '[{"type":"extra_forbidden","loc":["body","Prompt_Cache_Key"],"msg":"Extra inputs are not permitted"}]', type: 'BadRequestError', code: 400 } }, ['prompt_cache_key']],
  ['unnamed unknown parameter', httpError(400, 'Unknown parameter in request body.'), ['prompt_cache_key', 'parallel_tool_calls']],
];

const signal = () => new AbortController().signal;

for (const api of APIS) {
  describe(`optional parameters on the ${api.name}`, () => {
    let server: ModelServer;
    beforeEach(async () => {
      server = await ModelServer.start();
    });
    afterEach(() => server.close());

    it('sends prompt_cache_key and parallel_tool_calls where the server accepts them', async () => {
      server.enqueue(api.path, api.ok('one'), api.ok('two'));
      const p = api.provider(server.url);
      await p.stream(request, signal(), () => {});
      await p.stream(request, signal(), () => {});
      for (const q of server.requestsTo(api.path)) {
        assert.equal(q.body.prompt_cache_key, 'task-abc');
        assert.equal(q.body.parallel_tool_calls, true);
      }
    });

    it('sends neither when there is no key and no tool', async () => {
      server.enqueue(api.path, api.ok('one'));
      await api.provider(server.url).stream({ ...request, tools: [], cacheKey: undefined }, signal(), () => {});
      const body = server.requestsTo(api.path)[0].body;
      assert.ok(!('prompt_cache_key' in body) && !('parallel_tool_calls' in body));
    });

    for (const [name, rejection, drops] of REJECTIONS) {
      it(`${name}: drops ${drops.join(' and ')}, retries once, and remembers for later calls`, async () => {
        server.enqueue(api.path, rejection, api.ok('answer'), api.ok('later'));
        const p = api.provider(server.url);
        assert.equal((await p.stream(request, signal(), () => {})).text, 'answer');
        assert.equal((await p.stream(request, signal(), () => {})).text, 'later');
        const reqs = server.requestsTo(api.path);
        assert.equal(reqs.length, 3);
        for (const q of reqs.slice(1)) {
          for (const n of ['prompt_cache_key', 'parallel_tool_calls'] as const) assert.equal(n in q.body, !drops.includes(n), `${n} in request ${q.index}`);
        }
      });
    }

    it('a rejection naming a parameter already dropped is final, never a loop', async () => {
      const rejectAll = httpError(400, 'Unrecognized request argument supplied: prompt_cache_key, parallel_tool_calls, stream_options');
      server.enqueue(api.path, rejectAll, rejectAll, api.ok('never'));
      await assert.rejects(api.provider(server.url).stream(request, signal(), () => {}), (e: Error & { kind?: string }) => e.kind === 'badRequest');
      assert.equal(server.requestsTo(api.path).length, 2);
    });

    it('an unrelated 400 is not retried and keeps the parameters', async () => {
      server.enqueue(api.path, httpError(400, "Invalid value for 'temperature'."), api.ok('next'));
      const p = api.provider(server.url);
      await assert.rejects(p.stream(request, signal(), () => {}), (e: Error & { kind?: string }) => e.kind === 'badRequest');
      await p.stream(request, signal(), () => {});
      const reqs = server.requestsTo(api.path);
      assert.equal(reqs.length, 2);
      assert.equal(reqs[1].body.prompt_cache_key, 'task-abc');
    });

    it('a server rejecting both one after the other costs two retries, then nothing is left to drop', async () => {
      server.enqueue(api.path, REJECTIONS[0][1], REJECTIONS[1][1], api.ok('answer'));
      assert.equal((await api.provider(server.url).stream(request, signal(), () => {})).text, 'answer');
      const reqs = server.requestsTo(api.path);
      assert.equal(reqs.length, 3);
      assert.ok(!('prompt_cache_key' in reqs[2].body) && !('parallel_tool_calls' in reqs[2].body));
    });
  });
}

describe('the agent sends one cache key per task', () => {
  let server: ModelServer;
  beforeEach(async () => {
    server = await ModelServer.start();
  });
  afterEach(() => server.close());

  it('every call of a task, across turns, carries the session id as prompt_cache_key', async () => {
    server.enqueue(CHAT, chatToolCallStream([{ name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('one'), chatStream('two'));
    const h = harness(server, await tempWorkspace({ 'a.txt': 'a' }));
    await h.run('first');
    await h.run('second');
    const keys = server.requestsTo(CHAT).map((q) => q.body.prompt_cache_key);
    assert.deepEqual(keys, [h.agent.session.id, h.agent.session.id, h.agent.session.id]);
  });
});
