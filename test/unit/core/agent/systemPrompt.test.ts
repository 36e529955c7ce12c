// The system prompt tells the model how it runs (headless or in the editor, approval mode, sandbox,
// whether anyone can answer), deterministically, and the agent sends the same bytes on every call.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { SYSTEM_PROMPT, systemPrompt, type RunMode } from '../../../../src/core/agent/systemPrompt';
import { ModelServer } from '../../../fixtures/modelServer';
import { chatStream, chatToolCallStream } from '../../../fixtures/replies';
import { CHAT, harness } from './harness';
import { tempWorkspace } from './testTools';

describe('system prompt: how the agent runs', () => {
  const table: Array<[string, RunMode, RegExp[], RegExp[]]> = [
    ['the panel in suggest mode', { headless: false, approvalMode: 'suggest' }, [/In the editor/, /Approval mode suggest/, /without a sandbox/], [/Headless/, /Do not ask;/, /Nobody can answer/, /Nobody can approve/]],
    ['a headless full-auto run', { headless: true, approvalMode: 'full-auto' }, [/Headless \(tandem exec\)/, /Approval mode full-auto/, /Nobody can answer questions[^\n]*Do not ask; decide/], [/Nobody can approve/]],
    ['a headless suggest run with nobody to approve', { headless: true, approvalMode: 'suggest', canApprove: false }, [/Nobody can approve anything in this run/, /Do not ask;/], []],
    ['a headless auto-edit run in a terminal', { headless: true, approvalMode: 'auto-edit', canApprove: true }, [/Approval mode auto-edit: edits inside the workspace/, /Do not ask;/], [/Nobody can approve/]],
    ['a sandboxed run', { headless: true, approvalMode: 'full-auto', sandbox: 'bubblewrap, no network' }, [/Commands run in a sandbox: bubblewrap, no network\./], [/without a sandbox/]],
    ['the panel with language-server tools', { headless: false, approvalMode: 'suggest', languageTools: true }, [/Language-server tools are available \(go_to_definition,[^\n]*prefer them to text search/], []],
    ['a run without language-server tools', { headless: true, approvalMode: 'suggest' }, [], [/Language-server tools/, /go_to_definition/]],
    ['sandbox "none" is no sandbox', { headless: true, approvalMode: 'full-auto', sandbox: 'none' }, [/without a sandbox/], [/in a sandbox:/]],
  ];
  for (const [name, mode, present, absent] of table) {
    it(`describes ${name}`, () => {
      const text = systemPrompt(mode);
      assert.ok(text.startsWith(SYSTEM_PROMPT), 'the constant rules come first');
      for (const re of present) assert.match(text, re);
      for (const re of absent) assert.doesNotMatch(text, re);
      assert.equal(systemPrompt({ ...mode }), text, 'same inputs, same bytes');
    });
  }

  it('an agent sends one byte-identical system prompt, with its run mode, on every call of a task', async () => {
    const server = await ModelServer.start();
    const root = await tempWorkspace({ 'a.txt': 'alpha\n' });
    try {
      server.enqueue(CHAT, chatToolCallStream([{ id: 'c1', name: 'read_file', arguments: { path: 'a.txt' } }]), chatStream('done'));
      await harness(server, root, { headless: true, approvalMode: 'full-auto', sandboxDescription: 'none' }).run('go');
      const systems = server.requestsTo(CHAT).map((r) => JSON.stringify(r.body.messages[0]));
      assert.equal(systems.length, 2);
      assert.equal(systems[1], systems[0]);
      assert.equal(server.requestsTo(CHAT)[0].body.messages[0].content, systemPrompt({ headless: true, approvalMode: 'full-auto', sandbox: 'none' }));
    } finally {
      await server.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
