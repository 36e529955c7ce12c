// The panel agent's lifecycle: one build for concurrent callers, rebuilds carry the conversation,
// a rebuild asked for mid-turn waits for the turn's end, a reset wins over a build in flight, and a
// failed build is not remembered.
import { strict as assert } from 'node:assert';
import { AgentLifecycle } from '../../../src/vscode/chat/agentLifecycle';

class FakeAgent {
  constructor(
    readonly n: number,
    readonly from: unknown,
  ) {}
  readonly session = { toJSON: () => ({ conversation: `of agent ${this.n}` }) };
}

function setup(result: (n: number) => 'agent' | string = () => 'agent') {
  const builds: unknown[] = [];
  let running = false;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const life = new AgentLifecycle<FakeAgent>(async (saved) => {
    builds.push(saved);
    const n = builds.length;
    if (gate) await gate;
    const r = result(n);
    if (r === 'throw') throw new Error('build failed');
    return r === 'agent' ? new FakeAgent(n, saved) : r;
  }, () => running);
  return {
    life,
    builds,
    setRunning: (v: boolean) => (running = v),
    hold: () => (gate = new Promise<void>((r) => (release = r))),
    release: () => {
      gate = undefined;
      release?.();
    },
  };
}

describe('panel agent lifecycle', () => {
  it('builds once for concurrent callers and keeps the agent', async () => {
    const t = setup();
    t.hold();
    const [a, b] = [t.life.ensure(), t.life.ensure()];
    t.release();
    assert.equal(await a, await b);
    assert.equal(await t.life.ensure(), await a);
    assert.equal(t.builds.length, 1);
  });

  it('rebuilds with the old conversation after a settings change', async () => {
    const t = setup();
    const first = (await t.life.ensure()) as FakeAgent;
    t.life.rebuild();
    assert.equal(t.life.current, undefined);
    const second = (await t.life.ensure()) as FakeAgent;
    assert.notEqual(second, first);
    assert.deepEqual(second.from, { conversation: 'of agent 1' });
  });

  it('waits for the turn to end before rebuilding', async () => {
    const t = setup();
    const first = await t.life.ensure();
    t.setRunning(true);
    t.life.rebuild();
    assert.equal(t.life.current, first, 'the running turn keeps its agent');
    t.setRunning(false);
    t.life.turnEnded();
    assert.equal(t.life.current, undefined);
    const second = (await t.life.ensure()) as FakeAgent;
    assert.deepEqual(second.from, { conversation: 'of agent 1' });
    t.life.turnEnded();
    assert.equal(t.life.current, second, 'a turn end without a pending rebuild keeps the agent');
  });

  it('does nothing on a rebuild before any agent exists', async () => {
    const t = setup();
    t.life.reset({ conversation: 'stored task' });
    t.life.rebuild();
    const a = (await t.life.ensure()) as FakeAgent;
    assert.deepEqual(a.from, { conversation: 'stored task' });
  });

  it('starts a new task fresh and an opened task from its stored conversation', async () => {
    const t = setup();
    await t.life.ensure();
    t.life.reset();
    assert.equal(((await t.life.ensure()) as FakeAgent).from, undefined);
    t.life.reset({ conversation: 'stored' });
    assert.deepEqual(t.life.sessionJson(), { conversation: 'stored' }, 'the stored conversation is kept before the agent is built');
    assert.deepEqual(((await t.life.ensure()) as FakeAgent).from, { conversation: 'stored' });
  });

  it('does not install an agent whose build a reset overtook', async () => {
    const t = setup();
    t.hold();
    const stale = t.life.ensure();
    t.life.reset({ conversation: 'opened task' });
    t.release();
    await stale;
    assert.equal(t.life.current, undefined);
    assert.deepEqual(((await t.life.ensure()) as FakeAgent).from, { conversation: 'opened task' });
  });

  it('does not remember a failed build: the next call tries again with the same conversation', async () => {
    const t = setup((n) => (n === 1 ? 'Open a folder first.' : n === 2 ? 'throw' : 'agent'));
    t.life.reset({ conversation: 'stored' });
    assert.equal(await t.life.ensure(), 'Open a folder first.');
    await assert.rejects(t.life.ensure(), /build failed/);
    const a = (await t.life.ensure()) as FakeAgent;
    assert.deepEqual(t.builds, [{ conversation: 'stored' }, { conversation: 'stored' }, { conversation: 'stored' }]);
    assert.equal(a.n, 3);
  });
});
