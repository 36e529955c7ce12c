// Listing a server's models against real HTTP (the scripted model server): the OpenAI shape and the
// variants servers send, each failure classified with a sentence that says what to do, and local
// server detection that keeps only the servers that answered.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { detectServers, listModels } from '../../../../src/core/llm/models';
import { ModelServer } from '../../../fixtures/modelServer';

describe('listing models', () => {
  let server: ModelServer;
  before(async () => {
    server = await ModelServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('lists the ids sorted and unique, sending the API key', async () => {
    server.enqueue('/v1/models', { kind: 'json', body: { object: 'list', data: [{ id: 'qwen2.5-coder:7b' }, { id: 'llama3' }, { id: 'llama3' }] } });
    const r = await listModels(`${server.url}/`, { apiKey: 'sk-test-12345678' });
    assert.deepEqual(r, { ok: true, baseUrl: server.url, models: ['llama3', 'qwen2.5-coder:7b'] });
    assert.equal(server.requestsTo('/v1/models')[0].headers.authorization, 'Bearer sk-test-12345678');
  });

  it('reads the { models: [...] } shape some servers use', async () => {
    server.enqueue('/v1/models', { kind: 'json', body: { models: [{ name: 'a' }, { model: 'b' }] } });
    assert.deepEqual(await listModels(server.url), { ok: true, baseUrl: server.url, models: ['a', 'b'] });
  });

  const failures: Array<[string, Parameters<ModelServer['enqueue']>[1], string, RegExp]> = [
    ['a refused key', { kind: 'error', status: 401, message: 'bad key' }, 'auth', /Set API Key/],
    ['a wrong base URL', { kind: 'error', status: 404 }, 'notFound', /check tandem\.baseUrl/],
    ['a failing server', { kind: 'error', status: 503 }, 'server', /HTTP 503/],
    ['an answer that is not JSON', { kind: 'raw', body: '<html>proxy login</html>', contentType: 'text/html' }, 'badResponse', /could not read/],
    ['JSON of the wrong shape', { kind: 'json', body: { hello: 'world' } }, 'badResponse', /could not read/],
  ];
  for (const [what, reply, kind, message] of failures) {
    it(`says what to do on ${what}`, async () => {
      server.enqueue('/v1/models', reply);
      const r = await listModels(server.url);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.kind, kind);
        assert.match(r.message, message);
      }
    });
  }

  it('times out on a server that never answers', async () => {
    server.enqueue('/v1/models', { kind: 'hang' });
    const r = await listModels(server.url, { timeoutMs: 300 });
    assert.equal(r.ok === false && r.kind, 'timeout');
  });

  it('refuses a base URL that is not http(s) without a request', async () => {
    const r = await listModels('file:///etc');
    assert.equal(r.ok === false && r.kind, 'badRequest');
    assert.match(r.ok === false ? r.message : '', /not an http\(s\) URL/);
    const r2 = await listModels('localhost:11434');
    assert.equal(r2.ok, false);
  });

  it('detects the servers that answer and leaves out closed ports', async () => {
    // A port that was just free: nothing listens there.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const found = await detectServers([
      { name: 'Nothing', baseUrl: `http://127.0.0.1:${closedPort}/v1` },
      { name: 'Scripted', baseUrl: server.url },
    ]);
    assert.deepEqual(found, [{ name: 'Scripted', baseUrl: server.url, models: ['test-model'] }]);
    const unreachable = await listModels(`http://127.0.0.1:${closedPort}/v1`);
    assert.equal(unreachable.ok === false && unreachable.kind, 'unreachable');
    assert.match(unreachable.ok === false ? unreachable.message : '', /Is it running\?/);
  });
});
