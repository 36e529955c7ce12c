// The panel reducer for a conversation the user controls: the live plan, a delivered queued
// message as a user message, the context meter and the task's cost from tandem.chat.pricing.
import { strict as assert } from 'node:assert';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { PanelState } from '../../../src/protocol/messages';
import { applyAgentEvent, type ReducerContext } from '../../../src/vscode/chat/panelReducer';

const fresh = (): PanelState => ({ taskId: 't', title: 'T', running: true, model: 'm', usage: { inputTokens: 0, outputTokens: 0 }, items: [], changes: [], decisions: [], tasks: [] });
const usage = (inputTokens: number, outputTokens: number, cachedTokens?: number): AgentEvent => ({ type: 'usage', inputTokens, outputTokens, ...(cachedTokens ? { cachedTokens } : {}), totalInputTokens: 0, totalOutputTokens: 0 });

describe('panel reducer: conversation state', () => {
  it('shows the latest plan, replacing the earlier one', () => {
    const s = fresh();
    const ctx: ReducerContext = { rewindPoint: () => [0, 0] };
    applyAgentEvent(s, { type: 'plan', steps: [{ step: 'a', status: 'in_progress' }] }, ctx);
    applyAgentEvent(s, { type: 'plan', steps: [{ step: 'a', status: 'done' }, { step: 'b', status: 'pending' }], explanation: 'added b' }, ctx);
    assert.deepEqual(s.plan, { steps: [{ step: 'a', status: 'done' }, { step: 'b', status: 'pending' }], explanation: 'added b' });
  });

  it('adds a delivered queued message to the log as the user\'s, after the step it followed', () => {
    const s = fresh();
    const ctx: ReducerContext = { rewindPoint: () => [0, 0] };
    applyAgentEvent(s, { type: 'text', delta: 'Reading…' }, ctx);
    applyAgentEvent(s, { type: 'userMessage', id: 'q1', text: 'also the README' }, ctx);
    applyAgentEvent(s, { type: 'text', delta: 'Sure.' }, ctx);
    assert.deepEqual(s.items.map((i) => [i.kind, i.kind === 'user' ? i.text : i.kind === 'assistant' ? i.markdown : '']), [['assistant', 'Reading…'], ['user', 'also the README'], ['assistant', 'Sure.']]);
  });

  it('meters the last request against the window, and compaction lowers it', () => {
    const s = fresh();
    const ctx: ReducerContext = { rewindPoint: () => [0, 0], window: 32_000 };
    applyAgentEvent(s, usage(10_000, 500), ctx);
    applyAgentEvent(s, usage(12_000, 300), ctx);
    assert.deepEqual(s.context, { used: 12_300, window: 32_000 });
    applyAgentEvent(s, { type: 'compaction', reason: 'manual', tokensBefore: 12_300, tokensAfter: 2_000, summarisedMessages: 8 }, ctx);
    assert.deepEqual(s.context, { used: 2_000, window: 32_000 });
  });

  it('keeps the meter in the server\'s count after compaction: a small measured figure shrinks, never jumps to the estimate', () => {
    const s = fresh();
    const ctx: ReducerContext = { rewindPoint: () => [0, 0], window: 33_000 };
    applyAgentEvent(s, usage(100, 20), ctx);
    applyAgentEvent(s, { type: 'compaction', reason: 'manual', tokensBefore: 4_000, tokensAfter: 3_100, summarisedMessages: 2, keptMessages: 1 }, ctx);
    assert.deepEqual(s.context, { used: 93, window: 33_000 });
  });

  it('marks a step waiting for approval, and names the command the user edited once allowed', () => {
    const s = fresh();
    const ctx: ReducerContext = { rewindPoint: () => [0, 0] };
    applyAgentEvent(s, { type: 'toolCallStarted', id: 'c1', name: 'run_command', arguments: JSON.stringify({ command: 'npm test' }) }, ctx);
    applyAgentEvent(s, { type: 'approvalNeeded', request: { type: 'command', command: 'npm test', cwd: '.', toolCallId: 'c1', reason: 'asks' } }, ctx);
    const step = () => s.items[0] as Extract<(typeof s.items)[number], { kind: 'tool' }>;
    assert.equal(step().waiting, true);
    applyAgentEvent(s, { type: 'approvalResolved', toolCallId: 'c1', approved: true, command: 'npm test -- --grep add' }, ctx);
    assert.equal(step().waiting, undefined);
    assert.equal(step().summary, 'npm test -- --grep add');
    assert.equal(step().edited, true);
  });

  it('adds up the cost of every call where the model has a price, and shows none without one', () => {
    const priced = fresh();
    const ctx: ReducerContext = { rewindPoint: () => [0, 0], price: { input: 2, output: 8, cachedInput: 0.5 } };
    applyAgentEvent(priced, usage(100_000, 1_000), ctx); // 0.2 + 0.008
    applyAgentEvent(priced, usage(100_000, 1_000, 80_000), ctx); // 0.04 + 0.04 + 0.008
    assert.ok(Math.abs((priced.cost ?? 0) - 0.296) < 1e-12, String(priced.cost));
    const unpriced = fresh();
    applyAgentEvent(unpriced, usage(100_000, 1_000), { rewindPoint: () => [0, 0] });
    assert.equal(unpriced.cost, undefined);
    assert.equal(unpriced.context, undefined);
  });
});
