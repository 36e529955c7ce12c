import { strict as assert } from 'node:assert';
import { pointBeforeTurn, rewind, RewindError } from '../../../../src/core/agent/rewind';
import { Session } from '../../../../src/core/agent/session';

function conversation(): { s: Session; beforeSecond: ReturnType<typeof pointBeforeTurn> } {
  const s = new Session();
  s.push({ role: 'user', content: 'env', kind: 'context' }, { role: 'user', content: 'first task' });
  s.push({ role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'edit_file', arguments: '{}' }, { id: 'b', name: 'run_command', arguments: '{}' }] });
  s.push({ role: 'tool', toolCallId: 'a', name: 'edit_file', content: 'ok' }, { role: 'tool', toolCallId: 'b', name: 'run_command', content: 'ok' });
  s.push({ role: 'assistant', content: 'done' });
  const beforeSecond = pointBeforeTurn(s);
  s.push({ role: 'user', content: 'second task' }, { role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'write_file', arguments: '{}' }] }, { role: 'tool', toolCallId: 'c', name: 'write_file', content: 'ok' });
  return { s, beforeSecond };
}

describe('rewinding a conversation', () => {
  it('cuts to just before a turn, so the edited message replaces it', () => {
    const { s, beforeSecond } = conversation();
    rewind(s, beforeSecond);
    assert.deepEqual(s.messages.map((m) => m.content), ['env', 'first task', '', 'ok', 'ok', 'done']);
    assert.equal(s.hasCallId('c'), false);
    assert.equal(s.hasCallId('a'), true);
  });

  it('cuts after the whole step of a tool call, never between a call and its result', () => {
    const { s } = conversation();
    rewind(s, { kind: 'afterCall', toolCallId: 'a' });
    assert.equal(s.messages.length, 5);
    assert.equal(s.messages[4].role, 'tool');
    assert.equal((s.messages[4] as { toolCallId: string }).toolCallId, 'b');
  });

  it('refuses points that a compaction removed', () => {
    const { s, beforeSecond } = conversation();
    s.replace([{ role: 'user', content: 'summary', kind: 'summary' }]);
    assert.throws(() => rewind(s, beforeSecond), RewindError);
    assert.throws(() => rewind(s, { kind: 'afterCall', toolCallId: 'a' }), /compacted/);
  });

  it('keeps the compaction count across save and load', () => {
    const { s } = conversation();
    s.replace(s.messages.slice(0, 2));
    assert.equal(Session.fromJSON(JSON.parse(JSON.stringify(s.toJSON()))).compactions, 1);
  });
});
