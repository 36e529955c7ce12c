// Tool-call bookkeeping: unique ids, exact repeats, paths a call touches, and results for every
// call even when the turn is cancelled or a tool fails fatally.
import { strict as assert } from 'node:assert';
import { prepareCalls, runToolCalls, touchedPaths, type ToolRuntimeDeps, type ToolSet } from '../../../../src/core/agent/toolRuntime';
import type { AgentEvent } from '../../../../src/core/agent/events';
import { FatalToolError, ToolCallError } from '../../../../src/core/tools/types';

describe('tool runtime', () => {
  const table: Array<[string, Array<[string, string, string]>, string[], number[]]> = [
    ['distinct ids stay', [['a', 'x', '{}'], ['b', 'x', '{}']], ['a', 'b'], []],
    ['missing ids are generated', [['', 'x', '{}'], ['', 'y', '{}']], ['call_1', 'call_2'], []],
    ['same id, different call: renamed', [['a', 'x', '{"p":1}'], ['a', 'x', '{"p":2}']], ['a', 'a_2'], []],
    ['same id, same call: a repeat', [['a', 'x', '{}'], ['a', 'x', '{}']], ['a', 'a_2'], [1]],
  ];
  for (const [name, raw, ids, repeats] of table) {
    it(name, () => {
      const p = prepareCalls(raw.map(([id, n, a]) => ({ id, name: n, arguments: a })), () => false);
      assert.deepEqual(p.calls.map((c) => c.id), ids);
      assert.deepEqual([...p.repeats.keys()], repeats);
    });
  }

  it('renames ids already used earlier in the conversation', () => {
    const p = prepareCalls([{ id: 'call_0', name: 'x', arguments: '{}' }], (id) => id === 'call_0');
    assert.equal(p.calls[0].id, 'call_0_2');
  });

  it('finds the paths a call touches, apply_patch included', () => {
    assert.deepEqual(touchedPaths('{"path":"a/b.ts"}'), ['a/b.ts']);
    assert.deepEqual(touchedPaths(JSON.stringify({ patch: '*** Begin Patch\n*** Update File: src/x.ts\n@@\n-a\n+b\n*** Add File: lib/y.ts\n+z\n*** End Patch' })), ['src/x.ts', 'lib/y.ts']);
    assert.deepEqual(touchedPaths('{bad'), []);
  });

  function deps(tools: ToolSet, events: AgentEvent[]): ToolRuntimeDeps {
    return {
      tools,
      context: { workspaceRoot: '/w', applier: { apply: async () => {} }, approvalMode: 'suggest', allowedCommands: [] },
      approver: { request: async () => ({ approved: true }) },
      emit: (e) => events.push(e),
      maxOutputChars: 1_000,
      idTaken: () => false,
    };
  }
  const calls = prepareCalls(['a', 'b', 'c'].map((id) => ({ id, name: id, arguments: '{}' })), () => false);

  it('a ToolCallError becomes an error result and the others still run; outputs are truncated', async () => {
    const tools: ToolSet = {
      specs: [],
      invoke: async (name) => {
        if (name === 'a') throw new ToolCallError('path must be relative');
        return { output: 'z'.repeat(5_000) };
      },
    };
    const events: AgentEvent[] = [];
    const { results, fatal } = await runToolCalls(deps(tools, events), calls, new AbortController().signal);
    assert.equal(fatal, undefined);
    assert.deepEqual(results.map((r) => r.role === 'tool' && r.isError === true), [true, false, false]);
    assert.ok(results[1].content.length < 1_300);
  });

  it('a FatalToolError ends the step, and every call still gets a result', async () => {
    const tools: ToolSet = { specs: [], invoke: async () => Promise.reject(new FatalToolError('The workspace folder was deleted.')) };
    const { results, fatal } = await runToolCalls(deps(tools, []), calls, new AbortController().signal);
    assert.match(fatal ?? '', /workspace folder was deleted/);
    assert.deepEqual(results.map((r) => (r.role === 'tool' ? r.toolCallId : '')), ['a', 'b', 'c']);
  });

  it('cancellation fills the remaining results without running them', async () => {
    const ac = new AbortController();
    const ran: string[] = [];
    const tools: ToolSet = {
      specs: [],
      invoke: async (name) => {
        ran.push(name);
        ac.abort();
        return { output: 'killed' };
      },
    };
    const { results } = await runToolCalls(deps(tools, []), calls, ac.signal);
    assert.deepEqual(ran, ['a']);
    assert.equal(results.length, 3);
    assert.match(results[2].content, /Cancelled/);
  });

  it('announces approvals as events around the approver', async () => {
    const tools: ToolSet = {
      specs: [],
      invoke: async (_n, _a, ctx, signal) => {
        await ctx.approver.request({ type: 'command', command: 'ls', cwd: '/w', toolCallId: ctx.toolCallId, reason: 'r' }, signal);
        return { output: 'ok' };
      },
    };
    const events: AgentEvent[] = [];
    await runToolCalls(deps(tools, events), prepareCalls([{ id: 'a', name: 'a', arguments: '{}' }], () => false), new AbortController().signal);
    assert.deepEqual(events.map((e) => e.type), ['toolCallStarted', 'approvalNeeded', 'approvalResolved', 'toolCallFinished']);
  });
});
