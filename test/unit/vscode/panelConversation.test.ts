// What Send does in the panel (plain Node, a recording host): slash commands, a new turn, a queued
// message while a turn runs (removable), the plan/act switch, ask_user questions answered once, and
// queued messages after the turn ends.
import { strict as assert } from 'node:assert';
import type { PanelState } from '../../../src/protocol/messages';
import { PanelConversation, type ConversationHost } from '../../../src/vscode/chat/panelConversation';
import type { PromptCommand } from '../../../src/core/commands/promptFiles';

function host(commands: PromptCommand[] = []) {
  const state: PanelState = { taskId: 't', title: 'T', running: false, model: 'm', usage: { inputTokens: 0, outputTokens: 0 }, items: [], changes: [], decisions: [], tasks: [], mode: 'act', queued: [], questions: [] };
  const calls: string[] = [];
  const h: ConversationHost = {
    state: () => state,
    update: (mut) => mut(state),
    refuse: (m) => (calls.push(`refuse:${m}`), false),
    run: (text, _context, display) => void calls.push(`run:${text}${display ? ` (shown: ${display})` : ''}`),
    commands: () => commands,
    newTask: () => (calls.push('new'), true),
    compact: () => void calls.push('compact'),
    init: () => void calls.push('init'),
    saveMode: (mode) => void calls.push(`save:${mode}`),
  };
  return { state, calls, c: new PanelConversation(h) };
}

const questionIds = (s: PanelState) => (s.questions ?? []).map((q) => q.requestId);

describe('panel conversation', () => {
  it('runs text, and acts on the slash commands', () => {
    const t = host();
    assert.equal(t.c.send('fix the bug'), true);
    assert.equal(t.c.send('/compact'), true);
    assert.equal(t.c.send('/init'), true);
    assert.equal(t.c.send('/new'), true);
    assert.equal(t.c.send('/plan add caching'), true);
    assert.equal(t.state.mode, 'plan');
    assert.equal(t.c.send('/act'), true);
    assert.equal(t.state.mode, 'act');
    assert.deepEqual(t.calls, ['run:fix the bug', 'compact', 'init', 'new', 'save:plan', 'run:add caching', 'save:act']);
  });

  it('runs a custom command with its arguments put in, shows what was typed, and switches to its mode', () => {
    const review: PromptCommand = { name: 'review', description: 'Review', mode: 'plan', body: 'Review @$1 for $2.', file: '/w/.tandem/commands/review.md', scope: 'workspace' };
    const t = host([review, { name: 'compact', description: 'shadowed', body: 'never', file: '/x', scope: 'user' }]);
    assert.equal(t.c.send('/Review src/a.ts bugs'), true);
    assert.equal(t.state.mode, 'plan');
    assert.equal(t.c.send('/compact'), true, 'a built-in name stays the built-in');
    assert.equal(t.c.send('/reveiw x'), false);
    t.state.running = true;
    assert.equal(t.c.send('/review a b'), false);
    assert.deepEqual(t.calls.slice(0, 3), ['save:plan', 'run:Review @src/a.ts for bugs. (shown: /Review src/a.ts bugs)', 'compact']);
    assert.match(t.calls[3], /^refuse:Unknown command \/reveiw\. Commands: .*\/review\b/);
    assert.match(t.calls[4], /^refuse:\/review waits until the task is not running/);
  });

  it('refuses an unknown command without running anything', () => {
    const t = host();
    assert.equal(t.c.send('/plna x'), false);
    assert.equal(t.calls.length, 1);
    assert.match(t.calls[0], /^refuse:Unknown command \/plna/);
  });

  it('queues text while a turn runs, lets it be removed, and refuses commands and mode switches until it ends', () => {
    const t = host();
    t.state.running = true;
    assert.equal(t.c.send('and also the docs'), true);
    assert.equal(t.c.send('and the tests'), true);
    assert.deepEqual(t.state.queued?.map((q) => q.text), ['and also the docs', 'and the tests']);
    assert.equal(t.c.unqueue(t.state.queued![0].id), true);
    assert.deepEqual(t.state.queued?.map((q) => q.text), ['and the tests']);
    assert.equal(t.c.unqueue('gone'), false);
    assert.equal(t.c.send('/compact'), false);
    // /new is the New task button: it reaches the host, which asks before stopping the task.
    assert.equal(t.c.send('/new'), true);
    assert.equal(t.calls.at(-1), 'new');
    assert.equal(t.c.setMode('plan'), false);
    assert.equal(t.state.mode, 'act');
    assert.ok(!t.calls.some((c) => c.startsWith('run:') || c === 'compact'));
  });

  it('after an answer, runs what was queued too late; after a Stop, keeps it for the next Send', () => {
    const t = host();
    t.state.running = true;
    t.c.send('late one');
    t.c.turnEnded('cancelled');
    assert.deepEqual(t.state.queued?.map((q) => q.text), ['late one']);
    t.state.running = false;
    t.c.send('next');
    assert.deepEqual(t.calls, ['run:late one\n\nnext']);
    assert.deepEqual(t.state.queued, []);
    t.state.running = true;
    t.c.send('after the answer');
    t.c.turnEnded('answer');
    assert.deepEqual(t.calls.at(-1), 'run:after the answer');
  });

  it('shows a question as a card, answers it once, and a Stop answers nothing', async () => {
    const t = host();
    const asked = t.c.ask({ toolCallId: 'c1', question: 'Tabs?', options: ['tabs', 'spaces'] }, new AbortController().signal);
    assert.deepEqual(t.state.questions?.map((q) => [q.question, q.options]), [['Tabs?', ['tabs', 'spaces']]]);
    const id = t.state.questions![0].requestId;
    assert.equal(t.c.answer(id, 'spaces'), true);
    assert.equal(await asked, 'spaces');
    assert.equal(t.c.answer(id, 'tabs'), false, 'answered once');
    assert.deepEqual(t.state.questions, []);

    const stop = new AbortController();
    const stopped = t.c.ask({ toolCallId: 'c2', question: 'Sure?' }, stop.signal);
    const id2 = questionIds(t.state)[0];
    stop.abort();
    assert.equal(await stopped, undefined);
    assert.deepEqual(t.state.questions, []);
    assert.equal(t.c.answer(id2, 'yes'), false);
  });
});
