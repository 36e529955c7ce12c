// The panel's message router: every message type reaches its own handler with the validated
// message; anything malformed is refused before any handler runs; a handler that throws is refused
// with its reason instead of becoming an unhandled rejection.
import { strict as assert } from 'node:assert';
import { NOT_UNDERSTOOD, routeMessage, type MessageHandlers } from '../../../src/vscode/chat/messageRouter';
import type { ToExtension } from '../../../src/protocol/messages';

function recording(): { handlers: MessageHandlers; calls: ToExtension[] } {
  const calls: ToExtension[] = [];
  const handlers = new Proxy({} as MessageHandlers, {
    get: () => (m: ToExtension) => {
      calls.push(m);
      return true;
    },
  });
  return { handlers, calls };
}

describe('panel message router', () => {
  const refusals: string[] = [];
  const refuse = (m: string): false => {
    refusals.push(m);
    return false;
  };
  beforeEach(() => (refusals.length = 0));

  const valid: ToExtension[] = [
    { type: 'ready' },
    { type: 'send', text: 'hello' },
    { type: 'stop' },
    { type: 'newTask' },
    { type: 'openTask', taskId: 't1' },
    { type: 'approve', changeId: 'c1' },
    { type: 'reject', changeId: 'c1', reason: 'no' },
    { type: 'approveAll' },
    { type: 'rejectAll' },
    { type: 'viewDiff', changeId: 'c1' },
    { type: 'decideHunk', changeId: 'c1', index: 0, approve: false },
    { type: 'decide', requestId: 'q1', allow: true, remember: true },
    { type: 'insertCode', code: 'x' },
    { type: 'copyCode', code: 'x' },
    { type: 'restoreCheckpoint', itemId: 'u1' },
    { type: 'editMessage', itemId: 'u1', text: 'again' },
    { type: 'retry' },
  ];
  for (const m of valid) {
    it(`routes ${m.type} to its handler with the message`, async () => {
      const r = recording();
      assert.equal(await routeMessage(m, r.handlers, refuse), true);
      assert.deepEqual(r.calls, [m]);
      assert.deepEqual(refusals, []);
    });
  }

  const invalid: Array<[string, unknown]> = [
    ['an unknown type', { type: 'deleteEverything' }],
    ['no type', { text: 'hi' }],
    ['an empty message to send', { type: 'send', text: '' }],
    ['a number for text', { type: 'send', text: 42 }],
    ['a negative hunk index', { type: 'decideHunk', changeId: 'c', index: -1, approve: true }],
    ['a string', 'send'],
    ['null', null],
    ['a prototype key as type', { type: '__proto__' }],
    ['toString as type', { type: 'toString' }],
  ];
  for (const [what, raw] of invalid) {
    it(`refuses ${what} before any handler runs`, async () => {
      const r = recording();
      assert.equal(await routeMessage(raw, r.handlers, refuse), false);
      assert.deepEqual(r.calls, []);
      assert.deepEqual(refusals, [NOT_UNDERSTOOD]);
    });
  }

  it('passes on a handler refusing, and awaits async handlers', async () => {
    const handlers = { stop: () => refuse('not running'), copyCode: async () => true } as unknown as MessageHandlers;
    assert.equal(await routeMessage({ type: 'stop' }, handlers, refuse), false);
    assert.equal(await routeMessage({ type: 'copyCode', code: 'x' }, handlers, refuse), true);
    assert.deepEqual(refusals, ['not running']);
  });

  it('turns a handler that throws or rejects into a refusal, not an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const handlers = { stop: () => { throw new Error('boom'); }, copyCode: async () => { throw new Error('clipboard gone'); } } as unknown as MessageHandlers;
      assert.equal(await routeMessage({ type: 'stop' }, handlers, refuse), false);
      assert.equal(await routeMessage({ type: 'copyCode', code: 'x' }, handlers, refuse), false);
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(refusals, ['Tandem could not do that: boom', 'Tandem could not do that: clipboard gone']);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
