// The panel's history actions and New task while a task runs (plain Node, a recording host over a
// real TaskStore in a temp folder): rename and delete through the validated messages, the open task
// deleted (the panel goes to a fresh task), a task deleted meanwhile, the old workspace-state list
// migrated, and the question before a running task is stopped — No changes nothing, Yes stops it,
// waits for its conversation to be saved, then opens a fresh task.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PanelState } from '../../../src/protocol/messages';
import { routeMessage, type MessageHandlers } from '../../../src/vscode/chat/messageRouter';
import { TaskHistoryFlow, type HistoryHost } from '../../../src/vscode/chat/taskHistoryFlow';
import { OLD_KEY, TaskStore } from '../../../src/vscode/chat/taskStore';

const blank = (taskId: string, store: TaskStore): PanelState => ({ taskId, title: 'New task', running: false, model: 'm', usage: { inputTokens: 0, outputTokens: 0 }, items: [], changes: [], decisions: [], ...store.listing() });

function setup(dir: string, memento?: Map<string, unknown>) {
  const store = new TaskStore(dir, memento && { get: ((k: string) => memento.get(k)) as never, update: async (k: string, v: unknown) => void (v === undefined ? memento.delete(k) : memento.set(k, v)) });
  let state = blank('t0', store);
  let fresh = 0;
  const calls: string[] = [];
  const listeners = new Set<(s: PanelState) => void>();
  const host: HistoryHost = {
    state: () => state,
    update: (mut) => {
      mut(state);
      for (const l of [...listeners]) l(state);
    },
    refuse: (m) => (calls.push(`refuse:${m}`), false),
    // Like the controller: the turn ends on a later tick, its conversation saved as it does.
    stop: () => {
      calls.push('stop');
      setImmediate(() => {
        host.update((s) => ((s.running = false), (s.changes = [])));
        store.save({ id: state.taskId, title: state.title, updated: Date.now(), items: state.items, session: undefined });
        calls.push('saved');
      });
    },
    startFresh: () => {
      if (state.running) return host.refuse('Stop the running task before starting a new one.');
      calls.push('fresh');
      state = blank(`fresh${++fresh}`, store);
      return true;
    },
    onState: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
  };
  const flow = new TaskHistoryFlow(host, () => store);
  const results: string[][] = [];
  flow.onDidPost((m) => results.push(m.ids));
  const all = new Proxy({}, { get: (_t, k: string) => (flow.handlers as Record<string, unknown>)[k] ?? (() => assert.fail(`unexpected ${k}`)) }) as MessageHandlers;
  const send = (m: unknown) => routeMessage(m, all, host.refuse);
  return { store, flow, calls, send, results, state: () => state, setState: (s: PanelState) => (state = s), listeners };
}

const item = (text: string) => ({ kind: 'user' as const, id: `u${text}`, text });

describe('task history flow', () => {
  let dir: string;
  beforeEach(() => (dir = join(mkdtempSync(join(tmpdir(), 'tandem-flow-')), 'tasks')));
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('renames a task (the open one in the header too) and refuses a blank name with a reason', async () => {
    const t = setup(dir);
    t.store.save({ id: 't0', title: 'Fix it', updated: 1, items: [item('Fix it')], session: undefined });
    t.store.save({ id: 't9', title: 'Other', updated: 2, items: [], session: undefined });
    assert.equal(await t.send({ type: 'renameTask', taskId: 't0', title: 'Login redirect' }), true);
    assert.equal(t.state().title, 'Login redirect');
    assert.deepEqual(t.state().tasks.map((x) => x.title), ['Other', 'Login redirect']);
    assert.equal(await t.send({ type: 'renameTask', taskId: 't9', title: '   ' }), false);
    assert.match(t.calls.join('\n'), /needs a name/);
    assert.equal(t.store.get('t9')?.title, 'Other');
  });

  it('refuses to rename or delete a task deleted meanwhile (another window) and refreshes the list', async () => {
    const t = setup(dir);
    t.store.save({ id: 't5', title: 'Soon gone', updated: 1, items: [], session: undefined });
    t.setState(blank('t0', t.store));
    new TaskStore(dir).delete('t5');
    assert.equal(await t.send({ type: 'renameTask', taskId: 't5', title: 'New name' }), false);
    assert.match(t.calls.at(-1) ?? '', /no longer in the history.*nothing was renamed/);
    assert.deepEqual(t.state().tasks, []);
    assert.equal(await t.send({ type: 'deleteTask', taskId: 't5' }), false);
    assert.equal(t.store.list().length, 0);
  });

  it('deleting the open task moves the panel to a fresh task; another task leaves it open', async () => {
    const t = setup(dir);
    t.store.save({ id: 't0', title: 'Open one', updated: 1, items: [item('a')], session: undefined });
    t.store.save({ id: 't7', title: 'Other', updated: 2, items: [], session: undefined });
    assert.equal(await t.send({ type: 'deleteTask', taskId: 't7' }), true);
    assert.equal(t.state().taskId, 't0');
    assert.equal(await t.send({ type: 'deleteTask', taskId: 't0' }), true);
    assert.equal(t.state().taskId, 'fresh1');
    assert.deepEqual(t.state().tasks, []);
    assert.equal(t.store.get('t0'), undefined);
  });

  it('refuses to delete the open task while it runs', async () => {
    const t = setup(dir);
    t.store.save({ id: 't0', title: 'Busy', updated: 1, items: [], session: undefined });
    t.state().running = true;
    assert.equal(await t.send({ type: 'deleteTask', taskId: 't0' }), false);
    assert.match(t.calls.at(-1) ?? '', /running: stop it before deleting it/);
    assert.equal(t.store.list().length, 1);
  });

  it('answers a search with the matching ids and the same seq', async () => {
    const t = setup(dir);
    t.store.save({ id: 'a', title: 'Parser', updated: 1, items: [item('tokenizer')], session: undefined });
    t.store.save({ id: 'b', title: 'Docs', updated: 2, items: [item('README')], session: undefined });
    assert.equal(await t.send({ type: 'searchTasks', query: 'TOKENIZER', seq: 3 }), true);
    assert.deepEqual(t.results, [['a']]);
  });

  it('a search (the view opening) reads the list again: a task saved in another window shows', async () => {
    const t = setup(dir);
    new TaskStore(dir).save({ id: 'elsewhere', title: 'From the other window', updated: 9, items: [], session: undefined });
    assert.deepEqual(t.state().tasks, []);
    assert.equal(await t.send({ type: 'searchTasks', query: '', seq: 1 }), true);
    assert.deepEqual(t.state().tasks.map((x) => x.id), ['elsewhere']);
    assert.deepEqual(t.results, [['elsewhere']]);
  });

  it('New task when idle opens a fresh task at once', () => {
    const t = setup(dir);
    assert.equal(t.flow.newTask(), true);
    assert.equal(t.state().taskId, 'fresh1');
    assert.equal(t.state().newTaskQuestion, undefined);
  });

  it('New task while a change waits asks; No changes nothing', async () => {
    const t = setup(dir);
    Object.assign(t.state(), { running: true, changes: [{ id: 'c1', path: 'a.js', kind: 'update', added: 1, removed: 0, diff: '' }] });
    assert.equal(t.flow.newTask(), true);
    assert.equal(t.state().newTaskQuestion, 'Stop the current task and start a new one? Its pending change will be rejected; nothing is written. Its conversation stays in the history.');
    assert.equal(await t.send({ type: 'answerNewTask', stop: false }), true);
    assert.deepEqual([t.state().taskId, t.state().running, t.state().changes.length, t.state().newTaskQuestion], ['t0', true, 1, undefined]);
    assert.deepEqual(t.calls, []);
    assert.equal(await t.send({ type: 'answerNewTask', stop: false }), false, 'no question waits any more');
  });

  it('New task while a change waits, Yes: stops, waits for the conversation to be saved, then opens a fresh task', async () => {
    const t = setup(dir);
    Object.assign(t.state(), { running: true, title: 'Comment the sum', items: [item('Comment the sum')], changes: [{ id: 'c1', path: 'a.js', kind: 'update', added: 1, removed: 0, diff: '' }] });
    t.flow.newTask();
    assert.equal(await t.send({ type: 'answerNewTask', stop: true }), true);
    assert.deepEqual(t.calls, ['stop', 'saved', 'fresh']);
    assert.equal(t.state().taskId, 'fresh1');
    assert.equal(t.store.get('t0')?.title, 'Comment the sum', 'the old task is in the history');
    assert.equal(t.listeners.size, 0, 'the wait left no listener behind');
  });

  it('New task asked twice while running: one question, one wait', () => {
    const t = setup(dir);
    t.state().running = true;
    t.flow.newTask();
    t.flow.newTask();
    assert.match(t.state().newTaskQuestion ?? '', /It is stopped; nothing is written/);
    assert.equal(t.listeners.size, 1);
  });

  it('the question is withdrawn once the task ends without an answer; a late Yes is refused and changes nothing', async () => {
    const t = setup(dir);
    Object.assign(t.state(), { running: true, changes: [{ id: 'c1', path: 'a.js', kind: 'update', added: 1, removed: 0, diff: '' }] });
    t.flow.newTask();
    assert.ok(t.state().newTaskQuestion);
    // The user approved the card from the diff editor instead: the turn ends.
    const state = t.state();
    state.running = false;
    state.changes = [];
    for (const l of [...t.listeners]) l(state);
    await Promise.resolve();
    assert.equal(t.state().newTaskQuestion, undefined);
    assert.equal(await t.send({ type: 'answerNewTask', stop: true }), false);
    assert.equal(t.state().taskId, 't0');
    assert.equal(t.flow.newTask(), true);
    assert.equal(t.state().taskId, 'fresh1');
  });

  it('moves the old workspace-state tasks into the history once, keeping an unreadable entry and saying so', () => {
    const memento = new Map<string, unknown>([[OLD_KEY, [{ id: 'old1', title: 'From before', updated: 5, items: [item('x')], session: { messages: [] } }, { broken: true }]]]);
    const t = setup(dir, memento);
    assert.deepEqual(t.store.list().map((x) => x.title), ['From before']);
    assert.deepEqual(memento.get(OLD_KEY), [{ broken: true }]);
    assert.match(t.store.listing().historyNotes.join('\n'), /could not be read.*left in the workspace state/);
    assert.equal(t.store.get('old1')?.items.length, 1);
  });
});
