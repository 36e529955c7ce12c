// The panel's side of lazy checkpoints: the turn-start checkpoint, which comes only once something
// may change a file (possibly after queued messages), belongs to the message the turn started with
// and carries where the conversation stood then; a turn that took none is marked unchanged (unless
// one failed or checkpoints are off); going back to an unchanged message restores the next later
// checkpoint, or none when nothing changed since, and is refused past a message of unknown state.
import { strict as assert } from 'node:assert';
import type { AgentEvent } from '../../../src/core/agent/events';
import type { ChatItem, PanelState } from '../../../src/protocol/messages';
import { applyAgentEvent, endTurn, type ReducerContext } from '../../../src/vscode/chat/panelReducer';
import { NO_CHECKPOINT, rewindTarget } from '../../../src/vscode/chat/rewindTarget';

const fresh = (): PanelState => ({ taskId: 't', title: 'T', running: true, model: 'm', usage: { inputTokens: 0, outputTokens: 0 }, items: [], changes: [], decisions: [], tasks: [] });

/** A panel and a conversation whose length the test moves on as the agent would. */
function panel() {
  const s = fresh();
  let messages = 0;
  const ctx: ReducerContext = { rewindPoint: () => [messages, 0] };
  const user = (id: string) => s.items.push({ kind: 'user', id, text: id });
  const ev = (e: AgentEvent) => applyAgentEvent(s, e, ctx);
  const grow = (n: number) => (messages += n);
  const item = (id: string) => s.items.find((i) => i.id === id) as Extract<ChatItem, { kind: 'user' }>;
  return { s, ctx, user, ev, grow, item };
}

describe('panel: lazy checkpoints', () => {
  it('a turn-start checkpoint taken late (after a queued message) goes to the turn\'s own message, with the point before the turn', () => {
    const p = panel();
    p.grow(2);
    p.user('u1');
    p.ev({ type: 'turnStarted', turn: 1, task: 'u1' });
    p.grow(3); // the user message, an assistant step with a read, its result
    p.ev({ type: 'userMessage', id: 'q1', text: 'also this' });
    p.grow(1);
    p.ev({ type: 'toolCallStarted', id: 'e1', name: 'edit_file', arguments: '{}' });
    p.ev({ type: 'checkpoint', reason: 'turn start', id: 'cp0', files: 3 });
    p.ev({ type: 'checkpoint', reason: 'after edit_file', id: 'cp1', files: 1, toolCallId: 'e1', step: 2 });
    endTurn(p.s, p.ctx, true);
    assert.equal(p.item('u1').checkpointId, 'cp0');
    assert.deepEqual(p.item('u1').rewind, [2, 0]);
    assert.equal(p.item('u1').unchanged, undefined);
    assert.equal(p.item('q1').checkpointId, undefined);
    assert.equal((p.s.items.find((i) => i.id === 'e1') as { checkpointId?: string }).checkpointId, 'cp1');
  });

  it('a turn that took no checkpoint is marked unchanged with its rewind point; not when one failed, nor with checkpoints off', () => {
    const p = panel();
    p.user('u1');
    p.ev({ type: 'turnStarted', turn: 1, task: 'u1' });
    p.grow(2);
    endTurn(p.s, p.ctx, true);
    assert.equal(p.item('u1').unchanged, true);
    assert.deepEqual(p.item('u1').rewind, [0, 0]);

    p.user('u2');
    p.ev({ type: 'turnStarted', turn: 2, task: 'u2' });
    p.ev({ type: 'checkpoint', reason: 'turn start', error: 'No checkpoint could be taken: disk full' });
    endTurn(p.s, p.ctx, true);
    assert.equal(p.item('u2').unchanged, undefined);
    assert.equal(p.item('u2').checkpointId, undefined);

    p.user('u3');
    p.ev({ type: 'turnStarted', turn: 3, task: 'u3' });
    endTurn(p.s, p.ctx, false);
    assert.equal(p.item('u3').unchanged, undefined);
  });

  it('going back to an unchanged message restores the next later checkpoint, none when nothing changed since, and refuses past an unknown state', () => {
    const u = (id: string, more: Partial<Extract<ChatItem, { kind: 'user' }>> = {}): ChatItem => ({ kind: 'user', id, text: id, ...more });
    const answer = (id: string): ChatItem => ({ kind: 'assistant', id, markdown: 'ok' });
    const step = (id: string, checkpointId?: string): ChatItem => ({ kind: 'tool', id, name: 'edit_file', summary: '', state: 'done', output: '', ...(checkpointId ? { checkpointId } : {}) });
    const items = [u('a', { unchanged: true }), answer('x'), u('b', { unchanged: true }), u('c', { checkpointId: 'cpC' }), step('s', 'cpS'), u('d', { unchanged: true })];
    assert.deepEqual(rewindTarget(items, 0), { checkpointId: 'cpC' });
    assert.deepEqual(rewindTarget(items, 2), { checkpointId: 'cpC' });
    assert.deepEqual(rewindTarget(items, 3), { checkpointId: 'cpC' });
    assert.deepEqual(rewindTarget(items, 4), { checkpointId: 'cpS' });
    assert.deepEqual(rewindTarget(items, 5), {}, 'nothing changed since: only the conversation is cut');
    assert.deepEqual(rewindTarget(items, 1), { refused: NO_CHECKPOINT });
    // A message in between that took none and is not known unchanged (checkpoints off, a failure, best of k).
    const unknown = [u('a', { unchanged: true }), u('b'), u('c', { checkpointId: 'cpC' })];
    assert.match((rewindTarget(unknown, 0) as { refused: string }).refused, /later message took no checkpoint/);
    assert.deepEqual(rewindTarget(unknown, 1), { refused: NO_CHECKPOINT });
    assert.deepEqual(rewindTarget([step('s')], 0), { refused: NO_CHECKPOINT });
  });
});
