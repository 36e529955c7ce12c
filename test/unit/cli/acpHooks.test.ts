// Hooks in `tandem acp` (real stdio, the SDK's client): the user's PreToolUse hook blocks a write,
// the tool call fails with the hook's reason given to the model, and the editor sees the hook's line
// with the agent's thoughts; the workspace's hooks do not run until enabled.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as acp from '@agentclientprotocol/sdk';
import { ModelServer } from '../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../fixtures/replies';
import { useServerAndWorkspace } from '../core/agent/testTools';
import { initParams, updatesOf, useAcpChildren, withClient } from './acpKit';

const CHAT = '/v1/chat/completions';

describe('tandem acp: hooks', function () {
  this.timeout(60_000);
  let server: ModelServer;
  let root: string;
  useServerAndWorkspace({ 'a.txt': 'alpha\n' }, (s, r) => ((server = s), (root = r)));
  const acpChildren = useAcpChildren();
  const hooksFile = (dir: string, marker: string) => fs.mkdir(path.dirname(dir), { recursive: true }).then(() => fs.writeFile(dir, JSON.stringify({ hooks: { PreToolUse: [{ matcher: 'write_file', hooks: [{ type: 'command', command: `echo "${marker}" >&2; exit 2` }] }] } })));

  it("runs the user's hooks (block reason to the model, the line to the editor), not the workspace's until enabled", async () => {
    await hooksFile(path.join(acpChildren.homes().XDG_CONFIG_HOME!, 'tandem', 'hooks.json'), 'user hook says no');
    await hooksFile(path.join(root, '.tandem', 'hooks.json'), 'workspace hook says no');
    server.enqueue(CHAT, chatToolCallStream([{ id: 'w1', name: 'write_file', arguments: { path: 'b.txt', content: 'x' } }]), chatStream('Blocked.'));
    const child = acpChildren.start(['--base-url', server.url, '--model', 'test-model', '--sandbox', 'off', '--no-mcp', '--approval', 'full-auto']);
    await withClient(child, {}, async (ctx, rec) => {
      await ctx.request(acp.methods.agent.initialize, initParams());
      const s = await ctx.request(acp.methods.agent.session.new, { cwd: root, mcpServers: [] });
      await ctx.request(acp.methods.agent.session.prompt, { sessionId: s.sessionId, prompt: [{ type: 'text', text: 'write b' }] });
      const status = updatesOf(rec, 'tool_call_update').filter((u) => u.status).map((u) => [u.toolCallId, u.status]);
      assert.deepEqual(status, [['w1', 'failed']]);
      const thoughts = updatesOf(rec, 'agent_thought_chunk').map((u) => (u.content as { text: string }).text).join('');
      assert.match(thoughts, /⚙ PreToolUse hook \(write_file\) blocked: echo "user hook says no"[^\n]*\n\s+user hook says no/);
      assert.doesNotMatch(thoughts, /workspace hook says no/);
    });
    await assert.rejects(fs.access(path.join(root, 'b.txt')));
    assert.match(JSON.stringify(server.requestsTo(CHAT)[1].body.messages), /user hook says no/);
    assert.match(child.stderr(), /\.tandem\/hooks\.json did not run\. Read it, then pass --enable-hooks/);
  });
});
