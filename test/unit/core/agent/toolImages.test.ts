// Images returned by an MCP tool (a real stdio server built with the SDK) reach a vision model as
// image parts in the next request, and only real images do; a model without vision gets the notice.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { toolSetFrom } from '../../../../src/core/agent/toolSet';
import { McpManager } from '../../../../src/core/mcp/manager';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { PNG_1X1 } from '../../../fixtures/images';
import { CHAT, harness } from './harness';
import { tempWorkspace } from './testTools';

const repo = join(__dirname, '..', '..', '..', '..');

describe('images from MCP tools', function () {
  this.timeout(30_000);
  let server: ModelServer;
  let manager: McpManager;
  beforeEach(async () => {
    server = await ModelServer.start();
    const map = new Map<string, string>();
    const store = { get: (k: string) => map.get(k), set: (k: string, v: string | undefined) => (v === undefined ? map.delete(k) : map.set(k, v)) };
    manager = new McpManager({ servers: [{ name: 'local', source: 'user settings', transport: 'stdio', command: process.execPath, args: ['--import', 'tsx', join(repo, 'test', 'fixtures', 'mcp', 'stdioServer.ts')], cwd: repo }], trusted: true, enablement: store, allow: store });
  });
  afterEach(async () => {
    await manager.dispose();
    server.close();
  });

  async function runWith(acceptsImages: boolean) {
    const tools = (await manager.tools()).filter((t) => t.name === 'mcp__local__screenshot');
    assert.equal(tools.length, 1);
    server.enqueue(CHAT, chatToolCallStream([{ id: 'c1', name: 'mcp__local__screenshot', arguments: {} }]));
    server.enqueue(CHAT, chatStream('I see a dot.'));
    const h = harness(server, await tempWorkspace(), { tools: toolSetFrom(tools), acceptsImages });
    const result = await h.run('look at the screen');
    assert.equal(result.reason, 'answer');
    return server.requestsTo(CHAT)[1].body.messages as Array<{ role: string; content: unknown }>;
  }

  it('passes a tool\'s real image to a vision model and drops a fake one', async () => {
    const messages = await runWith(true);
    const tool = messages.find((m) => m.role === 'tool');
    assert.match(String(tool?.content), /the screen:[\s\S]*The image is attached for you to see\./);
    const last = messages[messages.length - 1];
    assert.equal(last.role, 'user');
    assert.deepEqual(last.content, [{ type: 'text', text: '[Images returned by the tool mcp__local__screenshot]' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1.toString('base64')}` } }]);
  });

  it('keeps only the text notice for a model without vision', async () => {
    const messages = await runWith(false);
    assert.ok(!JSON.stringify(messages).includes('image_url'));
    assert.match(String(messages.find((m) => m.role === 'tool')?.content), /\[image: image\/png, \d+ bytes omitted\]/);
  });
});
