// The panel approver in a real VS Code: each approval request adds exactly one abort listener and
// removes it when it is answered, so a Stop after an answer (or an answer after a Stop) changes
// nothing and an aborted request is answered once, with the question taken off the panel.
import { strict as assert } from 'node:assert';
import type { ApprovalDecision } from '../../../src/core/changes/approval';
import { stateWhere, tandem } from './helpers';

/** An AbortController whose signal counts the abort listeners added and removed. */
function countingAbort() {
  const ac = new AbortController();
  const counts = { added: 0, removed: 0 };
  const add = ac.signal.addEventListener.bind(ac.signal);
  const remove = ac.signal.removeEventListener.bind(ac.signal);
  ac.signal.addEventListener = ((type: string, l: EventListenerOrEventListenerObject, o?: AddEventListenerOptions | boolean) => {
    if (type === 'abort') counts.added++;
    add(type, l, o);
  }) as typeof ac.signal.addEventListener;
  ac.signal.removeEventListener = ((type: string, l: EventListenerOrEventListenerObject, o?: EventListenerOptions | boolean) => {
    if (type === 'abort') counts.removed++;
    remove(type, l, o);
  }) as typeof ac.signal.removeEventListener;
  return { ac, counts };
}

describe('panel approver: abort listeners', () => {
  beforeEach(async () => {
    await (await tandem()).chat.handle({ type: 'newTask' });
  });

  it('an answered command question leaves no abort listener behind; a later Stop changes nothing', async () => {
    const api = await tandem();
    const { ac, counts } = countingAbort();
    const answers: ApprovalDecision[] = [];
    const pending = api.chat.approver.request({ type: 'command', command: 'make', cwd: '.', toolCallId: 't1', reason: 'not on the allowlist' }, ac.signal).then((d) => (answers.push(d), d));
    const s = await stateWhere((x) => x.decisions.length === 1, 'the command question');
    assert.equal(await api.chat.handle({ type: 'decide', requestId: s.decisions[0].requestId, allow: true }), true);
    assert.deepEqual(await pending, { approved: true });
    assert.deepEqual(counts, { added: 1, removed: 1 });
    ac.abort();
    await Promise.resolve();
    assert.equal(answers.length, 1);
  });

  it('a Stop answers a pending question once, takes it off the panel, and refuses a late answer', async () => {
    const api = await tandem();
    const { ac, counts } = countingAbort();
    const pending = api.chat.approver.request({ type: 'tool', toolName: 'deploy', args: {}, toolCallId: 't2', reason: 'MCP tool' }, ac.signal);
    const requestId = (await stateWhere((x) => x.decisions.length === 1, 'the tool question')).decisions[0].requestId;
    ac.abort();
    assert.deepEqual(await pending, { approved: false, reason: 'The task was stopped.' });
    assert.deepEqual(counts, { added: 1, removed: 1 });
    assert.deepEqual(api.chat.snapshot().decisions, []);
    assert.equal(await api.chat.handle({ type: 'decide', requestId, allow: true }), false);
  });

  it('an edit decided card by card leaves no listener; a signal already aborted answers at once', async () => {
    const api = await tandem();
    const { ac, counts } = countingAbort();
    const change = (id: string) => ({ id, path: `${id}.txt`, kind: 'create' as const, newText: 'x\n', diff: '@@ -0,0 +1 @@\n+x\n', added: 1, removed: 0 });
    const pending = api.chat.approver.request({ type: 'edit', toolCallId: 't3', changes: [change('c1'), change('c2')] }, ac.signal);
    await stateWhere((x) => x.changes.length === 2, 'two change cards');
    assert.equal(await api.chat.handle({ type: 'approve', changeId: 'c1' }), true);
    assert.equal(await api.chat.handle({ type: 'reject', changeId: 'c2', reason: 'not this one' }), true);
    assert.deepEqual(await pending, { approved: false, reason: 'not this one' });
    assert.deepEqual(counts, { added: 1, removed: 1 });

    const stopped = countingAbort();
    stopped.ac.abort();
    assert.deepEqual(await api.chat.approver.request({ type: 'command', command: 'make', cwd: '.', toolCallId: 't4', reason: 'r' }, stopped.ac.signal), { approved: false, reason: 'The task was stopped.' });
    assert.equal(stopped.counts.added, 0, 'no listener on a signal that has already fired');
    assert.deepEqual(api.chat.snapshot().decisions, []);
  });
});
