// A custom command's front matter for one turn (the panel runs `/name` this way): `model:` is the
// model of that turn's requests only, and `tools:` limits the tools sent and callable in that turn
// (update_plan and ask_user stay; a call of another tool is refused with the list; a list naming
// none of the tools limits nothing). The next turn is back to the agent's model and every tool.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { toolSetLimitedTo } from '../../../../src/core/agent/modes';
import { builtinToolSet } from '../../../../src/core/agent/toolSet';
import { FileApplier } from '../../../../src/core/edits/fileApplier';
import { CHAT, harness } from './harness';
import { tempWorkspace } from './testTools';

const toolNames = (body: Record<string, unknown>) => ((body.tools ?? []) as Array<{ function: { name: string } }>).map((t) => t.function.name);

describe("a command turn's model and tools", () => {
  let server: ModelServer;
  let root: string;
  beforeEach(async () => {
    server = await ModelServer.start();
    root = await tempWorkspace({ 'a.txt': 'alpha\n' });
  });
  afterEach(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('sends the turn to the command\'s model with only its tools, refuses others, then goes back', async () => {
    server.enqueue(
      CHAT,
      chatToolCallStream([{ id: 'w', name: 'write_file', arguments: { path: 'b.txt', content: 'x' } }]),
      chatToolCallStream([{ id: 'r', name: 'read_file', arguments: { path: 'a.txt' } }]),
      chatStream('It says alpha.'),
      chatStream('Next turn.'),
    );
    const h = harness(server, root, { tools: builtinToolSet(), applier: new FileApplier(root) });
    const events: string[] = [];
    const r = await h.agent.run('/review a.txt', { model: 'review-model', toolNames: ['read_file', 'search'], onEvent: (e) => (e.type === 'toolCallFinished' ? events.push(e.output) : undefined) });
    assert.equal(r.reason, 'answer');
    const [first, second, third] = server.requestsTo(CHAT);
    for (const q of [first, second, third]) {
      assert.equal(q.body.model, 'review-model');
      assert.deepEqual(toolNames(q.body).sort(), ['ask_user', 'read_file', 'search', 'update_plan']);
    }
    assert.match(events[0], /write_file is not available to this command: its prompt file allows only read_file, search/);
    await assert.rejects(fs.stat(path.join(root, 'b.txt')));
    assert.match(events[1], /alpha/);
    await h.agent.run('go on', {});
    assert.equal(server.requestsTo(CHAT).length, 4);
    const last = server.requestsTo(CHAT).at(-1)!;
    assert.equal(last.body.model, 'test-model');
    assert.ok(toolNames(last.body).includes('write_file'));
  });

  it('a tools list naming none of the tools (VS Code names) limits nothing and says which were unknown', () => {
    const all = builtinToolSet();
    const r = toolSetLimitedTo(all, ['codebase', 'githubRepo']);
    assert.equal(r.tools, all);
    assert.deepEqual(r.unknown, ['codebase', 'githubRepo']);
    const some = toolSetLimitedTo(all, ['read_file', 'codebase']);
    assert.deepEqual(some.unknown, ['codebase']);
    assert.deepEqual(some.tools.specs.map((s) => s.function.name), ['read_file']);
  });
});
