// The error bubble, through the panel reducer: retries update one bubble in place (never a stack of
// notices), the final error turns it into the failure, an answer after a retry removes it, other
// errors stay notices; and what Retry sends again (the message once, or "continue" midway).
import { strict as assert } from 'node:assert';
import type { AgentEvent } from '../../../src/core/agent/events';
import { taskForMode } from '../../../src/core/agent/modes';
import { Session } from '../../../src/core/agent/session';
import type { PanelState } from '../../../src/protocol/messages';
import { applyAgentEvent } from '../../../src/vscode/chat/panelReducer';
import { CONTINUE_AFTER_ERROR, retryPlan } from '../../../src/vscode/chat/retryFailed';
import { onConnected } from '../../../src/vscode/chat/serverErrorBubble';

const fresh = (): PanelState => ({ taskId: 't', title: 'x', running: true, model: 'm', usage: { inputTokens: 0, outputTokens: 0 }, items: [{ kind: 'user', id: 'u1', text: 'Say hi' }], changes: [], decisions: [], tasks: [] });
const apply = (s: PanelState, ...events: AgentEvent[]) => events.forEach((e) => applyAgentEvent(s, e, { rewindPoint: () => [0, 0] }));
const retry = (attempt: number, delayMs: number): AgentEvent => ({ type: 'retry', attempt, delayMs, message: 'The model server at http://x/v1 failed (HTTP 503). Tandem will back off and retry.' });

describe('server error bubble', () => {
  const failedWith = (kind: string) => {
    const s = fresh();
    apply(s, { type: 'step', step: 1 }, { type: 'error', message: 'Cannot reach the model server at http://localhost:11434/v1. Is it running?', kind: kind as 'unreachable', attempts: 4 }, { type: 'done', reason: 'error', steps: 1 });
    return s;
  };
  const server = { baseUrl: 'http://127.0.0.1:8080/v1', chatModel: 'chat-7b', models: ['chat-7b', 'coder-1b'] };

  it('turns a connection failure into "connected" with Retry once the server answers with the chat model, in place', () => {
    for (const kind of ['unreachable', 'timeout', 'auth', 'notFound']) {
      const s = failedWith(kind);
      const id = s.items[1].id;
      assert.equal(onConnected(s, server), true, kind);
      assert.deepEqual(s.items[1], { kind: 'serverError', id, state: 'connected', message: 'Connected to http://127.0.0.1:8080/v1 (model chat-7b). Retry sends your message again.', attempt: 4 });
      assert.equal(retryPlan(s, undefined)?.text, 'Say hi', 'Retry still sends the message');
      // A later check (another model picked) updates it again.
      assert.equal(onConnected(s, { ...server, chatModel: 'coder-1b' }), true);
      assert.match((s.items[1] as { message: string }).message, /model coder-1b/);
    }
  });

  it('leaves the bubble when the server lacks the chat model, when the failure was not the connection, or when it is not the last item', () => {
    const missing = failedWith('unreachable');
    assert.equal(onConnected(missing, { ...server, chatModel: 'old-model' }), false);
    assert.ok(missing.items[1].kind === 'serverError' && missing.items[1].state === 'failed');
    // A server that lists no models at all cannot say the model is missing.
    assert.equal(onConnected(failedWith('unreachable'), { ...server, chatModel: 'old-model', models: [] }), true);
    for (const kind of ['server', 'rateLimited', 'contextTooLong', 'badRequest']) assert.equal(onConnected(failedWith(kind), server), false, kind);
    const later = failedWith('unreachable');
    later.items.push({ kind: 'user', id: 'u2', text: 'Another' });
    assert.equal(onConnected(later, server), false);
    assert.equal(onConnected(fresh(), server), false);
  });

  it('keeps one bubble through the retries, counting to the next attempt, then shows the failure', () => {
    const s = fresh();
    const before = Date.now();
    apply(s, { type: 'step', step: 1 }, retry(2, 0), retry(3, 1000), retry(4, 2000));
    const bubbles = s.items.filter((i) => i.kind === 'serverError');
    assert.equal(bubbles.length, 1);
    assert.equal(s.items.length, 2);
    const b = bubbles[0];
    assert.ok(b.kind === 'serverError' && b.state === 'retrying' && b.attempt === 4);
    assert.ok(b.kind === 'serverError' && b.retryAt !== undefined && b.retryAt >= before + 2000);
    apply(s, { type: 'error', message: 'The model server kept failing (HTTP 503). Tandem gave up after 4 attempts over 3 s.', kind: 'server', status: 503, attempts: 4, detail: 'overloaded' }, { type: 'done', reason: 'error', steps: 1 });
    assert.equal(s.items.length, 2, 'the failure replaced the bubble');
    const f = s.items[1];
    assert.ok(f.kind === 'serverError' && f.state === 'failed' && f.id === b.id && f.errorKind === 'server' && f.detail === 'overloaded' && f.attempt === 4);
    assert.ok(!s.items.some((i) => i.kind === 'notice'), 'no stacked notices');
  });

  it('removes the bubble once the model answers after a retry', () => {
    const s = fresh();
    apply(s, retry(2, 500), { type: 'text', delta: 'Hi' });
    assert.deepEqual(s.items.map((i) => i.kind), ['user', 'assistant']);
  });

  it('shows a server failure without retries (a refused key) as a failed bubble, other errors as notices', () => {
    const s = fresh();
    apply(s, { type: 'error', message: 'The model server refused the API key (HTTP 401).', kind: 'auth', status: 401 });
    assert.ok(s.items[1].kind === 'serverError' && s.items[1].state === 'failed' && s.items[1].errorKind === 'auth');
    const t = fresh();
    apply(t, { type: 'error', message: 'Stopped after 50 steps', kind: 'stepLimit' }, { type: 'error', message: 'The workspace folder is gone.' });
    assert.deepEqual(t.items.map((i) => i.kind), ['user', 'notice', 'notice']);
  });

  describe('what Retry sends', () => {
    it('the failed message once, with the conversation cut back to before it', () => {
      const s = fresh();
      apply(s, { type: 'error', message: 'down', kind: 'unreachable' });
      const session = new Session();
      session.push({ role: 'user', content: 'env' }, { role: 'user', content: 'Say hi' });
      assert.deepEqual(retryPlan(s, session), { text: 'Say hi', keepItems: 0, keepMessages: 1, resend: { input: { content: 'Say hi' }, attached: [] } });
      assert.deepEqual(retryPlan(s, undefined), { text: 'Say hi', keepItems: 0 });
    });
    it('the failed message as the model was sent it: attachments and images, not gathered again', () => {
      const s = fresh();
      s.items[0] = { kind: 'user', id: 'u1', text: 'Fix @src/a.ts', attached: ['src/a.ts'] };
      apply(s, { type: 'error', message: 'down', kind: 'unreachable' });
      const session = new Session();
      const images = [{ mime: 'image/png' as const, data: 'iVBORw0KGgo=' }];
      session.push({ role: 'user', content: 'env', kind: 'context' }, { role: 'user', content: 'Fix @src/a.ts\n\n<attachment path="src/a.ts">x</attachment>', images });
      assert.deepEqual(retryPlan(s, session), {
        text: 'Fix @src/a.ts',
        keepItems: 0,
        keepMessages: 1,
        resend: { input: { content: 'Fix @src/a.ts\n\n<attachment path="src/a.ts">x</attachment>', images }, attached: ['src/a.ts'] },
      });
    });
    it('in plan mode, without the mode note the turn adds again', () => {
      const s = fresh();
      apply(s, { type: 'error', message: 'down', kind: 'unreachable' });
      const session = new Session();
      session.push({ role: 'user', content: taskForMode('Say hi', 'plan') });
      assert.deepEqual(retryPlan(s, session)?.resend?.input, { content: 'Say hi' });
    });
    it("a refactor command's prompt, with its readable text kept for the panel", () => {
      const s = fresh();
      s.items[0] = { kind: 'user', id: 'u1', text: 'Explain lines 5–7 of a.ts', prompt: 'Explain this code:\n```ts\nx\n```' };
      apply(s, { type: 'error', message: 'down', kind: 'unreachable' });
      const session = new Session();
      session.push({ role: 'user', content: 'Explain this code:\n```ts\nx\n```' });
      const plan = retryPlan(s, session);
      assert.equal(plan?.text, 'Explain this code:\n```ts\nx\n```');
      assert.equal(plan?.display, 'Explain lines 5–7 of a.ts');
      assert.equal(plan?.keepMessages, 0);
    });
    it('"continue" when the turn failed after steps were done', () => {
      const s = fresh();
      s.items.push({ kind: 'tool', id: 'c1', name: 'read_file', summary: 'a', state: 'done', output: '' });
      apply(s, { type: 'error', message: 'down', kind: 'unreachable' });
      const session = new Session();
      session.push({ role: 'user', content: 'Say hi' }, { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{}' }] }, { role: 'tool', toolCallId: 'c1', name: 'read_file', content: 'x' });
      assert.deepEqual(retryPlan(s, session), { text: CONTINUE_AFTER_ERROR, keepItems: 2 });
    });
    it('nothing when the last turn did not fail on the server', () => {
      const s = fresh();
      apply(s, { type: 'text', delta: 'Hi' });
      assert.equal(retryPlan(s, new Session()), undefined);
    });
  });
});
